/**
 * The installation limiter on a fake clock: a review's writes back to back, one write in flight per installation,
 * GitHub's 80 a minute and 500 an hour over sliding windows, a pause after a rate limit, installations apart, and
 * nothing kept for an idle installation.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CONTENT_LIMITS,
  InstallationLimiter,
  isContentCreating,
  limitWait,
  type WindowLimit,
} from '../src/server/installation-limiter.js';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_000_000);
});
afterEach(() => {
  vi.useRealTimers();
});

/** A write that takes `ms` of (fake) time and records when it went out and when it was answered. */
interface Sent {
  key: string;
  start: number;
  end: number;
}
function writer(limiter: InstallationLimiter, log: Sent[]) {
  return (key: string, ms = 0, fail?: unknown) =>
    limiter.write(key, async () => {
      const start = Date.now();
      if (ms > 0) await new Promise((r) => setTimeout(r, ms));
      log.push({ key, start, end: Date.now() });
      if (fail !== undefined) throw fail;
      return key;
    });
}

/** Advances the fake clock in steps until `p` settles, at most `limitMs`; returns the time it took. */
async function timeToSettle(p: Promise<unknown>, limitMs: number, stepMs = 5): Promise<number> {
  const t0 = Date.now();
  let settled = false;
  p.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled && Date.now() - t0 <= limitMs) await vi.advanceTimersByTimeAsync(stepMs);
  if (!settled) throw new Error(`not settled within ${limitMs} ms`);
  return Date.now() - t0;
}

const secondaryLimit = (retryAfter?: string) =>
  Object.assign(new Error('You have exceeded a secondary rate limit'), {
    status: 403,
    response: { headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter } },
  });

describe('InstallationLimiter', () => {
  it("sends a review's writes back to back: four 50 ms writes in about 200 ms, not seconds apart", async () => {
    const log: Sent[] = [];
    const write = writer(new InstallationLimiter(), log);
    const review = (async () => {
      for (let i = 0; i < 4; i++) await write('1', 50);
    })();
    const took = await timeToSettle(review, 10_000);
    expect(log).toHaveLength(4);
    expect(took).toBeGreaterThanOrEqual(200);
    // the plugin's spacing made this at least 3 000 ms
    expect(took).toBeLessThan(400);
  });

  it('keeps one write of an installation in flight at a time', async () => {
    const log: Sent[] = [];
    const write = writer(new InstallationLimiter(), log);
    const all = Promise.all(Array.from({ length: 10 }, () => write('1', 20)));
    await timeToSettle(all, 10_000);
    const sorted = [...log].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++)
      expect(sorted[i]!.start).toBeGreaterThanOrEqual(sorted[i - 1]!.end);
  });

  it('holds the 81st write of a minute until the first is a minute old', async () => {
    const log: Sent[] = [];
    const write = writer(new InstallationLimiter(), log);
    const t0 = Date.now();
    const writes = Array.from({ length: 81 }, () => write('1'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(log).toHaveLength(80);
    await vi.advanceTimersByTimeAsync(58_000); // 59 s after the first answer
    expect(log).toHaveLength(80);
    await timeToSettle(Promise.all(writes), 5_000);
    expect(log).toHaveLength(81);
    expect(log[80]!.start - t0).toBeGreaterThanOrEqual(60_000);
    expect(log[80]!.start - t0).toBeLessThan(61_000);
  });

  it('holds the 501st write of an hour until the first is an hour old, at 80 a minute until then', async () => {
    const log: Sent[] = [];
    const write = writer(new InstallationLimiter(), log);
    const t0 = Date.now();
    const writes = Array.from({ length: 501 }, () => write('1'));
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(log).toHaveLength(500);
    for (let i = 80; i < 500; i++) expect(log[i]!.start - log[i - 80]!.start).toBeGreaterThanOrEqual(60_000);
    await timeToSettle(Promise.all(writes), 3_600_000, 60_000);
    expect(log[500]!.start - t0).toBeGreaterThanOrEqual(3_600_000);
    expect(log[500]!.start - t0).toBeLessThan(3_700_000);
    // 501 writes through Bottleneck: seconds of real time on a loaded machine, none of them waiting
  }, 60_000);

  it('counts a window from the answer, not from the request: a slow write keeps its place longer', async () => {
    const log: Sent[] = [];
    const write = writer(new InstallationLimiter({ limits: [{ max: 1, windowMs: 1_000 }] }), log);
    const first = write('1', 5_000);
    const second = write('1');
    await timeToSettle(Promise.all([first, second]), 20_000);
    expect(log[1]!.start - log[0]!.end).toBeGreaterThanOrEqual(1_000);
  });

  it("waits a secondary limit's retry-after before the installation's next write", async () => {
    const log: Sent[] = [];
    const write = writer(new InstallationLimiter(), log);
    const limited = write('1', 10, secondaryLimit('30'));
    const next = write('1');
    const other = write('2');
    await timeToSettle(limited, 1_000);
    await expect(limited).rejects.toMatchObject({ status: 403 });
    expect(await timeToSettle(other, 1_000)).toBeLessThan(100);
    await timeToSettle(next, 40_000);
    const [failed, nextSent] = log.filter((s) => s.key === '1');
    expect(failed && nextSent).toBeTruthy();
    expect(nextSent!.start - failed!.end).toBeGreaterThanOrEqual(30_000);
    expect(nextSent!.start - failed!.end).toBeLessThan(31_000);
  });

  it('waits a minute after a secondary limit without retry-after, and until the reset after a primary one', async () => {
    const log: Sent[] = [];
    const write = writer(new InstallationLimiter(), log);
    await expect(timeToSettle(write('1', 0, secondaryLimit()), 1_000)).resolves.toBeLessThan(100);
    await timeToSettle(write('1'), 70_000, 100);
    expect(log[1]!.start - log[0]!.end).toBeGreaterThanOrEqual(60_000);

    const reset = Math.ceil((Date.now() + 120_000) / 1000);
    const primary = Object.assign(new Error('API rate limit exceeded'), {
      status: 403,
      response: { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) } },
    });
    const failed = write('1', 0, primary);
    await timeToSettle(failed, 1_000);
    await expect(failed).rejects.toBe(primary);
    await timeToSettle(write('1'), 130_000, 100);
    expect(log[3]!.start).toBeGreaterThanOrEqual(reset * 1000);
  });

  it('keeps installations apart: one at its limit does not hold another back', async () => {
    const log: Sent[] = [];
    const write = writer(new InstallationLimiter(), log);
    const full = Array.from({ length: 81 }, () => write('1'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(log.filter((s) => s.key === '1')).toHaveLength(80);
    expect(await timeToSettle(write('2'), 1_000)).toBeLessThan(100);
    expect(log.filter((s) => s.key === '1')).toHaveLength(80);
    await timeToSettle(Promise.all(full), 61_000, 1_000);
  });

  it('keeps nothing for an installation once its windows are over', async () => {
    const limiter = new InstallationLimiter();
    const write = writer(limiter, []);
    await timeToSettle(
      Promise.all([write('1'), write('2', 0, secondaryLimit('5')).catch(() => null)]),
      1_000,
    );
    expect(limiter.size).toBe(2);
    await vi.advanceTimersByTimeAsync(CONTENT_LIMITS.at(-1)!.windowMs + 1_000);
    expect(limiter.size).toBe(0);
  });

  it('never lets more than `max` writes into any window, nor two at once, whatever their arrival (seeded)', async () => {
    const limits: WindowLimit[] = [
      { max: 3, windowMs: 1_000 },
      { max: 5, windowMs: 10_000 },
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            key: fc.constantFrom('a', 'b'),
            at: fc.integer({ min: 0, max: 20_000 }),
            ms: fc.integer({ min: 0, max: 1_500 }),
            fails: fc.boolean(),
          }),
          { minLength: 1, maxLength: 25 },
        ),
        async (plan) => {
          const log: Sent[] = [];
          const write = writer(new InstallationLimiter({ limits }), log);
          const t0 = Date.now();
          const all = plan.map(async (p) => {
            await new Promise((r) => setTimeout(r, p.at));
            // a plain failure (not a rate limit): its place is still taken, no pause follows
            await write(p.key, p.ms, p.fails ? new Error('boom') : undefined).catch(() => null);
          });
          await timeToSettle(Promise.all(all), 200_000, 100);
          expect(log).toHaveLength(plan.length);
          for (const key of ['a', 'b']) {
            const mine = log.filter((s) => s.key === key).sort((x, y) => x.start - y.start);
            for (let i = 1; i < mine.length; i++)
              expect(mine[i]!.start).toBeGreaterThanOrEqual(mine[i - 1]!.end);
            for (const { max, windowMs } of limits)
              for (let i = max; i < mine.length; i++)
                expect(mine[i]!.start - mine[i - max]!.start).toBeGreaterThanOrEqual(windowMs);
          }
          expect(Date.now()).toBeGreaterThanOrEqual(t0);
        },
      ),
      { seed: 1407, numRuns: 40 },
    );
  });
});

describe('limitWait', () => {
  it('reads retry-after, the primary reset, or a minute; a 403 of another kind is no limit', () => {
    expect(limitWait(secondaryLimit('7'))).toBe(7_000);
    expect(limitWait({ status: 429, response: { headers: { 'retry-after': '2' } } })).toBe(2_000);
    expect(limitWait(secondaryLimit())).toBe(60_000);
    const now = 1_700_000_000_000;
    expect(
      limitWait(
        {
          status: 403,
          response: { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000090' } },
        },
        now,
      ),
    ).toBe(90_000);
    expect(limitWait({ status: 403, message: 'Resource not accessible by integration' })).toBe(0);
    expect(limitWait({ status: 500, response: { headers: { 'retry-after': '3' } } })).toBe(0);
    expect(limitWait(secondaryLimit('999999'))).toBe(3_600_000);
  });
});

describe('isContentCreating', () => {
  it('counts REST writes and GraphQL mutations, not reads, queries or installation tokens', () => {
    expect(isContentCreating({ method: 'GET', url: '/repos/{owner}/{repo}/pulls/{pull_number}/files' })).toBe(
      false,
    );
    expect(isContentCreating({ method: 'POST', url: '/repos/{owner}/{repo}/check-runs' })).toBe(true);
    expect(
      isContentCreating({ method: 'PATCH', url: '/repos/{owner}/{repo}/check-runs/{check_run_id}' }),
    ).toBe(true);
    expect(
      isContentCreating({ method: 'POST', url: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews' }),
    ).toBe(true);
    expect(
      isContentCreating({ method: 'POST', url: '/app/installations/{installation_id}/access_tokens' }),
    ).toBe(false);
    expect(
      isContentCreating({ method: 'POST', url: '/graphql', query: 'query ($owner: String!) { x }' }),
    ).toBe(false);
    expect(isContentCreating({ method: 'POST', url: '/graphql', query: '{ viewer { login } }' })).toBe(false);
    expect(
      isContentCreating({
        method: 'POST',
        url: '/graphql',
        query: '# resolve\n  mutation { resolveReviewThread }',
      }),
    ).toBe(true);
    expect(isContentCreating({ method: 'POST', url: '/graphql', query: 'mutationless { x }' })).toBe(false);
    expect(
      isContentCreating({ method: 'POST', url: 'https://ghe.example/api/v3/repos/acme/shop/check-runs?x=1' }),
    ).toBe(true);
    expect(
      isContentCreating({ method: 'POST', url: 'https://ghe.example/api/graphql', query: 'query { x }' }),
    ).toBe(false);
  });
});
