/**
 * Names: BullMQ job ids and the Redis keys the queue keeps beside BullMQ's own. Pure functions, no Redis.
 *
 * GitHub owner names never contain `/`, `#`, `@` or `+`, and repository names never do either, so the readable
 * `owner/repo#17@<sha>` is unambiguous; BullMQ forbids only `:` in custom ids.
 */
import type { ReviewJob } from '../github/run.js';

type PullRef = Pick<ReviewJob, 'owner' | 'repo' | 'pullNumber'>;

/** `owner/repo#17`: one pull request. */
export function pullKey(job: PullRef): string {
  return `${job.owner}/${job.repo}#${job.pullNumber}`;
}

/** `owner/repo#17@<sha>`: one head of one pull request, the unit duplicates collapse on. */
export function headKey(job: PullRef & Pick<ReviewJob, 'headSha'>): string {
  return `${pullKey(job)}@${job.headSha}`;
}

/** The BullMQ job id of a head's `run`th review: run 0 is the head key itself, re-runs add `+n`. */
export function jobIdFor(head: string, run: number): string {
  return run === 0 ? head : `${head}+${run}`;
}

/**
 * Our own keys, under the queue's `<prefix>:<queue>:` beside BullMQ's (the `dr-` names cannot clash with its
 * fixed key names or with a job id, which has no `:`). Each expires on its own (state.ts).
 */
export class StateKeys {
  constructor(private readonly base: string) {}

  /** The head SHA the pull request was last scheduled with. */
  latest(pull: string): string {
    return `${this.base}:dr-latest:${pull}`;
  }
  /** Delivery ids already scheduled for a head: a redelivery is one of them. */
  deliveries(head: string): string {
    return `${this.base}:dr-deliveries:${head}`;
  }
  /** How many times a head was reviewed again after a finished review (a re-run). */
  run(head: string): string {
    return `${this.base}:dr-run:${head}`;
  }
}
