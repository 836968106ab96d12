#!/usr/bin/env node
// Load benchmark of the GitHub App (run `npm run build` first). Starts a fake GitHub API on 127.0.0.1 (the calls of
// one review, in the shapes GitHub answers, each after a random latency), the built app in a child process (Probot's
// webhook middleware on 127.0.0.1, its Octokit pointed at the fake with `baseUrl`, Probot's retry and throttling
// plugins as in production, the lint workers warmed as the server warms them), sends signed `pull_request.opened`
// webhooks, C at a time, and prints the p50/p95/p99 latency from sending a webhook to the fake receiving that pull
// request's completed check run, reviews per second, API calls per review, the most writes one installation
// received in any 60 s and the app's peak RSS. Loopback only; bounded in count (--reviews) and time (--max-seconds).
// A script that prints figures, never a timed test.
//
//   node bench/app-load.mjs [--reviews 200] [--concurrency 20] [--latency 30-80] [--installations N]
//                           [--throttle server|spaced|probot|off] [--max-seconds 120]
//
// --installations: how many installations the pull requests are spread over (default: one each; 1 puts every review
// on one installation, where its limits show).
// --throttle: `server` (the default) is the Octokit class `dist/server.js` gives Probot (src/server/throttle.ts):
// one limiter per installation, its writes one at a time, back to back, at most 80 a minute and 500 an hour (and
// the app JWT signed once, src/server/app-jwt.ts).
// `spaced` is the throttling plugin alone with one limiter per installation (the server before its installation
// limiter): a second between any two writes of an installation, GraphQL queries included. `probot` is Probot 14 as
// `probot run` builds it: an event's Octokit gets no id, so every installation shares the plugin's one limiter and
// the whole app makes one write a second. `off`: no throttling.
import { fork } from 'node:child_process';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SECRET = 'bench-webhook-secret';
const CONFIG_PATH = '.github/dockreview.yml';

if (process.argv[2] === '--child') await child();
else await main();

/** The app: Probot's middleware on 127.0.0.1, its GitHub at the fake's address. */
async function child() {
  const [, , , baseUrl, throttle] = process.argv;
  const { Probot, ProbotOctokit, createNodeMiddleware } = await import('probot');
  const { default: app } = await import(join(root, 'dist', 'app.js'));
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const { throttledPerInstallation } = await import(join(root, 'dist', 'server', 'throttle.js'));
  const { withCachedAppJwt } = await import(join(root, 'dist', 'server', 'app-jwt.js'));
  const Octokit =
    throttle === 'server'
      ? withCachedAppJwt(throttledPerInstallation(ProbotOctokit))
      : throttle === 'spaced'
        ? ProbotOctokit.defaults((o) =>
            o.auth?.installationId === undefined || o.throttle?.enabled === false
              ? o
              : { ...o, throttle: { ...o.throttle, id: String(o.auth.installationId) } },
          )
        : throttle === 'off'
          ? ProbotOctokit.defaults((o) => ({ ...o, throttle: { enabled: false } }))
          : ProbotOctokit;
  const probot = new Probot({ appId: 1, privateKey, secret: SECRET, baseUrl, logLevel: 'error', Octokit });
  const middleware = await createNodeMiddleware(app, { probot });
  // as the server does before it listens (src/server/warm.ts): the lint workers load the engine and the config
  // schemas are compiled now, so the first reviews measure a review, not a start
  const { warmUp } = await import(join(root, 'dist', 'server', 'warm.js'));
  await warmUp();
  const server = createServer((req, res) => {
    void middleware(req, res, () => res.writeHead(404).end());
  });
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('message', (m) => {
    if (m === 'rss') process.send({ maxRssKb: process.resourceUsage().maxRSS });
  });
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const reviews = int(args.reviews, 200);
  const concurrency = int(args.concurrency, 20);
  const [latMin, latMax] = (args.latency ?? '30-80').split('-').map(Number);
  const installations = int(args.installations, reviews);
  const maxSeconds = int(args['max-seconds'], 120);
  const throttle = args.throttle ?? 'server';
  if (!['server', 'spaced', 'probot', 'off'].includes(throttle))
    usage('--throttle takes server, spaced, probot or off');
  if (!(latMin >= 0 && latMax >= latMin)) usage('--latency takes MIN-MAX in milliseconds');
  if (reviews > 5000 || concurrency > 200 || maxSeconds > 900)
    usage('bounded: at most 5000 reviews, 200 at a time, 900 s');
  if (!existsSync(join(root, 'dist', 'app.js'))) {
    console.error('bench: build first (npm run build)');
    process.exit(2);
  }

  const github = await startFakeGitHub({ latMin, latMax });
  // the app runs with the Node options `npm start` gives the server (its heap settings)
  const app = fork(fileURLToPath(import.meta.url), ['--child', github.url, throttle], {
    stdio: 'inherit',
    execArgv: [...process.execArgv, ...startNodeOptions()],
  });
  const { port } = await message(app, (m) => typeof m.port === 'number');
  const webhookUrl = `http://127.0.0.1:${port}/api/github/webhooks`;
  const template = pullRequestTemplate();

  const latencies = [];
  const failed = [];
  let next = 0;
  const deadline = Date.now() + maxSeconds * 1000;
  const started = performance.now();
  async function worker() {
    while (next < reviews && Date.now() < deadline) {
      const i = next++;
      const number = 1000 + i;
      const done = github.completion(number);
      const t0 = performance.now();
      const body = JSON.stringify(payload(template, number, (i % installations) + 1));
      const res = await fetch(webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'pull_request',
          'x-github-delivery': `bench-${number}`,
          'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
        },
        body,
      });
      await res.arrayBuffer();
      const left = deadline - Date.now();
      const outcome = await Promise.race([done, sleep(Math.max(left, 0)).then(() => null)]);
      if (outcome === null) {
        failed.push(`#${number}: no completed check run before the time cap`);
        break;
      }
      if (res.status >= 400) failed.push(`#${number}: webhook answered ${res.status}`);
      if (outcome.conclusion !== 'failure')
        failed.push(`#${number}: check run ${outcome.conclusion}, expected failure`);
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, reviews) }, worker));
  const seconds = (performance.now() - started) / 1000;
  app.send('rss');
  const { maxRssKb } = await message(app, (m) => typeof m.maxRssKb === 'number');
  app.kill();
  github.server.close();

  const completed = latencies.length;
  const calls = github.callsPerReview();
  const ms = (x) => `${x.toFixed(0)} ms`;
  console.log(
    `app load: ${completed}/${reviews} reviews completed in ${seconds.toFixed(1)} s, ${concurrency} at a time, ` +
      `${installations} installation${installations === 1 ? '' : 's'}, throttling: ${throttle}, fake GitHub latency ${latMin}–${latMax} ms per call`,
  );
  if (completed > 0) {
    console.log(
      `webhook → completed check run: p50 ${ms(pct(latencies, 50))}, p95 ${ms(pct(latencies, 95))}, p99 ${ms(pct(latencies, 99))}, max ${ms(Math.max(...latencies))}`,
    );
    console.log(`throughput: ${(completed / seconds).toFixed(1)} reviews/s`);
    console.log(
      `API calls per review: ${calls.mean.toFixed(2)} (min ${calls.min}, max ${calls.max}) + installation tokens: ${github.tokens} in all`,
    );
    console.log(`calls of the last review (ms after its webhook, as answered): ${calls.sample.join(', ')}`);
    const perMinute = github.writesPerMinute();
    console.log(
      `writes to one installation: at most ${perMinute.max} in any 60 s (installation ${perMinute.installation}; GitHub allows 80 a minute, 500 an hour)`,
    );
  }
  console.log(`app peak RSS: ${(maxRssKb / 1024).toFixed(0)} MB`);
  for (const f of failed.slice(0, 10)) console.log(`problem: ${f}`);
  process.exit(failed.length > 0 || completed < reviews ? 1 : 0);
}

/**
 * GitHub's side of one review, per pull request: a check run created, the files listed, one contents query (the
 * changed files at the head, the config on the default branch, the review threads with their comments), the pull
 * request read, one review posted, the check run completed; the comments' REST listing is there for a review that
 * falls back to it. Each answer comes after a random latency in [latMin, latMax] ms.
 */
async function startFakeGitHub({ latMin, latMax }) {
  const dockerfile = readFileSync(join(root, 'fixtures', 'app', 'findings', 'Dockerfile'), 'utf8');
  const patch = readFileSync(join(root, 'fixtures', 'app', 'findings', 'Dockerfile.patch'), 'utf8');
  const path = 'services/api/Dockerfile';
  // the repository's config on its default branch: the fixture's findings on the lines the patch adds are `info`,
  // so this makes them review comments and a failing check, as a review with findings is (a check run, a review
  // with comments, the completion: three writes)
  const config = 'comment_on: info\nfail_on: info\n';
  const calls = new Map(); // pull request number → routes called
  const runs = new Map(); // check run id → pull request number
  const waiting = new Map(); // pull request number → resolve(completed check run)
  let nextRun = 1;
  let tokens = 0;
  const installationOfToken = new Map(); // installation access token → installation id
  const writes = new Map(); // installation id → times (ms) of its content-creating requests
  const webhooks = new Map(); // pull request number → when its webhook was sent
  const record = (number, route) => {
    if (!calls.has(number)) calls.set(number, []);
    calls.get(number).push({ route, at: performance.now() });
  };

  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
    const url = new URL(req.url, 'http://127.0.0.1');
    // a write, as GitHub's secondary limits count them: any REST request that is not a read (the installation-token
    // request aside), and a GraphQL mutation. Stamped on arrival, as GitHub would.
    const isWrite =
      url.pathname === '/graphql'
        ? /^\s*mutation\b/.test(body?.query ?? '')
        : !['GET', 'HEAD'].includes(req.method) && !url.pathname.startsWith('/app/');
    if (isWrite) {
      const installation = installationOfToken.get(
        /^(?:token|bearer) (\S+)$/i.exec(req.headers.authorization ?? '')?.[1],
      );
      if (!writes.has(installation)) writes.set(installation, []);
      writes.get(installation).push(performance.now());
    }
    await sleep(latMin + Math.random() * (latMax - latMin));
    const send = (status, data) => {
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'x-ratelimit-remaining': '4999',
      });
      res.end(JSON.stringify(data));
    };
    let m;
    if ((m = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(url.pathname)) && req.method === 'POST') {
      tokens += 1;
      installationOfToken.set(`ghs_bench${tokens}`, Number(m[1]));
      return send(201, {
        token: `ghs_bench${tokens}`,
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
        permissions: { checks: 'write', pull_requests: 'write', contents: 'read' },
        repository_selection: 'selected',
      });
    }
    if (req.method === 'POST' && url.pathname === '/graphql') {
      // the PR is known from the head commit in the expressions (`<sha>:<path>`)
      const vars = body.variables ?? {};
      const repository = {};
      let number = null;
      for (const [alias, expression] of Object.entries(vars)) {
        if (alias === 'owner' || alias === 'repo') continue;
        const [rev, file] = [
          expression.slice(0, expression.indexOf(':')),
          expression.slice(expression.indexOf(':') + 1),
        ];
        if (rev !== 'HEAD') number ??= numberOfSha(rev);
        const text =
          rev !== 'HEAD' && file === path
            ? dockerfile
            : rev === 'HEAD' && file === CONFIG_PATH
              ? config
              : null;
        repository[alias] =
          text === null ? null : { text, isBinary: false, byteSize: Buffer.byteLength(text) };
      }
      // the review comments come with the contents: none yet, as the listing below answers (a pull request
      // without threads, every thread read)
      if (/pullRequest\(number: \d+\) \{ reviewThreads\(/.test(body.query))
        repository.pullRequest = { reviewThreads: { pageInfo: { hasNextPage: false }, nodes: [] } };
      record(number, 'POST /graphql');
      const org = /org: repository/.test(body.query)
        ? { data: { repository, org: null } }
        : { data: { repository } };
      return send(200, org);
    }
    if (/^\/repos\/[^/]+\/[^/]+\/check-runs$/.test(url.pathname) && req.method === 'POST') {
      const number = numberOfSha(body.head_sha);
      record(number, 'POST /check-runs');
      const id = nextRun++;
      runs.set(id, number);
      if (body.status === 'completed') waiting.get(number)?.({ conclusion: body.conclusion });
      return send(201, { id, name: body.name, status: body.status, head_sha: body.head_sha });
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/.exec(url.pathname)) && req.method === 'PATCH') {
      const number = runs.get(Number(m[1]));
      record(number, 'PATCH /check-runs/{id}');
      send(200, { id: Number(m[1]), name: 'dockreview', status: body.status ?? 'in_progress' });
      if (body.status === 'completed') waiting.get(number)?.({ conclusion: body.conclusion });
      return;
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)(\/files|\/comments|\/reviews)?$/.exec(url.pathname))) {
      const number = Number(m[1]);
      const what = m[2] ?? '';
      record(number, `${req.method} /pulls/{n}${what}`);
      if (req.method === 'GET' && what === '/files')
        return send(200, [
          {
            sha: '0'.repeat(40),
            filename: path,
            status: 'modified',
            additions: 3,
            deletions: 0,
            changes: 3,
            blob_url: `https://github.com/acme/shop/blob/x/${path}`,
            raw_url: `https://github.com/acme/shop/raw/x/${path}`,
            contents_url: `https://api.github.com/repos/acme/shop/contents/${path}`,
            patch,
          },
        ]);
      if (req.method === 'GET' && what === '/comments') return send(200, []);
      if (req.method === 'GET' && what === '')
        return send(200, { number, state: 'open', head: { sha: shaOf(number), ref: `feature-${number}` } });
      if (req.method === 'POST' && what === '/reviews') return send(200, { id: number, state: 'COMMENTED' });
    }
    record(null, `${req.method} ${url.pathname}`);
    send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: `http://127.0.0.1:${server.address().port}`,
    get tokens() {
      return tokens;
    },
    /** The most writes one installation received in any 60 s (sliding), and which installation. */
    writesPerMinute() {
      let max = 0;
      let installation = null;
      for (const [id, times] of writes) {
        for (let first = 0, last = 0; last < times.length; last++) {
          while (times[last] - times[first] >= 60_000) first++;
          if (last - first + 1 > max) [max, installation] = [last - first + 1, id];
        }
      }
      return { max, installation };
    },
    completion(number) {
      webhooks.set(number, performance.now());
      return new Promise((resolve) => waiting.set(number, resolve));
    },
    callsPerReview() {
      const counts = [...calls.entries()].filter(([n]) => n !== null).map(([, c]) => c.length);
      // the last review: the others' load around it, none of the start's
      const last = [...calls.entries()].filter(([n]) => n !== null).at(-1);
      const sent = last ? (webhooks.get(last[0]) ?? 0) : 0;
      return {
        mean: counts.reduce((a, b) => a + b, 0) / Math.max(counts.length, 1),
        min: Math.min(...counts),
        max: Math.max(...counts),
        sample: last ? last[1].map((c) => `${c.route} ${(c.at - sent).toFixed(0)}`) : [],
      };
    },
  };
}

/** A `pull_request.opened` delivery as GitHub sends it (from @octokit/webhooks-examples), retargeted. */
function pullRequestTemplate() {
  const require = createRequire(import.meta.url);
  const groups = require('@octokit/webhooks-examples');
  const example = groups
    .find((g) => g.name === 'pull_request')
    .examples.find((e) => e.action === 'opened' && e.installation !== undefined);
  return JSON.stringify(example);
}

function payload(template, number, installationId) {
  const p = JSON.parse(template);
  p.number = number;
  p.pull_request.number = number;
  p.pull_request.state = 'open';
  p.pull_request.head.sha = shaOf(number);
  p.repository.name = 'shop';
  p.repository.full_name = 'acme/shop';
  p.repository.owner.login = 'acme';
  p.installation = { id: installationId, node_id: 'bench' };
  return p;
}

/** The options `npm start` passes to Node before the server's script (package.json `scripts.start`). */
function startNodeOptions() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const [, ...rest] = (pkg.scripts?.start ?? '').trim().split(/\s+/);
  const firstArg = rest.findIndex((w) => !w.startsWith('-'));
  return rest.slice(0, firstArg < 0 ? rest.length : firstArg);
}

/** Each pull request's head commit encodes its number, so the fake knows whose contents query it answers. */
function shaOf(number) {
  return `bead${String(number).padStart(36, '0')}`;
}
function numberOfSha(sha) {
  return /^bead\d{36}$/.test(sha) ? Number(sha.slice(4)) : null;
}

function message(child, accept) {
  return new Promise((resolve, reject) => {
    const onMessage = (m) => {
      if (!accept(m)) return;
      child.off('message', onMessage);
      resolve(m);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`the app exited (${code})`)));
  });
}

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) usage(`unknown argument ${argv[i]}`);
    out[m[1]] = m[2] ?? argv[++i];
  }
  return out;
}

function int(value, fallback) {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) usage(`not a positive integer: ${value}`);
  return n;
}

function usage(problem) {
  console.error(`bench/app-load: ${problem}`);
  console.error(
    'usage: node bench/app-load.mjs [--reviews N] [--concurrency C] [--latency MIN-MAX] [--installations K] [--throttle server|spaced|probot|off] [--max-seconds S]',
  );
  process.exit(2);
}
