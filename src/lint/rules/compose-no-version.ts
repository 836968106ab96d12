import { defineRule } from '../rule.js';

/** The top-level `version:` is obsolete: Compose ignores it and prints a warning on every run. */
export default defineRule({
  id: 'compose-no-version',
  aliases: ['no-version-field'],
  kind: 'compose',
  severity: 'warning',
  fixable: 'yes',
  summary: 'Obsolete top-level `version:` in a Compose file',
  why: 'The Compose Specification dropped `version:`; Compose ignores it and warns on every command, and it misleads readers into thinking features depend on it.',
  check({ model, report }) {
    if (!model.data || !('version' in model.data)) return;
    const keySpan = model.spanAt(['version'], true);
    if (!keySpan) return;
    const text = model.source.text;
    const line = model.source.positionAt(keySpan.start).line;
    // the whole `version: …` line (and a trailing comment on it), only when it stands alone on its line
    const lineStart = model.source.lineStart(line);
    const onOwnLine = text.slice(lineStart, keySpan.start).trim() === '';
    const next = line < model.source.lineCount ? model.source.lineStart(line + 1) : text.length;
    const valueSpan = model.spanAt(['version']);
    const endsOnLine = !valueSpan || model.source.positionAt(valueSpan.end).line === line;
    report({
      at: valueSpan ? { start: keySpan.start, end: valueSpan.end } : keySpan,
      message: `\`version: ${String(model.data.version)}\` is obsolete: Compose ignores it; remove the line.`,
      fix:
        onOwnLine && endsOnLine
          ? { description: 'remove the `version:` line', edits: [{ start: lineStart, end: next, text: '' }] }
          : undefined,
    });
  },
});
