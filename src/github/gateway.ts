/**
 * Every call dockreview makes to GitHub, behind one small interface: the flow and the tests see these methods,
 * never Octokit. The Octokit given is Probot's (the app) or an `@octokit/rest` one (the GitHub Action), both with
 * the retry and throttling plugins.
 */
import { randomUUID } from 'node:crypto';
import type { Octokit as RestOctokit } from '@octokit/rest';
import type { PlannedAnnotation, PlannedComment } from '../review/plan.js';
import type { ExistingComment, ThreadUpdate } from '../review/threads.js';
import { harden, statusOf } from './hardening.js';
import { readThreads, reviewThreadsField, type PullThreads } from './review-threads.js';

export { REQUEST_TIMEOUT_MS } from './hardening.js';

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
  /**
   * A pull request whose review comments to read in the same query, thread by thread: what `reviewComments()`
   * lists, with each comment's thread, without a request of its own.
   */
  commentsOf?: number;
}

export interface ContentsResult {
  head: Map<string, BlobText | null>;
  defaultBranch: Map<string, BlobText | null>;
  org: Map<string, BlobText | null>;
  /** The thread of each review comment that starts one (REST id → thread node id), when `commentsOf` asked. */
  threads?: Map<number, string>;
  /**
   * Every review comment of the pull request, each with its thread, when `commentsOf` asked and the query read
   * them all; absent when there were more threads, or more comments in a thread, than one query reads (the REST
   * listing, `reviewComments()`, has them all; `threads` still has the threads read).
   */
  comments?: ExistingComment[];
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
/** GitHub's largest page of a REST listing: the fewest requests for a long list. */
const PAGE_SIZE = 100;

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
      per_page: PAGE_SIZE,
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
    const files = await this.octokit.paginate(
      this.octokit.rest.pulls.listFiles,
      this.pullListing(pullNumber),
    );
    return files.map((f) => {
      const out: PullFile = { path: f.filename, status: f.status };
      if (f.previous_filename) out.previousPath = f.previous_filename;
      if (f.patch !== undefined) out.patch = f.patch;
      return out;
    });
  }

  /** What a listing of the pull request's files or comments asks for: every page, each as large as GitHub allows. */
  private pullListing(pullNumber: number) {
    return { ...this.repo, pull_number: pullNumber, per_page: PAGE_SIZE };
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
   * The pull request's review comments with their authors, ids and what they reply to: to find the fingerprints
   * of the ones this app already posted (and only those), and the threads a push fixed.
   */
  async reviewComments(pullNumber: number): Promise<ExistingComment[]> {
    const comments = await this.octokit.paginate(
      this.octokit.rest.pulls.listReviewComments,
      this.pullListing(pullNumber),
    );
    return comments.map((c) => {
      const out: ExistingComment = { id: c.id, nodeId: c.node_id, path: c.path, body: c.body };
      if (c.in_reply_to_id !== undefined) out.inReplyToId = c.in_reply_to_id;
      if (c.user?.login !== undefined) out.login = c.user.login;
      if (c.user?.type !== undefined) out.type = c.user.type;
      // not in the review-comment schema, but sent for comments an app made: read it when it is there
      const via = (c as { performed_via_github_app?: { id?: unknown } | null }).performed_via_github_app;
      if (typeof via?.id === 'number') out.appId = via.id;
      return out;
    });
  }

  /**
   * The threads a push fixed, all in one GraphQL request of aliased mutations: each comment's body replaced (the
   * note above it), the quiet ones minimized as resolved, and resolved when asked. Editing and minimizing a
   * review comment take `pull_requests: write`; resolving a thread takes `contents: write` (docs/deploy.md).
   * Answers how many updates GitHub refused; a refusal is not the review's failure, the note is a courtesy.
   */
  async updateThreads(updates: readonly ThreadUpdate[]): Promise<number> {
    if (updates.length === 0) return 0;
    const vars: Record<string, string> = {};
    const decls: string[] = [];
    const fields: string[] = [];
    updates.forEach((u, i) => {
      vars[`c${i}`] = u.commentId;
      vars[`b${i}`] = u.body;
      decls.push(`$c${i}: ID!`, `$b${i}: String!`);
      fields.push(
        `n${i}: updatePullRequestReviewComment(input: { pullRequestReviewCommentId: $c${i}, body: $b${i} }) { clientMutationId }`,
      );
      if (u.minimize)
        fields.push(
          `m${i}: minimizeComment(input: { subjectId: $c${i}, classifier: RESOLVED }) { clientMutationId }`,
        );
      if (u.resolveThreadId !== undefined) {
        vars[`t${i}`] = u.resolveThreadId;
        decls.push(`$t${i}: ID!`);
        fields.push(`r${i}: resolveReviewThread(input: { threadId: $t${i} }) { clientMutationId }`);
      }
    });
    const mutation = `mutation (${decls.join(', ')}) {\n  ${fields.join('\n  ')}\n}`;
    try {
      await this.octokit.graphql(mutation, vars);
      return 0;
    } catch (err) {
      // GraphQL answers 200 with `errors` for the mutations it refused (and data for the rest)
      const errors = (err as { errors?: unknown }).errors;
      if (Array.isArray(errors) && (err as { data?: unknown }).data !== undefined) return errors.length;
      throw err;
    }
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
    // an integer of ours, not the pull request's text: written into the query as GraphQL's Int
    if (req.commentsOf !== undefined) repoFields.push(reviewThreadsField(req.commentsOf));
    const query = `query (${decls.join(', ')}) {
  repository(owner: $owner, name: $repo) { ${repoFields.join(' ') || '__typename'} }
  ${orgFields.length > 0 ? `org: repository(owner: $owner, name: ".github") { ${orgFields.join(' ')} }` : ''}
}`;
    type Data = {
      repository: (Record<string, BlobText | null> & { pullRequest?: PullThreads | null }) | null;
      org?: Record<string, BlobText | null> | null;
    };
    let data: Data;
    try {
      data = await this.octokit.graphql<Data>(query, vars);
    } catch (err) {
      // a missing `.github` repository is an error with partial data: the rest of the answer is still good
      const partial = (err as { data?: Data }).data;
      if (partial?.repository) data = partial;
      else if (req.commentsOf !== undefined && Array.isArray((err as { errors?: unknown }).errors)) {
        // GitHub answered the query with errors and no data: one it cannot run with the review comments (an
        // Enterprise Server whose schema lacks a field of theirs, a pull request whose threads time the query
        // out). The contents matter more: asked again without them, the review lists the comments through REST
        const { commentsOf: _, ...rest } = req;
        return this.fetchContents(rest);
      } else throw err;
    }
    const result: ContentsResult = { head: new Map(), defaultBranch: new Map(), org: new Map() };
    if (req.commentsOf !== undefined) {
      const read = readThreads(data.repository?.pullRequest);
      result.threads = read.threads;
      if (read.comments) result.comments = read.comments;
    }
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
