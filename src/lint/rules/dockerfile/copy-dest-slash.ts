import type { Instruction } from '../../dockerfile/model.js';
import { defineRule } from '../../rule.js';
import type { Span } from '../../types.js';
import { copyOperands } from '../../dockerfile/copy.js';
import { code } from '../../quote.js';

const TRAILING_VAR = /\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})$/;

/** Several sources copied to a destination without a trailing slash: the builder refuses it. */
export default defineRule({
  id: 'copy-dest-slash',
  aliases: ['DL3021', 'DS-0011'],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: 'yes',
  summary: '`COPY`/`ADD` of several sources to a destination not ending in `/`',
  why: 'With more than one source the destination must be a directory written with a trailing `/`; without it the build fails, or the author meant a single file and a source is missing.',
  check({ model, report }) {
    for (const ins of model.each('COPY', 'ADD')) {
      const ops = copyOperands(ins);
      if (!ops || ops.sources.length < 2) continue;
      const dest = unquote(ops.dest);
      if (isDirectory(dest)) continue;
      const trailing = TRAILING_VAR.exec(dest);
      let via = '';
      if (trailing) {
        // `COPY a b $DEST`: judge the value the variable has here, when it is known
        if (ins.onbuild) continue;
        const name = trailing[1] ?? trailing[2]!;
        const value = model.varsAt(ins).get(name)?.value;
        if (value === null || value === undefined || isDirectory(value) || value.includes('$')) continue;
        via = ` (${code(name)} is ${code(value)})`;
      }
      const at = destSpan(ins, ops.dest);
      // the slash goes inside the closing quote of a quoted or JSON destination
      const insertAt = at ? at.end - closing(model.source.text, at) : -1;
      report({
        at: at ?? ins,
        message: `${code(ins.keyword)} of ${ops.sources.length} sources needs a directory destination ending in \`/\`, not ${code(dest)}${via}.`,
        ...(at
          ? {
              fix: {
                description: 'add the trailing `/`',
                edits: [{ start: insertAt, end: insertAt, text: '/' }],
              },
            }
          : {}),
      });
    }
  },
});

function unquote(s: string): string {
  const m = /^(["'])(.*)\1$/s.exec(s);
  return m ? m[2]! : s;
}

/**
 * Ends in `/` (or `\` on Windows), or is `.` (also `dir/.`): BuildKit, the default builder, copies several sources
 * into `.` as the directory it is, so `COPY go.mod go.sum .` builds.
 */
function isDirectory(path: string): boolean {
  return /[/\\]$/.test(path) || path === '.' || /[/\\]\.$/.test(path);
}

/** The destination as written: the last JSON string (with its quotes) or the last word before any heredoc body. */
function destSpan(ins: Instruction, dest: string): Span | null {
  const text = ins.model.source.text;
  const span = ins.argsSpan;
  if (!span) return null;
  const raw = text.slice(span.start, span.end);
  if (raw.trimStart().startsWith('[')) {
    const close = raw.lastIndexOf('"');
    const open = close > 0 ? raw.lastIndexOf('"', close - 1) : -1;
    if (open < 0) return null;
    const written = raw.slice(open, close + 1);
    // the last two quotes need not enclose one JSON string (`"a\"`): then there is no destination to point at
    let value: unknown;
    try {
      value = JSON.parse(written);
    } catch {
      return null;
    }
    return value === dest ? { start: span.start + open, end: span.start + close + 1 } : null;
  }
  const firstBody = ins.heredocs[0]?.contentSpan.start ?? Infinity;
  const words = ins.args.filter((a) => a.span.start < firstBody);
  return words[words.length - 1]?.span ?? null;
}

/** 1 when the destination ends in a closing quote the slash must go before. */
function closing(text: string, at: Span): number {
  const last = text[at.end - 1];
  const first = text[at.start];
  return at.end - at.start >= 2 && (last === '"' || last === "'") && first === last ? 1 : 0;
}
