/**
 * The Redis review queue against a real redis-server: several app instances (each a Probot and a queue) share one
 * Redis, webhooks are answered once their job is stored, and any instance's worker reviews it. GitHub is a nock fake
 * (test/helpers/github.ts); Redis is `DOCKREVIEW_TEST_REDIS_URL` (CI starts one) or a redis-server this file starts
 * on a free loopback port. Without either the tests are skipped with a message, except under CI, where they fail.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import nock from 'nock';
import { createNodeMiddleware, type Probot } from 'probot';
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { freePort, testRedis } from './helpers/redis.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { ReviewOutcome } from '../src/github/flow.js';
import type { ReviewObserver } from '../src/github/run.js';
import { QUEUE_NAME, startReviewQueue, type ReviewQueue } from '../src/queue/index.js';
import { StateKeys, headKey, pullKey } from '../src/queue/keys.js';
import {
  API,
  CHECK_RUN_ID,
  FakeGitHub,
  HEAD_SHA,
  INSTALLATION_ID,
  OWNER,
  PR_NUMBER,
  REPO,
  ROUTES,
  checkRunRerequestedPayload,
  fixture,
  makeProbot,
  onlyRules,
  pullRequestPayload,
  signature,
  testPrivateKey,
} from './helpers/github.js';

// ---------------------------------------------------------------------------------------------------------------
// Redis for the tests

const redis = await testRedis();
const noRedis = typeof redis === 'string' ? redis : undefined;
if (noRedis && process.env.CI) throw new Error(`CI runs the queue tests against Redis, but ${noRedis}`);
if (noRedis) console.warn(`\n  test/queue.test.ts SKIPPED: ${noRedis}\n`);
// a skipped suite names its reason in the report too, not only in the warning above
const skipped = noRedis ? ` — skipped: ${noRedis}` : '';
const REDIS_URL = typeof redis === 'string' ? '' : redis.url;

afterAll(async () => {
  if (typeof redis !== 'string') await redis.stop();
});

// ---------------------------------------------------------------------------------------------------------------
// App instances on one Redis

/** Records every review an instance's worker finished, and lets a test wait for the next ones. */
class Reviews implements ReviewObserver {
  readonly outcomes: (ReviewOutcome | null)[] = [];
  private waiters: { n: number; resolve: () => void }[] = [];

  reviewFinished(outcome: ReviewOutcome | null): void {
    this.outcomes.push(outcome);
    this.waiters = this.waiters.filter((w) => (this.outcomes.length >= w.n ? (w.resolve(), false) : true));
  }

  /** Resolves once `n` reviews have finished in all. */
  until(n: number): Promise<void> {
    if (this.outcomes.length >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ n, resolve }));
  }
}

interface Instance {
  probot: Probot;
  queue: ReviewQueue;
}

let prefix: string;
let instances: Instance[];
let control: Queue;
let gh: FakeGitHub;
let deliveries = 0;

async function instance(
  reviews: Reviews,
  o: { concurrency?: number; load?: boolean } = {},
): Promise<Instance> {
  const probot = await makeProbot({ load: false });
  const queue = await startReviewQueue({
    redisUrl: REDIS_URL,
    probot,
    observer: reviews,
    prefix,
    concurrency: o.concurrency ?? 1,
    backoffMs: 200,
  });
  if (o.load !== false) await probot.load(createApp({ scheduler: queue }));
  const created = { probot, queue };
  instances.push(created);
  return created;
}

function receive(
  at: Instance,
  name: string,
  payload: object,
  id = `delivery-${++deliveries}`,
): Promise<void> {
  return at.probot.receive({ id, name, payload } as never);
}

function jobId(headSha: string, run = 0): string {
  const head = headKey({ owner: OWNER, repo: REPO, pullNumber: PR_NUMBER, headSha });
  return run === 0 ? head : `${head}+${run}`;
}

async function jobState(id: string): Promise<string> {
  const job = await control.getJob(id);
  return job ? job.getState() : 'absent';
}

async function untilState(id: string, state: string): Promise<void> {
  while ((await jobState(id)) !== state) await new Promise((r) => setTimeout(r, 20));
}

/** A promise and the function that settles it: holds a fake GitHub answer until the test lets it go. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const DOCKERFILE = 'services/api/Dockerfile';
// the fixture's changed lines hold an `apt-clean-lists` finding (info): `comment_on: info` makes it the comment the
// queue's reviews post
const CONFIG = {
  '.github/dockreview.yml': `comment_on: info\n${onlyRules(['prefer-slim-base', 'apt-clean-lists', 'exec-form'])}`,
};
const SHA_1 = '1'.repeat(40);
const SHA_2 = '2'.repeat(40);
const SHA_3 = '3'.repeat(40);

/** The requests of one full review of `headSha`, which posts one review; `checkRun` replaces the check-run answer. */
function expectReview(
  headSha = HEAD_SHA,
  o: { checkRun?: () => Promise<[number, object]>; pullHead?: string; review?: boolean } = {},
): void {
  if (o.checkRun) gh.scope.post(`/repos/${OWNER}/${REPO}/check-runs`).reply(o.checkRun);
  else gh.createCheckRun();
  gh.listFiles([{ path: DOCKERFILE, status: 'modified', patch: fixture('findings/Dockerfile.patch') }])
    .graphql({ defaultBranch: CONFIG, head: { [DOCKERFILE]: fixture('findings/Dockerfile') } }, { headSha })
    .getPull(o.pullHead ?? headSha);
  if (o.review !== false && (o.pullHead ?? headSha) === headSha) gh.createReview();
  gh.updateCheckRun();
}

/** The head SHAs of the check runs created, in order. */
function checkRunShas(): string[] {
  return gh.bodies<{ head_sha: string }>(ROUTES.createCheck).map((b) => b.head_sha);
}

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect((host) => host.startsWith('127.0.0.1'));
});

beforeEach(async () => {
  if (noRedis) return;
  prefix = `dr-test-${randomBytes(4).toString('hex')}`;
  instances = [];
  control = new Queue(QUEUE_NAME, { connection: { url: REDIS_URL }, prefix });
  gh = new FakeGitHub();
  // which instance asks for a token, and how often, is up to the workers: answered whenever asked
  nock(API)
    .persist()
    .post(`/app/installations/${INSTALLATION_ID}/access_tokens`)
    .reply(201, {
      token: 'ghs_test',
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
      permissions: { checks: 'write', pull_requests: 'write', contents: 'read' },
      repository_selection: 'selected',
    });
});

afterEach(async () => {
  if (noRedis) return;
  await Promise.all(instances.map((i) => i.queue.close()));
  await control.close();
  // BullMQ's keys and the queue's own: everything under this test's prefix
  const client = new Redis(REDIS_URL);
  try {
    const keys: string[] = [];
    const scan = client.scanStream({ match: `${prefix}:*`, count: 500 });
    for await (const batch of scan) keys.push(...(batch as string[]));
    if (keys.length > 0) await client.del(...keys);
  } finally {
    client.disconnect();
  }
  gh.dispose();
  nock.cleanAll();
});

// ---------------------------------------------------------------------------------------------------------------

describe.skipIf(noRedis !== undefined)(`the review queue on Redis${skipped}`, () => {
  it('answers a signed webhook before the review runs, and another instance reviews it', async () => {
    const reviewsA = new Reviews();
    const reviewsB = new Reviews();
    // A takes webhooks and runs no worker; B's worker is the only one
    const a = await instance(reviewsA, { concurrency: 0, load: false });
    await instance(reviewsB);
    const held = gate();
    expectReview(HEAD_SHA, {
      checkRun: async () => {
        await held.promise;
        return [201, { id: CHECK_RUN_ID, name: 'dockreview', status: 'in_progress' }];
      },
    });

    const middleware = await createNodeMiddleware(createApp({ scheduler: a.queue }), { probot: a.probot });
    const server: Server = createServer((req, res) => {
      void middleware(req, res, () => res.writeHead(404).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const body = JSON.stringify(pullRequestPayload());
      const res = await fetch(
        `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-github-event': 'pull_request',
            'x-github-delivery': 'signed-1',
            'x-hub-signature-256': signature(body),
          },
          body,
        },
      );
      expect(res.status).toBe(200);
      // answered while the review cannot have passed its first request: it is queued or held, not done
      expect(['waiting', 'active']).toContain(await jobState(jobId(HEAD_SHA)));
      expect(gh.on(ROUTES.createReview)).toEqual([]);
      expect(reviewsB.outcomes).toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }

    held.open();
    await reviewsB.until(1);
    await untilState(jobId(HEAD_SHA), 'completed');
    gh.verify();
    expect(reviewsA.outcomes).toEqual([]);
    expect(reviewsB.outcomes[0]).toMatchObject({ conclusion: 'success', comments: 1, superseded: false });
    expect(gh.on(ROUTES.createReview)).toHaveLength(1);
  });

  it('reviews a head once: three deliveries of one webhook and a racing re-run, then a late redelivery', async () => {
    const reviews = new Reviews();
    const a = await instance(reviews);
    const b = await instance(reviews);
    const held = gate();
    expectReview(HEAD_SHA, {
      checkRun: async () => {
        await held.promise;
        return [201, { id: CHECK_RUN_ID, name: 'dockreview', status: 'in_progress' }];
      },
    });

    const payload = pullRequestPayload({ action: 'synchronize' });
    await Promise.all([
      receive(a, 'pull_request', payload, 'same-delivery'),
      receive(b, 'pull_request', payload, 'same-delivery'),
      receive(a, 'pull_request', payload, 'same-delivery'),
      receive(b, 'check_run', checkRunRerequestedPayload(), 'rerun-delivery'),
    ]);
    held.open();
    await reviews.until(1);
    await untilState(jobId(HEAD_SHA), 'completed');

    // GitHub's "Redeliver" of the first delivery, after its review finished: dropped, nothing queued
    await receive(b, 'pull_request', payload, 'same-delivery');
    expect(await control.getJobCounts('waiting', 'active', 'delayed', 'completed')).toMatchObject({
      waiting: 0,
      active: 0,
      delayed: 0,
      completed: 1,
    });
    gh.verify();
    expect(gh.on(ROUTES.createCheck)).toHaveLength(1);
    expect(gh.on(ROUTES.createReview)).toHaveLength(1);
    expect(reviews.outcomes).toHaveLength(1);
  });

  it('re-runs a finished review when asked again by a new delivery, without posting its comments twice', async () => {
    const reviews = new Reviews();
    const a = await instance(reviews);
    expectReview(HEAD_SHA);
    await receive(a, 'pull_request', pullRequestPayload());
    await reviews.until(1);
    await untilState(jobId(HEAD_SHA), 'completed');

    // "Re-run" on the check: the review runs again and finds its comment already posted
    expectReview(HEAD_SHA, { review: false });
    await receive(a, 'check_run', checkRunRerequestedPayload());
    await reviews.until(2);
    await untilState(jobId(HEAD_SHA, 1), 'completed');
    gh.verify();
    expect(gh.on(ROUTES.createCheck)).toHaveLength(2);
    expect(gh.on(ROUTES.createReview)).toHaveLength(1);
    expect(reviews.outcomes[1]).toMatchObject({ conclusion: 'success', comments: 0 });
  });

  it('after a burst of pushes reviews only the latest head: older waiting jobs are removed', async () => {
    const reviews = new Reviews();
    const a = await instance(reviews);
    const b = await instance(reviews);
    // no worker takes a job until the burst is over, so which jobs remain is certain
    await control.pause();
    await receive(a, 'pull_request', pullRequestPayload({ action: 'synchronize', headSha: SHA_1 }));
    await receive(b, 'pull_request', pullRequestPayload({ action: 'synchronize', headSha: SHA_2 }));
    await receive(a, 'pull_request', pullRequestPayload({ action: 'synchronize', headSha: SHA_3 }));
    expect(await jobState(jobId(SHA_1))).toBe('absent');
    expect(await jobState(jobId(SHA_2))).toBe('absent');
    expect(await jobState(jobId(SHA_3))).toBe('waiting');

    expectReview(SHA_3);
    await control.resume();
    await reviews.until(1);
    await untilState(jobId(SHA_3), 'completed');
    gh.verify();
    expect(checkRunShas()).toEqual([SHA_3]);
    expect(gh.on(ROUTES.createReview)).toHaveLength(1);
  });

  it('a worker skips a job whose head is no longer the latest, without a request to GitHub', async () => {
    const reviews = new Reviews();
    const a = await instance(reviews);
    await control.pause();
    await receive(a, 'pull_request', pullRequestPayload({ action: 'synchronize', headSha: SHA_1 }));
    // what another instance records when a push lands just as this job is taken (too late to remove it)
    const client = new Redis(REDIS_URL);
    try {
      const pull = pullKey({ owner: OWNER, repo: REPO, pullNumber: PR_NUMBER });
      await client.set(new StateKeys(`${prefix}:${QUEUE_NAME}`).latest(pull), SHA_2);
    } finally {
      client.disconnect();
    }
    await control.resume();
    await untilState(jobId(SHA_1), 'completed');
    const job = await control.getJob(jobId(SHA_1));
    expect(job?.returnvalue).toEqual({ skipped: 'newer-head', latest: SHA_2 });
    gh.verify();
    expect(gh.requests).toEqual([]);
    expect(reviews.outcomes).toEqual([]);
  });

  it('a re-run of an older commit does not leave the newer head unreviewed', async () => {
    const reviews = new Reviews();
    const a = await instance(reviews);
    await control.pause();
    await receive(a, 'pull_request', pullRequestPayload({ action: 'synchronize', headSha: SHA_2 }));
    // "Re-run" on SHA_1's old check run while SHA_2 still waits: SHA_1 becomes the latest and SHA_2's job goes
    await receive(a, 'check_run', checkRunRerequestedPayload({ headSha: SHA_1 }));
    expect(await jobState(jobId(SHA_2))).toBe('absent');

    // SHA_1's review learns that the pull request is at SHA_2 (superseded), asks again, and queues SHA_2
    expectReview(SHA_1, { pullHead: SHA_2 });
    gh.getPull(SHA_2);
    expectReview(SHA_2);
    await control.resume();
    await reviews.until(2);
    await untilState(jobId(SHA_2), 'completed');
    gh.verify();
    expect(checkRunShas()).toEqual([SHA_1, SHA_2]);
    expect(reviews.outcomes.map((o) => o?.superseded)).toEqual([true, false]);
    expect(gh.on(ROUTES.createReview)).toHaveLength(1);
  });

  it('retries a review that throws, with exponential backoff, and the retry succeeds', async () => {
    const reviews = new Reviews();
    const a = await instance(reviews);
    await instance(reviews);
    const at: number[] = [];
    // a refusal the gateway does not retry itself (a 5xx would be, after checking the run did not land)
    gh.scope.post(`/repos/${OWNER}/${REPO}/check-runs`).reply(() => {
      at.push(Date.now());
      return [422, { message: 'Validation Failed' }];
    });
    expectReview(HEAD_SHA, {
      checkRun: async () => {
        at.push(Date.now());
        return [201, { id: CHECK_RUN_ID, name: 'dockreview', status: 'in_progress' }];
      },
    });

    await receive(a, 'pull_request', pullRequestPayload());
    await reviews.until(2);
    await untilState(jobId(HEAD_SHA), 'completed');
    gh.verify();
    const job = await control.getJob(jobId(HEAD_SHA));
    expect(job?.attemptsMade).toBe(2);
    expect(job?.opts.backoff).toEqual({ type: 'exponential', delay: 200 });
    // the retry waited out its backoff (a lower bound: BullMQ never runs a delayed job early)
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(200);
    expect(reviews.outcomes[0]).toBeNull();
    expect(reviews.outcomes[1]).toMatchObject({ conclusion: 'success', comments: 1 });
    expect(gh.on(ROUTES.createReview)).toHaveLength(1);
  });

  it('close() lets the running review finish before it resolves', async () => {
    const reviews = new Reviews();
    const a = await instance(reviews);
    const held = gate();
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    expectReview(HEAD_SHA, {
      checkRun: async () => {
        started();
        await held.promise;
        return [201, { id: CHECK_RUN_ID, name: 'dockreview', status: 'in_progress' }];
      },
    });
    await receive(a, 'pull_request', pullRequestPayload());
    await running;

    const order: string[] = [];
    const closed = a.queue.close().then(() => order.push('closed'));
    void reviews.until(1).then(() => order.push('review finished'));
    held.open();
    await closed;
    expect(order).toEqual(['review finished', 'closed']);
    expect(await jobState(jobId(HEAD_SHA))).toBe('completed');
    gh.verify();
    expect(gh.on(ROUTES.createReview)).toHaveLength(1);
  });
});

describe('starting the queue', () => {
  it('fails with the unreachable Redis named, password hidden, rather than waiting for it', async () => {
    const port = await freePort(); // nothing listens there
    const probot = await makeProbot({ load: false });
    await expect(
      startReviewQueue({ redisUrl: `redis://:s3cret@127.0.0.1:${port}`, probot, concurrency: 0 }),
    ).rejects.toThrow(`cannot reach Redis at redis://:***@127.0.0.1:${port}`);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Probot's own use of Redis: request throttling (Bottleneck) clustered across instances

/**
 * One Probot in its own process, as a server instance builds it: `redisConfig` is REDIS_URL, throttling on. It
 * makes one read and one write through an installation token, then exits. (Separate processes, because
 * @octokit/plugin-throttling keeps its limiters in module state: two Probots in one process share them anyway.)
 */
const INSTANCE_SCRIPT = `
import { Probot } from 'probot';
const probot = new Probot({
  appId: 123,
  privateKey: process.env.TEST_PRIVATE_KEY,
  secret: 'x',
  redisConfig: process.env.TEST_REDIS_URL,
  baseUrl: process.env.TEST_GITHUB_URL,
  logLevel: 'fatal',
});
const octokit = await probot.auth(Number(process.env.TEST_INSTALLATION_ID));
await octokit.rest.pulls.get({ owner: 'acme', repo: 'shop', pull_number: 17 });
await octokit.rest.checks.create({ owner: 'acme', repo: 'shop', name: 'dockreview', head_sha: '${HEAD_SHA}' });
process.stdout.write('ok');
process.exit(0); // Probot never closes its Bottleneck connections
`;

function runInstance(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', INSTANCE_SCRIPT], {
      cwd: new URL('..', import.meta.url),
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, out }));
  });
}

describe.skipIf(noRedis !== undefined)(`Probot request throttling on Redis${skipped}`, () => {
  it('two instances in two processes given one REDIS_URL register in the same Bottleneck limiters', async () => {
    const requests: string[] = [];
    const fake = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      req.resume();
      res.setHeader('content-type', 'application/json');
      if (req.url?.endsWith('/access_tokens')) {
        res
          .writeHead(201)
          .end(
            JSON.stringify({ token: 'ghs_test', expires_at: new Date(Date.now() + 3_600_000).toISOString() }),
          );
      } else res.writeHead(req.method === 'POST' ? 201 : 200).end(JSON.stringify({ id: 1, number: 17 }));
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    // a database of its own, so the limiters' keys are only these two instances'
    const url = new URL(REDIS_URL);
    url.pathname = '/7';
    const db = new Redis(url.toString());
    try {
      const stale = await db.keys('b_octokit-*');
      if (stale.length > 0) await db.del(...stale);

      const env = {
        TEST_PRIVATE_KEY: testPrivateKey(),
        TEST_REDIS_URL: url.toString(),
        TEST_GITHUB_URL: `http://127.0.0.1:${(fake.address() as AddressInfo).port}`,
        TEST_INSTALLATION_ID: String(INSTALLATION_ID),
      };
      const [one, two] = await Promise.all([runInstance(env), runInstance(env)]);
      expect(one).toEqual({ code: 0, out: 'ok' });
      expect(two).toEqual({ code: 0, out: 'ok' });
      expect(requests.sort()).toEqual([
        `GET /repos/${OWNER}/${REPO}/pulls/${PR_NUMBER}`,
        `GET /repos/${OWNER}/${REPO}/pulls/${PR_NUMBER}`,
        `POST /app/installations/${INSTALLATION_ID}/access_tokens`,
        `POST /app/installations/${INSTALLATION_ID}/access_tokens`,
        `POST /repos/${OWNER}/${REPO}/check-runs`,
        `POST /repos/${OWNER}/${REPO}/check-runs`,
      ]);

      // Probot gives each installation its own limiters (`octokit-<group>-<installation id>`): the token request
      // passes the auth limiter, every API request the global one, every write also the write one (one write a
      // second). Each limiter's state is one Redis hash that both processes' requests were counted in, and each
      // process registered in it as a client of its own.
      const limiter = (group: string): string => `b_octokit-${group}-${INSTALLATION_ID}`;
      for (const [group, requestsThrough] of [
        ['auth', 2],
        ['global', 4],
        ['write', 2],
      ] as const) {
        expect(await db.hget(`${limiter(group)}_settings`, 'done')).toBe(String(requestsThrough));
        expect(await db.zcard(`${limiter(group)}_client_last_registered`)).toBe(2);
      }
      expect(await db.hget(`${limiter('write')}_settings`, 'minTime')).toBe('1000');
      // Bottleneck expires an idle limiter's keys (plugin-throttling's default: 2 minutes)
      expect(await db.ttl(`${limiter('global')}_settings`)).toBeGreaterThan(0);
    } finally {
      const keys = await db.keys('b_octokit-*');
      if (keys.length > 0) await db.del(...keys);
      db.disconnect();
      await new Promise((resolve) => fake.close(resolve));
    }
  });
});
