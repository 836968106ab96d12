/** Which of the app's earlier comments a push fixed, and what becomes of each (src/review/threads.ts). */
import { describe, expect, it } from 'vitest';
import { FIXED_MARKER, fixedNote, fixedThreads, type ExistingComment } from '../src/review/threads.js';

const FP_A = 'a'.repeat(20);
const FP_B = 'b'.repeat(20);
const FP_C = 'c'.repeat(20);
const SHA = '0123456789abcdef0123456789abcdef01234567';
const BOT = { login: 'dockreview[bot]', type: 'Bot' };
const body = (...fps: string[]): string =>
  `🟠 **warning**\n\n<!-- dockreview:fingerprint=${fps.join(',')} -->`;
const comment = (id: number, b: string, more: Partial<ExistingComment> = {}): ExistingComment => ({
  id,
  nodeId: `N${id}`,
  path: 'Dockerfile',
  body: b,
  ...BOT,
  ...more,
});
const options = (standing: string[], more = {}) => ({
  sha: SHA,
  reviewed: new Set(['Dockerfile']),
  standing: new Set(standing),
  resolve: false,
  ...more,
});

describe('fixedThreads', () => {
  it('notes and minimizes a comment none of whose findings stands; one finding left keeps it open', () => {
    const updates = fixedThreads([comment(1, body(FP_A)), comment(2, body(FP_B, FP_C))], options([FP_C]));
    expect(updates).toEqual([
      { commentId: 'N1', path: 'Dockerfile', body: `${fixedNote(SHA)}${body(FP_A)}`, minimize: true },
    ]);
    expect(fixedNote(SHA)).toBe(`${FIXED_MARKER}✅ Fixed in \`0123456\`\n\n`);
  });

  it('a thread someone replied to gets the note only; the app’s own reply does not count', () => {
    const comments = [
      comment(1, body(FP_A)),
      comment(2, 'Fixed, thanks', { inReplyToId: 1, login: 'octocat', type: 'User' }),
      comment(3, body(FP_B)),
      comment(4, 'a follow-up', { inReplyToId: 3 }),
    ];
    expect(fixedThreads(comments, options([])).map((u) => [u.commentId, u.minimize])).toEqual([
      ['N1', false],
      ['N3', true],
    ]);
  });

  it('never touches what the app did not write, a reply, a comment marked already, or a file not reviewed', () => {
    const comments = [
      comment(1, body(FP_A), { login: 'mallory', type: 'User' }),
      comment(2, body(FP_A), { inReplyToId: 9 }),
      comment(3, `${fixedNote(SHA)}${body(FP_A)}`),
      comment(4, body(FP_A), { path: 'other/Dockerfile' }),
      comment(5, 'no marker at all'),
    ];
    expect(fixedThreads(comments, options([]))).toEqual([]);
  });

  it('resolves only when asked and the thread id is known, and never a thread someone replied to', () => {
    const comments = [
      comment(1, body(FP_A), { threadId: 'T1' }),
      comment(2, body(FP_B)),
      comment(3, body(FP_C), { threadId: 'T3' }),
      comment(4, 'no', { inReplyToId: 3, login: 'octocat', type: 'User' }),
    ];
    expect(fixedThreads(comments, options([])).some((u) => u.resolveThreadId)).toBe(false);
    expect(fixedThreads(comments, options([], { resolve: true })).map((u) => u.resolveThreadId)).toEqual([
      'T1',
      undefined,
      undefined,
    ]);
  });
});
