import { parseImageRef, type ImageRef } from '../../dockerfile/image-ref.js';
import { fromRef, imageStages } from '../../dockerfile/stages.js';
import { globMatcher } from '../../paths.js';
import { mountFromRefs } from '../../dockerfile/mounts.js';
import { defineRule } from '../../rule.js';
import type { Span } from '../../types.js';
import { code } from '../../quote.js';

/** A reference that can only be an image: it has a registry, a path, a tag or a digest. */
const IMAGE_LIKE = /[/:.@]/;

/** The names Docker Hub goes by: an image without a registry comes from any of them. */
const DOCKER_HUB = ['docker.io', 'index.docker.io', 'registry-1.docker.io', 'hub.docker.com'];

/** The registry of an image (`docker.io` when none is written) and its full repository path. */
function locate(ref: ImageRef): { registries: string[]; repository: string } {
  const registry = (ref.registry ?? 'docker.io').toLowerCase();
  const hub = DOCKER_HUB.includes(registry);
  // official images live under `library/` on Docker Hub
  const name = hub && !ref.name.includes('/') ? `library/${ref.name}` : ref.name;
  return {
    registries: hub ? DOCKER_HUB : [registry],
    repository: `${hub ? 'docker.io' : registry}/${name.toLowerCase()}`,
  };
}

/**
 * An allowed-registry entry: a registry host (`ghcr.io`), a host glob (`*.corp.example`, `*`), or a registry
 * path (`ghcr.io/acme`, `docker.io/library`) that allows the repositories under it.
 */
function allows(pattern: string, ref: ImageRef): boolean {
  const p = pattern
    .trim()
    .toLowerCase()
    .replace(/(?<!\/)\/+$/, '');
  if (p === '') return false;
  const { registries, repository } = locate(ref);
  if (!p.includes('/')) {
    const match = globMatcher(p);
    return registries.some((r) => r === p || match(r));
  }
  const path = DOCKER_HUB.some((h) => p.startsWith(`${h}/`)) ? `docker.io${p.slice(p.indexOf('/'))}` : p;
  return repository === path || repository.startsWith(`${path}/`) || globMatcher(path)(repository);
}

/** Base images and images copied or mounted from must come from the registries the team allows. */
export default defineRule({
  id: 'trusted-registries',
  aliases: ['DL3026'],
  kind: 'dockerfile',
  severity: 'off',
  whenConfigured: 'error',
  fixable: false,
  summary: 'Image from a registry that is not in the allowed list',
  why: 'An image from an unvetted registry is code the build runs or ships without review; allowing only known registries keeps the supply chain to sources the team controls and scans.',
  schema: {
    registries: {
      type: 'array',
      items: { type: 'string' },
      default: [],
      description:
        'The allowed registries: hosts (`ghcr.io`), host globs (`*.corp.example`) and registry paths (`ghcr.io/acme`); empty allows all.',
    },
  },
  check({ model, options, report }) {
    const allowed = Array.isArray(options.registries)
      ? options.registries.filter((r): r is string => typeof r === 'string' && r.trim() !== '')
      : [];
    // like hadolint, an empty list allows everything
    if (allowed.length === 0) return;
    const list = allowed.map((r) => code(r)).join(', ');
    const judge = (subject: string, ref: ImageRef, at: Span): void => {
      if (ref.dynamic || ref.name === '' || allowed.some((p) => allows(p, ref))) return;
      report({
        at,
        message: `${subject} comes from ${code(ref.registry ?? 'docker.io')}, which is not an allowed registry (${list}).`,
      });
    };

    for (const stage of imageStages(model)) {
      const ref = stage.resolvedImage;
      const subject = stage.image.dynamic
        ? `The base image ${code(stage.image.raw)} (${code(ref.raw)} with the default build args)`
        : `The base image ${code(ref.raw)}`;
      judge(subject, ref, stage.imageSpan);
    }

    for (const ins of model.each('COPY')) {
      const flag = ins.flag('from');
      if (!flag?.value || !flag.valueSpan) continue;
      const target = fromRef(model, ins, flag.value);
      // ONBUILD COPY names stages of the image built FROM this one: only an image reference is judged there
      if (target.kind !== 'image' || (ins.onbuild && !IMAGE_LIKE.test(target.value))) continue;
      judge(
        `The image ${code(target.value)} of \`COPY --from\``,
        parseImageRef(target.value),
        flag.valueSpan,
      );
    }

    for (const ins of model.each('RUN')) {
      for (const field of mountFromRefs(ins)) {
        const target = fromRef(model, ins, field.value);
        if (target.kind !== 'image' || (ins.onbuild && !IMAGE_LIKE.test(target.value))) continue;
        judge(`The image ${code(target.value)} of \`RUN --mount\``, parseImageRef(target.value), field.span);
      }
    }
  },
});
