/**
 * End to end, as GitHub drives the app: the built server started exactly as `npm start` starts it (the command read
 * from package.json's `start` script), against a strict fake GitHub served over HTTP (./helpers/github-server.ts:
 * state kept as GitHub keeps it, REST bodies validated against GitHub's OpenAPI description, a review comment off
 * the diff refused with 422), sent `pull_request` webhooks signed with `X-Hub-Signature-256`. The bar of the "review
 * as its readers see it" issue:
 * (a) a review makes the same API calls, route by route, for 1 and for 30 changed Dockerfiles;
 * (b) after a push that fixes one finding and commits one suggestion, no finding that still stands is commented
 *     twice;
 * (c) the fixed threads are marked fixed in at most one request more than a push that changes nothing makes.
 * Deliveries without a valid signature are refused and cost no API call. One server process for the whole file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintsOf } from '../src/review/plan.js';
import { FIXED_MARKER } from '../src/review/threads.js';
import { StrictGitHub, lineDiff, type Call, type ReviewComment, type Tree } from './helpers/github-server.js';
import {
  INSTALLATION_ID,
  OWNER,
  REPO,
  WEBHOOK_SECRET,
  fixture,
  onlyRules,
  pullRequestPayload,
  signature,
  testPrivateKey,
} from './helpers/payloads.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const APP_ID = 4711;
/** A review, from its webhook to its completed check run, on a loaded machine. */
const REVIEW_TIMEOUT_MS = 20_000;

// the rules the reviews may report, so what is expected does not move as the lint core gains rules; the MAINTAINER
// finding is an error, so the check fails and the verdict is exercised too; a lone shell-form CMD is info by default
// (the shell execs it), graded a warning here so that it gets a thread the author then fixes by hand
const RULES = ['prefer-slim-base', 'apt-clean-lists', 'no-maintainer', 'npm-ci', 'exec-form'];
const DEFAULT_BRANCH: Tree = {
  '.github/dockreview.yml': onlyRules(RULES, '  no-maintainer: error\n  exec-form: warning\n'),
  'README.md': '# shop\n',
};

/**
 * `npm start`'s command from package.json, as `node [node options] <script> [args]`: the script resolved against the
 * package's root, the options (the server's heap settings) passed to Node as npm start passes them.
 */
function startCommand(): { nodeOptions: string[]; script: string; args: string[] } {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts?: { start?: string };
  };
  const start = pkg.scripts?.start ?? '';
  const [node, ...rest] = start.trim().split(/\s+/);
  const firstArg = rest.findIndex((w) => !w.startsWith('-'));
  const nodeOptions = rest.slice(0, firstArg < 0 ? rest.length : firstArg);
  const [script, ...args] = rest.slice(nodeOptions.length);
  if (node !== 'node' || !script)
    throw new Error(
      `package.json's start script is not \`node [options] <script>\` ("${start}"): update this test`,
    );
  return { nodeOptions, script: isAbsolute(script) ? script : join(ROOT, script), args };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const gh = new StrictGitHub({
  owner: OWNER,
  repo: REPO,
  installationId: INSTALLATION_ID,
  appId: APP_ID,
  botLogin: 'dockreview[bot]',
  privateKey: testPrivateKey(),
});
let child: ChildProcess | undefined;
let output = '';
let base = '';
let cwd = '';

beforeAll(async () => {
  const { nodeOptions, script, args } = startCommand();
  if (!existsSync(script))
    throw new Error(
      `${script} does not exist: build the server first (\`npm run build\`; CI builds before it tests)`,
    );
  await gh.start();
  gh.setDefaultBranch(DEFAULT_BRANCH);
  // a working directory of its own: the server reads .env from it, and a developer's .env must not change the run
  cwd = mkdtempSync(join(tmpdir(), 'dockreview-e2e-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, [...nodeOptions, script, ...args], {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: '127.0.0.1',
      APP_ID: String(APP_ID),
      PRIVATE_KEY: testPrivateKey(),
      WEBHOOK_SECRET,
      ...gh.env(),
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const until = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited ${child.exitCode}\n${output}`);
    if (Date.now() > until) throw new Error(`the server did not answer /healthz\n${output}`);
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
}, 30_000);

afterAll(async () => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  await gh.stop();
  if (cwd) rmSync(cwd, { recursive: true, force: true });
});

/** Sends a `pull_request` delivery, signed with `secret` (null: no signature header). */
function deliver(
  payload: object,
  secret: string | null = WEBHOOK_SECRET,
  signed: (body: string) => string = (body) => signature(body, secret ?? ''),
): Promise<Response> {
  const body = JSON.stringify(payload);
  return fetch(`${base}/api/github/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'pull_request',
      'x-github-delivery': randomUUID(),
      ...(secret !== null ? { 'x-hub-signature-256': signed(body) } : {}),
    },
    body,
  });
}

/** One review: the delivery for `sha` on pull request `number`, answered, then its check run completed. */
async function review(
  number: number,
  sha: string,
  action: 'opened' | 'synchronize',
): Promise<{ calls: Call[]; annotations: number; summary: string }> {
  const mark = gh.mark();
  const answer = await deliver(
    pullRequestPayload({ action, number, headSha: sha, installationId: INSTALLATION_ID }),
  );
  expect(answer.status, output).toBeLessThan(300);
  const run = await gh.completedCheck(sha, REVIEW_TIMEOUT_MS, () => output);
  expect(gh.problems, output).toEqual([]);
  return { calls: gh.since(mark), annotations: run.annotations.length, summary: run.summary ?? '' };
}

function sha(n: number): string {
  return n.toString(16).padStart(40, '0');
}

// ---------------------------------------------------------------------------------------------------------------
// Files

/** A service's Dockerfile on the base branch: exec-form CMD, `npm install` (an npm-ci finding), a full base image. */
function baseDockerfile(k: number): string {
  return [
    'FROM node:20-bookworm',
    'WORKDIR /app',
    'ENV NODE_ENV=production',
    'ENV PORT=8080',
    `LABEL org.opencontainers.image.title="svc-${k}"`,
    'LABEL org.opencontainers.image.vendor="acme"',
    'COPY package.json package-lock.json ./',
    'RUN npm install',
    'COPY . .',
    'EXPOSE 8080',
    'USER node',
    'CMD ["node", "server.js"]',
    '',
  ].join('\n');
}

/**
 * The pull request's version: curl installed without cleaning apt's lists and a MAINTAINER (lines 3-5), the CMD
 * turned to the shell form (line 15). Its diff has two hunks; `RUN npm install` (line 11) is outside both, so a
 * comment on its finding would be refused.
 */
function headDockerfile(k: number): string {
  return baseDockerfile(k)
    .replace(
      'WORKDIR /app\n',
      'WORKDIR /app\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl\nMAINTAINER ops@example.com\n',
    )
    .replace('CMD ["node", "server.js"]', `CMD node server-${k}.js`);
}

function services(n: number, version: (k: number) => string): Tree {
  return Object.fromEntries(
    Array.from({ length: n }, (_, k) => [`services/svc-${k}/Dockerfile`, version(k)]),
  );
}

/** The text of a comment's ```suggestion block; null when it has none. */
function suggestionOf(body: string): string | null {
  const lines = body.split('\n');
  const open = lines.findIndex((l) => /^`{3,}suggestion$/.test(l));
  if (open < 0) return null;
  const fence = lines[open]!.slice(0, -'suggestion'.length);
  const close = lines.findIndex((l, i) => i > open && l === fence);
  if (close < 0) throw new Error(`unclosed suggestion in ${body}`);
  return lines.slice(open + 1, close).join('\n');
}

/** The file with a comment's suggestion committed: its lines replaced by the suggestion's, as GitHub commits it. */
function commitSuggestion(text: string, comment: ReviewComment): string {
  const suggestion = suggestionOf(comment.body);
  if (suggestion === null) throw new Error('the comment has no suggestion');
  const lines = text.split('\n');
  const from = (comment.startLine ?? comment.line) - 1;
  lines.splice(from, comment.line - from, ...(suggestion === '' ? [] : suggestion.split('\n')));
  return lines.join('\n');
}

/** The rules a comment names: its header links each to its page. */
function rulesOf(body: string): string[] {
  return [...body.matchAll(/docs\/rules\/([a-z0-9-]+)\.md\)/g)].map((m) => m[1]!);
}

function fixed(c: ReviewComment): boolean {
  return c.body.startsWith(FIXED_MARKER);
}

// ---------------------------------------------------------------------------------------------------------------

describe('npm start, driven with signed webhooks against a strict fake GitHub', () => {
  it('refuses a delivery without a valid signature, and makes no API call for it', async () => {
    const forged = 199;
    gh.openPull(forged, {}, sha(199), services(1, headDockerfile));
    const payload = pullRequestPayload({
      number: forged,
      headSha: sha(199),
      installationId: INSTALLATION_ID,
    });
    const unsigned = await deliver(payload, null);
    const wrongSecret = await deliver(payload, 'not-the-secret');
    // signed with the right secret, but over another body: the payload was changed on the way
    const tampered = await deliver(payload, WEBHOOK_SECRET, () => signature('{}'));
    for (const answer of [unsigned, wrongSecret, tampered]) expect([400, 401]).toContain(answer.status);

    // a signed delivery after them is reviewed; by the time its check run completes, a forged one that got through
    // would have made its own calls (its check run is the first)
    gh.openPull(198, { 'README.md': '# shop\n' }, sha(198), { 'README.md': '# shop, now with docs\n' });
    const { calls } = await review(198, sha(198), 'opened');
    expect(calls.length).toBeGreaterThan(0);
    expect(gh.calls.filter((c) => c.path.includes(`/pulls/${forged}`))).toEqual([]);
    expect(gh.checkRuns.filter((r) => r.headSha === sha(199))).toEqual([]);
  }, 30_000);

  it('(a) makes the same API calls, route by route, for 1 and for 30 changed Dockerfiles', async () => {
    gh.openPull(101, services(1, baseDockerfile), sha(101), services(1, headDockerfile));
    gh.openPull(102, services(30, baseDockerfile), sha(102), services(30, headDockerfile));
    const one = await review(101, sha(101), 'opened');
    const thirty = await review(102, sha(102), 'opened');

    // 6 requests: the review comments come with the contents query (no `GET …/pulls/{pull_number}/comments`)
    const expected = {
      'GET /repos/{owner}/{repo}/pulls/{pull_number}': 1,
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/files': 1,
      'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': 1,
      'POST /graphql (query)': 1,
      'POST /repos/{owner}/{repo}/check-runs': 1,
      'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews': 1,
    };
    expect(StrictGitHub.byRoute(one.calls)).toEqual(expected);
    expect(StrictGitHub.byRoute(thirty.calls)).toEqual(expected);
    // the 30 files have far more findings than one page of annotations: the rest are counted, not sent
    expect(thirty.annotations).toBe(50);
    expect(one.annotations).toBeLessThan(50);
    // every comment is on the diff (the fake refused none), and none on the unchanged `RUN npm install`
    const threads = [...gh.threadsOf(101), ...gh.threadsOf(102)];
    expect(threads.length).toBeGreaterThan(0);
    expect(threads.filter((c) => c.line === 11)).toEqual([]);
  }, 60_000);

  it('(b, c) a push that fixes one finding and commits one suggestion: nothing standing commented twice, the fixed threads marked in one more request', async () => {
    const PR = 103;
    const PATH = 'services/api/Dockerfile';
    const a = fixture('findings/Dockerfile');
    gh.openPull(PR, {}, sha(0xa), { [PATH]: a });
    await review(PR, sha(0xa), 'opened');
    const first = gh.threadsOf(PR);
    const lineOf = (c: ReviewComment, text: string): string => text.split('\n')[c.line - 1]!;
    const withSuggestion = first.find((c) => suggestionOf(c.body) !== null);
    const onCmd = first.find((c) => lineOf(c, a) === 'CMD node server.js');
    if (!withSuggestion || !onCmd)
      throw new Error(
        `expected a suggestion and a CMD comment:\n${first.map((c) => `${c.line}: ${c.body}`).join('\n\n')}`,
      );
    expect(withSuggestion).not.toBe(onCmd);
    const standing = first.filter((c) => c !== withSuggestion && c !== onCmd);
    expect(standing.length, 'a finding that stays, to see it is not commented again').toBeGreaterThan(0);

    // B: the author commits the suggestion, rewrites the CMD in the exec form by hand (not as the comment
    // suggests), and adds a comment on top (every line moves)
    const b = `# the API service\n${commitSuggestion(a, withSuggestion).replace('CMD node server.js', 'CMD ["node", "--enable-source-maps", "server.js"]')}`;
    gh.push(PR, sha(0xb), { [PATH]: b });
    const pushB = await review(PR, sha(0xb), 'synchronize');

    // C: a push that changes no file, for the calls a review makes when nothing is fixed
    gh.push(PR, sha(0xc), { [PATH]: b });
    const pushC = await review(PR, sha(0xc), 'synchronize');

    // (b) no finding that still stands is commented twice: no later comment names a rule of a standing thread on
    // its file (read from the comments' rule links, not from the fingerprints the app may have got wrong), and
    // no fingerprint is in two of the app's comments
    const all = gh.threadsOf(PR);
    const again = all.filter(
      (c) =>
        !first.includes(c) &&
        standing.some((s) => s.path === c.path && rulesOf(c.body).some((r) => rulesOf(s.body).includes(r))),
    );
    expect(again).toEqual([]);
    const fingerprints = all.flatMap((c) => fingerprintsOf(c.body));
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
    for (const s of standing) expect(fixed(s), s.body).toBe(false);
    // nor is anything else: the two pushes added no comment at all
    expect(all).toHaveLength(first.length);
    for (const s of standing) expect(fixed(s), s.body).toBe(false);

    // (c) the fixed threads: noted, and minimized as resolved (no one else wrote in them)
    for (const c of [withSuggestion, onCmd]) {
      expect(c.body.startsWith(`${FIXED_MARKER}✅ Fixed in \`${sha(0xb).slice(0, 7)}\``), c.body).toBe(true);
      expect(c.minimized).toBe('RESOLVED');
    }
    expect(gh.mutations).toHaveLength(1);
    // ... in at most one request more than the push that fixed nothing
    const fixing = StrictGitHub.byRoute(pushB.calls);
    const nothing = StrictGitHub.byRoute(pushC.calls);
    const extra = Object.fromEntries(
      Object.keys({ ...fixing, ...nothing })
        .map((route) => [route, (fixing[route] ?? 0) - (nothing[route] ?? 0)] as const)
        .filter(([, n]) => n !== 0),
    );
    expect(extra).toEqual({ 'POST /graphql (mutation)': 1 });
    expect(pushB.summary).toContain(
      `**Fixed:** 2 earlier comments marked fixed in \`${sha(0xb).slice(0, 7)}\`.`,
    );
    expect(pushC.summary).not.toContain('**Fixed:**');
  }, 60_000);
});

describe('the strict fake GitHub refuses what GitHub refuses', () => {
  const fake = new StrictGitHub({
    owner: OWNER,
    repo: REPO,
    installationId: 1,
    appId: 1,
    botLogin: 'x[bot]',
  });
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());

  async function call(method: string, path: string, body?: unknown, auth = 'token ghs_x'): Promise<number> {
    const res = await fetch(`http://127.0.0.1:${fake.port}/api/v3${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    await res.arrayBuffer();
    return res.status;
  }

  it('diffs as git does: two hunks with three lines of context, the lines between them not commentable', () => {
    const d = lineDiff(baseDockerfile(0), headDockerfile(0));
    expect(d.patch.split('\n').filter((l) => l.startsWith('@@'))).toEqual([
      '@@ -1,5 +1,8 @@',
      '@@ -9,4 +12,4 @@',
    ]);
    expect(d.patch).toContain('\n-CMD ["node", "server.js"]\n+CMD node server-0.js');
    expect(d.hunks).toEqual([
      { start: 1, end: 8 },
      { start: 12, end: 15 },
    ]);
    expect([d.additions, d.deletions]).toEqual([4, 1]);
    expect(lineDiff('', 'a\nb\n').patch).toBe('@@ -0,0 +1,2 @@\n+a\n+b');
    expect(lineDiff('a\n', 'b\n').patch).toBe('@@ -1 +1 @@\n-a\n+b');
  });

  it('refuses a review with a comment off the diff (422), takes it on the diff, and counts both', async () => {
    fake.openPull(1, services(1, baseDockerfile), sha(1), services(1, headDockerfile));
    const path = 'services/svc-0/Dockerfile';
    const reviewWith = (line: number, startLine?: number) => ({
      commit_id: sha(1),
      event: 'COMMENT',
      body: 'review',
      comments: [
        { path, line: 3, side: 'RIGHT', body: 'on an added line' },
        {
          path,
          line,
          side: 'RIGHT',
          body: 'x',
          ...(startLine ? { start_line: startLine, start_side: 'RIGHT' } : {}),
        },
      ],
    });
    const reviews = `/repos/${OWNER}/${REPO}/pulls/1/reviews`;
    expect(await call('POST', reviews, reviewWith(11))).toBe(422);
    // a range across the two hunks is refused too, though both ends are on the diff
    expect(await call('POST', reviews, reviewWith(13, 7))).toBe(422);
    expect(fake.comments).toEqual([]);
    expect(await call('POST', reviews, reviewWith(14))).toBe(200);
    expect(fake.comments.map((c) => c.line)).toEqual([3, 14]);
    expect(fake.problems).toHaveLength(2);
    expect(fake.problems[0]).toContain(`${path}:11: line must be part of the diff`);
    expect(StrictGitHub.byRoute(fake.calls)).toEqual({
      'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews': 3,
    });
  });

  it("refuses a body GitHub's OpenAPI description does not allow (422), and a request without a token (401)", async () => {
    fake.problems.length = 0;
    const checks = `/repos/${OWNER}/${REPO}/check-runs`;
    expect(await call('POST', checks, { name: 'dockreview', head_sha: sha(1), status: 'maybe' })).toBe(422);
    expect(fake.problems[0]).toContain('status');
    expect(await call('POST', checks, { name: 'dockreview', head_sha: sha(1) }, '')).toBe(401);
    const annotations = Array.from({ length: 51 }, () => ({
      path: 'Dockerfile',
      start_line: 1,
      end_line: 1,
      annotation_level: 'notice',
      message: 'm',
    }));
    expect(
      await call('POST', checks, {
        name: 'dockreview',
        head_sha: sha(1),
        output: { title: 't', summary: 's', annotations },
      }),
    ).toBe(422);
    expect(await call('POST', checks, { name: 'dockreview', head_sha: sha(1) })).toBe(201);
    expect(fake.problems).toHaveLength(3);
  });

  it('answers the review threads as GitHub does (a bot by its bare login) and refuses a selection it does not know', async () => {
    fake.problems.length = 0;
    // pull request 1 holds the two comments the review above posted (by the bot, `x[bot]`); a person replies
    const [first] = fake.comments;
    fake.reply(first!.id, 'thanks');
    const query = async (selection: string): Promise<{ status: number; json: unknown }> => {
      const res = await fetch(`http://127.0.0.1:${fake.port}/api/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'token ghs_x' },
        body: JSON.stringify({
          query: `query ($owner: String!, $repo: String!) {\n  repository(owner: $owner, name: $repo) { ${selection} }\n}`,
          variables: { owner: OWNER, repo: REPO },
        }),
      });
      return { status: res.status, json: await res.json() };
    };
    const threads = (pull: number, n: number, c: number) =>
      `pullRequest(number: ${pull}) { reviewThreads(first: ${n}) { pageInfo { hasNextPage } nodes { id comments(first: ${c}) { pageInfo { hasNextPage } nodes { id fullDatabaseId path body author { __typename login } } } } } }`;
    const answer = await query(threads(1, 100, 1));
    expect(answer.status).toBe(200);
    const bot = { __typename: 'Bot', login: 'x' };
    expect(answer.json).toEqual({
      data: {
        repository: {
          pullRequest: {
            reviewThreads: {
              pageInfo: { hasNextPage: false },
              nodes: fake.comments.slice(0, 2).map((c, i) => ({
                id: `PRRT_${c.id}`,
                comments: {
                  // the first thread has the reply too: more than the one comment asked for
                  pageInfo: { hasNextPage: i === 0 },
                  nodes: [
                    { id: c.nodeId, fullDatabaseId: String(c.id), path: c.path, body: c.body, author: bot },
                  ],
                },
              })),
            },
          },
        },
      },
    });
    expect(fake.problems).toEqual([]);
    // another field, a bound past GitHub's 100, a pull request that does not exist: refused, each a problem
    expect((await query(threads(1, 100, 1).replace('fullDatabaseId', 'databaseId'))).status).toBe(400);
    expect((await query(threads(1, 101, 1))).status).toBe(400);
    expect((await query(threads(9, 100, 1))).status).toBe(400);
    expect(fake.problems).toHaveLength(3);
  });
});
