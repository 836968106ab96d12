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

/**
 * Characters a terminal acts on rather than shows: C0 and C1 controls (an escape sequence in a file name or a
 * quoted instruction could rewrite the screen or the title) and the bidirectional overrides that make text read
 * otherwise than it is. Paths and messages carry text from the linted files, which anyone may have written.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `s` with every character a terminal would act on (all but tab) written as an escape (`\x1b`, `\u202e`). */
export function escapeControl(s: string): string {
  return s.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

export function formatText(files: readonly ReportFile[], options: TextOptions): string {
  const paint = (style: Parameters<typeof styleText>[0], s: string): string =>
    // the caller decided (TTY, NO_COLOR, --color): styleText must not second-guess it from process.stdout
    options.color ? styleText(style, s, { validateStream: false }) : s;
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, style: 0 };
  let safe = 0;
  let unsafe = 0;
  for (const file of files) {
    const path = escapeControl(file.path);
    if (file.error !== undefined) {
      lines.push(paint('bold', path), `  ${paint('red', 'error')} ${escapeControl(file.error)}`, '');
      continue;
    }
    if (file.findings.length === 0) continue;
    lines.push(paint('bold', path));
    for (const f of file.findings) {
      counts[f.severity]++;
      if (f.fix?.safe) safe++;
      else if (f.fix) unsafe++;
      const alias = f.aliases.length > 0 ? paint('gray', ` (${escapeControl(f.aliases.join(', '))})`) : '';
      lines.push(
        `${path}:${f.line}:${f.column} ${paint(COLORS[f.severity], f.severity)} ${paint('bold', escapeControl(f.rule))}${alias} ${escapeControl(f.message)}`,
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
