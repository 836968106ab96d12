/**
 * The concurrency limit of in-process reviews (no Redis): at most `concurrency` run at once, the next ones wait in
 * a bounded first-in-first-out queue, and a review that finds the queue full is dropped.
 *
 * Without it a webhook's handler ran its review while GitHub waited for the answer: a burst of deliveries started
 * that many reviews at once (memory, CPU, the event loop that answers /healthz), and each delivery was answered
 * only when its review ended or after Probot's 9 s `202`. With it the delivery is answered as soon as its review is
 * taken, and the memory a burst holds is bounded by the queue: a waiting review keeps only its plain fields and the
 * event's Octokit (see app.ts).
 *
 * A dropped review never started, so it created no check run and leaves nothing pending on the pull request. Its
 * delivery is still answered 200: failing it would have Probot and its webhook middleware each log the error with
 * the whole payload attached, two large lines per delivery at the moment the server is busiest. The drop's own log
 * line carries the delivery id, to redeliver it from the app's _Advanced → Recent Deliveries_.
 */
import type { LocalReview, ReviewRunner } from '../app.js';

export type DropReason = 'queue_full' | 'shutdown';
export const DROP_REASONS: readonly DropReason[] = ['queue_full', 'shutdown'];

export interface LimitLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ReviewLimitOptions {
  /** Reviews running at once, 1 or more. */
  concurrency: number;
  /** Reviews waiting for a slot, 0 or more. */
  queueLimit: number;
  log: LimitLogger;
  /** Told about every review dropped (metrics). */
  dropped?(reason: DropReason): void;
}

export class ReviewLimit implements ReviewRunner {
  private active = 0;
  /** First in, first out; at most `queueLimit` long, so shift() on it stays cheap. */
  private readonly queue: LocalReview[] = [];
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly o: ReviewLimitOptions) {
    if (!(o.concurrency >= 1)) throw new RangeError('concurrency must be 1 or more');
  }

  get running(): number {
    return this.active;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Runs the review now, or queues it; false when it is dropped (logged and counted here). */
  readonly submit = (review: LocalReview): boolean => {
    if (this.closed) return this.drop(review, 'shutdown');
    if (this.active < this.o.concurrency) {
      this.start(review);
      return true;
    }
    if (this.queue.length < this.o.queueLimit) {
      this.queue.push(review);
      return true;
    }
    return this.drop(review, 'queue_full');
  };

  /**
   * Takes no review from now on: the ones still waiting are dropped (each logged, with its delivery id for a
   * redelivery), the running ones finish. Resolves once none runs.
   */
  close(): Promise<void> {
    this.closed = true;
    for (const review of this.queue.splice(0)) this.drop(review, 'shutdown');
    return this.idle();
  }

  /** Resolves once no review runs and none waits (at once when so). */
  idle(): Promise<void> {
    if (this.active === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private start(review: LocalReview): void {
    this.active++;
    // a review reports its own failures in its check run; one that throws past that is logged here, since no
    // webhook answer waits for it any more
    Promise.resolve()
      .then(() => review.run())
      .catch((err: unknown) => this.o.log.error({ err, ...label(review) }, 'review failed'))
      .finally(() => {
        this.active--;
        const next = this.queue.shift();
        if (next) this.start(next);
        else if (this.active === 0) for (const wake of this.idleWaiters.splice(0)) wake();
      });
  }

  private drop(review: LocalReview, reason: DropReason): false {
    this.o.dropped?.(reason);
    this.o.log.warn(
      {
        ...label(review),
        reason,
        running: this.active,
        waiting: this.queue.length,
        queueLimit: this.o.queueLimit,
      },
      reason === 'shutdown'
        ? 'review dropped: the server is shutting down (no check run was created; redeliver the webhook)'
        : 'review dropped: too many reviews waiting (no check run was created; redeliver the webhook)',
    );
    return false;
  }
}

function label(review: LocalReview): Record<string, unknown> {
  return {
    deliveryId: review.deliveryId,
    repo: review.repo,
    ...(review.pullNumber !== undefined ? { pr: review.pullNumber } : {}),
    sha: review.headSha.slice(0, 12),
  };
}
