/** The human report: findings grouped by file as `path:line:col severity rule message`, coloured on a TTY. */
import { styleText } from 'node:util';
import type { Severity } from '../lint/types.js';
import type { ReportFile } from './json.js';

export interface TextOptions {
  color: boolean;
  /** How many fixes `--fix` (safe) and `--fix-unsafe` would apply; shown in the summary. */
  showFixHint?: boolean;
}

const COLORS: Record<Severity, Parameters<typeof styleText>[0]> = {
  error: 'red',
  warning: 'yellow',
  info: 'cyan',
  style: 'gray',
};

export function formatText(files: readonly ReportFile[], options: TextOptions): string {
  const paint = (style: Parameters<typeof styleText>[0], s: string): string =>
    // the caller decided (TTY, NO_COLOR, --color): styleText must not second-guess it from process.stdout
    options.color ? styleText(style, s, { validateStream: false }) : s;
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, style: 0 };
  let safe = 0;
  let unsafe = 0;
  for (const file of files) {
    if (file.error !== undefined) {
      lines.push(paint('bold', file.path), `  ${paint('red', 'error')} ${file.error}`, '');
      continue;
    }
    if (file.findings.length === 0) continue;
    lines.push(paint('bold', file.path));
    for (const f of file.findings) {
      counts[f.severity]++;
      if (f.fix?.safe) safe++;
      else if (f.fix) unsafe++;
      const alias = f.aliases.length > 0 ? paint('gray', ` (${f.aliases.join(', ')})`) : '';
      lines.push(
        `${file.path}:${f.line}:${f.column} ${paint(COLORS[f.severity], f.severity)} ${paint('bold', f.rule)}${alias} ${f.message}`,
      );
    }
    lines.push('');
  }
  const total = counts.error + counts.warning + counts.info + counts.style;
  const failed = files.filter((f) => f.error !== undefined).length;
  const unread = failed > 0 ? ` ${failed} file${failed === 1 ? '' : 's'} could not be linted.` : '';
  if (total === 0) {
    const n = files.length - failed;
    lines.push(
      `${paint(failed > 0 ? 'yellow' : 'green', `No problems in ${n} file${n === 1 ? '' : 's'}.`)}${unread}`,
    );
  } else {
    const parts = (['error', 'warning', 'info', 'style'] as const)
      .filter((s) => counts[s] > 0)
      .map((s) =>
        paint(COLORS[s], `${counts[s]} ${s}${counts[s] === 1 || s === 'info' || s === 'style' ? '' : 's'}`),
      );
    lines.push(
      `${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')})${unread ? `.${unread}` : ''}`,
    );
    if (options.showFixHint !== false && (safe > 0 || unsafe > 0)) {
      const hints: string[] = [];
      if (safe > 0) hints.push(`${safe} fixable with \`--fix\``);
      if (unsafe > 0) hints.push(`${unsafe} more with \`--fix-unsafe\` (suggestions: review them)`);
      lines.push(hints.join(', '));
    }
  }
  return `${lines.join('\n')}\n`;
}
