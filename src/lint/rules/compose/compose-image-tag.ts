import { isInterpolated } from '../../compose/model.js';
import { servicePath } from '../../compose/util.js';
import { parseImageRef } from '../../dockerfile/image-ref.js';
import { composeProject, extendsKeySpan, inheritedFromOtherFile } from '../../compose/project.js';
import { eachService } from '../../compose/services.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/**
 * Tags that name a channel, not a release: each moves with the publisher's pushes like `latest` does (dclint's
 * `prohibitedTags`, which the option of the same name replaces).
 */
const FLOATING_TAGS = [
  'latest',
  'stable',
  'edge',
  'test',
  'nightly',
  'dev',
  'beta',
  'canary',
  'preview',
  'unstable',
];

/** `image: postgres`, `image: postgres:latest` or `:stable`: whatever was pushed last, not a version. */
export default defineRule({
  id: 'compose-image-tag',
  // hadolint's DL3006/DL3007 check the same thing in Dockerfiles; they are not aliases here, so that a
  // `.hadolint.yaml` ignoring them does not switch off this Compose check too
  aliases: ['service-image-require-explicit-tag'],
  kind: 'compose',
  severity: 'warning',
  fixable: false,
  summary:
    'Service image without a tag, or with `latest` or another floating tag (`stable`, `edge`, `nightly`…)',
  why: 'An untagged or `latest` image is whatever the publisher pushed last: the next `docker compose pull` can bring a new major version and break the stack; pin a release tag (and ideally a digest).',
  schema: {
    prohibitedTags: {
      type: 'array',
      items: { type: 'string' },
      default: FLOATING_TAGS,
      description:
        "Tags that float like `latest` (dclint's option): `stable`, `edge`, `test`, `nightly`, `dev`, `beta`, `canary`… by default.",
    },
  },
  messages: {
    noTag:
      'Service {{service}} {{runs}} without a tag, which means `latest`: pin a release such as {{example}}.',
    floatingTag:
      'Service {{service}} {{runs}}, and {{tag}} is a channel that moves with every push, not a release: pin one such as {{example}}.',
  },
  check({ model, related, report, options }) {
    const floating = new Set(
      (Array.isArray(options.prohibitedTags) ? options.prohibitedTags : FLOATING_TAGS)
        .filter((t): t is string => typeof t === 'string')
        .map((t) => t.toLowerCase()),
    );
    const project = composeProject(model, related);
    eachService(model, report, (service, report) => {
      const resolved = project.of(service);
      // an image inherited from a base in another file is what runs: reported at `extends`
      const base = inheritedFromOtherFile(resolved, 'image');
      const data = base ? resolved.data : service.data;
      const image = data.image;
      // with `build:`, `image:` names the image Compose builds and tags, not one it pulls
      if (typeof image !== 'string' || 'build' in data || isInterpolated(image)) return;
      const ref = parseImageRef(image);
      if (ref.digest !== null || !ref.name) return;
      const at = base ? extendsKeySpan(model, service) : model.spanAt(servicePath(service, 'image'));
      if (!at) return;
      const repo = ref.registry ? `${ref.registry}/${ref.name}` : ref.name;
      const runs = base
        ? `runs ${code(image)} (inherited through \`extends\` from ${code(base.service)} in ${code(base.path)})`
        : `runs ${code(image)}`;
      if (ref.tag === null) {
        report({
          at,
          messageId: 'noTag',
          data: { service: code(service.name), runs, example: code(`${repo}:<version>`) },
        });
      } else if (floating.has(ref.tag.toLowerCase())) {
        report({
          at,
          messageId: 'floatingTag',
          data: { service: code(service.name), runs, tag: code(ref.tag), example: code(`${repo}:<version>`) },
        });
      }
    });
  },
});
