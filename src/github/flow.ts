/**
 * The flow of one review (docs/architecture.md), in four named phases: fetch inputs (the pull request's files, their
 * contents and the config: ./inputs.ts) → lint (in the worker pool: ./lint-files.ts) → plan (comments, annotations,
 * summary, the threads a push fixed: ../review) → publish (one review, one thread update, the check run completed:
 * ./publish.ts). Whatever happens, the check run ends completed.
 */
import { randomUUID } from 'node:crypto';
import { ConfigError } from '../config/config.js';
import { problemText } from '../config/config-errors.js';
import { renderMessage } from '../review/markdown.js';
import type { HostShellcheckOptions } from '../config/host.js';
import { sharedPool, type LintPool } from '../lint/pool.js';
import type { Severity } from '../lint/types.js';
import { planOptions } from '../review/options.js';
import { plan, type Plan, type PlanFile } from '../review/plan.js';
import { fixedThreads, type ExistingComment, type ThreadUpdate } from '../review/threads.js';
import type { GitHubGateway } from './gateway.js';
import { existingComments, fetchInputs, type ReviewInputs } from './inputs.js';
import { lintFiles, type LintedFiles } from './lint-files.js';
import { SUPERSEDED_TITLE, errorText, postedFingerprints, publish, type Publication } from './publish.js';

export { REVIEW_LIMITS } from './inputs.js';

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

export interface ReviewDeps {
  /** The worker pool files are linted in (default: the process's shared pool). */
  pool?: LintPool;
  /** Where ShellCheck is and its time limit: the host's settings, never the repository's (config/host.ts). */
  host?: HostShellcheckOptions;
  /**
   * Resolve the threads a push fixed, besides minimizing their comments: GitHub lets an app resolve a thread only
   * with `contents: write`, more than the app asks for by default (docs/deploy.md, `DOCKREVIEW_RESOLVE_THREADS`).
   */
  resolveThreads?: boolean;
}

/** The most threads one review marks fixed (one GraphQL request); the others are marked by the next push. */
export const MAX_THREAD_UPDATES = 50;

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
      ? configErrorReason(err)
      : `dockreview could not finish this review: ${errorText(err)} (error id ${errorId})`;
    if (!invalidConfig) log.error({ err, errorId }, 'review failed');
    await gw.completeCheckRun(checkRunId, 'failure', {
      title: invalidConfig ? 'Invalid dockreview configuration' : 'Review failed',
      summary: invalidConfig
        ? configErrorSummary(err)
        : `${reason}\n\nRe-run this check to try again; if it keeps failing, please report it with the error id.`,
    });
    return outcomeOf(gw, 'failure', reason);
  }
}

async function review(
  gw: GitHubGateway,
  target: ReviewTarget,
  checkRunId: number,
  log: FlowLogger,
  deps: ReviewDeps,
): Promise<ReviewOutcome> {
  const pool = deps.pool ?? sharedPool();
  const inputs = await fetchInputs(gw, target, pool, deps.host ?? {}, deps.resolveThreads === true);
  if (inputs.selected.length === 0 && inputs.notReviewed.length === 0) {
    const title = 'No Dockerfile or Compose file changed';
    await gw.completeCheckRun(checkRunId, 'success', {
      title,
      summary: `${title} in this pull request: nothing to review.`,
    });
    return outcomeOf(gw, 'success', title);
  }
  const linted = await lintFiles(
    pool,
    inputs.selected,
    inputs.head,
    inputs.config,
    inputs.lintDeadline,
    inputs.notReviewed,
  );
  // the app's earlier comments: what is already commented, and which threads this push fixed (used even when no
  // finding is left: that is when every thread is fixed). The contents query read them; a pull request with more
  // than it reads has them listed through REST here.
  const existing =
    inputs.config.comments !== 'none' && linted.planFiles.length > 0
      ? await existingComments(gw, target.pullNumber, inputs)
      : [];
  const publication = planReview(gw, target, inputs, linted, existing, deps);
  const published = await publish(gw, target, checkRunId, publication, log);
  if (published.superseded) return outcomeOf(gw, 'neutral', SUPERSEDED_TITLE, 0, linted.planFiles, true);
  const { result } = publication;
  return outcomeOf(gw, result.conclusion, result.title, published.commented, linted.planFiles);
}

/** The plan phase: the plan of the linted files, the summary with what was not reviewed, the threads fixed. */
function planReview(
  gw: GitHubGateway,
  target: ReviewTarget,
  inputs: ReviewInputs,
  { planFiles, notes, partial }: LintedFiles,
  existing: readonly ExistingComment[],
  deps: ReviewDeps,
): Publication {
  const { notReviewed, config } = inputs;
  const planned = plan(
    planFiles,
    planOptions(config, postedFingerprints(existing), {
      owner: gw.repo.owner,
      repo: gw.repo.repo,
      sha: target.headSha,
    }),
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
  const threads: ThreadUpdate[] = fixedThreads(existing, {
    sha: target.headSha,
    reviewed: new Set(planFiles.map((f) => f.path).filter((p) => !partial.has(p))),
    standing: planned.standing,
    resolve: deps.resolveThreads === true,
  }).slice(0, MAX_THREAD_UPDATES);
  return { result, summary, incomplete: notReviewed.length > 0, threads };
}

/** The one place a review's outcome is built, whichever way the review ended. */
function outcomeOf(
  gw: GitHubGateway,
  conclusion: ReviewOutcome['conclusion'],
  title: string,
  comments = 0,
  planFiles: readonly PlanFile[] = [],
  superseded = false,
): ReviewOutcome {
  return {
    conclusion,
    title,
    comments,
    findings: planFiles.reduce((n, f) => n + f.findings.length, 0),
    findingsByRule: findingsByRule(planFiles),
    findingsBySeverity: findingsBySeverity(planFiles),
    calls: gw.calls,
    superseded,
  };
}

function findingsByRule(files: readonly PlanFile[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of files) for (const x of f.findings) counts[x.rule] = (counts[x.rule] ?? 0) + 1;
  return counts;
}

function findingsBySeverity(files: readonly PlanFile[]): Partial<Record<Severity, number>> {
  const counts: Partial<Record<Severity, number>> = {};
  for (const f of files) for (const x of f.findings) counts[x.severity] = (counts[x.severity] ?? 0) + 1;
  return counts;
}

/** An invalid config in one line (the outcome's reason, the Action's error): the first problem, and how many more. */
export function configErrorReason(err: ConfigError): string {
  const more = err.total - 1;
  return `Invalid configuration: ${problemText(err.problems[0]!)}${more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'}: see the check run)` : ''}`;
}

/**
 * The check run's summary for an invalid config: every problem (up to MAX_LISTED_PROBLEMS), one list item each.
 * The problems quote the config's keys and values, text the repository wrote: each is rendered so that nothing in
 * it is live markdown.
 */
export function configErrorSummary(err: ConfigError): string {
  const fix = 'Fix the configuration on the default branch, then re-run this check.';
  const lines = err.lines();
  if (lines.length === 1) return `Invalid configuration: ${renderMessage(lines[0]!)}\n\n${fix}`;
  const items = lines.map((l) => `- ${renderMessage(l)}`).join('\n');
  return `Invalid configuration, ${err.total} problems:\n\n${items}\n\n${fix}`;
}
