/**
 * The concurrency limit of in-process reviews (src/server/review-limit.ts), and the app handing its reviews to it.
 * The real process under a burst is in server.test.ts.
 */
import { Probot } from 'probot';
import { describe, expect, it } from 'vitest';
import { createApp, type LocalReview } from '../src/app.js';
import { Metrics } from '../src/server/metrics.js';
import { ReviewLimit, type DropReason } from '../src/server/review-limit.js';
import { pullRequestPayload, testPrivateKey, WEBHOOK_SECRET } from './helpers/github.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

// ---------------------------------------------------------------------------------------------------------------
// The concurrency limit

/** A review that runs until released, recording how many run at once. */
function slowReviews() {
  let running = 0;
  let peak = 0;
  const started: string[] = [];
  const releases: (() => void)[] = [];
  const make = (deliveryId: string, fail = false): LocalReview => ({
    deliveryId,
    repo: 'acme/shop',
    headSha: 'a'.repeat(40),
    pullNumber: 1,
    run: async () => {
      running++;
      peak = Math.max(peak, running);
      started.push(deliveryId);
      await new Promise<void>((resolve) => releases.push(resolve));
      running--;
      if (fail) throw new Error(`review ${deliveryId} threw`);
    },
  });
  return {
    make,
    started,
    get peak() {
      return peak;
    },
    /** Releases every review started so far; resolves once the started ones have settled. */
    async releaseAll(): Promise<void> {
      for (const release of releases.splice(0)) release();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

function limitWithLog(concurrency: number, queueLimit: number) {
  const warnings: { obj: Record<string, unknown>; msg: string }[] = [];
  const errors: { obj: Record<string, unknown>; msg: string }[] = [];
  const drops: DropReason[] = [];
  const limit = new ReviewLimit({
    concurrency,
    queueLimit,
    log: {
      warn: (obj, msg) => warnings.push({ obj: obj as Record<string, unknown>, msg }),
      error: (obj, msg) => errors.push({ obj: obj as Record<string, unknown>, msg }),
    },
    dropped: (reason) => drops.push(reason),
  });
  return { limit, warnings, errors, drops };
}

describe('the in-process review limit', () => {
  it('runs at most `concurrency` reviews, queues the next ones in order up to the limit, drops the rest', async () => {
    const reviews = slowReviews();
    const { limit, warnings, drops } = limitWithLog(3, 10);
    const taken = Array.from({ length: 20 }, (_, i) => limit.submit(reviews.make(`d${i}`)));
    await new Promise((r) => setTimeout(r, 0));
    expect(limit.running).toBe(3);
    expect(limit.waiting).toBe(10);
    expect(reviews.started).toEqual(['d0', 'd1', 'd2']);
    expect(taken).toEqual([...Array(13).fill(true), ...Array(7).fill(false)]);
    expect(drops).toEqual(Array(7).fill('queue_full'));
    expect(warnings[0]).toMatchObject({
      obj: { deliveryId: 'd13', repo: 'acme/shop', pr: 1, reason: 'queue_full', running: 3, waiting: 10 },
    });
    expect(warnings[0]!.msg).toContain('review dropped');

    // each release lets the next waiting ones start, in the order they came, never more than 3 at once
    while (limit.running > 0) await reviews.releaseAll();
    expect(reviews.peak).toBe(3);
    expect(reviews.started).toEqual(Array.from({ length: 13 }, (_, i) => `d${i}`));
    expect(limit.waiting).toBe(0);
    await limit.idle();
  });

  it('logs a review that throws, and goes on with the next', async () => {
    const reviews = slowReviews();
    const { limit, errors } = limitWithLog(1, 5);
    limit.submit(reviews.make('bad', true));
    limit.submit(reviews.make('next'));
    await new Promise((r) => setTimeout(r, 0));
    await reviews.releaseAll();
    await new Promise((r) => setTimeout(r, 0));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ msg: 'review failed', obj: { deliveryId: 'bad' } });
    expect(reviews.started).toEqual(['bad', 'next']);
    await reviews.releaseAll();
    await limit.idle();
  });

  it('on close drops the waiting reviews, lets the running ones finish, and refuses new ones', async () => {
    const reviews = slowReviews();
    const { limit, warnings, drops } = limitWithLog(2, 10);
    for (let i = 0; i < 5; i++) limit.submit(reviews.make(`d${i}`));
    await new Promise((r) => setTimeout(r, 0));
    let closed = false;
    const closing = limit.close().then(() => (closed = true));
    expect(limit.waiting).toBe(0);
    expect(drops).toEqual(['shutdown', 'shutdown', 'shutdown']);
    expect(warnings.map((w) => w.obj.deliveryId)).toEqual(['d2', 'd3', 'd4']);
    expect(limit.submit(reviews.make('late'))).toBe(false);
    expect(drops).toHaveLength(4);
    await new Promise((r) => setTimeout(r, 0));
    expect(closed).toBe(false);
    await reviews.releaseAll();
    await closing;
    expect(reviews.started).toEqual(['d0', 'd1']);
  });

  it('counts drops and exposes running and waiting reviews as metrics', async () => {
    const reviews = slowReviews();
    const metrics = new Metrics();
    const limit = new ReviewLimit({
      concurrency: 1,
      queueLimit: 1,
      log: quiet,
      dropped: (reason) => metrics.reviewDropped(reason),
    });
    const withGauges = new Metrics({ reviews: () => ({ running: limit.running, waiting: limit.waiting }) });
    // one runs, one waits, the third is dropped
    for (let i = 0; i < 3; i++) limit.submit(reviews.make(`d${i}`));
    const body = (await metrics.scrape()).body;
    expect(body).toContain('dockreview_reviews_dropped_total{reason="queue_full"} 1');
    expect(body).toContain('dockreview_reviews_dropped_total{reason="shutdown"} 0');
    const gauges = (await withGauges.scrape()).body;
    expect(gauges).toContain('dockreview_reviews_running 1');
    expect(gauges).toContain('dockreview_reviews_waiting 1');
    while (limit.running > 0) await reviews.releaseAll();
  });
});

describe('the app with a review runner', () => {
  async function probotWith(runner: { submit(review: LocalReview): boolean }): Promise<Probot> {
    const probot = new Probot({
      appId: 123,
      privateKey: testPrivateKey(),
      secret: WEBHOOK_SECRET,
      logLevel: 'fatal',
    });
    await probot.load(createApp({ runner }));
    return probot;
  }

  it('hands the review to the runner and returns without running it, taken or dropped', async () => {
    const submitted: LocalReview[] = [];
    const probot = await probotWith({ submit: (review) => submitted.push(review) > 0 });
    await probot.receive({
      id: 'd-1',
      name: 'pull_request',
      payload: pullRequestPayload({ number: 7 }),
    } as never);
    expect(submitted).toHaveLength(1);
    expect(submitted[0]).toMatchObject({ deliveryId: 'd-1', repo: 'acme/shop', pullNumber: 7 });
    expect(typeof submitted[0]!.run).toBe('function');

    // a dropped review is the runner's to log and count: the delivery itself is handled
    const dropping = await probotWith({ submit: () => false });
    await expect(
      dropping.receive({ id: 'd-2', name: 'pull_request', payload: pullRequestPayload() } as never),
    ).resolves.toBeUndefined();
  });
});
