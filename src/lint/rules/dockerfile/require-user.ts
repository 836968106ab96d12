import { defineRule } from '../../rule.js';
import { type ImageRef } from '../../dockerfile/image-ref.js';
import { imageChain } from '../../dockerfile/stages.js';
import type { Instruction } from '../../dockerfile/model.js';
import { code } from '../../quote.js';

const DEFAULT_NON_ROOT_BASES = [
  '*:nonroot',
  '*:nonroot-*',
  '*:debug-nonroot',
  '*:debug-nonroot-*',
  'cgr.dev/chainguard/*',
];

/** `*` matches any run of characters (slashes included); the whole reference must match. */
function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'i');
}

/** The reference as matched against `nonRootBases`: `[registry/]name[:tag]`, without the digest. */
function refText(ref: ImageRef): string {
  return `${ref.registry ? `${ref.registry}/` : ''}${ref.name}${ref.tag ? `:${ref.tag}` : ''}`;
}

/** Tools that start the command as another user: `ENTRYPOINT ["gosu", "app", "server"]`. */
const PRIVILEGE_DROPPERS = new Set(['gosu', 'su-exec']);

function dropsPrivileges(ins: Instruction): boolean {
  const first = ins.json ? ins.json[0]?.value : ins.args[0]?.value;
  if (!first) return false;
  return PRIVILEGE_DROPPERS.has(first.slice(first.lastIndexOf('/') + 1));
}

/** The final image never leaves the root user it starts with. */
export default defineRule({
  id: 'require-user',
  aliases: ['CKV_DOCKER_3'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: false,
  summary: 'The final stage never switches to a non-root `USER`',
  why: 'Without a `USER`, the container runs as root (the default of almost every base image), so a bug in the application or a container escape starts with root privileges.',
  schema: {
    nonRootBases: {
      type: 'array',
      items: { type: 'string' },
      default: DEFAULT_NON_ROOT_BASES,
      description:
        'Base images that already run as a non-root user: patterns matched against `[registry/]name[:tag]`, `*` matching any run of characters.',
    },
  },
  check({ model, options, report }) {
    const chain = imageChain(model);
    const final = chain[0];
    if (!final) return;
    // any USER counts here: a root one is no-root-user's finding, an unknown `$VAR` gets the benefit of the doubt
    if (chain.some((s) => s.instructions.some((i) => i.keyword === 'USER'))) return;
    // the command itself switches user: Checkov accepts this too
    const starts = chain.flatMap((s) =>
      s.instructions.filter((i) => i.keyword === 'ENTRYPOINT' || i.keyword === 'CMD'),
    );
    if (starts.some(dropsPrivileges)) return;
    const root = chain[chain.length - 1]!;
    if (root.isScratch) return; // no users at all: a static binary, nothing to switch to
    if (!final.from) return; // no FROM at all: no base image to judge (from-first reports the file)
    const base = root.resolvedImage;
    if (base.dynamic) return;
    const patterns = Array.isArray(options.nonRootBases)
      ? options.nonRootBases.filter((p): p is string => typeof p === 'string')
      : DEFAULT_NON_ROOT_BASES;
    const text = refText(base);
    if (patterns.some((p) => globToRegExp(p).test(text))) return;
    const via = root === final ? '' : ` (nor do the stages it is built from)`;
    report({
      at: final.imageSpan ?? final.from,
      message: `The final stage, ${code(`FROM ${final.image.raw}`)}, never sets a non-root \`USER\`${via}, so the container runs as root from ${code(base.raw)}: add \`USER <uid>\` before \`CMD\`/\`ENTRYPOINT\`.`,
    });
  },
});
