import { describe, expect, it } from 'vitest';
import { globMatcher, normalisePath } from '../../src/lint/paths.js';

describe('normalisePath', () => {
  it('folds repeated slashes, `.` and `..`, and a trailing slash', () => {
    expect(normalisePath('/a//b/./c/')).toBe('/a/b/c');
    expect(normalisePath('/a/b/../c')).toBe('/a/c');
    expect(normalisePath('a/./b')).toBe('a/b');
  });
  it('keeps the root and leading `..` of a relative path', () => {
    expect(normalisePath('/')).toBe('/');
    expect(normalisePath('//')).toBe('/');
    expect(normalisePath('.')).toBe('.');
    expect(normalisePath('../../x')).toBe('../../x');
  });
});

describe('globMatcher', () => {
  it('matches dot files and paths', () => {
    const m = globMatcher('/var/cache/*');
    expect(m('/var/cache/apt')).toBe(true);
    expect(m('/var/cache/.hidden')).toBe(true);
    expect(m('/var/lib/apt')).toBe(false);
  });
  it('returns the same matcher for the same pattern', () => {
    expect(globMatcher('*.txt')).toBe(globMatcher('*.txt'));
  });
  it('matches nothing with an empty pattern', () => {
    expect(globMatcher('')('')).toBe(false);
    expect(globMatcher('')('a')).toBe(false);
  });
});
