import { describe, expect, it } from 'vitest';
import { code, longestBacktickRun, QUOTE_LIMIT } from '../src/lint/quote.js';

describe('code', () => {
  it('plain text: one backtick each side, as a message always wrote it', () => {
    expect(code('apt-get install curl')).toBe('`apt-get install curl`');
    expect(code('$HOME/${X}')).toBe('`$HOME/${X}`');
  });

  it('a fence one longer than the longest run of backticks inside', () => {
    expect(code('a`b')).toBe('``a`b``');
    expect(code('a``b`c')).toBe('```a``b`c```');
    expect(code('x`````y')).toBe('``````x`````y``````');
  });

  it('a space of padding when the text starts or ends with a backtick', () => {
    expect(code('`x')).toBe('`` `x ``');
    expect(code('x`')).toBe('`` x` ``');
    expect(code('`')).toBe('`` ` ``');
    expect(code('``')).toBe('``` `` ```');
  });

  it('a space at both ends survives: padding, since CommonMark strips one from each end', () => {
    expect(code(' x ')).toBe('`  x  `');
    // only at both ends does CommonMark strip, and never from spaces alone
    expect(code(' x')).toBe('` x`');
    expect(code('   ')).toBe('`   `');
  });

  it('empty text is still a code span', () => {
    expect(code('')).toBe('` `');
  });

  it('newlines and control characters fold to spaces', () => {
    expect(code('a\r\nb\nc\rd\te\u0000f\u001b[31mg\u2028h')).toBe('`a b c d e f [31mg h`');
    expect(code('line one\n# heading\n- item')).toBe('`line one # heading - item`');
  });

  it(`cuts after ${QUOTE_LIMIT} characters with …, never inside a surrogate pair`, () => {
    const long = 'x'.repeat(10_000);
    expect(code(long)).toBe(`\`${'x'.repeat(QUOTE_LIMIT)}…\``);
    expect(code('x'.repeat(QUOTE_LIMIT))).toBe(`\`${'x'.repeat(QUOTE_LIMIT)}\``);
    const emoji = `${'x'.repeat(QUOTE_LIMIT - 1)}😀😀`;
    expect(code(emoji)).toBe(`\`${'x'.repeat(QUOTE_LIMIT - 1)}…\``);
    // a cut text counts its backticks after the cut
    expect(code(`${'a'.repeat(QUOTE_LIMIT)}\`\`\``)).toBe(`\`${'a'.repeat(QUOTE_LIMIT)}…\``);
    // folding CRLF pairs does not hide that the text was cut
    expect(code('\r\n'.repeat(QUOTE_LIMIT + 1))).toBe(`\`${' '.repeat(QUOTE_LIMIT)}…\``);
    expect(code('ab', 1)).toBe('`a…`');
  });
});

describe('longestBacktickRun', () => {
  it('counts the longest run of backticks, wherever it stands', () => {
    expect(longestBacktickRun('')).toBe(0);
    expect(longestBacktickRun('no ticks')).toBe(0);
    expect(longestBacktickRun('`')).toBe(1);
    expect(longestBacktickRun('a``b`c')).toBe(2);
    expect(longestBacktickRun('`a```')).toBe(3);
    expect(longestBacktickRun('``a`b```````')).toBe(7);
  });
});
