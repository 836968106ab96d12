/**
 * The first phase of a review: what it reads from GitHub before linting. The pull request's files, then their
 * contents, their related files, the config and the review comments already on the pull request in one GraphQL
 * query; the files a custom `files:` selects and the files Compose files name, in one more query each, only when
 * there are any.
 */
import { withHostOptions, type HostShellcheckOptions } from '../config/host.js';
import type { Config } from '../config/config.js';
import { chosenKind, detectKind, relatedPaths } from '../lint/engine.js';
import type { LintPool } from '../lint/pool.js';
import { fileSelector } from '../review/select.js';
import type { ExistingComment } from '../review/threads.js';
import type { BlobText, ContentsRequest, ContentsResult, GitHubGateway, PullFile } from './gateway.js';
import { CONFIG_PATHS, HADOLINT_PATHS, resolveConfig, textOf } from './repo-config.js';

/** Bounds of one review, whatever the pull request holds (each past-the-bound case is named in the summary). */
export const REVIEW_LIMITS = {
  /** Container files linted per review: GitHub lists at most 3 000 files of a pull request anyway. */
  files: 300,
  /** Related files (a Compose file's Dockerfiles, extends and includes) fetched per review. */
  relatedFiles: 200,
  /** Paths asked for in one GraphQL query (300 files and their related files fit in one). */
  pathsPerQuery: 1000,
  /** From the start of linting to the last file linted. */
  lintDeadlineMs: 60_000,
} as const;

/** The most files GitHub's pull-request files listing returns. */
const GITHUB_FILES_LIMIT = 3000;

/** What a review lints, and with what. */
export interface ReviewInputs {
  config: Config;
  /** The container files the config selects, at most `REVIEW_LIMITS.files`. */
  selected: PullFile[];
  /** Their contents at the head, and those of their related files. */
  head: Map<string, BlobText | null>;
  /** What could not be reviewed: any of it makes the check fail, with a line saying what. */
  notReviewed: string[];
  /** When linting must be over (`REVIEW_LIMITS.lintDeadlineMs` after the first file is read). */
  lintDeadline: number;
  /** The review threads' ids by their first comment's id, when read (to resolve the fixed ones). */
  threads?: Map<number, string>;
  /**
   * The pull request's review comments, each with its thread, when the contents query read them all; absent when
   * it did not ask (no file by a default name) or the pull request has more than it reads: `existingComments`
   * lists them through REST then.
   */
  comments?: ExistingComment[];
}

export async function fetchInputs(
  gw: GitHubGateway,
  target: { pullNumber: number; headSha: string },
  pool: LintPool,
  host: HostShellcheckOptions,
  withThreads = false,
): Promise<ReviewInputs> {
  const notReviewed: string[] = [];
  const listed = await gw.listPullFiles(target.pullNumber);
  if (listed.length >= GITHUB_FILES_LIMIT)
    notReviewed.push(
      `GitHub lists only the first ${GITHUB_FILES_LIMIT.toLocaleString('en-US')} files of a pull request, and this one has at least that many: files beyond them were not reviewed.`,
    );
  const files = listed.filter((f) => f.status !== 'removed');
  // container files by their default names; a custom files.include may add more once the config is known
  const byDefault = files.filter((f) => detectKind(f.path) !== null).slice(0, REVIEW_LIMITS.files);
  const contents = await fetchInChunks(gw, {
    headSha: target.headSha,
    // the files and what their rules read beside them (each Dockerfile's .dockerignore), in the same query
    paths: withRelated(byDefault),
    defaultBranchPaths: [...CONFIG_PATHS, ...HADOLINT_PATHS],
    orgPaths: gw.repo.repo === '.github' ? [] : CONFIG_PATHS,
    // the review comments already posted (which findings are commented, which threads a push fixed) ride along in
    // the same query, so a review needs no request of its own for them. Asked when a changed file has a container
    // file's name (a review that lints nothing reads none) or when fixed threads are resolved (their ids come only
    // from here); a file only a custom `files:` selects is read in a later query, and its review lists the
    // comments through REST.
    ...(byDefault.length > 0 || withThreads ? { commentsOf: target.pullNumber } : {}),
  });
  const config = withHostOptions(await resolveConfig(gw, contents.defaultBranch, contents.org), host);
  const all = selectFiles(files, config);
  const selected = all.slice(0, REVIEW_LIMITS.files);
  if (all.length > selected.length)
    notReviewed.push(
      `${all.length - selected.length} of the ${all.length} container files were not reviewed: a review covers at most ${REVIEW_LIMITS.files}.`,
    );
  const missing = selected.filter((f) => !contents.head.has(f.path));
  if (missing.length > 0) {
    const more = await fetchInChunks(gw, {
      headSha: target.headSha,
      paths: withRelated(missing),
      defaultBranchPaths: [],
      orgPaths: [],
    });
    for (const [k, v] of more.head) contents.head.set(k, v);
  }
  const lintDeadline = performance.now() + REVIEW_LIMITS.lintDeadlineMs;
  // the Dockerfiles Compose services build, and the Compose files they extend or include, are only known once the
  // Compose files are read (their YAML is parsed in the lint pool): one more query, only then. What those files
  // name in turn is not fetched (one level).
  const composeRelated = new Set<string>();
  for (const f of selected) {
    const text = textOf(contents.head.get(f.path) ?? null);
    if (text === null || chosenKind(f.path) !== 'compose') continue;
    const paths = await pool.relatedPaths(f.path, 'compose', text, lintDeadline);
    if (paths === null) continue; // the deadline passed: linting the file will say so
    for (const p of paths) if (!contents.head.has(p)) composeRelated.add(p);
  }
  if (composeRelated.size > REVIEW_LIMITS.relatedFiles)
    notReviewed.push(
      `The Compose files name ${composeRelated.size} other files (Dockerfiles they build, files they extend or include); only the first ${REVIEW_LIMITS.relatedFiles} were read, so checks that look into the others were not run on them.`,
    );
  if (composeRelated.size > 0) {
    const more = await fetchInChunks(gw, {
      headSha: target.headSha,
      paths: [...composeRelated].slice(0, REVIEW_LIMITS.relatedFiles),
      defaultBranchPaths: [],
      orgPaths: [],
    });
    for (const [k, v] of more.head) contents.head.set(k, v);
  }

  const inputs: ReviewInputs = { config, selected, head: contents.head, notReviewed, lintDeadline };
  if (contents.threads) inputs.threads = contents.threads;
  if (contents.comments) inputs.comments = contents.comments;
  return inputs;
}

/**
 * The pull request's review comments, each with its thread when known: those the contents query read, else the
 * REST listing (paginated: nothing is left out), with the threads the query read.
 */
export async function existingComments(
  gw: GitHubGateway,
  pullNumber: number,
  inputs: Pick<ReviewInputs, 'comments' | 'threads'>,
): Promise<ExistingComment[]> {
  if (inputs.comments) return inputs.comments;
  return (await gw.reviewComments(pullNumber)).map((c) => {
    const threadId = inputs.threads?.get(c.id);
    return threadId === undefined ? c : { ...c, threadId };
  });
}

/** The contents request in queries of at most `REVIEW_LIMITS.pathsPerQuery` paths each. */
async function fetchInChunks(gw: GitHubGateway, req: ContentsRequest): Promise<ContentsResult> {
  const n = REVIEW_LIMITS.pathsPerQuery;
  const first = await gw.fetchContents({ ...req, paths: req.paths.slice(0, n) });
  for (let i = n; i < req.paths.length; i += n) {
    const more = await gw.fetchContents({
      headSha: req.headSha,
      paths: req.paths.slice(i, i + n),
      defaultBranchPaths: [],
      orgPaths: [],
    });
    for (const [k, v] of more.head) first.head.set(k, v);
  }
  return first;
}

function withRelated(files: PullFile[]): string[] {
  const paths = new Set<string>();
  for (const f of files) {
    paths.add(f.path);
    for (const p of relatedPaths(f.path, chosenKind(f.path))) paths.add(p);
  }
  return [...paths];
}

/** Files the config selects; removed ones were dropped already. */
function selectFiles(files: PullFile[], config: Config): PullFile[] {
  const selected = fileSelector(config.files);
  return files.filter((f) => selected(f.path));
}
