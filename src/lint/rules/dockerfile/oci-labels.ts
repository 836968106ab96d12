import { defineRule } from '../../rule.js';
import { lineEnding, matchKeywordCase } from '../../dockerfile/edits.js';
import { code } from '../../quote.js';
import { imageLabels, stageHead } from '../../dockerfile/stages.js';
import { table } from '../../table.js';

const DEFAULT_REQUIRED = [
  'org.opencontainers.image.source',
  'org.opencontainers.image.revision',
  'org.opencontainers.image.created',
];

/** The build argument that feeds each label in the suggested fix. */
const ARG_FOR: Record<string, string> = table({
  'org.opencontainers.image.source': 'VCS_URL',
  'org.opencontainers.image.revision': 'VCS_REF',
  'org.opencontainers.image.created': 'BUILD_DATE',
  'org.opencontainers.image.version': 'VERSION',
});

/** Where each default label's value comes from, for the message. */
const HINT: Record<string, string> = table({
  VCS_URL: 'the repository URL',
  VCS_REF: '`git rev-parse HEAD`',
  BUILD_DATE: '`date -u +%Y-%m-%dT%H:%M:%SZ`',
});

function argFor(label: string): string {
  return (
    ARG_FOR[label] ??
    `OCI_${label
      .slice(label.lastIndexOf('.') + 1)
      .replace(/[^A-Za-z0-9]+/g, '_')
      .toUpperCase()}`
  );
}

/** The image carries the OCI labels that trace a running container back to its source and commit. */
export default defineRule({
  id: 'oci-labels',
  aliases: [],
  kind: 'dockerfile',
  severity: 'off',
  fixable: 'sugg',
  summary: 'Final image without the OCI labels that trace it to its source (`source`, `revision`, `created`)',
  why: 'With `org.opencontainers.image.source` and `.revision` on the image, anyone holding a running container (or a CVE report about it) can find the exact commit it was built from; registries such as GHCR also link the package to its repository.',
  schema: {
    required: {
      type: 'array',
      items: { type: 'string' },
      default: DEFAULT_REQUIRED,
      description: 'The labels the final image must set.',
    },
  },
  check({ model, options, report }) {
    const final = model.finalStage;
    if (!final) return;
    const required = Array.isArray(options.required)
      ? options.required.filter((r): r is string => typeof r === 'string' && r !== '')
      : DEFAULT_REQUIRED;
    if (required.length === 0) return;

    const present = new Set(
      imageLabels(model)
        .filter((p) => p.value !== null && p.value.trim() !== '')
        .map((p) => p.name),
    );
    const missing = required.filter((r) => !present.has(r));
    if (missing.length === 0) return;

    const head = stageHead(final);
    const last = final.instructions[final.instructions.length - 1] ?? head;
    // build arguments (or ENV) already in scope at the end of the stage are not declared again
    const declared = new Set(model.varsAt(last).keys());
    if (last.keyword === 'ARG') for (const p of last.pairs) declared.add(p.name);
    const eol = lineEnding(model);
    const kw = (k: string): string => matchKeywordCase(head.written, k);
    const args = [...new Set(missing.map(argFor))].filter((a) => !declared.has(a));
    const lines = [
      ...args.map((a) => `${kw('ARG')} ${a}`),
      `${kw('LABEL')} ${missing.map((l) => `${l}=$${argFor(l)}`).join(` ${model.escape}${eol}      `)}`,
    ];
    const list = missing.map((l) => code(l)).join(', ');
    const how = missing
      .map(argFor)
      .filter((a) => HINT[a])
      .map((a) => `${code(`--build-arg ${a}=…`)} (${HINT[a]})`)
      .join(', ');
    // after a heredoc that is never closed, added lines would be more of its body
    const appendable = !last.heredocs.some((h) => !h.closed);
    report({
      at: head.span,
      message: `The image${final.name ? ` "${final.name}"` : ''} has no ${list} label${missing.length > 1 ? 's' : ''}: set ${missing.length > 1 ? 'them' : 'it'} from build arguments at the end of the final stage${how ? ` and pass ${how}` : ''}.`,
      ...(appendable
        ? {
            fix: {
              description: `add ${list} fed by build arguments at the end of the final stage`,
              edits: [{ start: last.span.end, end: last.span.end, text: `${eol}${lines.join(eol)}` }],
            },
          }
        : {}),
    });
  },
});
