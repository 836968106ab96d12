/**
 * Per-file limits of the engine: a file over the size limit is not parsed at all, and a file whose rules run past
 * the time budget keeps the findings it has and skips the remaining rules. Either way the file gets one finding
 * that says so, never a crash or a hang of the whole review.
 */
import type { Finding, Severity } from './types.js';

export interface Limits {
  /** Largest file linted, in bytes of UTF-8; a larger file gets one `file-too-large` finding. */
  maxFileSize: number;
  /** Milliseconds one file may spend in parsing and rules; checked between rules. */
  timeBudgetMs: number;
  /** Findings kept per file, the most severe first (a crafted file can trigger thousands). */
  maxFindings: number;
  /** The clock, in milliseconds (tests pass a fake one); default `performance.now`. */
  now?: () => number;
}

/**
 * The time budget is a safety net for pathological input, not a measure of speed: a corpus file lints in
 * milliseconds, and the same input must give the same findings on a loaded machine, so it is far above any real
 * file's time (the lint pool's hard deadline per file, pool.ts, is above it in turn).
 */
export const DEFAULT_LIMITS: Readonly<Limits> = {
  maxFileSize: 1024 * 1024,
  timeBudgetMs: 10_000,
  maxFindings: 1000,
};

/** The limits of a config, defaults filled in. */
export function resolveLimits(partial: Partial<Limits> | undefined): Limits {
  return { ...DEFAULT_LIMITS, ...partial };
}

/** Bytes of `text` in UTF-8, counted without encoding it; stops counting once past `cap`. */
export function utf8Length(text: string, cap = Infinity): number {
  // every UTF-16 unit is 1 to 3 bytes (a surrogate pair, 2 units, is 4): most texts are decided without counting
  if (text.length > cap) return text.length;
  if (text.length * 3 <= cap) return Buffer.byteLength(text, 'utf8');
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= cap; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Sizes as people read them: `1 MiB`, `512 KiB`, `1,234 bytes`. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/** The span of the first line, where a whole-file finding is shown (capped: the line may be the whole file). */
function firstLine(text: string): { start: number; end: number } {
  const nl = text.indexOf('\n');
  let end = nl < 0 ? text.length : nl;
  if (end > 0 && text.charCodeAt(end - 1) === 13) end--;
  end = Math.min(end, 200);
  // never split a surrogate pair
  if (end > 0 && end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
  return { start: 0, end };
}

/** A finding on the first line of the file (positions computed here: the file is not parsed). */
export function fileFinding(text: string, rule: string, severity: Severity, message: string): Finding {
  const span = firstLine(text);
  return {
    rule,
    aliases: [],
    severity,
    message,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: span.end + 1,
    span,
  };
}

export function tooLargeMessage(bytes: number, limit: number): string {
  return `This file is ${formatBytes(bytes)}, over the ${formatBytes(limit)} limit, so it was not linted: split it, or raise \`limits.max_file_size\` in dockreview.yml.`;
}

export function budgetMessage(skipped: readonly string[], elapsedMs: number, budgetMs: number): string {
  const shown = skipped.slice(0, 8).map((id) => `\`${id}\``);
  const more = skipped.length > shown.length ? ` and ${skipped.length - shown.length} more` : '';
  return `Linting this file took ${Math.round(elapsedMs)} ms, over the ${budgetMs} ms budget, so ${skipped.length} ${skipped.length === 1 ? 'rule was' : 'rules were'} skipped (${shown.join(', ')}${more}); the other rules' findings are reported. Raise \`limits.time_budget_ms\` in dockreview.yml to lint it fully.`;
}
