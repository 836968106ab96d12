/**
 * The Probot app: subscribes to the events that should trigger a review and hands each on — to a scheduler (the
 * Redis queue, when the server has one) or straight to the review flow in-process. Nothing else lives here.
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

export interface AppOptions {
  /** Told how every in-process review ended (metrics). */
  observer?: ReviewObserver;
  /** When set, webhooks are acknowledged once the job is queued, and a worker reviews it. */
  scheduler?: ReviewScheduler;
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
        await review(context, pr.number, pr.head.sha, options);
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

async function review(
  context: AnyContext,
  pullNumber: number,
  headSha: string,
  options: AppOptions,
): Promise<void> {
  const { owner, repo } = context.repo();
  // every event an app receives names its installation; the types of a few payloads just do not say so
  const installationId = (context.payload as { installation?: { id: number } }).installation?.id;
  if (options.scheduler && installationId !== undefined) {
    await options.scheduler.schedule({
      installationId,
      owner,
      repo,
      pullNumber,
      headSha,
      deliveryId: context.id,
    });
    return;
  }
  // context.log carries the delivery as `id`; `deliveryId` too, the name a queued job gives it (ReviewJob)
  const log = context.log.child({ deliveryId: context.id, pr: pullNumber, sha: headSha.slice(0, 12) });
  await runReview(context.octokit, { owner, repo }, { pullNumber, headSha }, log, options.observer);
}

/** A re-run names a commit; its pull requests come with the payload, except for forks, which we look up. */
async function reviewCommit(
  context: AnyContext,
  headSha: string,
  pulls: readonly { number: number; head: { sha: string } }[],
  options: AppOptions,
): Promise<void> {
  let targets = pulls.filter((p) => p.head.sha === headSha).map((p) => p.number);
  if (targets.length === 0) {
    const gateway = new GitHubGateway(context.octokit, context.repo());
    targets = (await gateway.pullsForCommit(headSha)).map((p) => p.number);
  }
  for (const number of targets) await review(context, number, headSha, options);
}
