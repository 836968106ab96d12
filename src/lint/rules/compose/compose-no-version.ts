import { isMap, isScalar, type Document, type Node as YamlNode } from 'yaml';
import type { ComposeModel } from '../../compose/model.js';
import { defineRule } from '../../rule.js';
import type { TextEdit } from '../../types.js';
import { code } from '../../quote.js';

/** The top-level `version:` is obsolete: Compose ignores it and prints a warning on every run. */
export default defineRule({
  id: 'compose-no-version',
  aliases: ['no-version-field'],
  kind: 'compose',
  severity: 'info',
  fixable: 'yes',
  summary: 'Obsolete top-level `version:` in a Compose file',
  why: 'The Compose Specification dropped `version:`; Compose ignores it and warns on every command, and it misleads readers into thinking features depend on it.',
  check({ model, report }) {
    if (!model.data || !('version' in model.data)) return;
    const keySpan = model.spanAt(['version'], true);
    if (!keySpan) return;
    const valueSpan = model.spanAt(['version']);
    const edits = removeVersionLines(model);
    report({
      at: valueSpan ? { start: keySpan.start, end: valueSpan.end } : keySpan,
      message: `${code(`version: ${String(model.data.version)}`)} is obsolete: Compose ignores it; remove the line.`,
      fix: edits ? { description: 'remove the `version:` line', edits } : undefined,
    });
  },
});

type Pair = { key: unknown; value: unknown };

/**
 * Edits removing every top-level `version: …` line (a duplicated key would otherwise take over), or null when
 * one of them does not stand alone on its lines or the result would read differently.
 */
function removeVersionLines(model: ComposeModel): TextEdit[] | null {
  const top = (model.doc as Document.Parsed).contents;
  if (!isMap(top) || top.flow) return null;
  const items = top.items as Pair[];
  // `<<: *base` may bring a `version` of its own, which removing these lines would not clear
  if (items.some((p) => isScalar(p.key) && (p.key.value === '<<' || p.key.source === '<<'))) return null;
  const src = model.source;
  const text = src.text;
  const removed = new Set<Pair>();
  const edits: TextEdit[] = [];
  for (const pair of items) {
    if (!isScalar(pair.key) || pair.key.value !== 'version' || !pair.key.range) continue;
    const key = pair.key.range;
    const line = src.positionAt(key[0]).line;
    const lineStart = src.lineStart(line);
    if (text.slice(lineStart, key[0]).trim() !== '') return null;
    const value = pair.value as YamlNode | null;
    if (value?.range && src.positionAt(value.range[1]).line !== line) return null;
    const next = line < src.lineCount ? src.lineStart(line + 1) : text.length;
    edits.push({ start: lineStart, end: next, text: '' });
    removed.add(pair);
  }
  if (edits.length === 0) return null;
  // `services\n  :` (the key's `:` on a later line) is read as a key only after another entry of the mapping:
  // once the entries before it are gone, it would become a YAML error
  const first = items.find((p) => !removed.has(p));
  if (first && first !== items[0] && !colonOnKeyLine(text, first.key as YamlNode | null)) return null;
  // the entry that becomes the first one sets the mapping's indentation: it must start where `version` did
  // (`   :` under `version: x` parses as an entry only while `version` is there)
  const column = (at: number): number => at - src.lineStart(src.positionAt(at).line);
  let firstAt = (first?.key as YamlNode | null | undefined)?.range?.[0];
  // an empty key's range starts where its line does, before the blanks that indent its `:`
  while (firstAt !== undefined && (text[firstAt] === ' ' || text[firstAt] === '\t')) firstAt++;
  const versionAt = (items.find((p) => removed.has(p))!.key as YamlNode).range![0];
  if (first && (firstAt === undefined || column(firstAt) !== column(versionAt))) return null;
  return edits;
}

function colonOnKeyLine(text: string, key: YamlNode | null): boolean {
  if (!key?.range) return false;
  let i = key.range[1];
  while (text[i] === ' ' || text[i] === '\t') i++;
  return text[i] === ':';
}
