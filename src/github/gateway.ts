/**
 * Every call dockreview makes to GitHub, behind one small interface: the flow and the tests see these methods,
 * never Octokit. The Octokit given is Probot's (the app) or an `@octokit/rest` one (the GitHub Action), both with
 * the retry and throttling plugins.
 */
import { randomUUID } from 'node:crypto';
import type { Octokit as RestOctokit } from '@octokit/rest';
import type { CommentAuthor, PlannedAnnotation, PlannedComment } from '../review/plan.js';

/** The part of Octokit the gateway uses: what Probot's and `@octokit/rest`'s instances have in common. */
export type GatewayOctokit = Pick<RestOctokit, 'rest' | 'paginate' | 'graphql' | 'hook'>;
type Octokit = GatewayOctokit;

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface PullFile {
  path: string;
  /** added, modified, renamed, removed, copied, changed, unchanged */
  status: string;
  previousPath?: string;
  /** Absent when GitHub did not compute it (large or binary files). */
  patch?: string;
}

export interface BlobText {
  text: string | null;
  isBinary: boolean;
  byteSize: number;
  /** GitHub cut `text` short (large blobs): `fetchContents` fetches such a blob whole when it can. */
  isTruncated?: boolean;
  /** The blob's id, to fetch it whole. */
  oid?: string;
}

export interface ContentsRequest {
  /** Files at the pull request's head. */
  headSha: string;
  paths: string[];
  /** Files on the repository's default branch (config). */
  defaultBranchPaths: string[];
  /** Files on the default branch of the owner's `.github` repository (org-wide config). */
  orgPaths: string[];
}

export interface ContentsResult {
  head: Map<string, BlobText | null>;
  defaultBranch: Map<string, BlobText | null>;
  org: Map<string, BlobText | null>;
}

export interface CheckOutput {
  title: string;
  summary: string;
  annotations?: PlannedAnnotation[];
}

export const CHECK_NAME = 'dockreview';
/**
 * A write that failed with a 5xx or no answer at all may still have been stored by GitHub: retried only after
 * checking. A 4xx was refused.
 */
export function mayHaveLanded(err: unknown): boolean {
  const status = statusOf(err);
  return typeof status !== 'number' || status >= 500;
}

/** Attempts to create the check run after the first, each after checking that the failed one did not land. */
const CREATE_RETRIES = 3;
export const ANNOTATIONS_PER_REQUEST = 50;
/**
 * Truncated blobs fetched whole, per contents request, and the largest: beyond them a file stays truncated, and the
 * flow says it was not reviewed (the lint core's own size limit is 1 MiB by default).
 */
const MAX_WHOLE_BLOBS = 10;
const MAX_WHOLE_BLOB_BYTES = 4 * 1024 * 1024;

export class GitHubGateway {
  /** Every request made, for logs and metrics: `METHOD /route`. */
  readonly calls: string[] = [];
  /** The commit of each check run this gateway created, to replace a run GitHub will not let us complete. */
  private readonly heads = new Map<number, string>();

  constructor(
    private readonly octokit: Octokit,
    readonly repo: RepoRef,
  ) {
    octokit.hook.before('request', (options) => {
      this.calls.push(`${options.method} ${options.url}`);
    });
    harden(octokit);
  }

  /**
   * Creates the in-progress check run, never twice: a 5xx or no answer may come after GitHub stored the run, and a
   * blind retry would leave that first run in progress forever next to the one completed. The run carries a
   * one-off `external_id`; after a failure the commit's runs of this name are listed and a run with that id is
   * taken over before creating again.
   */
  async createCheckRun(headSha: string, detailsUrl?: string): Promise<number> {
    const externalId = randomUUID();
    for (let retries = 0; ; retries++) {
      try {
        const { data } = await this.octokit.rest.checks.create({
          ...this.repo,
          name: CHECK_NAME,
          head_sha: headSha,
          external_id: externalId,
          status: 'in_progress',
          started_at: new Date().toISOString(),
          output: {
            title: 'Reviewing container files…',
            summary: 'dockreview is reading the changed Dockerfiles and Compose files.',
          },
          ...(detailsUrl ? { details_url: detailsUrl } : {}),
          request: { retries: 0 },
        });
        this.heads.set(data.id, headSha);
        return data.id;
      } catch (err) {
        if (!mayHaveLanded(err) || retries >= CREATE_RETRIES) throw err;
        const stored = await this.findCheckRun(headSha, externalId);
        if (stored !== null) {
          this.heads.set(stored, headSha);
          return stored;
        }
      }
    }
  }

  /** The id of this app's run of the check on `headSha` created with `externalId`, if GitHub has it. */
  private async findCheckRun(headSha: string, externalId: string): Promise<number | null> {
    const runs = await this.octokit.paginate(this.octokit.rest.checks.listForRef, {
      ...this.repo,
      ref: headSha,
      check_name: CHECK_NAME,
      filter: 'all',
      per_page: 100,
    });
    return runs.find((r) => r.external_id === externalId)?.id ?? null;
  }

  /**
   * Completes the check run. Annotations go 50 per request (GitHub's limit): all but the last batch while the run
   * is still in progress, the last one with the conclusion, so a required check never completes half-annotated.
   */
  async completeCheckRun(
    checkRunId: number,
    conclusion: 'success' | 'failure' | 'neutral',
    output: CheckOutput,
  ): Promise<void> {
    const annotations = output.annotations ?? [];
    const batches: PlannedAnnotation[][] = [];
    for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST)
      batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
    const text = { title: truncate(output.title, 255), summary: truncate(output.summary, 65535) };
    for (const batch of batches.slice(0, -1)) {
      await this.octokit.rest.checks.update({
        ...this.repo,
        check_run_id: checkRunId,
        output: { ...text, annotations: batch },
      });
    }
    const last = batches[batches.length - 1];
    const final = {
      status: 'completed' as const,
      conclusion,
      completed_at: new Date().toISOString(),
      output: last ? { ...text, annotations: last } : text,
    };
    try {
      await this.octokit.rest.checks.update({ ...this.repo, check_run_id: checkRunId, ...final });
    } catch (err) {
      // the run cannot be completed (GitHub keeps failing, or the run is gone): a new run of the same name on the
      // same commit, created completed, is the one GitHub shows and branch protection reads, so nothing is left
      // pending; only when that fails too does the error reach the caller
      const headSha = this.heads.get(checkRunId);
      if (headSha === undefined) throw err;
      await this.octokit.rest.checks.create({ ...this.repo, name: CHECK_NAME, head_sha: headSha, ...final });
    }
  }

  async listPullFiles(pullNumber: number): Promise<PullFile[]> {
    const files = await this.octokit.paginate(this.octokit.rest.pulls.listFiles, {
      ...this.repo,
      pull_number: pullNumber,
      per_page: 100,
    });
    return files.map((f) => {
      const out: PullFile = { path: f.filename, status: f.status };
      if (f.previous_filename) out.previousPath = f.previous_filename;
      if (f.patch !== undefined) out.patch = f.patch;
      return out;
    });
  }

  /** The current head of the pull request (to tell whether a review is superseded). */
  async pullHead(pullNumber: number): Promise<string> {
    const { data } = await this.octokit.rest.pulls.get({ ...this.repo, pull_number: pullNumber });
    return data.head.sha;
  }

  /** Pull requests whose head is `sha` (a check suite of a fork does not list them). */
  async pullsForCommit(sha: string): Promise<{ number: number; headSha: string }[]> {
    const { data } = await this.octokit.rest.repos.listPullRequestsAssociatedWithCommit({
      ...this.repo,
      commit_sha: sha,
    });
    return data
      .filter((p) => p.state === 'open' && p.head.sha === sha)
      .map((p) => ({ number: p.number, headSha: p.head.sha }));
  }

  /**
   * Bodies of the pull request's review comments with their authors (to find the fingerprints of the ones this app
   * already posted, and only those).
   */
  async reviewCommentBodies(pullNumber: number): Promise<({ body: string } & CommentAuthor)[]> {
    const comments = await this.octokit.paginate(this.octokit.rest.pulls.listReviewComments, {
      ...this.repo,
      pull_number: pullNumber,
      per_page: 100,
    });
    return comments.map((c) => {
      const out: { body: string } & CommentAuthor = { body: c.body };
      if (c.user?.login !== undefined) out.login = c.user.login;
      if (c.user?.type !== undefined) out.type = c.user.type;
      // not in the review-comment schema, but sent for comments an app made: read it when it is there
      const via = (c as { performed_via_github_app?: { id?: unknown } | null }).performed_via_github_app;
      if (typeof via?.id === 'number') out.appId = via.id;
      return out;
    });
  }

  async createReview(
    pullNumber: number,
    commitId: string,
    body: string,
    comments: PlannedComment[],
  ): Promise<void> {
    await this.octokit.rest.pulls.createReview({
      ...this.repo,
      pull_number: pullNumber,
      commit_id: commitId,
      event: 'COMMENT',
      body,
      // a 5xx or a timeout may come after GitHub stored the review: a blind retry would post every comment twice,
      // so the flow retries itself, after checking which comments landed
      request: { retries: 0 },
      comments: comments.map((c) => {
        const out: {
          path: string;
          line: number;
          side: 'RIGHT';
          body: string;
          start_line?: number;
          start_side?: 'RIGHT';
        } = {
          path: c.path,
          line: c.line,
          side: 'RIGHT',
          body: c.body,
        };
        if (c.start_line !== undefined) {
          out.start_line = c.start_line;
          out.start_side = 'RIGHT';
        }
        return out;
      }),
    });
  }

  /** One file of another repository's default branch (for `_extends`); null when it does not exist. */
  async fileText(owner: string, repo: string, path: string): Promise<string | null> {
    try {
      const { data } = await this.octokit.rest.repos.getContent({
        owner,
        repo,
        path,
        mediaType: { format: 'raw' },
      });
      return typeof data === 'string' ? data : null;
    } catch (err) {
      if ((err as { status?: number }).status === 404) return null;
      throw err;
    }
  }

  /**
   * All file contents in one GraphQL query, whatever their number: the head's files, the config on the default
   * branch, and the org-wide config in the owner's `.github` repository. Missing files come back as null.
   */
  async fetchContents(req: ContentsRequest): Promise<ContentsResult> {
    const vars: Record<string, string> = { owner: this.repo.owner, repo: this.repo.repo };
    const decls = ['$owner: String!', '$repo: String!'];
    const repoFields: string[] = [];
    const orgFields: string[] = [];
    const keys: { map: 'head' | 'defaultBranch' | 'org'; alias: string; path: string }[] = [];
    const blob = '... on Blob { text isBinary byteSize isTruncated oid }';
    const add = (map: 'head' | 'defaultBranch' | 'org', expression: string, path: string): void => {
      const alias = `f${keys.length}`;
      vars[alias] = expression;
      decls.push(`$${alias}: String!`);
      (map === 'org' ? orgFields : repoFields).push(`${alias}: object(expression: $${alias}) { ${blob} }`);
      keys.push({ map, alias, path });
    };
    for (const p of req.paths) add('head', `${req.headSha}:${p}`, p);
    for (const p of req.defaultBranchPaths) add('defaultBranch', `HEAD:${p}`, p);
    for (const p of req.orgPaths) add('org', `HEAD:${p}`, p);
    const query = `query (${decls.join(', ')}) {
  repository(owner: $owner, name: $repo) { ${repoFields.join(' ') || '__typename'} }
  ${orgFields.length > 0 ? `org: repository(owner: $owner, name: ".github") { ${orgFields.join(' ')} }` : ''}
}`;
    type Data = {
      repository: Record<string, BlobText | null> | null;
      org?: Record<string, BlobText | null> | null;
    };
    let data: Data;
    try {
      data = await this.octokit.graphql<Data>(query, vars);
    } catch (err) {
      // a missing `.github` repository is an error with partial data: the rest of the answer is still good
      const partial = (err as { data?: Data }).data;
      if (!partial?.repository) throw err;
      data = partial;
    }
    const result: ContentsResult = { head: new Map(), defaultBranch: new Map(), org: new Map() };
    let wholeFetches = 0;
    for (const k of keys) {
      const source = k.map === 'org' ? data.org : data.repository;
      let blob = source?.[k.alias] ?? null;
      // GraphQL cuts a large blob's text short: a file that may still be linted is fetched whole through REST
      if (
        blob?.isTruncated &&
        !blob.isBinary &&
        blob.oid &&
        k.map !== 'org' &&
        blob.byteSize <= MAX_WHOLE_BLOB_BYTES &&
        wholeFetches < MAX_WHOLE_BLOBS
      ) {
        wholeFetches++;
        blob = await this.wholeBlob(blob, blob.oid);
      }
      result[k.map].set(k.path, blob);
    }
    return result;
  }

  /** A blob's whole text (it stays marked truncated when GitHub sends no text or the size does not match). */
  private async wholeBlob(blob: BlobText, oid: string): Promise<BlobText> {
    const { data } = await this.octokit.rest.git.getBlob({ ...this.repo, file_sha: oid });
    if (data.encoding !== 'base64' || typeof data.content !== 'string') return blob;
    const bytes = Buffer.from(data.content, 'base64');
    if (bytes.length !== blob.byteSize) return blob;
    return { text: bytes.toString('utf8'), isBinary: false, byteSize: bytes.length, isTruncated: false, oid };
  }
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/**
 * Per attempt. GitHub ends its own requests after 10 seconds, so an answer later than this is a connection that
 * hung: without a limit one such request holds a review (and its check run) in progress forever. An Octokit may
 * set its own with the `request.timeout` option.
 */
export const REQUEST_TIMEOUT_MS = 20_000;
/** Secondary rate limits retried here, waiting GitHub's `retry-after` (at most a minute, its documented default). */
const SECONDARY_LIMIT_RETRIES = 2;
const MAX_RETRY_AFTER_S = 60;

const hardened = new WeakSet<object>();

/**
 * What the Octokit plugins leave to us, added once per Octokit (an event's Octokit may serve more than one gateway).
 * The hook wraps the retry and throttling plugins and the auth hook, so each attempt they make goes through it:
 * - a timeout on every attempt, through `fetch` (a fresh signal per call: a retry must not inherit an aborted one);
 *   the retry plugin sees a timed-out attempt as a 500 and retries it like one;
 * - a 401 on an installation token: @octokit/auth-app retries a 401 only within 5 seconds of the token's creation
 *   (replication lag) and never drops the cached token, so a token revoked or expired mid-review would fail every
 *   later call, the check run's completion included. One refresh (`auth({ type: 'installation', refresh: true })`
 *   replaces the cached token) and one retry; an Octokit with a fixed token just fails again, as it should;
 * - a secondary rate limit the throttling plugin hands back: Probot 14's `onSecondaryRateLimit` logs it and does not
 *   retry (its default Octokit class would), so the review waits `retry-after` here. The wait unit is the
 *   `request.retryAfterBaseValue` option (milliseconds per second, default 1000), as the plugins name theirs.
 */
function harden(octokit: GatewayOctokit): void {
  if (hardened.has(octokit)) return;
  hardened.add(octokit);
  octokit.hook.wrap('request', async (request, options) => {
    const settings = options.request ?? {};
    const timeoutMs = Number(settings.timeout) > 0 ? Number(settings.timeout) : REQUEST_TIMEOUT_MS;
    const unit = Number(settings.retryAfterBaseValue ?? 1000);
    const unitMs = Number.isFinite(unit) && unit >= 0 ? unit : 1000;
    // the hooks inside are bound to this very options object (before-after-hook ignores what `request()` is
    // called with), so the limit goes on it; `options` is this request's own copy, not the Octokit's defaults
    options.request = {
      ...settings,
      fetch: withTimeout(settings.fetch as typeof fetch | undefined, timeoutMs),
    };
    let refreshed = false;
    for (let limited = 0; ;) {
      try {
        return await request(options);
      } catch (err) {
        const auth = (octokit as { auth?: (o: object) => Promise<unknown> }).auth;
        if (statusOf(err) === 401 && !refreshed && typeof auth === 'function') {
          refreshed = true;
          await auth({ type: 'installation', refresh: true });
          continue;
        }
        const wait = secondaryLimitWait(err);
        if (wait === null || limited >= SECONDARY_LIMIT_RETRIES) throw err;
        limited += 1;
        await new Promise((resolve) => setTimeout(resolve, wait * unitMs));
      }
    }
  });
}

function withTimeout(base: typeof fetch | undefined, ms: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(ms);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    // looked up per call: a test's interceptor may replace the global fetch after the Octokit was built
    return (base ?? globalThis.fetch)(input, { ...init, signal });
  };
}

function statusOf(err: unknown): number | undefined {
  return (err as { status?: number } | null)?.status;
}

/** Seconds to wait before retrying a secondary rate limit, or null when `err` is not one. */
function secondaryLimitWait(err: unknown): number | null {
  const status = statusOf(err);
  if (status !== 403 && status !== 429) return null;
  const e = err as { message?: string; response?: { headers?: Record<string, string | undefined> } };
  const headers = e.response?.headers ?? {};
  // a primary limit (no calls left until the reset) is the throttling plugin's to wait for, not ours
  if (headers['x-ratelimit-remaining'] === '0') return null;
  if (!/secondary rate limit/i.test(e.message ?? '') && headers['retry-after'] === undefined) return null;
  const after = Number(headers['retry-after']);
  return Number.isFinite(after) && after >= 0 ? Math.min(after, MAX_RETRY_AFTER_S) : MAX_RETRY_AFTER_S;
}
