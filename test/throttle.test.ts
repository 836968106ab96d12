/**
 * The server's Octokit class gives each installation its own rate limiter: the options the throttling plugin sees
 * carry `throttle.id` = the installation id, whatever Probot's defaults merged before, and the plugin's write gate
 * without its second between writes (the installation limiter limits them instead).
 */
import { ProbotOctokit } from 'probot';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InstallationLimiter } from '../src/server/installation-limiter.js';
import { throttledPerInstallation, UNSPACED_WRITES } from '../src/server/throttle.js';

function optionsSeenByPlugins(options: Record<string, unknown>): Record<string, unknown> {
  let seen: Record<string, unknown> = {};
  const Capturing = throttledPerInstallation(ProbotOctokit).plugin(
    (_octokit: unknown, o: Record<string, unknown>) => {
      seen = o;
      return {};
    },
  );
  new Capturing(options);
  return seen;
}

describe('throttledPerInstallation', () => {
  it('keys the limiter by the installation of an event Octokit', () => {
    const o = optionsSeenByPlugins({ auth: { token: 'x', installationId: 4242 } });
    expect(o.throttle).toMatchObject({ enabled: true, id: '4242', write: UNSPACED_WRITES });
  });

  it('leaves the app-level Octokit (no installation) and disabled throttling alone', () => {
    expect((optionsSeenByPlugins({ auth: { token: 'x' } }).throttle as { id?: string }).id).toBeUndefined();
    expect(
      optionsSeenByPlugins({ auth: { token: 'x', installationId: 7 }, throttle: { enabled: false } })
        .throttle,
    ).not.toHaveProperty('id');
  });
});

/**
 * The class on a fake clock, with GitHub answering at once: a review's writes and its GraphQL query go out back to
 * back through the throttling plugin, only the writes reach the installation limiter, and a secondary limit's
 * `retry-after` holds the installation's next write.
 */
describe('throttledPerInstallation on the wire', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const silent = { debug() {}, info() {}, warn() {}, error() {} };

  function client(limiter: InstallationLimiter, answer: (method: string, url: string) => Response) {
    const sent: { method: string; path: string; at: number }[] = [];
    const fetch = async (url: string | URL, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const path = new URL(String(url)).pathname;
      sent.push({ method, path, at: Date.now() });
      return answer(method, path);
    };
    const Octokit = throttledPerInstallation(ProbotOctokit, () => limiter);
    const octokit = new Octokit({ auth: { token: 'x', installationId: 7 }, log: silent, request: { fetch } });
    return { octokit, sent };
  }

  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });

  async function settle<T>(p: Promise<T>, limitMs: number): Promise<number> {
    const t0 = Date.now();
    let done = false;
    p.then(
      () => (done = true),
      () => (done = true),
    );
    while (!done && Date.now() - t0 <= limitMs) await vi.advanceTimersByTimeAsync(10);
    if (!done) throw new Error(`not settled within ${limitMs} ms`);
    return Date.now() - t0;
  }

  it("sends a review's check run, query, review and completion back to back, counting the three writes", async () => {
    const limiter = new InstallationLimiter();
    const write = vi.spyOn(limiter, 'write');
    const { octokit, sent } = client(limiter, (_m, path) =>
      path === '/graphql' ? json(200, { data: { repository: null } }) : json(201, { id: 1 }),
    );
    const repo = { owner: 'acme', repo: 'shop' };
    const review = (async () => {
      await octokit.request('POST /repos/{owner}/{repo}/check-runs', {
        ...repo,
        name: 'dockreview',
        head_sha: 'a',
      });
      await octokit.graphql('query ($owner: String!) { repository(owner: $owner, name: "shop") { id } }', {
        owner: 'acme',
      });
      await octokit.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
        ...repo,
        pull_number: 1,
        event: 'COMMENT',
      });
      await octokit.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
        ...repo,
        check_run_id: 1,
        status: 'completed',
      });
    })();
    // the plugin's spacing made this three seconds at least
    expect(await settle(review, 10_000)).toBeLessThan(500);
    expect(sent.map((s) => `${s.method} ${s.path}`)).toEqual([
      'POST /repos/acme/shop/check-runs',
      'POST /graphql',
      'POST /repos/acme/shop/pulls/1/reviews',
      'PATCH /repos/acme/shop/check-runs/1',
    ]);
    expect(write).toHaveBeenCalledTimes(3);
    expect(write.mock.calls.every(([key]) => key === '7')).toBe(true);
  });

  it("waits a secondary limit's retry-after before the retry and before the installation's next write", async () => {
    let limited = true;
    const { octokit, sent } = client(new InstallationLimiter(), () => {
      if (!limited) return json(201, { id: 2 });
      limited = false;
      return json(403, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '20' });
    });
    const repo = { owner: 'acme', repo: 'shop' };
    const first = octokit.request('POST /repos/{owner}/{repo}/check-runs', {
      ...repo,
      name: 'a',
      head_sha: 'a',
    });
    const second = octokit.request('POST /repos/{owner}/{repo}/check-runs', {
      ...repo,
      name: 'b',
      head_sha: 'b',
    });
    await settle(Promise.all([first, second]), 60_000);
    expect(sent).toHaveLength(3);
    // Probot's Octokit retries the limited request after retry-after; the other write waits as long
    for (const later of sent.slice(1)) expect(later.at - sent[0]!.at).toBeGreaterThanOrEqual(20_000);
  });
});
