/**
 * Quoting text from the linted file inside a finding's message. Messages are read in a terminal and, through the
 * review layer, as GitHub markdown, where a quote written as a plain `` `${x}` `` stops being one as soon as `x`
 * holds a backtick: the rest of `x` becomes live markdown. `code()` always gives one CommonMark code span.
 */

/** Characters of file text a message quotes at most; longer text is cut and ends with `…`. */
export const QUOTE_LIMIT = 200;

/** Line breaks and other control characters: a quote stays on one line and prints nothing to the terminal. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL = /\r\n|[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * The length of the longest run of backticks in `text`: a code span or fenced block around it needs a longer fence,
 * since a run of n backticks only closes at a run of exactly n. One linear pass, no regex.
 */
export function longestBacktickRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 0x60) {
      run++;
      if (run > longest) longest = run;
    } else run = 0;
  }
  return longest;
}

/**
 * `text` as a code span: fenced with one backtick more than its longest run of backticks (a run of n backticks
 * only closes at a run of exactly n), padded with a space when it starts or ends with a backtick (or with a space
 * at both ends, which CommonMark would strip), newlines and control characters folded to spaces, cut after
 * `limit` characters.
 */
export function code(text: string, limit = QUOTE_LIMIT): string {
  // bound the work on a huge value: only the first `limit` characters are shown, and folding a CRLF to one space
  // at most halves the length
  let t = text.slice(0, 2 * limit + 2).replace(CONTROL, ' ');
  if (t.length > limit) {
    let end = limit;
    // never cut a surrogate pair in two
    const c = t.charCodeAt(end - 1);
    if (c >= 0xd800 && c <= 0xdbff) end--;
    t = `${t.slice(0, end)}…`;
  }
  const fence = '`'.repeat(longestBacktickRun(t) + 1);
  // an empty span needs something between its fences, or they read as one run of two backticks
  if (t === '') return '` `';
  const pad =
    t.startsWith('`') || t.endsWith('`') || (t.startsWith(' ') && t.endsWith(' ') && /[^ ]/.test(t))
      ? ' '
      : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}
