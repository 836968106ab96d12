/**
 * The app under GitHub faults (issue 7): errors on every call, a secondary rate limit, a request that never answers,
 * a review GitHub rejects, redelivered webhooks, racing pushes and a token that stops working mid-review. Unlike
 * test/app.test.ts, the Probot here runs Probot's own Octokit with its retry and throttling plugins on and Probot's
 * throttling callbacks, as in production; only the waits are shrunk. Whatever happens, every check run the app
 * creates ends completed, and no comment is posted twice.
 */
import nock from 'nock';
import { Probot, ProbotOctokit } from 'probot';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import dockreviewApp from '../src/app.js';
import { THREADS_LISTED } from '../src/github/review-threads.js';
import {
  CHECK_RUN_ID,
  FakeGitHub,
  HEAD_SHA,
  INSTALLATION_ID,
  OWNER,
  PR_NUMBER,
  REPO,
  ROUTES,
  WEBHOOK_SECRET,
  fixture,
  onlyRules,
  pullRequestPayload,
  testPrivateKey,
  type PullRequestPayloadOptions,
} from './helpers/github.js';

interface ReviewComment {
  path: string;
  line: number;
  start_line?: number;
  body: string;
}
interface ReviewBody {
  commit_id: string;
  event: string;
  body: string;
  comments: ReviewComment[];
}
interface CheckBody {
  head_sha?: string;
  status?: string;
  conclusion?: string;
  output: {
    title: string;
    summary: string;
    annotations?: { path: string; start_line: number; title: string }[];
  };
}

/** The per-attempt limit the gateway applies (the Octokit's `request.timeout`), short for the tests. */
const TIMEOUT_MS = 200;
const DOCKERFILE = 'services/api/Dockerfile';
const RULES = ['prefer-slim-base', 'apt-clean-lists', 'no-maintainer', 'npm-ci', 'exec-form', 'no-cd-in-run'];
// The fixture's error is its MAINTAINER line: `no-maintainer` is info by default (the image builds fine), so the
// config grades it as an error, as a team that wants it gone would; and `apt-clean-lists` as a warning, so the
// review has the two comments (lines 3–4 and 5) these tests post through faults (info stays in the check run).
const GRADES = '  no-maintainer: error\n  apt-clean-lists: warning\n';
const CONFIG = { '.github/dockreview.yml': onlyRules(RULES, GRADES) };
const FILES = [
  { path: DOCKERFILE, status: 'modified' as const, patch: fixture('findings/Dockerfile.patch') },
];
const HEAD = { [DOCKERFILE]: fixture('findings/Dockerfile') };
const SHA_B = 'b'.repeat(40);
/**
 * What the fixture's review is: 2 comments (lines 3–4 and 5), 5 findings, an error among them; annotated are the 3
 * findings without a comment, or all 5 when the comments could not be posted.
 */
const COMMENTED_LINES = [4, 5];
const ANNOTATIONS = 5;
const UNCOMMENTED = 3;
const SERVER_ERROR = { message: 'Server Error' };

/** A limiter that lets every request through at once (the throttling plugin spaces writes 1 s apart). */
const unthrottled = {
  key: () => ({
    schedule: (_options: unknown, task: (...args: unknown[]) => unknown, ...args: unknown[]) => task(...args),
  }),
};

/**
 * Requests GitHub leaves unanswered, as on a hung connection: a fetch that only ends when its caller gives up (aborts
 * its signal); `hangs` says how many requests to `METHOD /path` to hold.
 *
 * Not nock's `.delay()`, and the other requests go to nock without the gateway's abort signal: aborting a request
 * while nock's mocked socket is answering it trips an assertion inside Node 20's undici (an uncaught exception), and
 * on a loaded machine a mocked answer can take longer than the tests' 200 ms limit.
 */
const hangs = new Map<string, number>();
const hung: string[] = [];
const hangingFetch: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const key = `${init?.method ?? 'GET'} ${url.pathname}`;
  const left = hangs.get(key) ?? 0;
  if (left === 0) {
    const { signal: _answeredByNock, ...rest } = init ?? {};
    return globalThis.fetch(input, rest);
  }
  hangs.set(key, left - 1);
  hung.push(key);
  return new Promise<Response>((_resolve, reject) => {
    init?.signal?.addEventListener('abort', () => reject(init.signal!.reason as Error), { once: true });
  });
};

/**
 * Probot's Octokit class as Probot builds it (its throttling callbacks included: secondary rate limits are not
 * retried by the plugin), with the plugins' waits in milliseconds instead of seconds.
 */
const FaultOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { retryAfterBaseValue: 1 }, // plugin-retry waits (attempt)² × this
  throttle: {
    ...(options.throttle as object),
    retryAfterBaseValue: 1,
    write: unthrottled,
    notifications: unthrottled,
  },
  request: {
    ...(options.request as object),
    timeout: TIMEOUT_MS,
    retryAfterBaseValue: 1,
    fetch: hangingFetch,
  },
}));

/** The requests GitHub answered with success, as the app saw them (after every retry): route, parameters, data. */
let answered: { route: string; params: Record<string, unknown>; data: unknown }[] = [];
const RecordingOctokit = FaultOctokit.plugin(
  (octokit: { hook: InstanceType<typeof ProbotOctokit>['hook'] }) => {
    octokit.hook.after('request', (response, options) => {
      answered.push({ route: `${options.method} ${options.url}`, params: options, data: response.data });
    });
  },
);

let gh: FakeGitHub;
let probot: Probot;
/** When each request reached the fake, and with which token. */
let seen: { route: string; at: number; authorization: string | null }[];

beforeAll(() => {
  nock.disableNetConnect();
});
beforeEach(async () => {
  gh = new FakeGitHub();
  seen = [];
  answered = [];
  hangs.clear();
  hung.length = 0;
  gh.scope.on('request', (req: Request) => {
    seen.push({
      route: gh.requests[gh.requests.length - 1]?.route ?? '?',
      at: performance.now(),
      authorization: req.headers.get('authorization'),
    });
  });
  probot = new Probot({
    appId: 123,
    privateKey: testPrivateKey(),
    secret: WEBHOOK_SECRET,
    logLevel: 'fatal',
    Octokit: RecordingOctokit,
  });
  await probot.load(dockreviewApp);
});
afterEach(() => {
  vi.useRealTimers();
  gh.dispose();
  nock.cleanAll();
});

let deliveries = 0;
function receive(o: PullRequestPayloadOptions = {}, id = `fault-${++deliveries}`): Promise<void> {
  return probot.receive({ id, name: 'pull_request', payload: pullRequestPayload(o) } as never);
}

const PATHS = {
  [ROUTES.createCheck]: { method: 'post', path: `/repos/${OWNER}/${REPO}/check-runs` },
  [ROUTES.listFiles]: {
    method: 'get',
    path: `/repos/${OWNER}/${REPO}/pulls/${PR_NUMBER}/files`,
    paged: true,
  },
  [ROUTES.graphql]: { method: 'post', path: '/graphql' },
  [ROUTES.listComments]: {
    method: 'get',
    path: `/repos/${OWNER}/${REPO}/pulls/${PR_NUMBER}/comments`,
    paged: true,
  },
  [ROUTES.getPull]: { method: 'get', path: `/repos/${OWNER}/${REPO}/pulls/${PR_NUMBER}` },
  [ROUTES.createReview]: { method: 'post', path: `/repos/${OWNER}/${REPO}/pulls/${PR_NUMBER}/reviews` },
  [ROUTES.updateCheck]: { method: 'patch', path: `/repos/${OWNER}/${REPO}/check-runs/${CHECK_RUN_ID}` },
} as const;
type FlowRoute = keyof typeof PATHS;
const FLOW_ROUTES = Object.keys(PATHS) as FlowRoute[];

/** An interceptor on `route` (registered before the flow's, so it answers first). */
function intercept(route: FlowRoute): nock.Interceptor {
  const target: { method: 'get' | 'post' | 'patch'; path: string; paged?: boolean } = PATHS[route];
  const interceptor = gh.scope[target.method](target.path);
  return target.paged ? interceptor.query(true) : interceptor;
}

/**
 * What a review's interceptors may add: `comments` REST listings of the review comments (none by default: the
 * contents query reads them; a listing follows each failed post that may have landed), `overflow` more threads than
 * that query reads (so the review lists them through REST once more).
 */
interface ReviewOptions {
  comments?: number;
  reviews?: number;
  overflow?: boolean;
}

/** The usual interceptors of the fixture's review. */
function fullReview(o: ReviewOptions = {}): void {
  gh.token().createCheckRun();
  afterCheckRun(o);
}

/** The interceptors of the review once its check run exists. */
function afterCheckRun(o: ReviewOptions = {}): void {
  if (o.overflow) overflowThreads();
  const listings = (o.comments ?? 0) + (o.overflow ? 1 : 0);
  gh.listFiles(FILES).graphql({ defaultBranch: CONFIG, head: HEAD });
  if (listings > 0) gh.listReviewComments({ times: listings });
  gh.getPull();
  if (o.reviews !== 0) gh.createReview({ times: o.reviews ?? 1 });
  gh.updateCheckRun();
}

/**
 * Threads people started on the pull request, one more than the contents query reads: the review lists the
 * comments through REST, the request the faults on that route need.
 */
function overflowThreads(): void {
  gh.hold(
    Array.from({ length: THREADS_LISTED + 1 }, (_, i) => `question ${i}`),
    { login: 'octocat', type: 'User' },
  );
}

/** The last request that completed a check run (a PATCH, or a run created completed in its place). */
function completion(): CheckBody {
  const done = [
    ...gh.bodies<CheckBody>(ROUTES.updateCheck),
    ...gh.bodies<CheckBody>(ROUTES.createCheck),
  ].filter((b) => b.status === 'completed');
  expect(done.length).toBeGreaterThan(0);
  return done[done.length - 1]!;
}

/**
 * GitHub created `runs` check runs, and each was completed: a PATCH to it with `status: completed` that GitHub
 * accepted, or a run created completed in its place on the same commit.
 */
function expectTerminal(runs = 1): void {
  const ok = (route: string) => answered.filter((a) => a.route === route).map((a) => a.params);
  const creates = ok(ROUTES.createCheck);
  const created = answered
    .filter((a) => a.route === ROUTES.createCheck && a.params.status === 'in_progress')
    .map((a) => ({ id: (a.data as { id: number }).id, head: a.params.head_sha }));
  expect(created).toHaveLength(runs);
  for (const run of created) {
    const patched = ok(ROUTES.updateCheck).some((p) => p.check_run_id === run.id && p.status === 'completed');
    const replaced = creates.some((p) => p.head_sha === run.head && p.status === 'completed');
    expect(patched || replaced, `check run ${run.id} completed`).toBe(true);
  }
}

function reviews(): ReviewBody[] {
  return gh.bodies<ReviewBody>(ROUTES.createReview);
}

/** The review landed once: each finding on a changed line has exactly one comment (people's are left out). */
function expectCommentedOnce(): void {
  expect(gh.posted.filter((c) => c.author === undefined).map((c) => c.line)).toEqual(COMMENTED_LINES);
}

describe('GitHub answers 500, then 502, then succeeds', () => {
  it.each(FLOW_ROUTES)('on %s: retried, the review completes as if nothing happened', async (route) => {
    if (route === ROUTES.createReview) {
      // no blind retry of a review: the comments are listed again in between, in case the failed post landed
      gh.createReview({ status: 500 }).createReview({ status: 502 });
      fullReview({ comments: 2 });
    } else if (route === ROUTES.createCheck) {
      // nor of the check run: the commit's runs are listed in between, in case the failed create landed
      intercept(route).reply(500, SERVER_ERROR);
      intercept(route).reply(502, { message: 'Bad Gateway' });
      gh.listCheckRuns().listCheckRuns();
      fullReview();
    } else if (route === ROUTES.listComments) {
      // the listing is made when the pull request has more threads than the contents query reads
      intercept(route).reply(500, SERVER_ERROR);
      intercept(route).reply(502, { message: 'Bad Gateway' });
      fullReview({ overflow: true });
    } else {
      intercept(route).reply(500, SERVER_ERROR);
      intercept(route).reply(502, { message: 'Bad Gateway' });
      fullReview();
    }
    await expect(receive()).resolves.toBeUndefined();
    gh.verify();

    expect(gh.on(route)).toHaveLength(3);
    expectTerminal();
    expectCommentedOnce();
    const done = completion();
    expect(done.conclusion).toBe('failure'); // the fixture's error finding, not the fault
    expect(done.output.title).not.toBe('Review failed');
    expect(done.output.summary).not.toContain('could not');
    expect(done.output.annotations).toHaveLength(UNCOMMENTED);
  });
});

describe('creating the check run', () => {
  it('takes over the run a create stored before answering 502, instead of creating a second one', async () => {
    let externalId = '';
    gh.token();
    gh.scope.post(`/repos/${OWNER}/${REPO}/check-runs`).reply(async (req: Request) => {
      externalId = ((await req.json()) as { external_id: string }).external_id;
      return [502, { message: 'Bad Gateway' }];
    });
    // another run of the check on the same commit (an earlier push's re-run) is left alone
    gh.scope
      .get(`/repos/${OWNER}/${REPO}/commits/${HEAD_SHA}/check-runs`)
      .query({ check_name: 'dockreview', filter: 'all', per_page: '100' })
      .reply(200, () => ({
        total_count: 2,
        check_runs: [
          {
            id: 41,
            name: 'dockreview',
            head_sha: HEAD_SHA,
            external_id: 'someone-else',
            status: 'completed',
          },
          {
            id: CHECK_RUN_ID,
            name: 'dockreview',
            head_sha: HEAD_SHA,
            external_id: externalId,
            status: 'in_progress',
          },
        ],
      }));
    afterCheckRun();
    await expect(receive()).resolves.toBeUndefined();
    gh.verify();

    expect(externalId).toMatch(/^[0-9a-f-]{36}$/);
    expect(gh.on(ROUTES.createCheck)).toHaveLength(1);
    expect(gh.on(ROUTES.updateCheck).map((r) => r.path)).toEqual([
      `/repos/${OWNER}/${REPO}/check-runs/${CHECK_RUN_ID}`,
    ]);
    expect(completion()).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expectCommentedOnce();
  });

  it('gives up after 4 failed creates, each checked first, and the error reaches Probot', async () => {
    gh.token();
    intercept(ROUTES.createCheck).times(4).reply(500, SERVER_ERROR);
    gh.listCheckRuns().listCheckRuns().listCheckRuns();
    await expect(receive()).rejects.toThrow(/Server Error/);
    gh.verify();
    expect(gh.calls()).toEqual([
      ROUTES.createCheck,
      ROUTES.listCheckRuns,
      ROUTES.createCheck,
      ROUTES.listCheckRuns,
      ROUTES.createCheck,
      ROUTES.listCheckRuns,
      ROUTES.createCheck,
    ]);
  });
});

describe('GitHub answers 500 forever', () => {
  // the retry plugin makes 4 attempts (3 retries); a review is posted 3 times at most, listing comments in between
  it.each([ROUTES.listFiles, ROUTES.graphql, ROUTES.listComments, ROUTES.getPull])(
    'on %s: the check run ends failure with the reason',
    async (route) => {
      intercept(route).times(4).reply(500, SERVER_ERROR);
      gh.token().createCheckRun();
      if (route !== ROUTES.listFiles) gh.listFiles(FILES);
      if (route !== ROUTES.listFiles && route !== ROUTES.graphql)
        gh.graphql({ defaultBranch: CONFIG, head: HEAD });
      // the listing is made when the pull request has more threads than the contents query reads
      if (route === ROUTES.listComments) overflowThreads();
      gh.updateCheckRun();
      await expect(receive()).resolves.toBeUndefined();
      gh.verify();

      expect(gh.on(route)).toHaveLength(4);
      expect(gh.on(ROUTES.createReview)).toEqual([]);
      expectTerminal();
      expect(completion()).toMatchObject({
        status: 'completed',
        conclusion: 'failure',
        output: { title: 'Review failed' },
      });
      expect(completion().output.summary).toMatch(
        /^dockreview could not finish this review: GitHub answered 500: Server Error.* \(error id [0-9a-f]{8}\)$/m,
      );
    },
  );

  it('on the review: no comment, every finding in the annotations, the note says why', async () => {
    gh.createReview({ status: 500, times: 3 });
    fullReview({ comments: 2, reviews: 0 });
    await expect(receive()).resolves.toBeUndefined();
    gh.verify();

    expect(gh.on(ROUTES.createReview)).toHaveLength(3);
    expect(gh.posted).toEqual([]);
    expectTerminal();
    const done = completion();
    expect(done.conclusion).toBe('failure');
    expect(done.output.annotations).toHaveLength(ANNOTATIONS);
    expect(done.output.summary).toContain(
      '> The review comments could not be posted (GitHub answered 500: Server Error); every finding is in the findings table below.',
    );
  });

  it('on completing the check run: a new run is created completed in its place', async () => {
    gh.token()
      .createCheckRun()
      .listFiles(FILES)
      .graphql({ defaultBranch: CONFIG, head: HEAD })
      .getPull()
      .createReview();
    intercept(ROUTES.updateCheck).times(4).reply(500, SERVER_ERROR);
    gh.createCheckRun(9002);
    await expect(receive()).resolves.toBeUndefined();
    gh.verify();

    expect(gh.on(ROUTES.updateCheck)).toHaveLength(4);
    expectCommentedOnce();
    // the first POST created the run; the last one replaces it, completed, on the same commit
    const [created, replacement] = gh.bodies<CheckBody>(ROUTES.createCheck);
    expect(created).toMatchObject({ status: 'in_progress', head_sha: HEAD_SHA });
    expect(replacement).toMatchObject({
      name: 'dockreview',
      head_sha: HEAD_SHA,
      status: 'completed',
      conclusion: 'failure',
    });
    expect(replacement!.output.annotations).toHaveLength(UNCOMMENTED);
  });

  it('on every write after the check run was created: the error reaches Probot (nothing can complete it)', async () => {
    // GitHub takes no PATCH and no POST: neither completing the run nor replacing it can work, so the handler
    // fails loudly (logged by Probot; a queued job would be retried) instead of pretending
    gh.token().createCheckRun().listFiles(FILES).graphql({ defaultBranch: CONFIG, head: HEAD });
    gh.listReviewComments({ times: 2 }).getPull(); // after each failed post but the last
    intercept(ROUTES.createReview).times(3).reply(500, SERVER_ERROR);
    intercept(ROUTES.updateCheck).times(8).reply(500, SERVER_ERROR);
    intercept(ROUTES.createCheck).times(8).reply(500, SERVER_ERROR);
    // the interceptor registered first answers first: the run itself is created before the failing POSTs
    await expect(receive()).rejects.toThrow(/Server Error/);
    gh.verify();
    // the review's completion (4 PATCH, 4 replacing POST), then the failure's (the same again)
    expect(gh.on(ROUTES.updateCheck)).toHaveLength(8);
    expect(gh.on(ROUTES.createCheck)).toHaveLength(9);
    expect(gh.posted).toEqual([]);
  });
});

describe('a secondary rate limit (403 with retry-after)', () => {
  const limited = {
    message:
      'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.',
    documentation_url:
      'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
  };
  const headers = {
    'retry-after': '60',
    'x-ratelimit-remaining': '4321',
    'content-type': 'application/json',
  };

  it.each([ROUTES.listFiles, ROUTES.graphql, ROUTES.createReview])(
    'on %s: retried once after the wait, and the review completes normally',
    async (route) => {
      intercept(route).reply(403, limited, headers);
      fullReview();
      await expect(receive()).resolves.toBeUndefined();
      gh.verify();

      const attempts = seen.filter((s) => s.route === route);
      expect(attempts).toHaveLength(2);
      // retry-after: 60 at 1 ms per second in the tests (a lower bound: timers never fire early by more than 1 ms)
      expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(59);
      expectTerminal();
      expectCommentedOnce();
      expect(completion().output.title).not.toBe('Review failed');
      expect(completion().output.summary).not.toContain('could not');
    },
  );
});

describe('a request that never answers', () => {
  it('times out after the limit; the retry gets its own limit and the review completes', async () => {
    hangs.set(`GET ${PATHS[ROUTES.listFiles].path}`, 1);
    fullReview();
    await expect(receive()).resolves.toBeUndefined();
    gh.verify();

    expect(hung).toEqual([`GET ${PATHS[ROUTES.listFiles].path}`]);
    expect(gh.on(ROUTES.listFiles)).toHaveLength(1); // the retry, answered
    expectTerminal();
    expectCommentedOnce();
    expect(completion().output.annotations).toHaveLength(UNCOMMENTED);
  });

  it('never: every attempt times out, and the check run ends failure saying GitHub did not answer', async () => {
    hangs.set('POST /graphql', Infinity);
    gh.token().createCheckRun().listFiles(FILES).updateCheckRun();
    await expect(receive()).resolves.toBeUndefined();
    gh.verify();

    expect(hung).toEqual(Array(4).fill('POST /graphql')); // the first attempt and the retry plugin's 3
    expectTerminal();
    expect(completion()).toMatchObject({ conclusion: 'failure', output: { title: 'Review failed' } });
    expect(completion().output.summary).toMatch(
      /^dockreview could not finish this review: a request to GitHub got no answer \(error id [0-9a-f]{8}\)/,
    );
  });
});

describe('GitHub rejects one review comment (422)', () => {
  it('posts the valid comments without it; its finding stays in the annotations', async () => {
    // GitHub's diff lacks line 5 (say the patch it gave us disagrees with the one it checks against); its 422 does
    // not say which comment is wrong
    gh.token()
      .createCheckRun()
      .listFiles(FILES)
      .graphql({ defaultBranch: CONFIG, head: HEAD })
      .getPull()
      .updateCheckRun();
    gh.scope
      .post(`/repos/${OWNER}/${REPO}/pulls/${PR_NUMBER}/reviews`)
      .times(3)
      .reply(async (req: Request) => {
        const body = (await req.json()) as ReviewBody;
        if (body.comments.some((c) => c.line === 5))
          return [
            422,
            {
              message: 'Unprocessable Entity',
              errors: [
                'Pull request review thread line must be part of the diff and Pull request review thread diff hunk can\u2019t be blank',
              ],
              documentation_url:
                'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request',
              status: '422',
            },
          ];
        for (const c of body.comments) gh.posted.push({ path: c.path, line: c.line, body: c.body });
        return [200, { id: 778, state: 'COMMENTED' }];
      });
    await expect(receive()).resolves.toBeUndefined();
    gh.verify();

    const [first, second, third] = reviews();
    expect(first!.comments.map((c) => c.line)).toEqual([4, 5]);
    // the exact second request: the same review with the first half of the comments (the valid one) only
    expect(second).toEqual({
      commit_id: HEAD_SHA,
      event: 'COMMENT',
      body: '❌ dockreview found 1 error that blocks the merge. The comments below say what and why; the `dockreview` check run lists every finding.',
      comments: [first!.comments[0]],
    });
    expect(third!.comments).toEqual([first!.comments[1]]);
    expect(gh.posted.map((c) => c.line)).toEqual([4]);

    expectTerminal();
    const done = completion();
    expect(done.conclusion).toBe('failure');
    expect(done.output.annotations).toHaveLength(ANNOTATIONS);
    expect(
      done.output.annotations!.some((a) => a.start_line === 5 && a.title.includes('no-maintainer')),
    ).toBe(true);
    expect(done.output.summary).toContain(
      "> 1 review comment could not be placed on the pull request's diff (GitHub answered 422); its finding is in the findings table below.",
    );
  });
});

describe('the same webhook delivered three times', () => {
  it('comments once, even when the first post answered 502 after GitHub stored it', async () => {
    gh.token() // cached between deliveries
      .createCheckRun(CHECK_RUN_ID, 3)
      .listFiles(FILES, { times: 3 })
      .graphql({ defaultBranch: CONFIG, head: HEAD }, { times: 3 })
      // first delivery, after the 502 (each delivery's contents query reads the comments before that)
      .listReviewComments()
      .getPull(HEAD_SHA, { times: 3 })
      .updateCheckRun(3);
    gh.scope.post(`/repos/${OWNER}/${REPO}/pulls/${PR_NUMBER}/reviews`).reply(async (req: Request) => {
      const body = (await req.json()) as ReviewBody;
      for (const c of body.comments) gh.posted.push({ path: c.path, line: c.line, body: c.body });
      return [502, { message: 'Bad Gateway' }];
    });
    const payload = pullRequestPayload();
    for (let i = 0; i < 3; i++)
      await probot.receive({ id: 'same-delivery', name: 'pull_request', payload } as never);
    gh.verify();

    expect(reviews()).toHaveLength(1);
    expectCommentedOnce();
    expectTerminal(3);
    const updates = gh.bodies<CheckBody>(ROUTES.updateCheck);
    expect(updates.map((u) => u.conclusion)).toEqual(['failure', 'failure', 'failure']);
    expect(updates[0]!.output.summary).not.toContain('could not');
    for (const u of updates.slice(1))
      expect(u.output.summary).toContain(
        '**Review:** 0 new comments, 2 findings already commented by an earlier run.',
      );
  });
});

describe('two pushes racing', () => {
  it('only the latest head gets comments; the older review ends neutral, superseded', async () => {
    let currentHead = HEAD_SHA;
    let firstQueryArrived!: () => void;
    const firstQuery = new Promise<void>((resolve) => (firstQueryArrived = resolve));
    let secondQueryArrived!: () => void;
    const secondQuery = new Promise<void>((resolve) => (secondQueryArrived = resolve));

    gh.token();
    gh.scope
      .post(`/repos/${OWNER}/${REPO}/check-runs`)
      .times(2)
      .reply(async (req: Request) => {
        const { head_sha } = (await req.json()) as CheckBody;
        return [201, { id: head_sha === HEAD_SHA ? 9001 : 9002, name: 'dockreview', status: 'in_progress' }];
      });
    gh.listFiles(FILES, { times: 2 })
      // the first head's contents come back only once the second push is being reviewed too
      .graphql(
        { defaultBranch: CONFIG, head: HEAD },
        {
          onCall: async () => {
            firstQueryArrived();
            await secondQuery;
          },
        },
      )
      .graphql({ defaultBranch: CONFIG, head: HEAD }, { headSha: SHA_B, onCall: () => secondQueryArrived() });
    gh.scope
      .get(`/repos/${OWNER}/${REPO}/pulls/${PR_NUMBER}`)
      .times(2)
      .reply(200, () => ({ number: PR_NUMBER, state: 'open', head: { sha: currentHead, ref: 'feature' } }));
    gh.createReview().updateCheckRun(1, 9001).updateCheckRun(1, 9002);

    const first = receive({ action: 'synchronize', headSha: HEAD_SHA });
    await firstQuery;
    currentHead = SHA_B; // the second push lands while the first head is in review
    const second = receive({ action: 'synchronize', headSha: SHA_B });
    await Promise.all([first, second]);
    gh.verify();

    expect(reviews()).toHaveLength(1);
    expect(reviews()[0]!.commit_id).toBe(SHA_B);
    expectCommentedOnce();
    expectTerminal(2);
    const byRun = (id: number) =>
      gh
        .on(ROUTES.updateCheck)
        .filter((r) => r.path.endsWith(`/${id}`))
        .map((r) => r.body as CheckBody);
    expect(byRun(9001)).toEqual([
      expect.objectContaining({
        status: 'completed',
        conclusion: 'neutral',
        output: expect.objectContaining({ title: 'Superseded by a newer commit' }),
      }),
    ]);
    expect(byRun(9002)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure' })]);
  });
});

describe('the installation token stops working mid-review', () => {
  it('gets a fresh token once and finishes the review with it', async () => {
    // the token was issued long ago (@octokit/auth-app retries a 401 by itself only within 5 s of the token's
    // creation, for replication lag): Date moves 30 minutes on once the check run exists
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    const token = (value: string) => ({
      token: value,
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
      permissions: { checks: 'write', pull_requests: 'write', contents: 'read' },
      repository_selection: 'selected',
    });
    gh.scope
      .post(`/app/installations/${INSTALLATION_ID}/access_tokens`)
      .reply(201, () => token('ghs_old'))
      .post(`/app/installations/${INSTALLATION_ID}/access_tokens`)
      .reply(201, () => token('ghs_new'));
    gh.scope.post(`/repos/${OWNER}/${REPO}/check-runs`).reply(201, () => {
      vi.setSystemTime(Date.now() + 30 * 60_000);
      return { id: CHECK_RUN_ID, name: 'dockreview', status: 'in_progress' };
    });
    intercept(ROUTES.listFiles).matchHeader('authorization', 'token ghs_old').reply(401, {
      message: 'Bad credentials',
      documentation_url: 'https://docs.github.com/rest',
      status: '401',
    });
    afterCheckRun();
    await expect(receive()).resolves.toBeUndefined();
    gh.verify();

    expect(seen.map((s) => [s.route, s.authorization?.replace(/^bearer .*/, 'bearer <app jwt>')])).toEqual([
      [ROUTES.token, 'bearer <app jwt>'],
      [ROUTES.createCheck, 'token ghs_old'],
      [ROUTES.listFiles, 'token ghs_old'],
      [ROUTES.token, 'bearer <app jwt>'],
      [ROUTES.listFiles, 'token ghs_new'],
      [ROUTES.graphql, 'token ghs_new'],
      [ROUTES.getPull, 'token ghs_new'],
      [ROUTES.createReview, 'token ghs_new'],
      [ROUTES.updateCheck, 'token ghs_new'],
    ]);
    expectTerminal();
    expectCommentedOnce();
    expect(completion().output.title).not.toBe('Review failed');
  });
});
