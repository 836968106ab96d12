/**
 * The review queue on Redis (BullMQ): webhooks on any instance schedule a review and are answered at once; a worker
 * on any instance runs it. One job per pull request head (see schedule.ts), retried with exponential backoff when a
 * review throws, and skipped when the pull request has moved on (see worker.ts).
 */
import { Queue, Worker, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Probot } from 'probot';
import type { ReviewScheduler } from '../app.js';
import type { ReviewJob, ReviewObserver } from '../github/run.js';
import { StateKeys } from './keys.js';
import { probotLogger, type QueueLogger } from './logger.js';
import { scheduleReview } from './schedule.js';
import { DAY_SECONDS, ReviewState } from './state.js';
import { reviewProcessor, type JobResult } from './worker.js';

export type { QueueLogger } from './logger.js';

export const QUEUE_NAME = 'reviews';

export interface ReviewQueueOptions {
  /** `redis://[:password@]host:port[/db]` (or `rediss://`), the same on every instance. */
  redisUrl: string;
  /** This instance's Probot: workers ask it for installation tokens. */
  probot: Probot;
  /** Told how every review this instance's worker runs ended (metrics). */
  observer?: ReviewObserver;
  /** Default: the Probot's logger. */
  log?: QueueLogger;
  /** Reviews this instance runs at once (default 4); 0 makes an instance that only queues and runs none. */
  concurrency?: number;
  /** Key prefix of everything the queue stores (default `dockreview`): instances must agree on it. */
  prefix?: string;
  /** Tries per review, the first included (default 4). */
  attempts?: number;
  /** Delay before the first retry, doubled for each next one (default 10 s). */
  backoffMs?: number;
}

export interface ReviewQueue extends ReviewScheduler {
  /** Stops taking jobs, lets the running ones finish, closes the Redis connections. */
  close(): Promise<void>;
}

export async function startReviewQueue(o: ReviewQueueOptions): Promise<ReviewQueue> {
  const prefix = o.prefix ?? 'dockreview';
  const log = o.log ?? probotLogger(o.probot, { name: 'queue' });
  // commands fail after a few reconnection attempts instead of waiting for Redis forever, so a webhook that
  // cannot be queued is answered with an error (GitHub shows it, and it can be redelivered)
  const redis = new Redis(o.redisUrl, { maxRetriesPerRequest: 3 });
  redis.on('error', (err: Error) => log.warn({ err }, 'redis connection error'));
  try {
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    throw new Error(`cannot reach Redis at ${redactUrl(o.redisUrl)}: ${(err as Error).message}`, {
      cause: err,
    });
  }

  const queue = new Queue<ReviewJob>(QUEUE_NAME, { connection: redis, prefix });
  queue.on('error', (err: Error) => log.error({ err }, 'review queue error'));
  const state = new ReviewState(redis, new StateKeys(`${prefix}:${QUEUE_NAME}`));
  const jobOptions: JobsOptions = {
    attempts: o.attempts ?? 4,
    backoff: { type: 'exponential', delay: o.backoffMs ?? 10_000 },
    // a finished job is kept a day (it marks its head reviewed, so a new request for that head is a re-run, and it
    // can be inspected); failed ones a week, for their stack traces
    removeOnComplete: { age: DAY_SECONDS },
    removeOnFail: { age: 7 * DAY_SECONDS },
  };
  const scheduling = { queue, state, jobOptions, log };

  let worker: Worker<ReviewJob, JobResult> | undefined;
  const concurrency = o.concurrency ?? 4;
  if (concurrency > 0) {
    const processor = reviewProcessor({
      probot: o.probot,
      state,
      log,
      ...(o.observer ? { observer: o.observer } : {}),
      followHead: (job) => scheduleReview(scheduling, job, { rerunFinished: false }),
    });
    // a worker blocks on Redis waiting for jobs: BullMQ needs such connections to retry forever
    worker = new Worker<ReviewJob, JobResult>(QUEUE_NAME, processor, {
      connection: { url: o.redisUrl, maxRetriesPerRequest: null },
      prefix,
      concurrency,
    });
    worker.on('error', (err: Error) => log.error({ err }, 'review worker error'));
    worker.on('failed', (job, err) => {
      const retrying = job !== undefined && job.attemptsMade < (job.opts.attempts ?? 1);
      log[retrying ? 'warn' : 'error'](
        { err, job: job?.id, attempt: job?.attemptsMade },
        retrying ? 'review threw: will retry' : 'review threw: giving up',
      );
    });
    try {
      await worker.waitUntilReady();
    } catch (err) {
      await worker.close(true).catch(() => undefined);
      await queue.close().catch(() => undefined);
      redis.disconnect();
      throw err;
    }
  }

  let closing: Promise<void> | undefined;
  return {
    async schedule(job: ReviewJob): Promise<void> {
      await scheduleReview(scheduling, job);
    },
    close() {
      closing ??= (async () => {
        await worker?.close(); // waits for the running reviews
        await queue.close();
        await redis.quit();
      })();
      return closing;
    },
  };
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the given REDIS_URL';
  }
}
