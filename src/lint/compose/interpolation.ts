/**
 * Compose's variable interpolation (`$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`), read
 * with a linear scanner: the values come from pull requests, so no backtracking regex runs on them.
 */

export interface Interpolation {
  name: string;
  /** `''` for `$VAR`/`${VAR}`; else what follows the name: `:-`, `-`, `:?`, `?`, `:+`, `+`. */
  modifier: string;
  /** The text after the modifier up to the closing brace (the default, the error message…). */
  rest: string;
  /** Offsets in the value (half-open), `$` to the end. */
  start: number;
  end: number;
}

const isNameStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_]/.test(c);
const isNameChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);

/** The interpolations of a value, in order; `$$` (a literal `$` for the container) is skipped. */
export function interpolations(value: string): Interpolation[] {
  const out: Interpolation[] = [];
  let i = 0;
  while (i < value.length) {
    if (value[i] !== '$') {
      i++;
      continue;
    }
    const start = i;
    const next = value[i + 1];
    if (next === '$') {
      i += 2;
      continue;
    }
    if (isNameStart(next)) {
      let j = i + 1;
      while (isNameChar(value[j])) j++;
      out.push({ name: value.slice(i + 1, j), modifier: '', rest: '', start, end: j });
      i = j;
      continue;
    }
    if (next !== '{') {
      i++;
      continue;
    }
    let j = i + 2;
    const nameStart = j;
    while (isNameChar(value[j])) j++;
    const name = value.slice(nameStart, j);
    let modifier = '';
    if (value[j] === ':' && '-?+'.includes(value[j + 1] ?? '')) modifier = value.slice(j, j + 2);
    else if ('-?+'.includes(value[j] ?? '') && value[j] !== undefined) modifier = value[j]!;
    j += modifier.length;
    // the default runs to the matching brace; nested `${…}` inside it are counted, not parsed
    let depth = 1;
    const restStart = j;
    while (j < value.length && depth > 0) {
      if (value[j] === '{') depth++;
      else if (value[j] === '}') depth--;
      if (depth > 0) j++;
    }
    if (depth > 0 || name === '') {
      i = nameStart;
      continue;
    }
    out.push({ name, modifier, rest: value.slice(restStart, j), start, end: j + 1 });
    i = j + 1;
  }
  return out;
}
