import { describe, expect, it } from 'vitest';
import { globMatcher, isDockerSocket, normalisePath } from '../../src/lint/paths.js';

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

describe('isDockerSocket', () => {
  it('knows both paths of the socket, however written', () => {
    for (const p of [
      '/var/run/docker.sock',
      '/run/docker.sock',
      '//var/run/docker.sock/',
      '/var/./run/docker.sock',
    ])
      expect(isDockerSocket(p), p).toBe(true);
  });
  it('is not fooled by a relative path, another socket or a parent directory', () => {
    for (const p of [
      'var/run/docker.sock',
      './docker.sock',
      '/var/run/containerd.sock',
      '/var/run',
      '/tmp/docker.sock',
    ])
      expect(isDockerSocket(p), p).toBe(false);
  });
});
