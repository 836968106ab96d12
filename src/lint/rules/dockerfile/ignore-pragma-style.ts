import { parseCheckComment, parsePragma } from '../../pragmas.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/** The ids a `# check=skip=…` comment skips, or null when it skips nothing. */
function checkSkips(comment: string): string | null {
  const settings = parseCheckComment(comment);
  if (settings === null) return null;
  for (const part of settings.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim().toLowerCase() === 'skip') return part.slice(eq + 1).trim();
  }
  return null;
}

/** Inline ignore pragmas, for teams that want every exception in the config file. */
export default defineRule({
  id: 'ignore-pragma-style',
  aliases: ['DL1001'],
  kind: 'dockerfile',
  severity: 'off',
  fixable: false,
  summary: 'Inline ignore pragma (`# dockreview ignore=`, `# hadolint ignore=`, `# check=skip=`)',
  why: 'An inline pragma lets any change silence a check without review of the lint configuration; teams that want exceptions in one reviewed place (the config file) turn this rule on.',
  check({ model, report }) {
    const source = model.source;
    const lines = new Set<number>();
    for (const c of [...model.ast.getDirectives(), ...model.ast.getComments()])
      lines.add(c.getRange().start.line + 1);
    for (const line of [...lines].sort((a, b) => a - b)) {
      const raw = source.lineText(line);
      const text = raw.trim();
      const m = parsePragma(text);
      const skips = m ? null : checkSkips(text);
      if (!m && skips === null) continue;
      const start = source.lineStart(line) + raw.indexOf('#');
      const what = m
        ? `${code(`# ${m.tool.toLowerCase()} ${m.global ? 'global ' : m.stage ? 'stage ' : ''}ignore`)} silences ${m.ids}${m.global ? ' in the whole file' : m.stage ? ' in the rest of the stage' : ''}`
        : `\`# check=skip\` silences ${skips || 'nothing'}`;
      report({
        at: { start, end: start + text.length },
        message: `${what} inline: keep exceptions in the lint configuration (\`ignored\` or \`rules\`) instead.`,
      });
    }
  },
});
