/**
 * The server's Prometheus metrics, on a registry of their own (never prom-client's global one, so two servers in
 * one process, or a test, never share counters): reviews and findings from the review observer, GitHub requests
 * from an Octokit plugin, and prom-client's default process metrics.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ReviewOutcome } from '../github/flow.js';
import type { ReviewObserver } from '../github/run.js';
import { DROP_REASONS, type DropReason } from './review-limit.js';

/** Every value the `conclusion` label takes: a check run's conclusions, and `error` for a review that threw. */
export const CONCLUSIONS = ['success', 'failure', 'neutral', 'error'] as const;

/** Seconds; a review is a handful of GitHub calls, so most land between a second and half a minute. */
const DURATION_BUCKETS = [0.5, 1, 2, 4, 8, 15, 30, 60, 120, 300];

/**
 * A counter by one label whose values are all known in advance: every value is there from the start, at 0, so a
 * rate over a quiet period is 0 rather than absent.
 */
function knownValuesCounter<L extends string>(
  name: string,
  help: string,
  label: L,
  values: readonly string[],
  registers: Registry[],
): Counter<L> {
  const counter = new Counter({ name, help, labelNames: [label], registers });
  for (const value of values) counter.inc({ [label]: value } as Partial<Record<L, string>>, 0);
  return counter;
}

export class Metrics {
  readonly registry = new Registry();
  private readonly reviews: Counter<'conclusion'>;
  private readonly findings: Counter<'rule'>;
  private readonly duration: Histogram<'conclusion'>;
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly rateLimit: Gauge<'resource'>;
  private readonly dropped: Counter<'reason'>;

  constructor(
    options: {
      inFlight?: () => number;
      /** The in-process reviews running and waiting for a slot (no Redis). */
      reviews?: () => { running: number; waiting: number };
    } = {},
  ) {
    const registers = [this.registry];
    this.reviews = knownValuesCounter(
      'dockreview_reviews_total',
      'Reviews finished, by check-run conclusion (error: the review failed before concluding).',
      'conclusion',
      CONCLUSIONS,
      registers,
    );
    this.findings = new Counter({
      name: 'dockreview_findings_total',
      help: 'Findings reported by reviews, by rule id.',
      labelNames: ['rule'],
      registers,
    });
    this.duration = new Histogram({
      name: 'dockreview_review_duration_seconds',
      help: 'Time from the start of a review to its check run completed, by conclusion.',
      labelNames: ['conclusion'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.requests = new Counter({
      name: 'dockreview_github_requests_total',
      help: 'GitHub API requests, by method, route template and response status.',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.rateLimit = new Gauge({
      name: 'dockreview_github_rate_limit_remaining',
      help: 'x-ratelimit-remaining of the latest GitHub response, by rate-limit resource (core, graphql…).',
      labelNames: ['resource'],
      registers,
    });
    const inFlight = options.inFlight;
    if (inFlight)
      new Gauge({
        name: 'dockreview_deliveries_in_flight',
        help: 'Webhook deliveries being handled in this process right now.',
        registers,
        collect() {
          this.set(inFlight());
        },
      });
    this.dropped = knownValuesCounter(
      'dockreview_reviews_dropped_total',
      'In-process reviews never started, by reason: queue_full (REVIEW_QUEUE_LIMIT reached), shutdown.',
      'reason',
      DROP_REASONS,
      registers,
    );
    const reviews = options.reviews;
    if (reviews) {
      new Gauge({
        name: 'dockreview_reviews_running',
        help: 'In-process reviews running right now.',
        registers,
        collect() {
          this.set(reviews().running);
        },
      });
      new Gauge({
        name: 'dockreview_reviews_waiting',
        help: 'In-process reviews waiting for a slot (REVIEW_CONCURRENCY) right now.',
        registers,
        collect() {
          this.set(reviews().waiting);
        },
      });
    }
    collectDefaultMetrics({ register: this.registry });
  }

  /** What the review flow tells about every review it runs (in-process, or in a queue worker). */
  readonly observer: ReviewObserver = {
    reviewFinished: (outcome: ReviewOutcome | null, seconds: number) => {
      const conclusion = outcome?.conclusion ?? 'error';
      this.reviews.inc({ conclusion });
      this.duration.observe({ conclusion }, seconds);
      for (const [rule, count] of Object.entries(outcome?.findingsByRule ?? {}))
        if (count > 0) this.findings.inc({ rule }, count);
    },
  };

  reviewDropped(reason: DropReason): void {
    this.dropped.inc({ reason });
  }

  githubRequest(method: string, route: string, status: number | undefined): void {
    this.requests.inc({ method, route, status: status === undefined ? 'none' : String(status) });
  }

  githubRateLimit(resource: string, remaining: number): void {
    this.rateLimit.set({ resource }, remaining);
  }

  /** The exposition text and its content type, for `GET /metrics`. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
