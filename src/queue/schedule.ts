/**
 * Putting a review on the queue: one job per pull request head, whatever asked for it and however many times.
 * A redelivery (a delivery id already scheduled for that head) is dropped; a second request while the head's job
 * is waiting or running joins it; a request after that job finished is a re-run and gets the next job id. A new
 * head becomes the pull request's latest, and the previous head's job is removed if no worker has taken it yet.
 */
import type { JobsOptions, Queue } from 'bullmq';
import type { ReviewJob } from '../github/run.js';
import { headKey, jobIdFor, pullKey } from './keys.js';
import type { QueueLogger } from './logger.js';
import type { ReviewState } from './state.js';

export const JOB_NAME = 'review';

export interface Scheduling {
  queue: Queue<ReviewJob>;
  state: ReviewState;
  jobOptions: JobsOptions;
  log: QueueLogger;
}

/** How a request was taken: a new job, joined to the head's waiting or running job, or dropped. */
export type Scheduled = 'queued' | 'joined' | 'redelivery' | 'already-reviewed';

/** Bounds the walk over finished runs of one head (in practice one or two steps). */
const MAX_RUN_STEPS = 20;
const NOT_STARTED = new Set(['waiting', 'delayed', 'prioritized']);

export async function scheduleReview(
  s: Scheduling,
  job: ReviewJob,
  o: { rerunFinished: boolean } = { rerunFinished: true },
): Promise<Scheduled> {
  const head = headKey(job);
  const log = s.log.child({ deliveryId: job.deliveryId, pr: pullKey(job), sha: job.headSha.slice(0, 12) });
  if (job.deliveryId !== undefined && (await s.state.isKnownDelivery(head, job.deliveryId))) {
    log.info({}, 'redelivery of a scheduled review: dropped');
    return 'redelivery';
  }

  const previous = await s.state.setLatest(pullKey(job), job.headSha);
  if (previous !== null && previous !== job.headSha)
    await cancelNotStarted(s, headKey({ ...job, headSha: previous }), log);

  const result = await addOnce(s, job, head, o.rerunFinished);
  if (job.deliveryId !== undefined) await s.state.rememberDelivery(head, job.deliveryId);
  log.info({ result }, result === 'queued' ? 'review queued' : 'review already queued for this head');
  return result;
}

async function addOnce(
  s: Scheduling,
  job: ReviewJob,
  head: string,
  rerunFinished: boolean,
): Promise<Scheduled> {
  let run = await s.state.run(head);
  for (let step = 0; step < MAX_RUN_STEPS; step++) {
    const existing = await s.queue.getJob(jobIdFor(head, run));
    if (!existing) break;
    const state = await existing.getState();
    if (state !== 'completed' && state !== 'failed') return 'joined';
    if (!rerunFinished) return 'already-reviewed';
    run = await s.state.nextRun(head, run);
  }
  // two instances adding the same id at once make one job: BullMQ ignores an add whose id exists
  await s.queue.add(JOB_NAME, job, { ...s.jobOptions, jobId: jobIdFor(head, run) });
  return 'queued';
}

/** Removes a head's job if it is still waiting (or waiting out a retry); a running job is left to finish. */
async function cancelNotStarted(s: Scheduling, head: string, log: QueueLogger): Promise<void> {
  const id = jobIdFor(head, await s.state.run(head));
  const job = await s.queue.getJob(id);
  if (!job || !NOT_STARTED.has(await job.getState())) return;
  // 0 when a worker took it meanwhile: that worker sees the newer head and skips it
  if ((await s.queue.remove(id)) === 1) log.info({ cancelled: id }, 'older head no longer reviewed');
}
