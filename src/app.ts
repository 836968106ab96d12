/**
 * The Probot app: subscribes to the events that should trigger a review and hands each on — to a scheduler (the
 * Redis queue, when the server has one), to an in-process runner (the server's concurrency limit), or straight to
 * the review flow in-process. Nothing else lives here.
 */
import type { Context, Probot } from 'probot';
import { CHECK_NAME, GitHubGateway } from './github/gateway.js';
import { runReview, type ReviewJob, type ReviewObserver } from './github/run.js';

export const PULL_REQUEST_EVENTS = [
  'pull_request.opened',
  'pull_request.synchronize',
  'pull_request.reopened',
  'pull_request.ready_for_review',
] as const;

/** Takes a review to run later, on any instance (the Redis queue); resolves once the job is safely stored. */
export interface ReviewScheduler {
  schedule(job: ReviewJob): Promise<void>;
}

/** One delivery's in-process reviews, as handed to a {@link ReviewRunner}: a label for the logs, and the work. */
export interface LocalReview {
  deliveryId: string;
  /** `owner/repo` */
  repo: string;
  headSha: string;
  /** Absent for a re-run whose pull requests are looked up by the work itself. */
  pullNumber?: number;
  /** Runs the reviews; holds no reference to the webhook's payload, so a waiting review stays small. */
  run(): Promise<void>;
}

/** Runs in-process reviews later, when it has room: the webhook is answered without waiting for them. */
export interface ReviewRunner {
  /** Takes the review; false when it dropped it instead (the runner logs and counts that). */
  submit(review: LocalReview): boolean;
}

export interface AppOptions {
  /** Told how every in-process review ended (metrics). */
  observer?: ReviewObserver;
  /** When set, webhooks are acknowledged once the job is queued, and a worker reviews it. */
  scheduler?: ReviewScheduler;
  /**
   * Without a scheduler: when set, webhooks are acknowledged once the runner has taken the review; when unset (as
   * under `probot run`), each delivery's handler runs its review itself and is answered when it ends.
   */
  runner?: ReviewRunner;
  /** Runs each delivery's handling, so the server can wait for the ones still in flight before it exits. */
  track?: (work: () => Promise<void>) => Promise<void>;
}

export function createApp(options: AppOptions = {}): (app: Probot) => void {
  const track = options.track ?? ((work) => work());
  return (app: Probot) => {
    app.on([...PULL_REQUEST_EVENTS], (context) =>
      track(async () => {
        const pr = context.payload.pull_request;
        if (pr.state !== 'open') return;
        const pullNumber = pr.number;
        await review(context, pr.head.sha, pullNumber, async () => [pullNumber], options);
      }),
    );

    // "Re-run all checks" (check_suite) and "Re-run" on our check run; not check_suite.requested, which would review
    // every push a second time next to pull_request.synchronize
    app.on('check_suite.rerequested', (context) =>
      track(async () => {
        const suite = context.payload.check_suite;
        await reviewCommit(context, suite.head_sha, suite.pull_requests, options);
      }),
    );
    app.on('check_run.rerequested', (context) =>
      track(async () => {
        const run = context.payload.check_run;
        if (run.name !== CHECK_NAME) return;
        await reviewCommit(context, run.head_sha, run.pull_requests, options);
      }),
    );
  };
}

/** The app as `probot run` loads it: reviews in-process. */
export default createApp();

type AnyContext = Context<'pull_request' | 'check_suite' | 'check_run'>;

/**
 * Reviews `headSha` in the pull requests `targets` names: each stored as a job (Redis), or all of them run in this
 * process, through the runner when there is one. Only plain values and the event's Octokit and logger are kept for
 * the in-process work, never the context: its payload can be large, and the work may wait.
 */
async function review(
  context: AnyContext,
  headSha: string,
  pullNumber: number | undefined,
  targets: (octokit: AnyContext['octokit'], repo: { owner: string; repo: string }) => Promise<number[]>,
  options: AppOptions,
): Promise<void> {
  const { owner, repo } = context.repo();
  const octokit = context.octokit;
  // every event an app receives names its installation; the types of a few payloads just do not say so
  const installationId = (context.payload as { installation?: { id: number } }).installation?.id;
  const deliveryId = context.id;
  if (options.scheduler && installationId !== undefined) {
    for (const number of await targets(octokit, { owner, repo }))
      await options.scheduler.schedule({
        installationId,
        owner,
        repo,
        pullNumber: number,
        headSha,
        deliveryId,
      });
    return;
  }
  const eventLog = context.log;
  const run = async (): Promise<void> => {
    for (const number of await targets(octokit, { owner, repo })) {
      // context.log carries the delivery as `id`; `deliveryId` too, the name a queued job gives it (ReviewJob)
      const log = eventLog.child({ deliveryId, pr: number, sha: headSha.slice(0, 12) });
      await runReview(octokit, { owner, repo }, { pullNumber: number, headSha }, log, options.observer);
    }
  };
  if (!options.runner) return run();
  options.runner.submit({
    deliveryId,
    repo: `${owner}/${repo}`,
    headSha,
    ...(pullNumber !== undefined ? { pullNumber } : {}),
    run,
  });
}

/** A re-run names a commit; its pull requests come with the payload, except for forks, which we look up. */
async function reviewCommit(
  context: AnyContext,
  headSha: string,
  pulls: readonly { number: number; head: { sha: string } }[],
  options: AppOptions,
): Promise<void> {
  const listed = pulls.filter((p) => p.head.sha === headSha).map((p) => p.number);
  await review(
    context,
    headSha,
    listed.length === 1 ? listed[0] : undefined,
    async (octokit, repo) =>
      listed.length > 0
        ? listed
        : (await new GitHubGateway(octokit, repo).pullsForCommit(headSha)).map((p) => p.number),
    options,
  );
}
