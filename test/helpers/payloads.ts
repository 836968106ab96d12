/**
 * What the app's tests send and serve, with no fake attached: the test repository's names, a test private key,
 * webhook payloads from `@octokit/webhooks-examples` and their signatures, patches and repository files. Imports
 * neither nock nor Probot, so a test that drives the real server process over HTTP can use it.
 */
import { createHash, createHmac, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ALL_RULES } from '../../src/lint/rules/index.js';

const require = createRequire(import.meta.url);

export const API = 'https://api.github.com';
export const OWNER = 'acme';
export const REPO = 'shop';
export const INSTALLATION_ID = 4242;
export const PR_NUMBER = 17;
export const HEAD_SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
export const CHECK_RUN_ID = 9001;
export const WEBHOOK_SECRET = 'test-webhook-secret';

let privateKey: string | undefined;

/** A 2048-bit RSA key made once per test file, PKCS#1 PEM as GitHub hands them out. */
export function testPrivateKey(): string {
  privateKey ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  }).privateKey;
  return privateKey;
}

// ---------------------------------------------------------------------------------------------------------------
// Webhook payloads (from @octokit/webhooks-examples)

interface ExampleGroup {
  name: string;
  examples: Record<string, unknown>[];
}
const EXAMPLES = require('@octokit/webhooks-examples') as ExampleGroup[];

function example(name: string, action: string): Record<string, unknown> {
  const group = EXAMPLES.find((g) => g.name === name);
  const found = group?.examples.find((e) => e.action === action && e.installation !== undefined);
  if (!found) throw new Error(`no ${name}.${action} example in @octokit/webhooks-examples`);
  return structuredClone(found);
}

type Json = Record<string, unknown>;

/** Points an example's repository at OWNER/REPO and its installation at INSTALLATION_ID. */
function retarget(payload: Json, installationId: number): void {
  const repo = payload.repository as Json;
  repo.name = REPO;
  repo.full_name = `${OWNER}/${REPO}`;
  (repo.owner as Json).login = OWNER;
  payload.installation = { id: installationId, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==' };
}

export interface PullRequestPayloadOptions {
  action?: 'opened' | 'synchronize' | 'reopened' | 'ready_for_review';
  number?: number;
  headSha?: string;
  installationId?: number;
  state?: 'open' | 'closed';
}

export function pullRequestPayload(o: PullRequestPayloadOptions = {}): Json {
  const payload = example('pull_request', o.action ?? 'opened');
  retarget(payload, o.installationId ?? INSTALLATION_ID);
  const number = o.number ?? PR_NUMBER;
  payload.number = number;
  const pr = payload.pull_request as Json;
  pr.number = number;
  pr.state = o.state ?? 'open';
  (pr.head as Json).sha = o.headSha ?? HEAD_SHA;
  if ('after' in payload) payload.after = o.headSha ?? HEAD_SHA;
  return payload;
}

export function checkSuiteRerequestedPayload(
  o: { headSha?: string; pulls?: { number: number; headSha: string }[]; installationId?: number } = {},
): Json {
  const payload = example('check_suite', 'rerequested');
  retarget(payload, o.installationId ?? INSTALLATION_ID);
  const suite = payload.check_suite as Json;
  const headSha = o.headSha ?? HEAD_SHA;
  suite.head_sha = headSha;
  const template = (suite.pull_requests as Json[])[0]!;
  suite.pull_requests = (o.pulls ?? [{ number: PR_NUMBER, headSha }]).map((p) => {
    const pr = structuredClone(template);
    pr.number = p.number;
    (pr.head as Json).sha = p.headSha;
    return pr;
  });
  return payload;
}

export function checkRunRerequestedPayload(
  o: { name?: string; headSha?: string; pulls?: { number: number; headSha: string }[] } = {},
): Json {
  const payload = example('check_run', 'rerequested');
  retarget(payload, INSTALLATION_ID);
  const run = payload.check_run as Json;
  const headSha = o.headSha ?? HEAD_SHA;
  run.name = o.name ?? 'dockreview';
  run.head_sha = headSha;
  const prTemplate = structuredClone(
    (checkSuiteRerequestedPayload().check_suite as { pull_requests: Json[] }).pull_requests[0]!,
  );
  run.pull_requests = (o.pulls ?? [{ number: PR_NUMBER, headSha }]).map((p) => {
    const pr = structuredClone(prTemplate);
    pr.number = p.number;
    (pr.head as Json).sha = p.headSha;
    return pr;
  });
  return payload;
}

/** `sha256=<hex>` of the body, as GitHub signs webhook deliveries. */
export function signature(body: string, secret = WEBHOOK_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function blobOid(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

// ---------------------------------------------------------------------------------------------------------------
// Diffs

/** The patch GitHub gives for a file the pull request adds. */
export function addedFilePatch(text: string): string {
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  return [`@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`)].join('\n');
}

/**
 * A `.github/dockreview.yml` that turns off every rule but `ids`, so a test's findings stay the same whatever
 * rules the lint core gains; `extra` is appended (more top-level keys).
 */
export function onlyRules(ids: readonly string[], extra = ''): string {
  for (const id of ids) if (!ALL_RULES.some((r) => r.id === id)) throw new Error(`no rule ${id}`);
  const off = ALL_RULES.filter((r) => !ids.includes(r.id)).map((r) => `  ${r.id}: off`);
  return `rules:\n${off.join('\n')}\n${extra}`;
}

export function fixture(path: string): string {
  return readFileSync(new URL(`../../fixtures/app/${path}`, import.meta.url), 'utf8');
}
