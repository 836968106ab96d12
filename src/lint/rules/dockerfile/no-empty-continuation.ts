import type { Instruction } from '../../dockerfile/model.js';
import { defineRule } from '../../rule.js';
import type { TextEdit } from '../../types.js';
import { code } from '../../quote.js';

const BLANK = /^[ \t]*\r?$/;

/** Blank lines inside an instruction continued with the escape character. */
export default defineRule({
  id: 'no-empty-continuation',
  aliases: ['NoEmptyContinuation'],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: 'yes',
  summary: 'Empty line inside a `\\`-continued instruction',
  why: 'The builder still skips blank lines inside a continued instruction, but the syntax is deprecated and will become an error; it also hides where an instruction really ends.',
  check({ model, report }) {
    const source = model.source;
    for (const ins of model.instructions) {
      if (ins.endLine <= ins.line) continue;
      const bodies = heredocBodies(ins);
      const blanks: number[] = [];
      for (let line = ins.line + 1; line <= ins.endLine; line++) {
        const start = source.lineStart(line);
        // only lines the instruction goes on past (not where its range merely ends)
        if (source.lineEnd(line) >= ins.span.end) break;
        if (bodies.some((b) => start >= b.start && start < b.end)) continue;
        if (BLANK.test(source.lineText(line))) blanks.push(line);
      }
      if (blanks.length === 0) continue;
      const first = blanks[0]!;
      const edits: TextEdit[] = blanks.map((line) => ({
        start: source.lineStart(line),
        end: line < source.lineCount ? source.lineStart(line + 1) : source.text.length,
        text: '',
      }));
      const where = blanks.length === 1 ? `line ${first}` : `lines ${blanks.join(', ')}`;
      report({
        at: { start: source.lineStart(first), end: source.lineEnd(first) },
        message: `${code(ins.written)} continues over the empty ${where}: blank lines inside a continued instruction are deprecated, remove them (or turn them into comments).`,
        fix: { description: `remove the empty ${where}`, edits },
      });
    }
  },
});

/** Heredoc bodies of the instruction (and of its ONBUILD trigger): their blank lines are content. */
function heredocBodies(ins: Instruction): { start: number; end: number }[] {
  const text = ins.model.source.text.slice(ins.span.start, ins.span.end);
  if (!text.includes('<<')) return [];
  return [...ins.heredocs, ...(ins.trigger?.heredocs ?? [])].map((h) => h.contentSpan);
}
