import { KNOWN_INSTRUCTIONS, type Instruction } from '../../dockerfile/model.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/** Keywords all upper or all lower case, the way most of the file writes them. */
export default defineRule({
  id: 'instruction-casing',
  aliases: ['ConsistentInstructionCasing'],
  kind: 'dockerfile',
  severity: 'style',
  fixable: 'yes',
  summary: 'Instruction keyword cased unlike the rest of the file',
  why: 'Keywords in one consistent case (`RUN`, or `run` throughout) keep a Dockerfile easy to scan; mixed spellings such as `Run` or `EntryPoint` read like typos.',
  messages: {
    mixedCase: '{{written}} mixes upper and lower case: write {{want}}{{like}}.',
    otherCase: '{{written}} is {{casing}} while the file writes its keywords in {{style}}: write {{want}}.',
  },
  check({ model, report }) {
    const all: Instruction[] = [];
    // unknown words are valid-syntax's business (and often a template or a stray file, not a keyword)
    for (const ins of model.instructions) {
      if (KNOWN_INSTRUCTIONS.has(ins.keyword)) all.push(ins);
      if (ins.trigger && KNOWN_INSTRUCTIONS.has(ins.trigger.keyword)) all.push(ins.trigger);
    }
    let upper = 0;
    let lower = 0;
    for (const ins of all) {
      if (ins.written === ins.written.toUpperCase()) upper++;
      else if (ins.written === ins.written.toLowerCase()) lower++;
    }
    // as the builder: lowercase only when most keywords are lowercase
    const useLower = lower > upper;
    const style = useLower ? 'lowercase' : 'uppercase';
    const others = useLower ? lower : upper;
    const text = model.source.text;
    for (const ins of all) {
      const want = useLower ? ins.written.toLowerCase() : ins.written.toUpperCase();
      if (ins.written === want) continue;
      // a lone `\r` makes the parser's positions drift from the text: touch only a keyword found where it says
      if (text.slice(ins.keywordSpan.start, ins.keywordSpan.end) !== ins.written) continue;
      const mixed = ins.written !== ins.written.toUpperCase() && ins.written !== ins.written.toLowerCase();
      report({
        at: ins.keywordSpan,
        ...(mixed
          ? {
              messageId: 'mixedCase',
              data: {
                written: code(ins.written),
                want: code(want),
                like:
                  others > 0
                    ? `, like the ${others} ${style} keyword${others > 1 ? 's' : ''} of this file`
                    : '',
              },
            }
          : {
              messageId: 'otherCase',
              data: {
                written: code(ins.written),
                casing: useLower ? 'uppercase' : 'lowercase',
                style,
                want: code(want),
              },
            }),
        fix: {
          description: `write ${code(want)}`,
          edits: [{ start: ins.keywordSpan.start, end: ins.keywordSpan.end, text: want }],
        },
      });
    }
  },
});
