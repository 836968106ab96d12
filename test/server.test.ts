/**
 * The production server (`node dist/server.js`, what `npm start` runs). Its modules in-process first — metrics, the
 * Octokit metrics plugin, health, configuration, shutdown — then the real process on a free loopback port, with
 * test credentials and GitHub pointed (GHE_HOST) at a fake GitHub API served from this test on 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { testRedis } from './helpers/redis.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReviewOutcome } from '../src/github/flow.js';
import { ConfigError, loadDotEnv, readServerConfig, webhookSecretProblem } from '../src/server/config.js';
import { octokitWithMetrics, routeLabel } from '../src/server/github-metrics.js';
import { health, VERSION } from '../src/server/health.js';
import { InFlight } from '../src/server/in-flight.js';
import { CONCLUSIONS, Metrics } from '../src/server/metrics.js';
import { createShutdown, type ShutdownStep } from '../src/server/shutdown.js';
import {
  HEAD_SHA,
  INSTALLATION_ID,
  OWNER,
  REPO,
  WEBHOOK_SECRET,
  addedFilePatch,
  pullRequestPayload,
  signature,
  testPrivateKey,
  validateRequest,
} from './helpers/github.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const METRICS_TOKEN = 'test-metrics-token';
const PACKAGE_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

/** The value of one sample in the exposition text, its labels including `labels`; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return undefined;
}

function outcome(o: Partial<ReviewOutcome> = {}): ReviewOutcome {
  return {
    conclusion: 'success',
    title: 'ok',
    comments: 0,
    findings: 0,
    findingsByRule: {},
    findingsBySeverity: {},
    calls: [],
    superseded: false,
    ...o,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The modules, in-process

describe('metrics', () => {
  it('counts reviews by conclusion, findings by rule and durations from the observer', async () => {
    const metrics = new Metrics();
    metrics.observer.reviewFinished(
      outcome({ conclusion: 'failure', findings: 3, findingsByRule: { 'exec-form': 2, 'no-latest-tag': 1 } }),
      1.5,
    );
    metrics.observer.reviewFinished(outcome({ findingsByRule: { 'exec-form': 1 } }), 0.2);
    metrics.observer.reviewFinished(null, 4);
    const { contentType, body } = await metrics.scrape();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(body, 'dockreview_reviews_total', { conclusion: 'failure' })).toBe(1);
    expect(sample(body, 'dockreview_reviews_total', { conclusion: 'success' })).toBe(1);
    expect(sample(body, 'dockreview_reviews_total', { conclusion: 'error' })).toBe(1);
    expect(sample(body, 'dockreview_reviews_total', { conclusion: 'neutral' })).toBe(0);
    expect(sample(body, 'dockreview_findings_total', { rule: 'exec-form' })).toBe(3);
    expect(sample(body, 'dockreview_findings_total', { rule: 'no-latest-tag' })).toBe(1);
    expect(sample(body, 'dockreview_review_duration_seconds_count', { conclusion: 'error' })).toBe(1);
    expect(sample(body, 'dockreview_review_duration_seconds_sum', { conclusion: 'failure' })).toBe(1.5);
    expect(
      sample(body, 'dockreview_review_duration_seconds_bucket', { conclusion: 'success', le: '0.5' }),
    ).toBe(1);
    // prom-client's default process metrics
    expect(sample(body, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(body).toContain('# TYPE nodejs_heap_size_used_bytes gauge');
  });

  it('keeps its own registry: two instances never share counters', async () => {
    const a = new Metrics();
    const b = new Metrics();
    a.observer.reviewFinished(outcome(), 1);
    expect(sample((await a.scrape()).body, 'dockreview_reviews_total', { conclusion: 'success' })).toBe(1);
    expect(sample((await b.scrape()).body, 'dockreview_reviews_total', { conclusion: 'success' })).toBe(0);
  });

  it('reports the deliveries in flight when given a source', async () => {
    let n = 2;
    const metrics = new Metrics({ inFlight: () => n });
    expect(sample((await metrics.scrape()).body, 'dockreview_deliveries_in_flight')).toBe(2);
    n = 0;
    expect(sample((await metrics.scrape()).body, 'dockreview_deliveries_in_flight')).toBe(0);
  });
});

describe('the Octokit metrics plugin', () => {
  /** An Octokit of the class the server gives Probot, answering from `answer` instead of the network. */
  function client(metrics: Metrics, answer: (url: string, init: RequestInit) => Response) {
    const Octokit = octokitWithMetrics(metrics);
    return new Octokit({
      auth: { token: 'ghs_test' },
      retry: { enabled: false },
      throttle: { enabled: false },
      request: { fetch: async (url: string, init: RequestInit) => answer(url, init) },
    });
  }
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });

  it('counts requests by method, route template and status, and records the rate limit left', async () => {
    const metrics = new Metrics();
    let remaining = 4000;
    const octokit = client(metrics, (url) => {
      remaining--;
      const limit = { 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-resource': 'core' };
      if (url.includes('/pulls/404')) return json(404, { message: 'Not Found' }, limit);
      return json(200, { number: 17, head: { sha: HEAD_SHA } }, limit);
    });
    await octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 17 });
    await octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 18 });
    await expect(
      octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 404 }),
    ).rejects.toMatchObject({
      status: 404,
    });
    const { body } = await metrics.scrape();
    const route = '/repos/{owner}/{repo}/pulls/{pull_number}';
    expect(sample(body, 'dockreview_github_requests_total', { method: 'GET', route, status: '200' })).toBe(2);
    expect(sample(body, 'dockreview_github_requests_total', { method: 'GET', route, status: '404' })).toBe(1);
    expect(sample(body, 'dockreview_github_rate_limit_remaining', { resource: 'core' })).toBe(3997);
  });

  it('labels GraphQL as POST /graphql, with its own rate-limit resource', async () => {
    const metrics = new Metrics();
    const octokit = client(metrics, () =>
      json(
        200,
        { data: { viewer: { login: 'x' } } },
        { 'x-ratelimit-remaining': '4990', 'x-ratelimit-resource': 'graphql' },
      ),
    );
    await octokit.graphql('query { viewer { login } }');
    const { body } = await metrics.scrape();
    expect(
      sample(body, 'dockreview_github_requests_total', { method: 'POST', route: '/graphql', status: '200' }),
    ).toBe(1);
    expect(sample(body, 'dockreview_github_rate_limit_remaining', { resource: 'graphql' })).toBe(4990);
  });

  it('labels every page of a paginated list with a template, never the concrete names', async () => {
    const metrics = new Metrics();
    const next = 'https://api.github.com/repositories/1296269/pulls/17/files?per_page=1&page=2';
    const octokit = client(metrics, (url) =>
      url.includes('page=2')
        ? json(200, [{ filename: 'b' }])
        : json(200, [{ filename: 'a' }], { link: `<${next}>; rel="next"` }),
    );
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
      owner: OWNER,
      repo: REPO,
      pull_number: 17,
      per_page: 1,
    });
    expect(files).toHaveLength(2);
    const { body } = await metrics.scrape();
    for (const route of [
      '/repos/{owner}/{repo}/pulls/{pull_number}/files',
      '/repositories/{repository_id}/pulls/{pull_number}/files',
    ])
      expect(sample(body, 'dockreview_github_requests_total', { method: 'GET', route, status: '200' })).toBe(
        1,
      );
    // no header, no gauge sample
    expect(sample(body, 'dockreview_github_rate_limit_remaining', { resource: 'core' })).toBeUndefined();
  });

  it('reduces absolute URLs to bounded routes', () => {
    expect(routeLabel('/repos/{owner}/{repo}/check-runs')).toBe('/repos/{owner}/{repo}/check-runs');
    expect(routeLabel('https://api.github.com/repos/acme/shop/pulls/17/comments?page=3')).toBe(
      '/repos/{owner}/{repo}/pulls/{pull_number}/comments',
    );
    expect(routeLabel('https://ghe.example.com/api/v3/repositories/12/pulls/3/files?page=2')).toBe(
      '/repositories/{repository_id}/pulls/{pull_number}/files',
    );
    expect(routeLabel(`https://api.github.com/repos/a/b/commits/${HEAD_SHA}/pulls`)).toBe(
      '/repos/{owner}/{repo}/commits/{sha}/pulls',
    );
    expect(routeLabel('https://api.github.com/gists/77/forks/5')).toBe('/gists/{id}/forks/{id}');
    // the segment before a number is looked up in a table: Object.prototype's keys are not in it
    expect(routeLabel('https://api.github.com/repos/a/b/constructor/5/__proto__/6')).toBe(
      '/repos/{owner}/{repo}/constructor/{id}/__proto__/{id}',
    );
    expect(routeLabel('https://ghe.example.com/api/graphql')).toBe('/graphql');
  });
});

describe('health', () => {
  it('answers 200 with the version and uptime, and 503 once draining', () => {
    const ok = health({ draining: false });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'ok', version: PACKAGE_VERSION });
    expect(ok.body.uptime).toBeGreaterThan(0);
    expect(VERSION).toBe(PACKAGE_VERSION);
    const draining = health({ draining: true });
    expect(draining.status).toBe(503);
    expect(draining.body.status).toBe('shutting down');
  });
});

describe('server configuration', () => {
  const anyEnv = (vars: Record<string, string>): NodeJS.ProcessEnv => vars as NodeJS.ProcessEnv;

  it('has production defaults: port 3000, every interface, info, JSON logs under NODE_ENV=production', () => {
    expect(readServerConfig({ NODE_ENV: 'production' })).toEqual({
      port: 3000,
      host: undefined,
      webhookPath: '/api/github/webhooks',
      logLevel: 'info',
      logFormat: 'json',
      redisUrl: undefined,
      shutdownTimeoutMs: 25_000,
      shutdownDelayMs: 0,
      metricsPort: undefined,
      metricsHost: undefined,
      metricsToken: undefined,
      reviewConcurrency: Math.max(1, availableParallelism()),
      reviewQueueLimit: 100,
    });
    expect(readServerConfig({}).logFormat).toBe('pretty');
    expect(readServerConfig({ NODE_ENV: 'production', LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(
      readServerConfig({
        PORT: '8080',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'debug',
        REDIS_URL: 'redis://r:6379',
        SHUTDOWN_TIMEOUT_SECONDS: '10',
        SHUTDOWN_DELAY_SECONDS: '2.5',
      }),
    ).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      logLevel: 'debug',
      redisUrl: 'redis://r:6379',
      shutdownTimeoutMs: 10_000,
      shutdownDelayMs: 2500,
    });
  });

  it('refuses values it cannot use, naming the variable', () => {
    expect(() => readServerConfig({ PORT: 'http' })).toThrow(ConfigError);
    expect(() => readServerConfig({ PORT: '70000' })).toThrow(/PORT/);
    // Probot types these two variables with their valid values; the environment may hold anything
    expect(() => readServerConfig(anyEnv({ LOG_LEVEL: 'verbose' }))).toThrow(/LOG_LEVEL/);
    expect(() => readServerConfig(anyEnv({ LOG_FORMAT: 'xml' }))).toThrow(/LOG_FORMAT/);
    expect(() => readServerConfig({ SHUTDOWN_TIMEOUT_SECONDS: '-1' })).toThrow(/SHUTDOWN_TIMEOUT_SECONDS/);
    expect(() => readServerConfig({ REVIEW_CONCURRENCY: '0' })).toThrow(/REVIEW_CONCURRENCY/);
    expect(() => readServerConfig({ REVIEW_QUEUE_LIMIT: '-1' })).toThrow(/REVIEW_QUEUE_LIMIT/);
    expect(() => readServerConfig({ PORT: '3000', METRICS_PORT: '3000' })).toThrow(
      /METRICS_PORT must differ/,
    );
    expect(() => readServerConfig({ METRICS_PORT: 'nine' })).toThrow(/METRICS_PORT/);
  });

  it('reads the metrics listener, its token and the review limits', () => {
    expect(
      readServerConfig({
        METRICS_PORT: '9464',
        METRICS_HOST: '10.0.0.5',
        METRICS_TOKEN: 'scrape',
        REVIEW_CONCURRENCY: '3',
        REVIEW_QUEUE_LIMIT: '0',
      }),
    ).toMatchObject({
      metricsPort: 9464,
      metricsHost: '10.0.0.5',
      metricsToken: 'scrape',
      reviewConcurrency: 3,
      reviewQueueLimit: 0,
    });
  });

  it("tells an unusable webhook secret: unset, empty, or Probot's public default", () => {
    expect(webhookSecretProblem({})).toBe('is not set');
    expect(webhookSecretProblem({ WEBHOOK_SECRET: '' })).toBe('is empty');
    expect(webhookSecretProblem({ WEBHOOK_SECRET: 'development' })).toContain('public default');
    expect(webhookSecretProblem({ WEBHOOK_SECRET: 'a-real-secret' })).toBeUndefined();
  });

  it('reads .env for what the environment does not set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dockreview-env-'));
    try {
      writeFileSync(join(dir, '.env'), 'APP_ID=42\nWEBHOOK_SECRET=from-file\nPRIVATE_KEY="a\\nb"\n');
      const env: NodeJS.ProcessEnv = { WEBHOOK_SECRET: 'from-env' };
      loadDotEnv(join(dir, '.env'), env);
      expect(env).toEqual({ APP_ID: '42', WEBHOOK_SECRET: 'from-env', PRIVATE_KEY: 'a\nb' });
      const untouched: NodeJS.ProcessEnv = {};
      loadDotEnv(join(dir, 'missing.env'), untouched);
      expect(untouched).toEqual({});
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('in-flight deliveries', () => {
  it('resolves idle() once the last tracked work ends, even when it fails', async () => {
    const inFlight = new InFlight();
    await inFlight.idle(); // nothing in flight: at once
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const a = inFlight.track(() => held);
    const b = inFlight.track(async () => {
      await held;
      throw new Error('boom');
    });
    expect(inFlight.size).toBe(2);
    let idle = false;
    const waiting = inFlight.idle().then(() => (idle = true));
    await Promise.resolve();
    expect(idle).toBe(false);
    release();
    await a;
    await expect(b).rejects.toThrow('boom');
    await waiting;
    expect(inFlight.size).toBe(0);
  });
});

describe('shutdown', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function harness(steps: ShutdownStep[], o: { timeoutMs?: number; delayMs?: number } = {}) {
    const events: string[] = [];
    const lines: { level: string; obj: object; msg: string }[] = [];
    const codes: number[] = [];
    const shutdown = createShutdown({
      log: {
        info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
        error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
      },
      timeoutMs: o.timeoutMs ?? 25_000,
      delayMs: o.delayMs ?? 0,
      begin: () => events.push('begin'),
      steps,
      pending: () => ({ inFlight: 1 }),
      exit: (code) => codes.push(code),
    });
    return { shutdown, events, lines, codes };
  }

  it('marks the server draining, waits the delay, runs the steps in order, then exits 0', async () => {
    vi.useFakeTimers();
    const order: string[] = [];
    const h = harness(
      [
        { name: 'http', run: async () => void order.push('http') },
        { name: 'queue', run: async () => void order.push('queue') },
      ],
      { delayMs: 5000 },
    );
    const done = h.shutdown('SIGTERM');
    expect(h.events).toEqual(['begin']);
    await vi.advanceTimersByTimeAsync(4999);
    expect(order).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(order).toEqual(['http', 'queue']);
    expect(h.codes).toEqual([0]);
    expect(h.lines.map((l) => l.msg)).toEqual([
      'SIGTERM received: draining',
      'shutdown: http done',
      'shutdown: queue done',
      'shutdown complete',
    ]);
  });

  it('exits 1 with a log line when a step hangs past the deadline', async () => {
    vi.useFakeTimers();
    const h = harness([{ name: 'http', run: () => new Promise<void>(() => undefined) }], { timeoutMs: 3000 });
    void h.shutdown('SIGTERM');
    await vi.advanceTimersByTimeAsync(2999);
    expect(h.codes).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.codes).toEqual([1]);
    const line = h.lines.at(-1)!;
    expect(line.level).toBe('error');
    expect(line.msg).toBe('shutdown did not finish within 3 s: exiting anyway');
    expect(line.obj).toMatchObject({ inFlight: 1 });
  });

  it('exits 1 when a step fails, and at once on a second signal', async () => {
    const failing = harness([{ name: 'queue', run: () => Promise.reject(new Error('redis gone')) }]);
    await failing.shutdown('SIGTERM');
    expect(failing.codes).toEqual([1]);
    expect(failing.lines.at(-1)).toMatchObject({ level: 'error', msg: 'shutdown failed' });

    const hanging = harness([{ name: 'http', run: () => new Promise<void>(() => undefined) }]);
    void hanging.shutdown('SIGTERM');
    await hanging.shutdown('SIGINT');
    expect(hanging.codes).toEqual([1]);
    expect(hanging.lines.at(-1)).toMatchObject({
      level: 'error',
      msg: 'second SIGINT during shutdown: exiting now',
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// A fake GitHub API on 127.0.0.1, reached through GHE_HOST (Probot then uses http://host/api/v3 and /api/graphql)

const CHECK_RUN = 9001;
// a pipe keeps the shell as PID 1: the shell-form CMD is a warning, so the review posts it
const DOCKERFILE =
  'FROM node:20\nRUN apt-get update && apt-get install -y curl\nCMD node server.js | tee /tmp/app.log\n';

interface Seen {
  method: string;
  path: string;
  body: unknown;
}

class FakeGitHubServer {
  readonly seen: Seen[] = [];
  readonly invalid: string[] = [];
  private server!: Server;
  private budget = 5000;
  /** Pull requests whose file listing is held until released (a slow GitHub). */
  private readonly holds = new Map<number, Promise<void>>();
  private readonly waiters: { test: (s: Seen) => boolean; resolve: () => void }[] = [];
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Holds the file listing of pull request `number` until the returned function is called. */
  hold(number: number): () => void {
    let release!: () => void;
    this.holds.set(number, new Promise<void>((r) => (release = r)));
    return release;
  }

  /** Resolves once a request matching `method path` has arrived (including one already seen). */
  waitFor(method: string, path: string): Promise<void> {
    const test = (s: Seen) => s.method === method && s.path === path;
    if (this.seen.some(test)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body: unknown = text ? JSON.parse(text) : undefined;
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname === '/api/graphql' ? '/graphql' : url.pathname.replace(/^\/api\/v3/, '');
    const seen = { method: req.method ?? '', path, body };
    this.seen.push(seen);
    this.invalid.push(...validateRequest(seen.method, path, body));
    for (const w of this.waiters.filter((w) => w.test(seen))) {
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve();
    }

    const repo = `/repos/${OWNER}/${REPO}`;
    const route = `${seen.method} ${path}`;
    let m: RegExpExecArray | null;
    if (route === `POST /app/installations/${INSTALLATION_ID}/access_tokens`)
      return this.reply(res, 201, {
        token: 'ghs_test',
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
      });
    if (route === `POST ${repo}/check-runs`) return this.reply(res, 201, { id: CHECK_RUN });
    if (route === `PATCH ${repo}/check-runs/${CHECK_RUN}`) return this.reply(res, 200, { id: CHECK_RUN });
    if ((m = new RegExp(`^GET ${repo}/pulls/(\\d+)/files$`).exec(route))) {
      await this.holds.get(Number(m[1]));
      return this.reply(res, 200, [
        { sha: 'f'.repeat(40), filename: 'Dockerfile', status: 'added', patch: addedFilePatch(DOCKERFILE) },
      ]);
    }
    if (new RegExp(`^GET ${repo}/pulls/\\d+/comments$`).test(route)) return this.reply(res, 200, []);
    if ((m = new RegExp(`^GET ${repo}/pulls/(\\d+)$`).exec(route)))
      return this.reply(res, 200, { number: Number(m[1]), state: 'open', head: { sha: HEAD_SHA } });
    if (new RegExp(`^POST ${repo}/pulls/\\d+/reviews$`).test(route))
      return this.reply(res, 200, { id: 777, state: 'COMMENTED' });
    if (route === 'POST /graphql') return this.reply(res, 200, { data: this.contents(body) }, 'graphql');
    return this.reply(res, 404, { message: 'Not Found' });
  }

  /** The contents query: the Dockerfile at the head; no config anywhere. */
  private contents(body: unknown): object {
    const { variables } = body as { variables: Record<string, string> };
    const answer: Record<string, object | null> = {};
    for (const [alias, expression] of Object.entries(variables)) {
      if (alias === 'owner' || alias === 'repo') continue;
      answer[alias] =
        expression === `${HEAD_SHA}:Dockerfile`
          ? { text: DOCKERFILE, isBinary: false, byteSize: DOCKERFILE.length }
          : null;
    }
    return { repository: answer, org: answer };
  }

  private reply(res: ServerResponse, status: number, body: unknown, resource = 'core'): void {
    this.budget--;
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-ratelimit-remaining': String(this.budget),
      'x-ratelimit-resource': resource,
    });
    res.end(JSON.stringify(body));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The server process

const MiB = 1024 * 1024;

/** The process's peak resident set size so far, in bytes (Linux: VmHWM). */
function peakRss(pid: number): number {
  const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(m[1]) * 1024;
}

/**
 * The client of rawPost, run in a child process: under vitest, test/helpers' nock intercepts sockets and takes a
 * whole body before the server sees any of it. A delivery-looking POST of `total` bytes of spaces on a raw socket,
 * chunked or with the given content-length, stopped as soon as an answer arrives; prints its status and the bytes
 * written, as JSON.
 */
const RAW_POST = `
const { connect } = require('node:net');
const [port, total, contentLength, signature] = process.argv.slice(1);
const chunk = Buffer.alloc(1024 * 1024, 0x20);
// one HTTP/1.1 chunk: its size in hex, the bytes, CRLF
const framed = Buffer.concat([Buffer.from(chunk.length.toString(16) + '\\r\\n'), chunk, Buffer.from('\\r\\n')]);
const chunked = contentLength === '';
let sent = 0, answer = '', status = 0;
const socket = connect(Number(port), '127.0.0.1');
socket.write(['POST /api/github/webhooks HTTP/1.1', 'host: 127.0.0.1', 'content-type: application/json',
  'x-github-event: pull_request', 'x-github-delivery: d-huge', 'x-hub-signature-256: ' + signature,
  chunked ? 'transfer-encoding: chunked' : 'content-length: ' + contentLength, '', ''].join('\\r\\n'));
socket.on('data', (d) => {
  answer += d.toString('latin1');
  const m = /^HTTP\\/1\\.1 (\\d{3})/.exec(answer);
  if (m && status === 0) {
    status = Number(m[1]);
    console.log(JSON.stringify({ status, sent }));
    socket.destroy();
  }
});
socket.on('error', (err) => { if (status === 0) { console.error(err.message + ' after ' + sent); process.exit(1); } });
socket.on('close', () => { if (status === 0) { console.error('closed without an answer after ' + sent); process.exit(1); } });
const write = () => {
  while (status === 0 && sent < Number(total)) {
    sent += chunk.length;
    if (!socket.write(chunked ? framed : chunk)) return void socket.once('drain', write);
  }
  if (status === 0 && chunked) socket.write('0\\r\\n\\r\\n');
};
write();
`;

function rawPost(
  port: number,
  o: { total: number; contentLength?: number },
): Promise<{ status: number; sent: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-e', RAW_POST, String(port), String(o.total), String(o.contentLength ?? ''), signature('{}')],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out) as { status: number; sent: number });
      else reject(new Error(`raw POST failed (${code}): ${err}`));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

class ServerProcess {
  readonly child: ChildProcess;
  private readonly metricsToken: string | undefined;
  readonly base: string;
  private stdout = '';
  private stderr = '';
  readonly exited: Promise<number | null>;

  constructor(port: number, cwd: string, env: Record<string, string>) {
    this.base = `http://127.0.0.1:${port}`;
    this.metricsToken = env.METRICS_TOKEN;
    this.child = spawn(process.execPath, [join(ROOT, 'dist/server.js')], {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  /** Every line written to stdout, each parsed as JSON (a line that is not JSON fails the test). */
  lines(): LogLine[] {
    return this.stdout
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => {
        try {
          return JSON.parse(l) as LogLine;
        } catch {
          throw new Error(`log line is not JSON: ${l}`);
        }
      });
  }

  output(): string {
    return `stdout:\n${this.stdout}\nstderr:\n${this.stderr}`;
  }

  /** Resolves once the server answers /healthz. */
  async ready(): Promise<void> {
    const until = Date.now() + 15_000;
    while (Date.now() < until) {
      if (this.child.exitCode !== null)
        throw new Error(`server exited ${this.child.exitCode}\n${this.output()}`);
      try {
        if ((await fetch(`${this.base}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not start\n${this.output()}`);
  }

  /** `/metrics` on the webhook port, with the bearer token the server was started with. */
  async metrics(): Promise<string> {
    const headers: Record<string, string> = this.metricsToken
      ? { authorization: `Bearer ${this.metricsToken}` }
      : {};
    // once more on a connection the server closed as it went idle (keep-alive race; seen on a loaded machine)
    const res = await fetch(`${this.base}/metrics`, { headers }).catch(() =>
      fetch(`${this.base}/metrics`, { headers }),
    );
    if (res.status !== 200) throw new Error(`GET /metrics: ${res.status}\n${this.output()}`);
    return await res.text();
  }

  /** A signed `pull_request.opened` delivery; resolves with the response once the server answers it. */
  webhook(deliveryId: string, number: number): Promise<Response> {
    const body = JSON.stringify(pullRequestPayload({ number }));
    return fetch(`${this.base}/api/github/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'pull_request',
        'x-github-delivery': deliveryId,
        'x-hub-signature-256': signature(body),
      },
      body,
    });
  }

  /** Polls `check` until it returns something other than undefined. */
  async until<T>(what: string, check: () => Promise<T | undefined> | T | undefined): Promise<T> {
    const limit = Date.now() + 20_000;
    while (Date.now() < limit) {
      const got = await check();
      if (got !== undefined) return got;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}\n${this.output()}`);
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

describe('the server process (node dist/server.js)', () => {
  const github = new FakeGitHubServer();
  const started: ServerProcess[] = [];
  let cwd: string;

  beforeAll(async () => {
    await github.start();
    // the server reads .env from its working directory, as after Probot's registration: the secret comes from there
    cwd = mkdtempSync(join(tmpdir(), 'dockreview-server-'));
    writeFileSync(join(cwd, '.env'), `WEBHOOK_SECRET=${WEBHOOK_SECRET}\n`);
  });

  afterAll(async () => {
    for (const s of started) s.kill();
    await github.stop();
    rmSync(cwd, { recursive: true, force: true });
  });

  async function startServer(env: Record<string, string> = {}): Promise<ServerProcess> {
    const server = new ServerProcess(await freePort(), cwd, {
      APP_ID: '123',
      PRIVATE_KEY: testPrivateKey(),
      GHE_HOST: `127.0.0.1:${github.port}`,
      GHE_PROTOCOL: 'http',
      NODE_ENV: 'production', // JSON logs by default
      LOG_LEVEL: 'info',
      METRICS_TOKEN: METRICS_TOKEN,
      ...env,
    });
    started.push(server);
    await server.ready();
    return server;
  }

  it('answers /healthz and /metrics, and reviews a signed webhook: counters in /metrics, JSON logs with its delivery id', async () => {
    const server = await startServer();

    const healthz = await fetch(`${server.base}/healthz`);
    expect(healthz.status).toBe(200);
    expect(healthz.headers.get('content-type')).toContain('application/json');
    const body = (await healthz.json()) as { status: string; version: string; uptime: number };
    expect(body).toMatchObject({ status: 'ok', version: PACKAGE_VERSION });
    expect(body.uptime).toBeGreaterThan(0);

    const scrape = await fetch(`${server.base}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const before = await scrape.text();
    expect(sample(before, 'dockreview_reviews_total', { conclusion: 'success' })).toBe(0);
    expect(sample(before, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    const unsigned = await fetch(`${server.base}/api/github/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'pull_request',
        'x-github-delivery': 'forged',
        'x-hub-signature-256': signature('{}', 'not-the-secret'),
      },
      body: '{}',
    });
    expect(unsigned.status).toBe(400);

    const delivery = 'd-0001-review';
    const answer = await server.webhook(delivery, 17);
    expect(answer.status).toBe(200);
    const text = await server.until('the review in /metrics', async () => {
      const t = await server.metrics();
      const done = CONCLUSIONS.reduce(
        (n, c) => n + (sample(t, 'dockreview_reviews_total', { conclusion: c }) ?? 0),
        0,
      );
      return done > 0 ? t : undefined;
    });

    // the delivery is answered before its review runs; the review's log lines may trail its metrics a little
    const complete = await server.until('the review complete log line', () =>
      server.lines().find((l) => l.msg === 'review complete'),
    );
    const conclusion = complete!.conclusion as string;
    expect(['success', 'failure', 'neutral']).toContain(conclusion);
    expect(sample(text, 'dockreview_reviews_total', { conclusion })).toBe(1);
    expect(sample(text, 'dockreview_reviews_total', { conclusion: 'error' })).toBe(0);
    expect(sample(text, 'dockreview_review_duration_seconds_count', { conclusion })).toBe(1);
    const byRule = complete!.findingsByRule as Record<string, number>;
    expect(Object.keys(byRule).length).toBeGreaterThan(0);
    for (const [rule, count] of Object.entries(byRule))
      expect(sample(text, 'dockreview_findings_total', { rule })).toBe(count);
    const repo = '/repos/{owner}/{repo}';
    for (const [method, route, status] of [
      ['POST', `${repo}/check-runs`, '201'],
      ['GET', `${repo}/pulls/{pull_number}/files`, '200'],
      ['POST', '/graphql', '200'],
      ['POST', `${repo}/pulls/{pull_number}/reviews`, '200'],
      ['PATCH', `${repo}/check-runs/{check_run_id}`, '200'],
    ] as const)
      expect(sample(text, 'dockreview_github_requests_total', { method, route, status }), route).toBe(1);
    expect(sample(text, 'dockreview_github_rate_limit_remaining', { resource: 'core' })).toBeLessThan(5000);
    expect(github.invalid).toEqual([]);

    // every line is JSON (lines() throws otherwise); the review's lines and the request's carry the delivery id
    const lines = server.lines();
    const reviewLines = lines.filter((l) => l.pr !== undefined);
    expect(reviewLines.length).toBeGreaterThan(0);
    for (const l of reviewLines) expect(l).toMatchObject({ deliveryId: delivery, id: delivery });
    expect(lines.find((l) => l.url === '/api/github/webhooks' && l.deliveryId === delivery)).toMatchObject({
      status: 200,
    });
    expect(lines.find((l) => l.deliveryId === 'forged')).toMatchObject({ status: 400 });
  }, 60_000);

  it('on SIGTERM answers /healthz 503, stops accepting connections, lets the review in flight finish, then exits 0', async () => {
    const server = await startServer({ SHUTDOWN_DELAY_SECONDS: '2' });
    const release = github.hold(18);
    const delivery = 'd-0002-in-flight';
    const answer = server.webhook(delivery, 18);
    await github.waitFor('GET', `/repos/${OWNER}/${REPO}/pulls/18/files`);

    server.child.kill('SIGTERM');
    const draining = await server.until('/healthz to answer 503', async () => {
      const r = await fetch(`${server.base}/healthz`);
      return r.status === 503 ? ((await r.json()) as { status: string }) : undefined;
    });
    expect(draining.status).toBe('shutting down');
    // after the delay the listener closes, while the review is still held
    await server.until('the listener to close', async () => {
      try {
        await fetch(`${server.base}/healthz`);
        return undefined;
      } catch {
        return true;
      }
    });
    expect(server.child.exitCode).toBeNull();

    release();
    expect((await answer).status).toBe(200);
    expect(await server.exited).toBe(0);
    const lines = server.lines();
    expect(lines.find((l) => l.msg === 'review complete')).toMatchObject({ deliveryId: delivery });
    expect(lines.map((l) => l.msg)).toContain('shutdown complete');
    expect(github.seen.filter((s) => s.method === 'PATCH').length).toBeGreaterThan(0);
  }, 60_000);

  it('answers 413 to a 100 MiB chunked body once it passes 25 MiB, and at once to a 600 MiB content-length, without holding either', async () => {
    const server = await startServer();
    const port = Number(new URL(server.base).port);
    // the lint workers load the engine after the server listens: measure from once they have
    await server.until('the lint workers', () =>
      server.lines().some((l) => l.msg === 'lint workers ready') ? true : undefined,
    );
    const before = peakRss(server.child.pid!);

    // answered before the client got to the end (over loopback it writes tens of megabytes before it reads)
    const chunked = await rawPost(port, { total: 100 * MiB });
    expect(chunked.status, server.output()).toBe(413);
    expect(chunked.sent).toBeLessThan(100 * MiB);
    const declared = await rawPost(port, { total: 600 * MiB, contentLength: 600 * MiB });
    expect(declared.status).toBe(413);
    expect(declared.sent).toBeLessThan(100 * MiB);

    // the peak resident size grew by about the cap (25 MiB buffered before the refusal), far from the 100 MiB
    // body, let alone the several copies of it the middleware used to make; generous, for the allocator's slack
    const growth = peakRss(server.child.pid!) - before;
    expect(growth).toBeLessThan(80 * MiB);
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
  }, 60_000);

  it('serves /metrics on the webhook port only with METRICS_TOKEN, else on METRICS_PORT only', async () => {
    const open = await startServer({ METRICS_TOKEN: '' });
    expect((await fetch(`${open.base}/metrics`)).status).toBe(404);

    const guarded = await startServer();
    expect((await fetch(`${guarded.base}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${guarded.base}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect(sample(await guarded.metrics(), 'dockreview_reviews_running')).toBe(0);

    const metricsPort = await freePort();
    const separate = await startServer({ METRICS_TOKEN: '', METRICS_PORT: String(metricsPort) });
    expect((await fetch(`${separate.base}/metrics`)).status).toBe(404);
    const scrape = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(scrape.status).toBe(200);
    expect(sample(await scrape.text(), 'dockreview_reviews_dropped_total', { reason: 'queue_full' })).toBe(0);
    expect(separate.lines().find((l) => l.msg.includes('listening'))).toMatchObject({
      metrics: { port: metricsPort, token: false },
    });
  }, 60_000);

  it('while ShellCheck hangs on a RUN, /healthz answers within 1 s throughout; the review fails naming what it could not check, within its deadline and 300 MB', async () => {
    // a stand-in ShellCheck that never answers: the crafted input a pull request can send is a RUN it is slow on
    const sleeper = join(cwd, 'shellcheck-that-hangs');
    writeFileSync(sleeper, '#!/bin/sh\nexec sleep 60\n', { mode: 0o755 });
    const server = await startServer({
      DOCKREVIEW_SHELLCHECK: sleeper,
      DOCKREVIEW_SHELLCHECK_TIMEOUT_MS: '4000',
    });
    const completions = () =>
      github.seen.filter(
        (x) =>
          x.method === 'PATCH' &&
          x.path === `/repos/${OWNER}/${REPO}/check-runs/${CHECK_RUN}` &&
          (x.body as { status?: string }).status === 'completed',
      ).length;
    const before = completions();
    const sentAt = Date.now();
    expect((await server.webhook('d-hanging-shellcheck', 31)).status).toBe(200);
    const latencies: number[] = [];
    while (completions() === before && Date.now() - sentAt < 40_000) {
      const t = Date.now();
      expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
      latencies.push(Date.now() - t);
      await new Promise((r) => setTimeout(r, 100));
    }
    const took = Date.now() - sentAt;
    // the review ended (ShellCheck's 4 s limit, well within the lint deadline), and /healthz never waited on it
    expect(completions()).toBe(before + 1);
    expect(latencies.length).toBeGreaterThan(10);
    expect(Math.max(...latencies)).toBeLessThan(1000);
    expect(took).toBeLessThan(30_000);
    const done = github.seen.filter((x) => x.method === 'PATCH').at(-1)!.body as {
      conclusion: string;
      output: { summary: string };
    };
    expect(done.conclusion).toBe('failure');
    expect(done.output.summary).toContain(
      '- `Dockerfile` was not fully reviewed: ShellCheck did not check its `RUN` scripts (it timed out).',
    );
    expect(peakRss(server.child.pid!)).toBeLessThan(300 * MiB);
  }, 60_000);

  it('takes a burst of 20 deliveries at once: 2 reviews run, 15 wait, 3 are dropped without a check run, all answered at once; /healthz stays quick', async () => {
    const metricsPort = await freePort();
    const server = await startServer({
      REVIEW_CONCURRENCY: '2',
      REVIEW_QUEUE_LIMIT: '15',
      METRICS_PORT: String(metricsPort),
      METRICS_TOKEN: '',
    });
    const numbers = Array.from({ length: 20 }, (_, i) => 200 + i);
    const releases = numbers.map((n) => github.hold(n));
    const files = (n: number) => `/repos/${OWNER}/${REPO}/pulls/${n}/files`;
    const checkRuns = () =>
      github.seen.filter((s) => s.method === 'POST' && s.path === `/repos/${OWNER}/${REPO}/check-runs`)
        .length;
    const checkRunsBefore = checkRuns();

    const sentAt = Date.now();
    const answers = await Promise.all(
      numbers.map(async (n) => {
        const res = await server.webhook(`d-burst-${n}`, n);
        return { n, status: res.status, ms: Date.now() - sentAt };
      }),
    );
    // every delivery answered well within GitHub's 10 s, none waiting for a review
    for (const a of answers) expect(a.ms, `delivery for #${a.n}`).toBeLessThan(5000);
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));

    // two reviews reach GitHub's file listing, the other fifteen wait their turn
    await github.waitFor('GET', files(numbers[0]!));
    await github.waitFor('GET', files(numbers[1]!));
    await new Promise((r) => setTimeout(r, 300));
    const listing = () => numbers.filter((n) => github.seen.some((s) => s.path === files(n)));
    expect(listing()).toEqual(numbers.slice(0, 2));
    // a review's check run is its first write: only the two running have one, nothing waits pending on GitHub
    expect(checkRuns() - checkRunsBefore).toBe(2);
    const scrape = async () => (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const during = await scrape();
    expect(sample(during, 'dockreview_reviews_running')).toBe(2);
    expect(sample(during, 'dockreview_reviews_waiting')).toBe(15);
    expect(sample(during, 'dockreview_reviews_dropped_total', { reason: 'queue_full' })).toBe(3);
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
      expect(Date.now() - started).toBeLessThan(1000);
    }
    // the three over the limit: each a log line with its delivery id, to redeliver it
    const dropped = server.lines().filter((l) => l.msg.startsWith('review dropped'));
    expect(dropped).toHaveLength(3);
    const refused = dropped.map((l) => Number(l.pr));
    expect(dropped.map((l) => l.deliveryId)).toEqual(refused.map((n) => `d-burst-${n}`));
    expect(dropped[0]).toMatchObject({ level: 40, reason: 'queue_full', running: 2, waiting: 15 });

    // released, the queue drains in turn, never more than two at once; the dropped ones never start. (Probot's
    // throttling spaces an installation's writes a second apart, so the whole queue would take a minute: a few
    // more starting is the proof)
    for (const release of releases) release();
    const peak: number[] = [];
    await server.until('two more reviews to start', async () => {
      peak.push(sample(await scrape(), 'dockreview_reviews_running') ?? -1);
      return listing().length >= 4 ? true : undefined;
    });
    expect(Math.max(...peak)).toBeLessThanOrEqual(2);
    expect(listing().filter((n) => refused.includes(n))).toEqual([]);
    expect(sample(await scrape(), 'dockreview_reviews_waiting')).toBeLessThan(15);
  }, 60_000);

  it('exits 1 with a log line when the review in flight outlives the shutdown deadline', async () => {
    const server = await startServer({ SHUTDOWN_TIMEOUT_SECONDS: '1' });
    const release = github.hold(19);
    const answer = server.webhook('d-0003-hung', 19).catch(() => undefined);
    await github.waitFor('GET', `/repos/${OWNER}/${REPO}/pulls/19/files`);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(1);
    release();
    await answer;
    expect(
      server.lines().find((l) => l.msg === 'shutdown did not finish within 1 s: exiting anyway'),
    ).toMatchObject({ level: 50, reviewsRunning: 1 });
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------------------------
// With REDIS_URL: the queue path, and Probot's throttling on the same Redis

const redis = await testRedis();
const noRedis = typeof redis === 'string' ? redis : undefined;
if (noRedis && process.env.CI)
  throw new Error(`CI runs the server's queue test against Redis, but ${noRedis}`);
if (noRedis) console.warn(`\n  test/server.test.ts: the REDIS_URL test is SKIPPED: ${noRedis}\n`);

// a skipped suite names its reason in the report too, not only in the warning above
const skipped = noRedis ? ` — skipped: ${noRedis}` : '';
describe.skipIf(noRedis !== undefined)(`the server process with REDIS_URL${skipped}`, () => {
  const github = new FakeGitHubServer();
  let server: ServerProcess | undefined;
  let cwd: string;

  beforeAll(async () => {
    await github.start();
    cwd = mkdtempSync(join(tmpdir(), 'dockreview-server-redis-'));
  });

  afterAll(async () => {
    server?.kill();
    await github.stop();
    if (typeof redis !== 'string') await redis.stop();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('queues the webhook, reviews it in its worker with the delivery id in the logs, and closes the queue on SIGTERM', async () => {
    const url = typeof redis === 'string' ? '' : redis.url;
    server = new ServerProcess(await freePort(), cwd, {
      APP_ID: '123',
      PRIVATE_KEY: testPrivateKey(),
      WEBHOOK_SECRET,
      GHE_HOST: `127.0.0.1:${github.port}`,
      GHE_PROTOCOL: 'http',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      REDIS_URL: url,
      METRICS_TOKEN,
    });
    await server.ready();
    expect(server.lines().find((l) => l.msg.includes('listening'))).toMatchObject({ queue: true });

    const delivery = 'd-0004-queued';
    // answered once the job is stored, before any review
    expect((await server.webhook(delivery, 21)).status).toBe(200);
    const s = server;
    const text = await s.until('the queued review in /metrics', async () => {
      const t = await s.metrics();
      return CONCLUSIONS.some((c) => (sample(t, 'dockreview_reviews_total', { conclusion: c }) ?? 0) > 0)
        ? t
        : undefined;
    });
    const complete = server.lines().find((l) => l.msg === 'review complete');
    expect(complete).toMatchObject({ deliveryId: delivery, pr: `${OWNER}/${REPO}#21` });
    expect(sample(text, 'dockreview_reviews_total', { conclusion: complete!.conclusion as string })).toBe(1);
    expect(
      sample(text, 'dockreview_github_requests_total', {
        method: 'POST',
        route: '/repos/{owner}/{repo}/check-runs',
        status: '201',
      }),
    ).toBe(1);
    // Probot's throttling keeps its state in the same Redis (Bottleneck's clustering keys)
    const client = new Redis(url);
    try {
      expect((await client.keys('b_*')).length).toBeGreaterThan(0);
    } finally {
      client.disconnect();
    }

    server.child.kill('SIGTERM');
    expect(await server.exited, server.output()).toBe(0);
    const done = server.lines().map((l) => l.msg);
    expect(done).toContain('shutdown: queue done');
    expect(done).toContain('shutdown complete');
  }, 60_000);
});
