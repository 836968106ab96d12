import { isMap } from 'yaml';
import { defineRule } from '../../rule.js';

/** dclint's require-project-name-field, off by default. */
export default defineRule({
  id: 'compose-project-name',
  aliases: ['require-project-name-field'],
  kind: 'compose',
  severity: 'off',
  fixable: false,
  summary: 'Compose file without a top-level `name:`',
  why: 'Without `name:` the project is named after the folder the file sits in, so the same file run from two checkouts creates two sets of containers, networks and volumes.',
  check({ model, report }) {
    if (!model.data || 'name' in model.data) return;
    const root = model.doc.contents;
    const first = isMap(root) ? (root.items[0]?.key as { range?: [number, number, number] } | null) : null;
    const at = first?.range ? { start: first.range[0], end: first.range[0] } : { start: 0, end: 0 };
    report({
      at,
      message:
        'This Compose file sets no top-level `name:`, so the project takes the name of its folder: add `name: <project>` to keep containers and volumes stable.',
    });
  },
});
