import { defineRule } from '../../rule.js';
import { matchKeywordCase } from '../../dockerfile/edits.js';
import { code } from '../../quote.js';

/** `FROM x as y` / `from x AS y`: the `AS` keyword should be written like its `FROM`. */
export default defineRule({
  id: 'from-as-casing',
  aliases: ['FromAsCasing'],
  kind: 'dockerfile',
  severity: 'style',
  fixable: 'yes',
  summary: '`AS` is not cased like its `FROM`',
  why: 'Keywords in one case and identifiers in another make a Dockerfile easy to scan; `FROM x as y` mixes the two styles on one line.',
  check({ model, report }) {
    for (const stage of model.stages) {
      const from = stage.from;
      if (!from) continue;
      const as = from.args[1];
      if (!stage.nameSpan || !as) continue;
      const keyword = from.written;
      const upper = keyword === keyword.toUpperCase();
      const lower = keyword === keyword.toLowerCase();
      // a mixed-case `From` is instruction-casing's concern, not this rule's
      if (!upper && !lower) continue;
      const want = matchKeywordCase(keyword, 'AS');
      if (as.value === want) continue;
      report({
        at: as.span,
        message: `${code(as.value)} should be written ${code(want)} to match ${code(keyword)}.`,
        fix: {
          description: `write ${code(want)}`,
          edits: [{ start: as.span.start, end: as.span.end, text: want }],
        },
      });
    }
  },
});
