/**
 * The flow of one review (docs/architecture.md): check run in progress → the PR's files → config and contents in
 * one GraphQL query → lint (in the worker pool) → plan → one review → the check run completed. Whatever happens,
 * the check run ends completed.
 */
import { randomUUID } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { applyConfigText, ConfigError, defaultConfig, type Config } from '../config/config.js';
import { withHostOptions, type HostShellcheckOptions } from '../config/host.js';
import { chosenKind, detectKind, relatedPaths } from '../lint/engine.js';
import { DEFAULT_LIMITS } from '../lint/limits.js';
import { sharedPool, type LintPool } from '../lint/pool.js';
import { ALL_RULES } from '../lint/rules/index.js';
import type { FileKind, Severity } from '../lint/types.js';
import { parsePatch, type DiffLines } from '../review/diff.js';
import {
  fingerprintsOf,
  plan,
  writtenByApp,
  type Plan,
  type PlanFile,
  type PlannedComment,
} from '../review/plan.js';
import { inlineCode } from '../review/markdown.js';
import { fileSelector } from '../review/select.js';
import { planOptions } from '../review/options.js';
import {
  mayHaveLanded,
  type BlobText,
  type ContentsRequest,
  type ContentsResult,
  type GitHubGateway,
  type PullFile,
} from './gateway.js';

export interface ReviewTarget {
  pullNumber: number;
  headSha: string;
}

export interface ReviewOutcome {
  conclusion: 'success' | 'failure' | 'neutral';
  title: string;
  comments: number;
  findings: number;
  /** Findings per rule id (for metrics). */
  findingsByRule: Record<string, number>;
  /** Findings per severity (the Action's `fail-on`: annotations have only three levels for five severities). */
  findingsBySeverity: Partial<Record<Severity, number>>;
  /** The requests this review made, `METHOD /route` each. */
  calls: string[];
  superseded: boolean;
}

export interface FlowLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const CONFIG_PATHS = ['.github/dockreview.yml', '.github/dockreview.yaml'];
const HADOLINT_PATHS = ['.hadolint.yaml', '.hadolint.yml'];
/** Kinds the engine lints today; other container files are listed in the summary as not reviewed. */
const LINTED = new Set<FileKind>(ALL_RULES.map((r) => r.kind as FileKind));

export async function reviewPullRequest(
  gw: GitHubGateway,
  target: ReviewTarget,
  log: FlowLogger,
  deps: ReviewDeps = {},
): Promise<ReviewOutcome> {
  const checkRunId = await gw.createCheckRun(target.headSha);
  try {
    const outcome = await review(gw, target, checkRunId, log, deps);
    log.info({ ...outcome, calls: gw.calls.length }, 'review complete');
    return outcome;
  } catch (err) {
    const invalidConfig = err instanceof ConfigError;
    // the check run is public to everyone who can read the pull request: it gets what went wrong in general terms
    // and an id; the details (hosts, addresses, stack) go to the operator's logs under that id
    const errorId = randomUUID().slice(0, 8);
    const reason = invalidConfig
      ? `Invalid configuration: ${err.message}`
      : `dockreview could not finish this review: ${errorText(err)} (error id ${errorId})`;
    if (!invalidConfig) log.error({ err, errorId }, 'review failed');
    await gw.completeCheckRun(checkRunId, 'failure', {
      title: invalidConfig ? 'Invalid dockreview configuration' : 'Review failed',
      summary: `${reason}\n\n${invalidConfig ? 'Fix the configuration on the default branch, then re-run this check.' : 'Re-run this check to try again; if it keeps failing, please report it with the error id.'}`,
    });
    return { ...outcomeOf('failure', reason, 0, [], gw) };
  }
}

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

export interface ReviewDeps {
  /** The worker pool files are linted in (default: the process's shared pool). */
  pool?: LintPool;
  /** Where ShellCheck is and its time limit: the host's settings, never the repository's (config/host.ts). */
  host?: HostShellcheckOptions;
}

async function review(
  gw: GitHubGateway,
  target: ReviewTarget,
  checkRunId: number,
  log: FlowLogger,
  deps: ReviewDeps,
): Promise<ReviewOutcome> {
  const pool = deps.pool ?? sharedPool();
  // what could not be reviewed: any of it makes the check fail, with a line saying what
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
  });
  const config = withHostOptions(
    await resolveConfig(gw, contents.defaultBranch, contents.org),
    deps.host ?? {},
  );
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

  if (selected.length === 0 && notReviewed.length === 0) {
    const title = 'No Dockerfile or Compose file changed';
    await gw.completeCheckRun(checkRunId, 'success', {
      title,
      summary: `${title} in this pull request: nothing to review.`,
    });
    return outcomeOf('success', title, 0, [], gw);
  }

  const { planFiles, notes } = await lintFiles(
    pool,
    selected,
    contents.head,
    config,
    lintDeadline,
    notReviewed,
  );

  const posted =
    config.comments !== 'none' && planFiles.some((f) => f.findings.length > 0)
      ? await postedFingerprints(gw, target.pullNumber)
      : new Set<string>();
  const planned = plan(
    planFiles,
    planOptions(config, posted, { owner: gw.repo.owner, repo: gw.repo.repo, sha: target.headSha }),
  );
  // a review that could not look at everything fails, whatever its findings: the verdict says what was missed
  const result: Plan =
    notReviewed.length > 0
      ? {
          ...planned,
          conclusion: 'failure',
          title: `Not fully reviewed: ${planned.title.charAt(0).toLowerCase()}${planned.title.slice(1)}`,
        }
      : planned;
  const summary = [
    ...(notReviewed.length > 0
      ? [
          '❌ **This check fails because not everything was reviewed:**',
          '',
          ...notReviewed.map((n) => `- ${n}`),
          '',
        ]
      : []),
    result.summary,
    ...(notes.length > 0 ? ['', '### Notes', '', ...notes.map((n) => `- ${n}`)] : []),
  ].join('\n');

  // a newer push makes this review moot: say so, post nothing
  const head = await gw.pullHead(target.pullNumber);
  if (head !== target.headSha) {
    const title = 'Superseded by a newer commit';
    await gw.completeCheckRun(checkRunId, 'neutral', {
      title,
      summary: `The pull request moved to ${head.slice(0, 7)} while ${target.headSha.slice(0, 7)} was being reviewed; the review of the new head replaces this one.`,
    });
    return { ...outcomeOf('neutral', title, 0, planFiles, gw), superseded: true };
  }

  // the check run carries every finding whatever happens to the comments
  let reviewNote = '';
  let commented = 0;
  if (result.comments.length > 0) {
    const posting = await postReview(gw, target, result, notReviewed.length > 0, log);
    commented = posting.posted;
    if (posting.rejected > 0)
      reviewNote += `\n\n> ${posting.rejected} review comment${posting.rejected === 1 ? '' : 's'} could not be placed on the pull request's diff (GitHub answered 422); ${posting.rejected === 1 ? 'its finding is' : 'their findings are'} in the findings table below.`;
    if (posting.failure !== null)
      reviewNote += `\n\n> The review comments could not be posted (${posting.failure}); every finding is in the findings table below.`;
  }
  await gw.completeCheckRun(checkRunId, result.conclusion, {
    title: result.title,
    summary: summary + reviewNote,
    annotations: result.annotations,
  });
  return outcomeOf(result.conclusion, result.title, commented, planFiles, gw);
}

/**
 * Lints the selected files in the pool, all at once (the pool runs as many as it has workers). What could not be
 * linted goes to `notReviewed` (the check fails); what is worth knowing but reviewed goes to the notes.
 */
async function lintFiles(
  pool: LintPool,
  selected: PullFile[],
  head: Map<string, BlobText | null>,
  config: Config,
  deadline: number,
  notReviewed: string[],
): Promise<{ planFiles: PlanFile[]; notes: string[] }> {
  const notes: string[] = [];
  const available = new Map<string, string | null>();
  for (const [path, blob] of head) available.set(path, textOf(blob));
  const lintConfig = withoutFunctions(config);
  const jobs = selected.map(async (f): Promise<PlanFile | null> => {
    const kind = chosenKind(f.path);
    const blob = head.get(f.path) ?? null;
    const text = textOf(blob);
    if (text === null) {
      notReviewed.push(
        `${inlineCode(f.path)} was not reviewed: ${blob?.isBinary ? 'GitHub reports it as binary' : 'its content could not be read at this commit'}.`,
      );
      return null;
    }
    if (blob?.isTruncated && blob.byteSize <= (config.limits?.maxFileSize ?? DEFAULT_LIMITS.maxFileSize)) {
      notReviewed.push(
        `${inlineCode(f.path)} was not reviewed: GitHub sent only part of it and the whole file could not be fetched.`,
      );
      return null;
    }
    if (!LINTED.has(kind)) {
      notes.push(`${inlineCode(f.path)} was not reviewed: ${kind} files are not linted by this version yet.`);
      return null;
    }
    // a Dockerfile reads only its own related files; a Compose file may follow extends/include through the others
    const own =
      kind === 'compose'
        ? available
        : new Map(
            relatedPaths(f.path, kind).flatMap((p) => (available.has(p) ? [[p, available.get(p)!]] : [])),
          );
    const diff = f.patch !== undefined ? parsePatch(f.patch) : null;
    // byteSize: an oversize file gets the core's `file-too-large` finding even if GitHub sent only part of it
    const result = await pool.lint(
      {
        path: f.path,
        text,
        kind,
        byteSize: blob?.byteSize ?? text.length,
        available: own,
        ...(config.pragmaPolicy === 'base-only' ? { ignoredPragmaLines: addedCommentLines(text, diff) } : {}),
      },
      lintConfig,
      deadline,
    );
    for (const reason of result.incomplete ?? [])
      notReviewed.push(`${inlineCode(f.path)} was not fully reviewed: ${reason}.`);
    if (result.omitted)
      notes.push(
        `${inlineCode(f.path)} has ${result.omitted} more findings than are listed here (the most severe are kept).`,
      );
    if (f.patch === undefined)
      notes.push(
        `${inlineCode(f.path)} has no diff from GitHub (too large): its findings are in the annotations only.`,
      );
    return {
      path: f.path,
      kind,
      text,
      findings: result.findings,
      diff,
      ...(result.suppressed ? { suppressed: result.suppressed } : {}),
      ...(result.unhonouredPragmas ? { unhonouredPragmas: result.unhonouredPragmas } : {}),
    };
  });
  const planFiles = (await Promise.all(jobs)).filter((f): f is PlanFile => f !== null);
  return { planFiles, notes };
}

/**
 * The comment lines the pull request added (where a pragma it adds can be): every comment line when GitHub sent no
 * diff, since then nothing shows which lines were already there.
 */
function addedCommentLines(text: string, diff: DiffLines | null): number[] {
  const lines: number[] = [];
  let line = 1;
  for (let i = 0; i <= text.length; line++) {
    const end = text.indexOf('\n', i);
    const stop = end < 0 ? text.length : end;
    let j = i;
    while (j < stop && (text[j] === ' ' || text[j] === '\t')) j++;
    if (text[j] === '#' && j < stop && (!diff || diff.added.has(line))) lines.push(line);
    if (end < 0) break;
    i = end + 1;
  }
  return lines;
}

/** The config as it crosses to a worker thread: data only (a test clock cannot cross, and is not needed there). */
function withoutFunctions(config: Config): Config {
  if (!config.limits?.now) return config;
  const { now: _now, ...limits } = config.limits;
  return { ...config, limits };
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

function outcomeOf(
  conclusion: ReviewOutcome['conclusion'],
  title: string,
  comments: number,
  planFiles: PlanFile[],
  gw: GitHubGateway,
): ReviewOutcome {
  return {
    conclusion,
    title,
    comments,
    findings: countFindings(planFiles),
    findingsByRule: findingsByRule(planFiles),
    findingsBySeverity: findingsBySeverity(planFiles),
    calls: gw.calls,
    superseded: false,
  };
}

function withRelated(files: PullFile[]): string[] {
  const paths = new Set<string>();
  for (const f of files) {
    paths.add(f.path);
    for (const p of relatedPaths(f.path, chosenKind(f.path))) paths.add(p);
  }
  return [...paths];
}

function findingsByRule(files: PlanFile[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of files) for (const x of f.findings) counts[x.rule] = (counts[x.rule] ?? 0) + 1;
  return counts;
}

function findingsBySeverity(files: PlanFile[]): Partial<Record<Severity, number>> {
  const counts: Partial<Record<Severity, number>> = {};
  for (const f of files) for (const x of f.findings) counts[x.severity] = (counts[x.severity] ?? 0) + 1;
  return counts;
}

function countFindings(files: PlanFile[]): number {
  return files.reduce((n, f) => n + f.findings.length, 0);
}

/** The plan's review body; a review that could not look at everything says so first, as its check run does. */
function reviewBody(result: Plan, incomplete: boolean): string {
  return incomplete
    ? `❌ Not everything was reviewed, so the \`dockreview\` check fails: its summary says what was missed.\n\n${result.reviewBody}`
    : result.reviewBody;
}

async function postedFingerprints(gw: GitHubGateway, pullNumber: number): Promise<Set<string>> {
  const found = new Set<string>();
  // only the app's own comments: anyone could plant a marker to suppress a finding's comment. The gateway does not
  // know which app it runs as, so any bot's comment counts (`writtenByApp` takes the identity once it is known)
  for (const { body, ...author } of await gw.reviewCommentBodies(pullNumber)) {
    if (!writtenByApp(author, null)) continue;
    for (const fp of fingerprintsOf(body)) found.add(fp);
  }
  return found;
}

/** Review requests one posting may make, whatever GitHub answers (one bad comment in 25 takes 11). */
const MAX_REVIEW_REQUESTS = 20;
/** Times a review is posted again after a 5xx or no answer. */
const REVIEW_RETRIES = 2;

interface Posting {
  posted: number;
  /** Comments GitHub would not take (422): their findings are in the annotations only. */
  rejected: number;
  /** Why the rest could not be posted, when it could not. */
  failure: string | null;
}

/**
 * The plan's comments as one review, or in as few as GitHub takes:
 * - a 422 rejects the whole review when one comment is not on GitHub's diff, without saying which: the comments are
 *   bisected, each half posted as its own review, down to the single comments GitHub rejects. The valid ones land;
 *   one bad comment among n costs about 2·log2(n) more requests.
 * - a 5xx or no answer may come after GitHub stored the review (the gateway turns the retry plugin off for it, as
 *   its blind retry would post every comment twice): the comments are listed again and only those whose
 *   fingerprint is missing are posted again.
 */
async function postReview(
  gw: GitHubGateway,
  target: ReviewTarget,
  result: Plan,
  incomplete: boolean,
  log: FlowLogger,
): Promise<Posting> {
  const posting: Posting = { posted: 0, rejected: 0, failure: null };
  let budget = MAX_REVIEW_REQUESTS;
  const post = async (batch: PlannedComment[]): Promise<void> => {
    let pending = batch;
    for (let retries = 0; ; retries++) {
      if (budget-- <= 0) throw new Error(`GitHub did not take the review in ${MAX_REVIEW_REQUESTS} requests`);
      try {
        await gw.createReview(target.pullNumber, target.headSha, reviewBody(result, incomplete), pending);
        posting.posted += pending.length;
        return;
      } catch (err) {
        const status = (err as { status?: unknown } | null)?.status;
        if (status === 422) {
          if (pending.length === 1) {
            log.warn(
              { err, path: pending[0]!.path, line: pending[0]!.line },
              'GitHub rejected a review comment',
            );
            posting.rejected += 1;
            return;
          }
          const half = Math.ceil(pending.length / 2);
          await post(pending.slice(0, half));
          await post(pending.slice(half));
          return;
        }
        if (!mayHaveLanded(err) || retries >= REVIEW_RETRIES) throw err;
        log.warn({ err }, 'posting the review failed; checking which comments landed');
        const present = await postedFingerprints(gw, target.pullNumber);
        posting.posted += pending.filter((c) => present.has(c.fingerprint)).length;
        pending = pending.filter((c) => !present.has(c.fingerprint));
        if (pending.length === 0) return;
      }
    }
  };
  try {
    await post(result.comments);
  } catch (err) {
    log.warn({ err }, 'posting the review failed');
    posting.failure = errorText(err);
  }
  return posting;
}

function textOf(blob: BlobText | null): string | null {
  if (!blob || blob.isBinary) return null;
  return blob.text;
}

/** Files the config selects; removed ones were dropped already. */
function selectFiles(files: PullFile[], config: Config): PullFile[] {
  const selected = fileSelector(config.files);
  return files.filter((f) => selected(f.path));
}

/**
 * Probot's config semantics without its extra requests: the repository's `.github/dockreview.yml` on the default
 * branch, else the one in the owner's `.github` repository; `_extends` loads the named config first. hadolint's
 * file comes first so dockreview's settings win.
 */
async function resolveConfig(
  gw: GitHubGateway,
  repoFiles: Map<string, BlobText | null>,
  orgFiles: Map<string, BlobText | null>,
): Promise<Config> {
  let config = defaultConfig();
  const own =
    firstText(repoFiles, CONFIG_PATHS) ?? firstText(orgFiles, CONFIG_PATHS, `${gw.repo.owner}/.github:`);
  let ownConfigHadolint = true;
  const layers: ConfigLayer[] = [];
  if (own) {
    const extendsRef = readExtends(own.text);
    if (extendsRef) layers.push(await extendedLayer(gw, own.path, extendsRef));
    layers.push(own);
    // read `hadolint: false` before deciding whether .hadolint.yaml applies
    ownConfigHadolint = layers.reduce((acc, l) => applyLayer(defaultConfig(), l).hadolint ?? acc, true);
  }
  const hadolint = firstText(repoFiles, HADOLINT_PATHS);
  if (hadolint && ownConfigHadolint)
    config = applyConfigText(config, hadolint.path, hadolint.text, 'hadolint');
  for (const l of layers) config = applyLayer(config, l);
  return config;
}

function firstText(
  files: Map<string, BlobText | null>,
  paths: string[],
  prefix = '',
): { path: string; text: string } | null {
  for (const p of paths) {
    const t = textOf(files.get(p) ?? null);
    if (t !== null) return { path: `${prefix}${p}`, text: t };
  }
  return null;
}

function readExtends(text: string): string | null {
  try {
    const data = parseYaml(text, { maxAliasCount: 100 }) as { _extends?: unknown } | null;
    return typeof data?._extends === 'string' && data._extends.trim() ? data._extends.trim() : null;
  } catch {
    return null; // applyConfigText reports the YAML error with its line
  }
}

interface ConfigLayer {
  path: string;
  text: string;
  /** Set for a layer from another repository (`_extends`): its errors are not shown in this one's check runs. */
  extendsRef?: string;
}

/**
 * A config layer applied. The errors of a layer from another repository say only that it is not valid: the pull
 * request's readers may have no access to that repository, so its key names and values stay there.
 */
function applyLayer(config: Config, layer: ConfigLayer): Config {
  try {
    return applyConfigText(config, layer.path, layer.text, 'dockreview');
  } catch (err) {
    if (!(err instanceof ConfigError) || layer.extendsRef === undefined) throw err;
    throw new ConfigError(CONFIG_PATHS[0]!, null, extendsUnusable(layer.extendsRef));
  }
}

/** One message whether the file is missing, unreadable or invalid, so nothing is learnt of another repository. */
function extendsUnusable(ref: string): string {
  return `\`_extends: ${ref}\` could not be used: the file does not exist, the app cannot read it, or it is not a valid dockreview config (open it in that repository to check)`;
}

/**
 * `_extends: repo`, `owner/repo` or `owner/repo:path` (default path `.github/dockreview.yml`), within the same owner
 * only: an installation must not read, or reveal anything of, another account's repositories.
 */
async function extendedLayer(gw: GitHubGateway, ownPath: string, ref: string): Promise<ConfigLayer> {
  const m = /^(?:([\w.-]+)\/)?([\w.-]+)(?::([^\0]{1,1024}))?$/.exec(ref);
  if (!m)
    throw new ConfigError(
      ownPath,
      null,
      `\`_extends: ${ref}\` is not \`repo\`, \`owner/repo\` or \`owner/repo:path\``,
    );
  const owner = m[1] ?? gw.repo.owner;
  if (owner.toLowerCase() !== gw.repo.owner.toLowerCase())
    throw new ConfigError(
      ownPath,
      null,
      `\`_extends: ${ref}\` names a repository of another owner; a config may only extend one of the same owner (${gw.repo.owner})`,
    );
  const repo = m[2]!;
  const path = m[3] ?? CONFIG_PATHS[0]!;
  let text: string | null;
  try {
    text = await gw.fileText(owner, repo, path);
  } catch (err) {
    // a 403 (no access) must read like a 404; a 5xx is GitHub's and goes on as a failed review
    if (mayHaveLanded(err)) throw err;
    text = null;
  }
  if (text === null) throw new ConfigError(ownPath, null, extendsUnusable(ref));
  return { path: `${owner}/${repo}:${path}`, text, extendsRef: ref };
}

/**
 * What went wrong, in words fit for a public check run: GitHub's own answer, or that GitHub did not answer, or an
 * internal error. Never the message of an error that did not come from GitHub: a network error names internal
 * hosts and addresses, an internal one the server's paths.
 */
function errorText(err: unknown): string {
  if (err && typeof err === 'object' && 'status' in err && typeof err.status === 'number') {
    // Octokit reports a request that got no answer (a timeout, a dropped connection) as a 500 without a response
    if (!('response' in err) || !err.response) return 'a request to GitHub got no answer';
    return `GitHub answered ${err.status}${'message' in err ? `: ${String(err.message)}` : ''}`;
  }
  return 'an internal error';
}
