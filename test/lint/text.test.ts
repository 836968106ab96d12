import { describe, expect, it } from 'vitest';
import { editDistance, listInBackticks } from '../../src/lint/text.js';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('builder', 'buidler')).toBe(2);
  });
  it('is symmetric', () => {
    for (const [a, b] of [
      ['stage', 'stages'],
      ['TARGETARCH', 'TARGETARC'],
      ['x', 'yz'],
    ] as const)
      expect(editDistance(a, b)).toBe(editDistance(b, a));
  });
});

describe('listInBackticks', () => {
  it('joins one, two and several items in English', () => {
    expect(listInBackticks(['a'])).toBe('`a`');
    expect(listInBackticks(['a', 'b'])).toBe('`a` and `b`');
    expect(listInBackticks(['a', 'b', 'c'])).toBe('`a`, `b` and `c`');
  });
  it('drops repeats and cuts a long list', () => {
    expect(listInBackticks(['a', 'a', 'b'])).toBe('`a` and `b`');
    expect(listInBackticks(['a', 'b', 'c', 'd', 'e', 'f'])).toBe('`a`, `b`, `c` and 3 more');
  });
});

describe('editDistance with transpositions', () => {
  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('PAHT', 'PATH', true)).toBe(1);
    expect(editDistance('PAHT', 'PATH')).toBe(2);
  });
  it('does not edit a substring twice (optimal string alignment)', () => {
    expect(editDistance('CA', 'ABC', true)).toBe(3);
  });
  it('agrees with plain Levenshtein when nothing is swapped', () => {
    expect(editDistance('kitten', 'sitting', true)).toBe(3);
    expect(editDistance('', 'abc', true)).toBe(3);
  });
});
