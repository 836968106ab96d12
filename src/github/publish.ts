/**
 * The last phase of a review: what it writes to GitHub. The review (one request, or as few as GitHub takes), the
 * updates of the threads the push fixed (one GraphQL request), and the check run completed, in that order; nothing
 * but the check run when a newer push superseded the reviewed commit.
 */
import type { Plan, PlannedComment } from '../review/plan.js';
import type { ExistingComment, ThreadUpdate } from '../review/threads.js';
import { fingerprintsOf, writtenByApp } from '../review/plan.js';
import { mayHaveLanded, type GitHubGateway } from './gateway.js';

/** Where the review goes and what it reviewed. */
export interface PublishTarget {
  pullNumber: number;
  headSha: string;
}

export interface PublishLogger {
  warn(obj: object, msg?: string): void;
}

/** What a review publishes: the plan, the check run's summary, the threads to mark fixed. */
export interface Publication {
  result: Plan;
  summary: string;
  /** Not everything could be reviewed: the review body says so first. */
  incomplete: boolean;
  threads: readonly ThreadUpdate[];
}

/** How publishing ended: `superseded` when a newer push made the review moot (nothing was posted). */
export interface Published {
  superseded: boolean;
  commented: number;
}

export async function publish(
  gw: GitHubGateway,
  target: PublishTarget,
  checkRunId: number,
  p: Publication,
  log: PublishLogger,
): Promise<Published> {
  // a newer push makes this review moot: say so, post nothing. The head is read here, as late as it can be, and not
  // in the review's first GraphQL query with the contents and comments: what this read must catch is a push made
  // while the files were being linted and planned, which a read before linting cannot see.
  const head = await gw.pullHead(target.pullNumber);
  if (head !== target.headSha) {
    await gw.completeCheckRun(checkRunId, 'neutral', {
      title: SUPERSEDED_TITLE,
      summary: `The pull request moved to ${head.slice(0, 7)} while ${target.headSha.slice(0, 7)} was being reviewed; the review of the new head replaces this one.`,
    });
    return { superseded: true, commented: 0 };
  }

  // the check run carries every finding whatever happens to the comments
  let notes = '';
  let commented = 0;
  const { result } = p;
  let annotations = result.annotations;
  if (result.comments.length > 0) {
    const posting = await postReview(gw, target, result, p.incomplete, log);
    commented = posting.posted;
    if (posting.rejected > 0)
      notes += `\n\n> ${posting.rejected} review comment${posting.rejected === 1 ? '' : 's'} could not be placed on the pull request's diff (GitHub answered 422); ${posting.rejected === 1 ? 'its finding is' : 'their findings are'} in the findings table below.`;
    // a finding whose comment did not land is annotated after all
    if (posting.posted < result.comments.length) annotations = result.annotationsIfNotPosted;
    if (posting.failure !== null)
      notes += `\n\n> The review comments could not be posted (${posting.failure}); every finding is in the findings table below.`;
  }
  if (p.threads.length > 0) notes += await markFixed(gw, target.headSha, p.threads, log);
  await gw.completeCheckRun(checkRunId, result.conclusion, {
    title: result.title,
    summary: p.summary + notes,
    annotations,
  });
  return { superseded: false, commented };
}

export const SUPERSEDED_TITLE = 'Superseded by a newer commit';

/**
 * The threads a push fixed, updated in one request; what the summary says of it. A refusal is logged and said, and
 * the review goes on: the finding is gone either way, the note is a courtesy.
 */
async function markFixed(
  gw: GitHubGateway,
  headSha: string,
  threads: readonly ThreadUpdate[],
  log: PublishLogger,
): Promise<string> {
  const n = threads.length;
  const sha = `\`${headSha.slice(0, 7)}\``;
  let refused: number;
  try {
    refused = await gw.updateThreads(threads);
  } catch (err) {
    log.warn({ err }, 'marking fixed threads failed');
    return `\n\n> ${n} earlier comment${n === 1 ? '' : 's'} whose finding${n === 1 ? ' is' : 's are'} gone could not be marked fixed (${errorText(err)}).`;
  }
  const comments = `${n} earlier comment${n === 1 ? '' : 's'}`;
  if (refused === 0) return `\n\n**Fixed:** ${comments} marked fixed in ${sha}.`;
  const updates = threads.reduce((k, t) => k + 1 + (t.minimize ? 1 : 0) + (t.resolveThreadId ? 1 : 0), 0);
  log.warn({ refused, updates }, 'GitHub refused some thread updates');
  return `\n\n**Fixed:** the findings of ${comments} are gone in ${sha}; GitHub refused ${refused} of the ${updates} updates marking them (edit, minimize${threads.some((t) => t.resolveThreadId) ? ', resolve' : ''}).`;
}

/** The plan's review body; a review that could not look at everything says so first, as its check run does. */
function reviewBody(result: Plan, incomplete: boolean): string {
  return incomplete
    ? `❌ Not everything was reviewed, so the \`dockreview\` check fails: its summary says what was missed.\n\n${result.reviewBody}`
    : result.reviewBody;
}

/** The fingerprints of the findings the app's comments stand for. */
export function postedFingerprints(comments: readonly ExistingComment[]): Set<string> {
  const found = new Set<string>();
  // only the app's own comments: anyone could plant a marker to suppress a finding's comment. The gateway does not
  // know which app it runs as, so any bot's comment counts (`writtenByApp` takes the identity once it is known)
  for (const c of comments) {
    if (!writtenByApp(c, null)) continue;
    for (const fp of fingerprintsOf(c.body)) found.add(fp);
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
  target: PublishTarget,
  result: Plan,
  incomplete: boolean,
  log: PublishLogger,
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
        const present = postedFingerprints(await gw.reviewComments(target.pullNumber));
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

/**
 * What went wrong, in words fit for a public check run: GitHub's own answer, or that GitHub did not answer, or an
 * internal error. Never the message of an error that did not come from GitHub: a network error names internal
 * hosts and addresses, an internal one the server's paths.
 */
export function errorText(err: unknown): string {
  if (err && typeof err === 'object' && 'status' in err && typeof err.status === 'number') {
    // Octokit reports a request that got no answer (a timeout, a dropped connection) as a 500 without a response
    if (!('response' in err) || !err.response) return 'a request to GitHub got no answer';
    return `GitHub answered ${err.status}${'message' in err ? `: ${String(err.message)}` : ''}`;
  }
  return 'an internal error';
}
