/**
 * The Probot app: subscribes to the events that should trigger a review and hands each to the review flow.
 * Nothing else lives here.
 */
import type { Context, Probot } from 'probot';
import { GitHubGateway, CHECK_NAME } from './github/gateway.js';
import { reviewPullRequest } from './github/flow.js';

export const PULL_REQUEST_EVENTS = [
  'pull_request.opened',
  'pull_request.synchronize',
  'pull_request.reopened',
  'pull_request.ready_for_review',
] as const;

export default function dockreviewApp(app: Probot): void {
  app.on([...PULL_REQUEST_EVENTS], async (context) => {
    const pr = context.payload.pull_request;
    if (pr.state !== 'open') return;
    await review(context, pr.number, pr.head.sha);
  });

  // "Re-run all checks" (check_suite) and "Re-run" on our check run; not check_suite.requested, which would review
  // every push a second time next to pull_request.synchronize
  app.on('check_suite.rerequested', async (context) => {
    const suite = context.payload.check_suite;
    await reviewCommit(context, suite.head_sha, suite.pull_requests);
  });
  app.on('check_run.rerequested', async (context) => {
    const run = context.payload.check_run;
    if (run.name !== CHECK_NAME) return;
    await reviewCommit(context, run.head_sha, run.pull_requests);
  });
}

type AnyContext = Context<'pull_request' | 'check_suite' | 'check_run'>;

async function review(context: AnyContext, pullNumber: number, headSha: string): Promise<void> {
  const gateway = new GitHubGateway(context.octokit, context.repo());
  const log = context.log.child({ pr: pullNumber, sha: headSha.slice(0, 12) });
  await reviewPullRequest(gateway, { pullNumber, headSha }, log);
}

/** A re-run names a commit; its pull requests come with the payload, except for forks, which we look up. */
async function reviewCommit(
  context: AnyContext,
  headSha: string,
  pulls: readonly { number: number; head: { sha: string } }[],
): Promise<void> {
  let targets = pulls.filter((p) => p.head.sha === headSha).map((p) => p.number);
  if (targets.length === 0) {
    const gateway = new GitHubGateway(context.octokit, context.repo());
    targets = (await gateway.pullsForCommit(headSha)).map((p) => p.number);
  }
  for (const number of targets) await review(context, number, headSha);
}
