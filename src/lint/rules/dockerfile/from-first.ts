import { KNOWN_INSTRUCTIONS } from '../../dockerfile/model.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/** Before the first FROM there is no stage: only global ARGs (and comments, parser directives) may stand there. */
export default defineRule({
  id: 'from-first',
  aliases: ['DL3061'],
  kind: 'dockerfile',
  severity: 'error',
  fixable: false,
  summary: 'An instruction other than `ARG` before the first `FROM`',
  why: 'Before the first `FROM` there is no stage for an instruction to act on, so the builder rejects the Dockerfile; only `ARG`s for the `FROM` lines may come first.',
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (ins.keyword === 'FROM') break;
      // an unknown word (a template's `{% if %}`, prose) is `valid-syntax`'s finding: one report per line is enough
      if (ins.keyword === 'ARG' || !KNOWN_INSTRUCTIONS.has(ins.keyword)) continue;
      report({
        at: ins.keywordSpan,
        message: `${code(ins.written)} comes before the first \`FROM\`: only \`ARG\` instructions, comments and parser directives may precede it.`,
      });
    }
  },
});
