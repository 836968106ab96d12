/**
 * What a worker does with one job, on any instance: skip it if the pull request has a newer head, else review it
 * with an installation token this instance asks for. A review GitHub reports superseded makes sure the head it
 * moved to gets a review too, since that head's job may have been cancelled in favour of this one.
 */
import type { Job } from 'bullmq';
import type { Probot } from 'probot';
import { GitHubGateway } from '../github/gateway.js';
import { runReview, type ReviewJob, type ReviewObserver } from '../github/run.js';
import { pullKey } from './keys.js';
import type { QueueLogger } from './logger.js';
import type { ReviewState } from './state.js';

/** What a finished job records (BullMQ keeps it with the completed job). */
export type JobResult =
  | { skipped: 'newer-head'; latest: string }
  | { conclusion: string; comments: number; findings: number; superseded: boolean };

export interface Processing {
  probot: Probot;
  state: ReviewState;
  log: QueueLogger;
  observer?: ReviewObserver;
  /** Schedules a review of the head GitHub says a pull request moved to, unless that head was reviewed already. */
  followHead(job: ReviewJob): Promise<unknown>;
}

export function reviewProcessor(p: Processing): (job: Job<ReviewJob>) => Promise<JobResult> {
  return async (job) => {
    const data = job.data;
    const log = p.log.child({
      deliveryId: data.deliveryId,
      pr: pullKey(data),
      sha: data.headSha.slice(0, 12),
      job: job.id,
      attempt: job.attemptsMade + 1,
    });
    const latest = await p.state.latest(pullKey(data));
    if (latest !== null && latest !== data.headSha) {
      log.info({ latest: latest.slice(0, 12) }, 'review skipped: the pull request has a newer head');
      return { skipped: 'newer-head', latest };
    }

    const octokit = await p.probot.auth(data.installationId);
    const repo = { owner: data.owner, repo: data.repo };
    const outcome = await runReview(
      octokit,
      repo,
      { pullNumber: data.pullNumber, headSha: data.headSha },
      log,
      p.observer,
    );
    if (outcome.superseded) {
      try {
        const head = await new GitHubGateway(octokit, repo).pullHead(data.pullNumber);
        if (head !== data.headSha) await p.followHead({ ...data, headSha: head, deliveryId: undefined });
      } catch (err) {
        // the review itself is done; the newer head's own webhook normally schedules it anyway
        log.warn({ err }, 'could not check the head a superseded review moved to');
      }
    }
    return {
      conclusion: outcome.conclusion,
      comments: outcome.comments,
      findings: outcome.findings,
      superseded: outcome.superseded,
    };
  };
}
