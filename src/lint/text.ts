/** English for messages, and string distance for "did you mean" hints. */
import { code } from './quote.js';

/** `` `a` ``, `` `a` and `b` ``, `` `a`, `b`, `c` and 2 more ``. */
export function listInBackticks(items: readonly string[], max = 4): string {
  const unique = [...new Set(items)];
  const shown = unique.slice(0, unique.length > max ? max - 1 : max).map((s) => code(s));
  const rest = unique.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length]!;
}
