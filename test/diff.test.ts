import { describe, expect, it } from 'vitest';
import { inOneHunk, parsePatch } from '../src/review/diff.js';

const sorted = (s: Set<number>): number[] => [...s].sort((a, b) => a - b);

describe('parsePatch', () => {
  it('a new file: every line added and commentable, one hunk', () => {
    const d = parsePatch('@@ -0,0 +1,3 @@\n+FROM alpine\n+RUN true\n+USER app');
    expect(sorted(d.added)).toEqual([1, 2, 3]);
    expect(sorted(d.commentable)).toEqual([1, 2, 3]);
    expect(d.hunks).toEqual([{ start: 1, end: 3 }]);
  });

  it('several hunks: added lines, context lines commentable, lines between hunks not', () => {
    const patch = [
      '@@ -1,4 +1,5 @@',
      ' FROM alpine:3.20',
      '-RUN apk add curl',
      '+RUN apk add --no-cache curl',
      '+RUN apk add --no-cache git',
      ' WORKDIR /app',
      ' COPY . .',
      '@@ -20,3 +21,4 @@ ENV A=1',
      ' EXPOSE 8080',
      '+USER app',
      ' HEALTHCHECK CMD true',
      ' CMD ["app"]',
    ].join('\n');
    const d = parsePatch(patch);
    expect(sorted(d.added)).toEqual([2, 3, 22]);
    expect(sorted(d.commentable)).toEqual([1, 2, 3, 4, 5, 21, 22, 23, 24]);
    expect(d.hunks).toEqual([
      { start: 1, end: 5 },
      { start: 21, end: 24 },
    ]);
    expect(d.commentable.has(10)).toBe(false);
  });

  it('ignores "\\ No newline at end of file" markers', () => {
    const patch = [
      '@@ -1,2 +1,2 @@',
      ' FROM alpine',
      '-CMD ["a"]',
      '\\ No newline at end of file',
      '+CMD ["b"]',
      '\\ No newline at end of file',
    ].join('\n');
    const d = parsePatch(patch);
    expect(sorted(d.added)).toEqual([2]);
    expect(sorted(d.commentable)).toEqual([1, 2]);
    expect(d.hunks).toEqual([{ start: 1, end: 2 }]);
  });

  it('deleted lines are neither added nor commentable; line numbers keep to the head side', () => {
    const patch = [
      '@@ -1,6 +1,4 @@',
      ' FROM alpine',
      '-MAINTAINER a',
      '-LABEL x=1',
      ' RUN true',
      '+RUN false',
      '-RUN maybe',
      ' USER app',
    ].join('\n');
    const d = parsePatch(patch);
    expect(sorted(d.added)).toEqual([3]);
    expect(sorted(d.commentable)).toEqual([1, 2, 3, 4]);
    expect(d.hunks).toEqual([{ start: 1, end: 4 }]);
  });

  it('a hunk that only deletes has no head-side lines', () => {
    const d = parsePatch('@@ -3,2 +2,0 @@\n-RUN a\n-RUN b');
    expect(d.added.size).toBe(0);
    expect(d.commentable.size).toBe(0);
    expect(d.hunks).toEqual([]);
  });

  it('single-line hunk headers without counts, and an empty patch', () => {
    const d = parsePatch('@@ -1 +1 @@\n-FROM a\n+FROM b');
    expect(sorted(d.added)).toEqual([1]);
    expect(d.hunks).toEqual([{ start: 1, end: 1 }]);
    const empty = parsePatch('');
    expect(empty.added.size + empty.commentable.size + empty.hunks.length).toBe(0);
  });
});

describe('inOneHunk', () => {
  const d = parsePatch('@@ -1,2 +1,3 @@\n a\n+b\n c\n@@ -10,2 +11,2 @@\n x\n-y\n+z');
  it('is true only when both ends sit in the same hunk', () => {
    expect(d.hunks).toEqual([
      { start: 1, end: 3 },
      { start: 11, end: 12 },
    ]);
    expect(inOneHunk(d, 1, 3)).toBe(true);
    expect(inOneHunk(d, 2, 2)).toBe(true);
    expect(inOneHunk(d, 11, 12)).toBe(true);
    expect(inOneHunk(d, 3, 11)).toBe(false);
    expect(inOneHunk(d, 3, 4)).toBe(false);
    expect(inOneHunk(d, 5, 5)).toBe(false);
  });
});
