import { defineRule } from '../../rule.js';
import { lineEnding } from '../../dockerfile/edits.js';
import { varRefs } from '../../dockerfile/vars.js';
import { code } from '../../quote.js';

/** `ENV A=1 B=$A`: within one ENV every reference still sees the values from before it. */
export default defineRule({
  id: 'env-self-reference',
  aliases: ['DL3044'],
  kind: 'dockerfile',
  severity: 'error',
  fixable: 'sugg',
  summary: 'An `ENV` value referencing a key set earlier in the same `ENV`',
  why: 'The builder expands every value of an `ENV` with the variables as they were before that instruction, so `ENV A=1 B=$A` sets `B` to the old `A` (often empty), not to `1`.',
  check({ model, report }) {
    const text = model.source.text;
    const eol = lineEnding(model);
    for (const ins of model.each('ENV')) {
      const pairs = ins.pairs;
      if (pairs.length < 2) continue;
      // dockerfile-ast reads an escaped blank mid-line (`A=1 \  B=2`) as an extra pair overlapping the others:
      // what the builder would set is then unclear, and edits between such pairs would run backwards
      if (pairs.some((p, i) => i > 0 && pairs[i - 1]!.span.end > p.span.start)) continue;
      const before = model.varsAt(ins.onbuild ?? ins);
      // the last index of each name among the pairs before `i`, grown as `i` advances (rebuilt per pair: quadratic)
      const earlier = new Map<string, number>();
      for (let i = 1; i < pairs.length; i++) {
        const pair = pairs[i]!;
        const prevPair = pairs[i - 1]!;
        earlier.set(prevPair.name, i - 1);
        if (!pair.valueSpan) continue;
        const refs = varRefs(model, pair.valueSpan.start, pair.valueSpan.end).filter((r) =>
          earlier.has(r.name),
        );
        if (refs.length === 0) continue;
        const ref = refs[0]!;
        const set = pairs[earlier.get(ref.name)!]!;
        const old = before.get(ref.name);
        const outcome = old
          ? `still expands to the value from before this \`ENV\` (line ${old.instruction.line})`
          : 'expands to its value from before this `ENV` (empty unless the base image sets it)';
        // the fix starts a new ENV at this pair, so it sees the values set before it
        const prev = pairs[i - 1]!;
        const gap = text.slice(prev.span.end, pair.span.start);
        const keyword = ins.onbuild ? `${ins.onbuild.written} ${ins.written}` : ins.written;
        report({
          at: ref.span,
          message: `${code(`$${ref.name}`)} in ${code(pair.name)} ${outcome}, not to ${code(set.value ?? '')} set earlier in the same \`ENV\`: move ${code(pair.name)} to its own \`ENV\`.`,
          fix: gap.includes('#')
            ? undefined
            : {
                description: `start a new \`ENV\` at ${code(pair.name)}`,
                edits: [{ start: prev.span.end, end: pair.span.start, text: `${eol}${keyword} ` }],
              },
        });
      }
    }
  },
});
