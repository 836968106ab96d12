import { joinContinuations, type Instruction } from '../../dockerfile/model.js';
import { defineRule } from '../../rule.js';
import type { Span, TextEdit } from '../../types.js';
import { code } from '../../quote.js';

/** Instructions that take a JSON array; written with single quotes, the builder reads them in shell form. */
const KEYWORDS = ['CMD', 'ENTRYPOINT', 'RUN', 'SHELL', 'VOLUME', 'HEALTHCHECK'] as const;

/** `CMD ['a', 'b']` is not JSON: the builder runs the brackets and quotes through `/bin/sh -c`. */
export default defineRule({
  id: 'json-single-quotes',
  aliases: ['DFU:JSON_IN_SINGLE_QUOTES'],
  kind: 'dockerfile',
  severity: 'error',
  fixable: 'yes',
  summary: 'A JSON-array (exec form) argument written with single quotes',
  why: "JSON strings take double quotes only: `CMD ['node', 'app.js']` is not an exec-form array, so the builder silently runs it as a shell command line (`/bin/sh -c \"['node', 'app.js']\"`), which fails at run time.",
  messages: {
    singleQuotes:
      '{{label}} uses single quotes, which JSON does not allow, so {{runsAs}} instead of {{form}}: use double quotes.',
    needsEscapes:
      '{{label}} uses single quotes, which JSON does not allow, so {{runsAs}}: rewrite it with double quotes (escape the {{character}} in {{value}}).',
  },
  check({ model, report }) {
    for (const ins of model.each(...KEYWORDS)) {
      if (ins.json) continue;
      const array = singleQuotedArray(ins);
      if (!array) continue;
      const label = ins.keyword === 'HEALTHCHECK' ? 'HEALTHCHECK CMD' : ins.keyword;
      const blocked = array.strings.find((s) => /["\\]/.test(s.value));
      const edits: TextEdit[] = array.strings.flatMap((s) =>
        s.single
          ? [
              { start: s.open, end: s.open + 1, text: '"' },
              { start: s.close, end: s.close + 1, text: '"' },
            ]
          : [],
      );
      const form = ins.keyword === 'VOLUME' ? 'a list of paths' : 'exec form';
      const runsAs =
        ins.keyword === 'VOLUME'
          ? 'the brackets become part of the volume paths'
          : ins.keyword === 'SHELL'
            ? 'the build fails'
            : 'it runs as a shell command line';
      report({
        at: array.span,
        ...(blocked
          ? {
              messageId: 'needsEscapes',
              data: {
                label: code(label),
                runsAs,
                character: code(/"/.test(blocked.value) ? '"' : '\\'),
                value: code(blocked.value),
              },
            }
          : { messageId: 'singleQuotes', data: { label: code(label), runsAs, form } }),
        ...(blocked ? {} : { fix: { description: 'use double quotes', edits } }),
      });
    }
  },
});

interface QuotedString {
  value: string;
  single: boolean;
  /** File offsets of the opening and closing quote. */
  open: number;
  close: number;
}

/**
 * The strings of an argument list that is an array of quoted strings, at least one in single quotes (`['a', "b"]`);
 * null for anything else. Line continuations are read as the builder joins them.
 */
function singleQuotedArray(ins: Instruction): { strings: QuotedString[]; span: Span } | null {
  const text = ins.model.source.text;
  let start = ins.argsSpan?.start;
  if (start === undefined) return null;
  if (ins.keyword === 'HEALTHCHECK') {
    const m = /^CMD\s+/i.exec(text.slice(start, start + 16));
    if (!m) return null;
    start += m[0].length;
  }
  if (text[start] !== '[') return null;
  const end = ins.heredocs.length > 0 ? Math.min(ins.span.end, lineEnd(text, start)) : ins.span.end;
  const { logical, map } = joinContinuations(text, start, end, ins.model.escape);
  const s = logical.trimEnd();
  const strings: QuotedString[] = [];
  let i = 1;
  const blanks = (): void => {
    while (s[i] === ' ' || s[i] === '\t') i++;
  };
  blanks();
  if (s[i] === ']') return null; // `[]`
  for (;;) {
    blanks();
    const q = s[i];
    if (q !== "'" && q !== '"') return null;
    const close = s.indexOf(q, i + 1);
    if (close < 0) return null;
    const value = s.slice(i + 1, close);
    // a double-quoted string must be a JSON string on its own
    if (q === '"' && !/^([^"\\]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*$/.test(value)) return null;
    strings.push({ value, single: q === "'", open: map[i]!, close: map[close]! });
    i = close + 1;
    blanks();
    if (s[i] === ',') {
      i++;
      continue;
    }
    if (s[i] === ']' && i === s.length - 1) break;
    return null;
  }
  if (!strings.some((x) => x.single)) return null;
  return { strings, span: { start: map[0]!, end: map[s.length - 1]! + 1 } };
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}
