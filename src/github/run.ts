/**
 * One review of one pull request head, from an authenticated Octokit: the unit both the in-process path (a webhook
 * handler) and a queue worker (any instance, with a token it asked for) run. It times the review and tells an
 * observer (metrics) how it ended.
 */
import { hostShellcheckOptions } from '../config/host.js';
import { reviewPullRequest, type FlowLogger, type ReviewOutcome } from './flow.js';
import { GitHubGateway, type RepoRef } from './gateway.js';
import { OneAtATime } from './one-at-a-time.js';

/** Everything needed to review a pull request head later, elsewhere: plain data, safe to serialise into a queue. */
export interface ReviewJob {
  installationId: number;
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
  /** The webhook delivery that asked for it, for the logs. */
  deliveryId?: string;
}

/** Told about every review, however it ended; `outcome` is null when the review threw past the flow's own guard. */
export interface ReviewObserver {
  reviewFinished(outcome: ReviewOutcome | null, seconds: number): void;
}

export type ReviewOctokit = ConstructorParameters<typeof GitHubGateway>[0];

/** Reviews of one pull request head in this process run one after the other (see one-at-a-time.ts). */
const perHead = new OneAtATime();

export async function runReview(
  octokit: ReviewOctokit,
  repo: RepoRef,
  target: { pullNumber: number; headSha: string },
  log: FlowLogger,
  observer?: ReviewObserver,
): Promise<ReviewOutcome> {
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  try {
    // the host's ShellCheck settings come from the server's environment, read per review (checked at start)
    const host = hostShellcheckOptions(process.env);
    // resolving fixed threads takes `contents: write`, which the app does not ask for unless its host opts in
    const resolveThreads = process.env.DOCKREVIEW_RESOLVE_THREADS === 'true';
    const key = `${repo.owner}/${repo.repo}#${target.pullNumber}@${target.headSha}`;
    const outcome = await perHead.run(key, () =>
      reviewPullRequest(new GitHubGateway(octokit, repo), target, log, { host, resolveThreads }),
    );
    observer?.reviewFinished(outcome, seconds());
    return outcome;
  } catch (err) {
    observer?.reviewFinished(null, seconds());
    throw err;
  }
}
