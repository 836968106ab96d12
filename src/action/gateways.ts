/**
 * The app's gateway as the action runs it: the flow is the app's, request for request; these subclasses only keep
 * what the check run said (for the job summary and the step's outcome) and tell a read-only token apart.
 */
import { GitHubGateway, type CheckOutput, type GatewayOctokit, type RepoRef } from '../github/gateway.js';

/** How the review ended, as the check run carries it. */
export interface CheckResult {
  conclusion: 'success' | 'failure' | 'neutral';
  output: CheckOutput;
}

/** Creating the check run was refused: the token cannot write here (typically a pull request from a fork). */
export class ReadOnlyTokenError extends Error {
  constructor(readonly reason: string) {
    super(`the token cannot create a check run: ${reason}`);
  }
}

/** Posts the check run and the review like the app, with a link to the workflow run. */
export class ActionGateway extends GitHubGateway {
  result: CheckResult | null = null;

  constructor(
    octokit: GatewayOctokit,
    repo: RepoRef,
    private readonly runUrl?: string,
  ) {
    super(octokit, repo);
  }

  override async createCheckRun(headSha: string, detailsUrl = this.runUrl): Promise<number> {
    try {
      return await super.createCheckRun(headSha, detailsUrl);
    } catch (err) {
      const { status, message } = err as { status?: unknown; message?: unknown };
      if (status === 403) throw new ReadOnlyTokenError(`GitHub answered 403: ${String(message)}`);
      throw err;
    }
  }

  override async completeCheckRun(
    checkRunId: number,
    conclusion: CheckResult['conclusion'],
    output: CheckOutput,
  ): Promise<void> {
    await super.completeCheckRun(checkRunId, conclusion, output);
    this.result = { conclusion, output };
  }
}

/**
 * For a token that may not create check runs (read-only, as for a pull request from a fork): the check run stays in
 * memory, for the action to show as workflow annotations and the job summary. Everything else goes to GitHub as
 * usual, the review included: a token that may still comment does, and a refusal ends up in the summary's notes.
 */
export class AnnotationGateway extends GitHubGateway {
  result: CheckResult | null = null;

  override async createCheckRun(): Promise<number> {
    return 0;
  }

  override async completeCheckRun(
    _checkRunId: number,
    conclusion: CheckResult['conclusion'],
    output: CheckOutput,
  ): Promise<void> {
    this.result = { conclusion, output };
  }
}
