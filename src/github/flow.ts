/**
 * The flow of one review (DESIGN.md): check run in progress → the PR's files → config and contents in one GraphQL
 * query → lint → plan → one review → the check run completed. Whatever happens, the check run ends completed.
 */
import { parse as parseYaml } from 'yaml';
import { applyConfigText, ConfigError, defaultConfig, type Config } from '../config/config.js';
import { chosenKind, detectKind, initLint, lintSource, relatedPaths } from '../lint/engine.js';
import { gatherRelated } from '../lint/related.js';
import { ALL_RULES } from '../lint/rules/index.js';
import type { FileKind, Severity } from '../lint/types.js';
import { parsePatch } from '../review/diff.js';
import {
  fingerprintOf,
  plan,
  writtenByApp,
  type Plan,
  type PlanFile,
  type PlannedComment,
} from '../review/plan.js';
import { fileSelector } from '../review/select.js';
import { planOptions } from '../review/options.js';
import { mayHaveLanded, type BlobText, type GitHubGateway, type PullFile } from './gateway.js';

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
): Promise<ReviewOutcome> {
  const checkRunId = await gw.createCheckRun(target.headSha);
  try {
    const outcome = await review(gw, target, checkRunId, log);
    log.info({ ...outcome, calls: gw.calls.length }, 'review complete');
    return outcome;
  } catch (err) {
    const invalidConfig = err instanceof ConfigError;
    const reason = invalidConfig
      ? `Invalid configuration: ${err.message}`
      : `dockreview could not finish this review: ${errorText(err)}`;
    if (!invalidConfig) log.error({ err }, 'review failed');
    await gw.completeCheckRun(checkRunId, 'failure', {
      title: invalidConfig ? 'Invalid dockreview configuration' : 'Review failed',
      summary: `${reason}\n\n${invalidConfig ? 'Fix the configuration on the default branch, then re-run this check.' : 'Re-run this check to try again; if it keeps failing, please report it.'}`,
    });
    return {
      conclusion: 'failure',
      title: reason,
      comments: 0,
      findings: 0,
      findingsByRule: {},
      findingsBySeverity: {},
      calls: gw.calls,
      superseded: false,
    };
  }
}

async function review(
  gw: GitHubGateway,
  target: ReviewTarget,
  checkRunId: number,
  log: FlowLogger,
): Promise<ReviewOutcome> {
  const files = (await gw.listPullFiles(target.pullNumber)).filter((f) => f.status !== 'removed');
  // container files by their default names; a custom files.include may add more once the config is known
  const byDefault = files.filter((f) => detectKind(f.path) !== null);
  const contents = await gw.fetchContents({
    headSha: target.headSha,
    // the files and what their rules read beside them (each Dockerfile's .dockerignore), in the same query
    paths: withRelated(byDefault),
    defaultBranchPaths: [...CONFIG_PATHS, ...HADOLINT_PATHS],
    orgPaths: gw.repo.repo === '.github' ? [] : CONFIG_PATHS,
  });
  const config = await resolveConfig(gw, contents.defaultBranch, contents.org);
  const selected = selectFiles(files, config);
  const missing = selected.filter((f) => !contents.head.has(f.path));
  if (missing.length > 0) {
    const more = await gw.fetchContents({
      headSha: target.headSha,
      paths: withRelated(missing),
      defaultBranchPaths: [],
      orgPaths: [],
    });
    for (const [k, v] of more.head) contents.head.set(k, v);
  }
  // the Dockerfiles Compose services build, and the Compose files they extend or include, are only known once the
  // Compose files are read: one more query, only then. What those files name in turn is not fetched (one level).
  const composeRelated = new Set<string>();
  for (const f of selected) {
    const text = textOf(contents.head.get(f.path) ?? null);
    if (text === null || chosenKind(f.path) !== 'compose') continue;
    for (const p of relatedPaths(f.path, 'compose', text)) if (!contents.head.has(p)) composeRelated.add(p);
  }
  if (composeRelated.size > 0) {
    const more = await gw.fetchContents({
      headSha: target.headSha,
      paths: [...composeRelated],
      defaultBranchPaths: [],
      orgPaths: [],
    });
    for (const [k, v] of more.head) contents.head.set(k, v);
  }

  if (selected.length === 0) {
    const title = 'No Dockerfile or Compose file changed';
    await gw.completeCheckRun(checkRunId, 'success', {
      title,
      summary: `${title} in this pull request: nothing to review.`,
    });
    return {
      conclusion: 'success',
      title,
      comments: 0,
      findings: 0,
      findingsByRule: {},
      findingsBySeverity: {},
      calls: gw.calls,
      superseded: false,
    };
  }

  await initLint();
  const planFiles: PlanFile[] = [];
  const notes: string[] = [];
  for (const f of selected) {
    const kind = chosenKind(f.path);
    const blob = contents.head.get(f.path) ?? null;
    const text = textOf(blob);
    if (text === null) {
      notes.push(
        `\`${f.path}\` was not reviewed: ${blob?.isBinary ? 'it is binary' : 'its content could not be read at this commit'}.`,
      );
      continue;
    }
    if (!LINTED.has(kind)) {
      notes.push(`\`${f.path}\` was not reviewed: ${kind} files are not linted by this version yet.`);
      continue;
    }
    // what was fetched, followed through the Compose files it holds (one level of extends/include: see above)
    const related = gatherRelated(f.path, kind, text, (p) =>
      contents.head.has(p) ? textOf(contents.head.get(p) ?? null) : undefined,
    );
    // byteSize: an oversize file gets the core's `file-too-large` finding even if GitHub sent only part of it
    const findings = lintSource(
      { path: f.path, text, related, byteSize: blob?.byteSize },
      config,
      kind,
    ).findings;
    planFiles.push({
      path: f.path,
      kind,
      text,
      findings,
      diff: f.patch !== undefined ? parsePatch(f.patch) : null,
    });
    if (f.patch === undefined)
      notes.push(
        `\`${f.path}\` has no diff from GitHub (too large): its findings are in the annotations only.`,
      );
  }

  const posted =
    config.comments !== 'none' && planFiles.some((f) => f.findings.length > 0)
      ? await postedFingerprints(gw, target.pullNumber)
      : new Set<string>();
  const result = plan(planFiles, planOptions(config, posted));
  const summary =
    notes.length > 0
      ? `${result.summary}\n\n### Notes\n\n${notes.map((n) => `- ${n}`).join('\n')}`
      : result.summary;

  // a newer push makes this review moot: say so, post nothing
  const head = await gw.pullHead(target.pullNumber);
  if (head !== target.headSha) {
    const title = 'Superseded by a newer commit';
    await gw.completeCheckRun(checkRunId, 'neutral', {
      title,
      summary: `The pull request moved to ${head.slice(0, 7)} while ${target.headSha.slice(0, 7)} was being reviewed; the review of the new head replaces this one.`,
    });
    return {
      conclusion: 'neutral',
      title,
      comments: 0,
      findings: countFindings(planFiles),
      findingsByRule: findingsByRule(planFiles),
      findingsBySeverity: findingsBySeverity(planFiles),
      calls: gw.calls,
      superseded: true,
    };
  }

  // the check run carries every finding whatever happens to the comments
  let reviewNote = '';
  let commented = 0;
  if (result.comments.length > 0) {
    const posting = await postReview(gw, target, result, log);
    commented = posting.posted;
    if (posting.rejected > 0)
      reviewNote += `\n\n> ${posting.rejected} review comment${posting.rejected === 1 ? '' : 's'} could not be placed on the pull request's diff (GitHub answered 422); ${posting.rejected === 1 ? 'its finding is' : 'their findings are'} in the annotations below.`;
    if (posting.failure !== null)
      reviewNote += `\n\n> The review comments could not be posted (${posting.failure}); every finding is in the annotations below.`;
  }
  await gw.completeCheckRun(checkRunId, result.conclusion, {
    title: result.title,
    summary: summary + reviewNote,
    annotations: result.annotations,
  });
  return {
    conclusion: result.conclusion,
    title: result.title,
    comments: commented,
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

function reviewBody(result: Plan, n: number): string {
  return `dockreview: ${n} comment${n === 1 ? '' : 's'} on changed lines. ${result.title}; the \`dockreview\` check run lists every finding.`;
}

async function postedFingerprints(gw: GitHubGateway, pullNumber: number): Promise<Set<string>> {
  const found = new Set<string>();
  // only the app's own comments: anyone could plant a marker to suppress a finding's comment. The gateway does not
  // know which app it runs as, so any bot's comment counts (`writtenByApp` takes the identity once it is known)
  for (const { body, ...author } of await gw.reviewCommentBodies(pullNumber)) {
    if (!writtenByApp(author, null)) continue;
    const fp = fingerprintOf(body);
    if (fp) found.add(fp);
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
  log: FlowLogger,
): Promise<Posting> {
  const posting: Posting = { posted: 0, rejected: 0, failure: null };
  let budget = MAX_REVIEW_REQUESTS;
  const post = async (batch: PlannedComment[]): Promise<void> => {
    let pending = batch;
    for (let retries = 0; ; retries++) {
      if (budget-- <= 0) throw new Error(`GitHub did not take the review in ${MAX_REVIEW_REQUESTS} requests`);
      try {
        await gw.createReview(target.pullNumber, target.headSha, reviewBody(result, pending.length), pending);
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
  const layers: { path: string; text: string }[] = [];
  if (own) {
    const extendsRef = readExtends(own.text);
    if (extendsRef) {
      const base = await fetchExtended(gw, extendsRef);
      if (base === null)
        throw new ConfigError(
          own.path,
          null,
          `\`_extends: ${extendsRef}\` names a config that does not exist`,
        );
      layers.push(base);
    }
    layers.push(own);
    // read `hadolint: false` before deciding whether .hadolint.yaml applies
    ownConfigHadolint = layers.reduce(
      (acc, l) => applyConfigText(defaultConfig(), l.path, l.text, 'dockreview').hadolint ?? acc,
      true,
    );
  }
  const hadolint = firstText(repoFiles, HADOLINT_PATHS);
  if (hadolint && ownConfigHadolint)
    config = applyConfigText(config, hadolint.path, hadolint.text, 'hadolint');
  for (const l of layers) config = applyConfigText(config, l.path, l.text, 'dockreview');
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

/** `_extends: repo`, `owner/repo` or `owner/repo:path` (default path `.github/dockreview.yml`). */
async function fetchExtended(gw: GitHubGateway, ref: string): Promise<{ path: string; text: string } | null> {
  const m = /^(?:([\w.-]+)\/)?([\w.-]+)(?::(.+))?$/.exec(ref);
  if (!m)
    throw new ConfigError(
      '.github/dockreview.yml',
      null,
      `\`_extends: ${ref}\` is not \`repo\`, \`owner/repo\` or \`owner/repo:path\``,
    );
  const owner = m[1] ?? gw.repo.owner;
  const repo = m[2]!;
  const path = m[3] ?? CONFIG_PATHS[0]!;
  const text = await gw.fileText(owner, repo, path);
  return text === null ? null : { path: `${owner}/${repo}:${path}`, text };
}

function errorText(err: unknown): string {
  if (err && typeof err === 'object' && 'status' in err && 'message' in err) {
    // Octokit reports a request that got no answer (a timeout, a dropped connection) as a 500 without a response
    if (!('response' in err) || !err.response)
      return `the request to GitHub got no answer: ${String(err.message)}`;
    return `GitHub answered ${String(err.status)}: ${String(err.message)}`;
  }
  return err instanceof Error ? err.message : String(err);
}
