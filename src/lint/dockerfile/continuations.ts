/** Line continuations as the builder joins them, with every character mapped back to its file offset. */

/** The builder drops comment lines and blank lines inside a continuation: the offset after those from `i`. */
function skipDroppedLines(text: string, i: number, end: number): number {
  for (;;) {
    let k = i;
    while (k < end && (text[k] === ' ' || text[k] === '\t')) k++;
    if (k < end && (text[k] === '#' || text[k] === '\n' || text[k] === '\r')) {
      const nl = text.indexOf('\n', k);
      if (nl < 0 || nl >= end) return end;
      i = nl + 1;
      continue;
    }
    return i;
  }
}

export function joinContinuations(
  text: string,
  start: number,
  end: number,
  escape: string,
): { logical: string; map: Int32Array } {
  // dockerfile-ast can give a range that ends before it starts (a keyword continued onto the next line)
  end = Math.max(start, end);
  const map = new Int32Array(end - start + 1);
  let out = '';
  let n = 0;
  let i = start;
  // arguments that start on a line of their own follow a continuation: dockerfile-ast may start them at a comment
  // or blank line there, which the builder drops too
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (lineStart > 0 && /^[ \t]*$/.test(text.slice(lineStart, start))) i = skipDroppedLines(text, start, end);
  while (i < end) {
    const c = text[i]!;
    if (c === escape) {
      // escape, optional trailing blanks, newline: a continuation
      let j = i + 1;
      while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '\r') j++;
      if (text[j] === '\n' || j >= end) {
        i = skipDroppedLines(text, j + 1, end);
        continue;
      }
      if (escape !== '\\') {
        // a backtick escape passes the next character through
        out += c;
        map[n++] = i;
        i++;
        continue;
      }
    }
    out += c;
    map[n++] = i;
    i++;
  }
  map[n] = end;
  return { logical: out, map: map.subarray(0, n + 1) };
}
