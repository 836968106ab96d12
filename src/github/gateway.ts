/**
 * Every call dockreview makes to GitHub, behind one small interface: the flow and the tests see these methods,
 * never Octokit. The Octokit given is Probot's (retry and throttling plugins included).
 */
import type { ProbotOctokit } from 'probot';
import type { PlannedAnnotation, PlannedComment } from '../review/plan.js';

type Octokit = InstanceType<typeof ProbotOctokit>;

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
export const ANNOTATIONS_PER_REQUEST = 50;

export class GitHubGateway {
  /** Every request made, for logs and metrics: `METHOD /route`. */
  readonly calls: string[] = [];

  constructor(
    private readonly octokit: Octokit,
    readonly repo: RepoRef,
  ) {
    octokit.hook.before('request', (options) => {
      this.calls.push(`${options.method} ${options.url}`);
    });
  }

  async createCheckRun(headSha: string, detailsUrl?: string): Promise<number> {
    const { data } = await this.octokit.rest.checks.create({
      ...this.repo,
      name: CHECK_NAME,
      head_sha: headSha,
      status: 'in_progress',
      started_at: new Date().toISOString(),
      output: {
        title: 'Reviewing container files…',
        summary: 'dockreview is reading the changed Dockerfiles and Compose files.',
      },
      ...(detailsUrl ? { details_url: detailsUrl } : {}),
    });
    return data.id;
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
    await this.octokit.rest.checks.update({
      ...this.repo,
      check_run_id: checkRunId,
      status: 'completed',
      conclusion,
      completed_at: new Date().toISOString(),
      output: last ? { ...text, annotations: last } : text,
    });
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

  /** Bodies of the pull request's review comments (to find the fingerprints of ones already posted). */
  async reviewCommentBodies(pullNumber: number): Promise<string[]> {
    const comments = await this.octokit.paginate(this.octokit.rest.pulls.listReviewComments, {
      ...this.repo,
      pull_number: pullNumber,
      per_page: 100,
    });
    return comments.map((c) => c.body);
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
    const blob = '... on Blob { text isBinary byteSize }';
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
    for (const k of keys) {
      const source = k.map === 'org' ? data.org : data.repository;
      result[k.map].set(k.path, source?.[k.alias] ?? null);
    }
    return result;
  }
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
