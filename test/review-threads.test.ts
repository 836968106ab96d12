/**
 * The review comments read from the contents query's GraphQL answer (src/github/review-threads.ts): the REST
 * listing's shape, a bot recognised as from REST and nobody else, and no comments at all when the answer may not
 * hold them all (the review then lists them through REST).
 */
import { describe, expect, it } from 'vitest';
import {
  COMMENTS_PER_THREAD,
  THREADS_LISTED,
  readThreads,
  reviewThreadsField,
} from '../src/github/review-threads.js';
import { postedFingerprints } from '../src/github/publish.js';
import { writtenByApp } from '../src/review/plan.js';

const MARKER = '<!-- dockreview:fingerprint=0123456789abcdef0123 -->';

type Author = { __typename: string; login: string } | null;

function comment(id: number, author: Author, body = `finding\n\n${MARKER}`) {
  return { id: `PRRC_${id}`, fullDatabaseId: String(id), path: 'Dockerfile', body, author };
}

function answer(threads: ReturnType<typeof comment>[][], o: { more?: boolean; longer?: number } = {}) {
  return {
    reviewThreads: {
      pageInfo: { hasNextPage: o.more ?? false },
      nodes: threads.map((t, i) => ({
        id: `PRRT_${t[0]!.fullDatabaseId}`,
        comments: { pageInfo: { hasNextPage: o.longer === i }, nodes: t },
      })),
    },
  };
}

const BOT: Author = { __typename: 'Bot', login: 'dockreview' };

describe('readThreads', () => {
  it('gives the REST listing’s shape: ids, node ids, replies to the thread’s first comment, oldest first', () => {
    const read = readThreads(
      answer([
        [comment(900, BOT), comment(905, { __typename: 'User', login: 'octocat' }, 'thanks')],
        [comment(901, BOT)],
      ]),
    );
    expect(read.comments).toEqual([
      {
        id: 900,
        nodeId: 'PRRC_900',
        path: 'Dockerfile',
        body: `finding\n\n${MARKER}`,
        login: 'dockreview[bot]',
        type: 'Bot',
        threadId: 'PRRT_900',
      },
      {
        id: 901,
        nodeId: 'PRRC_901',
        path: 'Dockerfile',
        body: `finding\n\n${MARKER}`,
        login: 'dockreview[bot]',
        type: 'Bot',
        threadId: 'PRRT_901',
      },
      {
        id: 905,
        nodeId: 'PRRC_905',
        path: 'Dockerfile',
        body: 'thanks',
        login: 'octocat',
        type: 'User',
        inReplyToId: 900,
        threadId: 'PRRT_900',
      },
    ]);
    expect([...read.threads]).toEqual([
      [900, 'PRRT_900'],
      [901, 'PRRT_901'],
    ]);
  });

  it('a 64-bit id past 2^31 (GraphQL’s BigInt, a string) is kept; one past what a number holds exactly is not', () => {
    expect(readThreads(answer([[comment(3_000_000_001, BOT)]])).comments?.[0]?.id).toBe(3_000_000_001);
    const huge = { ...comment(1, BOT), fullDatabaseId: '9007199254740993' };
    expect(readThreads(answer([[huge]])).comments).toBeUndefined();
  });

  it('a bot is recognised as from REST; a person named like the bot, or with a [bot] login, never', () => {
    const read = readThreads(
      answer([
        [comment(1, BOT)],
        [comment(2, { __typename: 'User', login: 'dockreview' })],
        [comment(3, { __typename: 'User', login: 'dockreview[bot]' })],
        [comment(4, { __typename: 'Mannequin', login: 'dockreview' })],
        [comment(5, null)], // a deleted account
      ]),
    );
    const app = { appId: 42, login: 'dockreview[bot]' };
    expect(read.comments!.map((c) => [c.id, writtenByApp(c, app), writtenByApp(c, null)])).toEqual([
      [1, true, true],
      [2, false, false],
      [3, false, false],
      [4, false, false],
      [5, false, false],
    ]);
    // the fingerprints the review takes as posted: the bot's only
    expect([...postedFingerprints(read.comments!.filter((c) => c.id !== 1))]).toEqual([]);
    expect([...postedFingerprints(read.comments!)]).toEqual(['0123456789abcdef0123']);
  });

  it('no comments when the answer may not hold them all: more threads, a longer thread, a node left out', () => {
    const threads = [[comment(1, BOT)], [comment(2, BOT), comment(3, BOT)]];
    expect(readThreads(answer(threads)).comments).toHaveLength(3);
    const more = readThreads(answer(threads, { more: true }));
    expect(more.comments).toBeUndefined();
    // the threads read still serve to resolve fixed ones
    expect([...more.threads.keys()]).toEqual([1, 2]);
    expect(readThreads(answer(threads, { longer: 1 })).comments).toBeUndefined();
    const withNull = answer(threads);
    (withNull.reviewThreads.nodes[1]!.comments.nodes as unknown[])[1] = null;
    expect(readThreads(withNull).comments).toBeUndefined();
    const noPath = { ...comment(4, BOT), path: undefined } as unknown as ReturnType<typeof comment>;
    expect(readThreads(answer([[noPath]])).comments).toBeUndefined();
    // no pull request in the answer (an error beside the data), or no page info: not complete either
    expect(readThreads(null).comments).toBeUndefined();
    expect(readThreads({ reviewThreads: { nodes: [] } }).comments).toBeUndefined();
    // a pull request without threads: complete, and empty
    expect(readThreads(answer([])).comments).toEqual([]);
  });
});

describe('reviewThreadsField', () => {
  it('asks for at most GitHub’s 100 nodes a connection, the pull request as a plain integer', () => {
    const field = reviewThreadsField(17.9);
    expect(field.startsWith('pullRequest(number: 17) ')).toBe(true);
    expect(field).toContain(`reviewThreads(first: ${THREADS_LISTED})`);
    expect(field).toContain(`comments(first: ${COMMENTS_PER_THREAD})`);
    expect(THREADS_LISTED).toBeLessThanOrEqual(100);
    expect(COMMENTS_PER_THREAD).toBeLessThanOrEqual(100);
    // GitHub's node limit: threads plus their comments, far below 500 000
    expect(THREADS_LISTED + THREADS_LISTED * COMMENTS_PER_THREAD).toBeLessThan(500_000);
  });
});
