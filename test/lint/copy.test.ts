import { describe, expect, it } from 'vitest';
import { copyOperands, wholeContextCopies } from '../../src/lint/dockerfile/copy.js';
import { parse, useParser } from './dockerfile-helpers.js';

useParser();

describe('copyOperands', () => {
  it('reads shell and JSON forms', () => {
    const m = parse('FROM a\nCOPY --chown=1 a b /dst/\nCOPY ["x y", "/z"]\n');
    expect(m.each('COPY').map(copyOperands)).toEqual([
      { sources: ['a', 'b'], dest: '/dst/' },
      { sources: ['x y'], dest: '/z' },
    ]);
  });
  it('is null when there is nothing to read', () => {
    const m = parse('FROM a\nCOPY only\nCOPY ["a", 1]\n');
    expect(m.each('COPY').map(copyOperands)).toEqual([null, null]);
  });
  it('leaves heredoc bodies out', () => {
    const m = parse('FROM a\nCOPY <<EOF /etc/x\nbody words\nEOF\n');
    expect(copyOperands(m.each('COPY')[0]!)).toEqual({ sources: ['<<EOF'], dest: '/etc/x' });
  });
});

describe('wholeContextCopies', () => {
  it('lists COPY/ADD of the whole context, not COPY --from', () => {
    const m = parse('FROM a AS b\nCOPY . /app\nADD ./* /x/\nCOPY src /src\nCOPY --from=b . /y\n');
    expect(wholeContextCopies(m).map((i) => i.line)).toEqual([2, 3]);
  });
});
