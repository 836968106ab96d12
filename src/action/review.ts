/**
 * A pull request review from a workflow: the app's flow (`reviewPullRequest`) through the gateway, so the check run,
 * the review comments and their suggestions are the app's. When the token may not create the check run, the same
 * flow runs again with a gateway that keeps the check run in memory, to be shown as workflow annotations.
 */
import { hostShellcheckOptions } from '../config/host.js';
import type { GatewayOctokit, RepoRef } from '../github/gateway.js';
import { reviewPullRequest, type FlowLogger, type ReviewOutcome, type ReviewTarget } from '../github/flow.js';
import { ActionGateway, AnnotationGateway, ReadOnlyTokenError, type CheckResult } from './gateways.js';

export interface PullReview {
  /** `review`: posted as the app posts it; `annotations`: the token could not create the check run. */
  mode: 'review' | 'annotations';
  outcome: ReviewOutcome;
  /** What the check run carries (or would have carried): conclusion, title, summary, annotations. */
  check: CheckResult | null;
  /** Why the read-only path was taken. */
  readOnlyReason?: string;
}

export async function reviewPull(
  octokit: GatewayOctokit,
  repo: RepoRef,
  target: ReviewTarget,
  log: FlowLogger,
  runUrl?: string,
): Promise<PullReview> {
  const gateway = new ActionGateway(octokit, repo, runUrl);
  // the runner's ShellCheck settings (the step's environment, checked with the inputs): never the repository's
  const host = hostShellcheckOptions(process.env);
  try {
    const outcome = await reviewPullRequest(gateway, target, log, { host });
    return { mode: 'review', outcome, check: gateway.result };
  } catch (err) {
    if (!(err instanceof ReadOnlyTokenError)) throw err;
    log.info(
      { reason: err.reason },
      'read-only token: reviewing without writing, findings become annotations',
    );
    const readOnly = new AnnotationGateway(octokit, repo);
    const outcome = await reviewPullRequest(readOnly, target, log, { host });
    return { mode: 'annotations', outcome, check: readOnly.result, readOnlyReason: err.reason };
  }
}
