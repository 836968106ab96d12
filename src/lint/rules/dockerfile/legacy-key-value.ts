import type { KeyValue } from '../../dockerfile/model.js';
import { defineRule } from '../../rule.js';
import type { TextEdit } from '../../types.js';
import { code } from '../../quote.js';

/** An escape character followed by blanks and a newline: a line continuation, not an escape. */
const CONTINUATION = { '\\': /\\[ \t]*\r?\n/g, '`': /`[ \t]*\r?\n/g } as const;

/** `ENV key value` / `LABEL key value`: the deprecated space-separated form. */
export default defineRule({
  id: 'legacy-key-value',
  aliases: ['LegacyKeyValueFormat'],
  kind: 'dockerfile',
  severity: 'style',
  fixable: 'yes',
  summary: '`ENV key value` / `LABEL key value` instead of `key=value`',
  why: 'The space-separated form is deprecated: it sets only one variable, takes everything after the key as the value (spaces and all), and reads differently from every other `key=value` line of the file.',
  messages: {
    spaceSeparated: '{{written}} uses the deprecated space-separated form: write {{form}}.',
    notRewritten:
      '{{written}} uses the deprecated space-separated form: write {{form}} (the value mixes quotes and escapes, so it is not rewritten automatically).',
  },
  check({ model, report }) {
    const text = model.source.text;
    for (const ins of model.each('ENV', 'LABEL')) {
      const pairs = ins.pairs;
      if (pairs.length !== 1) continue;
      const pair = pairs[0]!;
      if (pair.value === null || !pair.valueSpan || text[pair.nameSpan.end] === '=') continue;
      const replacement = legacyValue(text, pair, model.escape);
      const name = text.slice(pair.nameSpan.start, pair.nameSpan.end);
      const shown = brief(pair.value, model.escape);
      report({
        at: { start: pair.nameSpan.start, end: pair.valueSpan.end },
        ...(replacement === null
          ? {
              messageId: 'notRewritten',
              data: {
                written: code(`${ins.keyword} ${name} ${shown}`),
                form: code(`${ins.keyword} ${name}="…"`),
              },
            }
          : {
              messageId: 'spaceSeparated',
              data: {
                written: code(`${ins.keyword} ${name} ${shown}`),
                form: code(`${ins.keyword} ${name}=${brief(replacement, model.escape)}`),
              },
            }),
        fix:
          replacement === null
            ? undefined
            : {
                description: `write ${code(`${name}=…`)}`,
                edits: [edit(pair, replacement)],
              },
      });
    }
  },
});

/** A value for a one-line message: continuations and runs of blanks folded, long values cut. */
function brief(value: string, escape: '\\' | '`'): string {
  const one = value.replace(CONTINUATION[escape], ' ').replace(/\s+/g, ' ');
  return one.length > 44 ? `${one.slice(0, 41)}…` : one;
}

function edit(pair: KeyValue, value: string): TextEdit {
  return { start: pair.nameSpan.end, end: pair.valueSpan!.end, text: `=${value}` };
}

/**
 * The value as it must be written after `=`: as is when it is one word, wrapped in double quotes when it has blanks
 * (line continuations kept inside the quotes); null when quotes or escapes in it would change meaning.
 */
function legacyValue(text: string, pair: KeyValue, escape: '\\' | '`'): string | null {
  const raw = text.slice(pair.valueSpan!.start, pair.valueSpan!.end);
  const plain = raw.replace(CONTINUATION[escape], '');
  // one fully quoted word (`ENV A "x y"`) keeps its quotes
  if (/^"(?:[^"\\]|\\.)*"$/s.test(plain) || /^'[^']*'$/.test(plain)) return raw;
  if (plain.includes('"') || plain.includes("'") || plain.includes(escape)) return null;
  return /\s/.test(raw) ? `"${raw}"` : raw;
}
