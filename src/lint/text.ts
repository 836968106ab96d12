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

/**
 * Levenshtein distance, for "did you mean" hints; with `transpositions`, an adjacent swap counts as one edit
 * (`PAHT` → `PATH` is 1: the optimal string alignment distance).
 */
export function editDistance(a: string, b: string, transpositions = false): number {
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (transpositions && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
    }
    before = prev;
    prev = row;
  }
  return prev[b.length]!;
}
