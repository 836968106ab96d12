/**
 * The rate limiter of one installation's writes, after GitHub's documented secondary limits (docs.github.com, "Rate
 * limits for the REST API" and "Best practices for using the REST API"):
 *
 * - requests made serially, not concurrently: one write of an installation in flight at a time;
 * - "no more than 80 content-generating requests per minute and no more than 500 content-generating requests per
 *   hour": two sliding windows. A write takes a place in each and gives it back a window's length after its answer
 *   came (GitHub counted it before answering), so no 60 s span ever holds more than 80 of them, however they fall;
 * - after a secondary limit (403/429 with `retry-after`, else a minute, GitHub's advice) or an exhausted primary limit
 *   (`x-ratelimit-remaining: 0`, until `x-ratelimit-reset`), the installation's next write waits that long.
 *
 * So a review's three or four writes go out back to back, and only a burst of many reviews on one installation is
 * spaced. This replaces the throttling plugin's flat spacing (a second between any two writes of an installation,
 * GraphQL queries included), which made every review wait two to three seconds for nothing.
 *
 * Each place is a Bottleneck job that runs for as long as it is held, so the limits are Bottleneck's concurrency
 * limits: with a Redis connection (Probot's, when REDIS_URL is set) every instance counts against the same ones.
 * An instance that dies mid-window has its places freed by Bottleneck after its client timeout (10 s), early.
 */
import Bottleneck from 'bottleneck';

/** At most `max` writes whose answer came less than `windowMs` ago (plus those in flight). */
export interface WindowLimit {
  max: number;
  windowMs: number;
}

/** GitHub's documented content-creation limits, per installation. */
export const CONTENT_LIMITS: readonly WindowLimit[] = [
  { max: 80, windowMs: 60_000 },
  { max: 500, windowMs: 3_600_000 },
];

/** GitHub: without `retry-after`, wait at least a minute after a secondary limit. */
const SECONDARY_LIMIT_FALLBACK_MS = 60_000;
/** A longer wait than this (a `retry-after` or reset far off, or a clock gone wrong) is cut to it. */
const MAX_BLOCK_MS = 3_600_000;

export interface LimiterOptions {
  /** Bottleneck's constructor: Probot gives the full one with its Redis connection. */
  Bottleneck?: typeof Bottleneck;
  connection?: Bottleneck.RedisConnection | Bottleneck.IORedisConnection;
  limits?: readonly WindowLimit[];
  /** Names the limiters' Redis keys, so that instances of one app share them and other apps do not. */
  prefix?: string;
}

interface Entry {
  serial: Bottleneck;
  windows: { limit: WindowLimit; limiter: Bottleneck }[];
  /** This instance's writes, places and pauses not over yet: the entry goes when none is left. */
  pending: number;
}

export class InstallationLimiter {
  private readonly entries = new Map<string, Entry>();
  private readonly Bottleneck: typeof Bottleneck;
  private readonly connection: LimiterOptions['connection'];
  private readonly limits: readonly WindowLimit[];
  private readonly prefix: string;

  constructor(options: LimiterOptions = {}) {
    this.Bottleneck = options.Bottleneck ?? Bottleneck;
    this.connection = options.connection;
    this.limits = options.limits ?? CONTENT_LIMITS;
    this.prefix = options.prefix ?? 'dockreview';
    for (const l of this.limits)
      if (!(Number.isInteger(l.max) && l.max > 0 && l.windowMs > 0))
        throw new RangeError(`a window limit needs a positive max and window: ${JSON.stringify(l)}`);
  }

  /** Installations with writes, places or pauses still running here (idle ones are dropped, not kept). */
  get size(): number {
    return this.entries.size;
  }

  /** Runs one write of the installation `key` when the limits allow it. */
  async write<T>(key: string, send: () => Promise<T>): Promise<T> {
    const entry = this.entry(key);
    entry.pending += 1;
    // the limiters' own waits never keep the process alive (see `sleep`); a write waiting its turn does
    const keepAlive = setInterval(() => {}, 1 << 30);
    try {
      return await entry.serial.schedule(async () => {
        const answered = settleSignal();
        try {
          for (const w of entry.windows)
            await this.hold(key, entry, w.limiter, w.limit.windowMs, answered.promise);
          clearInterval(keepAlive);
          return await send();
        } catch (err) {
          // queued with the top priority while this write still holds the slot, so no other write goes first
          const wait = limitWait(err);
          if (wait > 0) this.pause(key, entry, wait);
          throw err;
        } finally {
          answered.resolve();
        }
      });
    } finally {
      clearInterval(keepAlive);
      this.done(key, entry);
    }
  }

  /**
   * Takes a place in a window: resolves once Bottleneck runs the job that stands for it. The job ends `windowMs`
   * after `answered`, giving the place back. A failure to take it (Redis gone) rejects.
   */
  private hold(key: string, entry: Entry, limiter: Bottleneck, windowMs: number, answered: Promise<void>) {
    return new Promise<void>((granted, failed) => {
      entry.pending += 1;
      limiter
        .schedule(() => {
          granted();
          return answered.then(() => sleep(windowMs));
        })
        .catch(failed)
        .finally(() => this.done(key, entry));
    });
  }

  private pause(key: string, entry: Entry, ms: number): void {
    entry.pending += 1;
    entry.serial
      .schedule({ priority: 0 }, () => sleep(ms))
      .catch(() => undefined) // a lost pause only means the next write is not held back
      .finally(() => this.done(key, entry));
  }

  private entry(key: string): Entry {
    let entry = this.entries.get(key);
    if (!entry) {
      const longest = Math.max(0, ...this.limits.map((l) => l.windowMs));
      const common: Bottleneck.ConstructorOptions = this.connection
        ? // in Redis, an idle installation's state expires; it is refreshed on every job, so never while in use
          { connection: this.connection, timeout: 2 * longest + MAX_BLOCK_MS }
        : {};
      entry = {
        serial: new this.Bottleneck({ ...common, id: `${this.prefix}-writes-${key}`, maxConcurrent: 1 }),
        windows: this.limits.map((limit) => ({
          limit,
          limiter: new this.Bottleneck({
            ...common,
            id: `${this.prefix}-content-${limit.windowMs}ms-${key}`,
            maxConcurrent: limit.max,
          }),
        })),
        pending: 0,
      };
      this.entries.set(key, entry);
    }
    return entry;
  }

  private done(key: string, entry: Entry): void {
    entry.pending -= 1;
    if (entry.pending > 0 || this.entries.get(key) !== entry) return;
    this.entries.delete(key);
    // with a shared Redis connection this only detaches the limiters; the connection stays Probot's
    for (const l of [entry.serial, ...entry.windows.map((w) => w.limiter)])
      void l.disconnect(false).catch(() => {});
  }
}

/**
 * How long an installation's writes should stop after this failure, in milliseconds (0: not a rate limit). A
 * secondary limit waits its `retry-after`, else a minute; an exhausted primary limit waits for its reset.
 */
export function limitWait(err: unknown, now = Date.now()): number {
  const e = err as {
    status?: number;
    message?: string;
    response?: { headers?: Record<string, unknown> };
  } | null;
  if (e?.status !== 403 && e?.status !== 429) return 0;
  const headers = e.response?.headers ?? {};
  const retryAfter = headers['retry-after'];
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    return Number.isFinite(seconds) && seconds >= 0
      ? Math.min(seconds * 1000, MAX_BLOCK_MS)
      : SECONDARY_LIMIT_FALLBACK_MS;
  }
  if (headers['x-ratelimit-remaining'] === '0' || headers['x-ratelimit-remaining'] === 0) {
    const reset = Number(headers['x-ratelimit-reset']) * 1000;
    return Number.isFinite(reset)
      ? Math.min(Math.max(reset - now, 0), MAX_BLOCK_MS)
      : SECONDARY_LIMIT_FALLBACK_MS;
  }
  // a 403 for want of a permission is no limit; GitHub's secondary-limit answers say so in the message
  return /secondary rate limit/i.test(e.message ?? '') ? SECONDARY_LIMIT_FALLBACK_MS : 0;
}

/**
 * Whether a request counts against the content-creation limits: a REST request that is not a read (installation
 * tokens aside: they are the auth strategy's, with a limit of their own), and a GraphQL mutation. GitHub does not
 * say which writes create content, so every REST write counts; a GraphQL query reads.
 */
export function isContentCreating(options: { method?: string; url?: string; query?: unknown }): boolean {
  const method = (options.method ?? 'GET').toUpperCase();
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return false;
  const path = pathOf(options.url ?? '');
  if (path === '/graphql' || path.endsWith('/api/graphql')) return isMutation(options.query);
  return !/^\/app\/installations\/[^/]+\/access_tokens$/.test(path) && !/^\/applications\//.test(path);
}

function pathOf(url: string): string {
  // a route template (`/repos/{owner}/{repo}/...`) or an absolute URL (pagination, GitHub Enterprise Server)
  if (!/^https?:\/\//i.test(url)) return url.split('?')[0] ?? url;
  try {
    const path = new URL(url).pathname;
    // GHES serves the API under /api/v3
    return path.startsWith('/api/v3/') ? path.slice('/api/v3'.length) : path;
  } catch {
    return url;
  }
}

/**
 * A GraphQL document's first operation is a mutation. Our own queries, never a pull request's text, but read in
 * one pass anyway: the leading whitespace, commas and `#` comments, then the keyword.
 */
function isMutation(query: unknown): boolean {
  if (typeof query !== 'string') return false;
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ',' || c === '\uFEFF') i += 1;
    else if (c === '#') {
      const end = query.indexOf('\n', i);
      i = end < 0 ? query.length : end + 1;
    } else break;
  }
  return query.startsWith('mutation', i) && !/[_0-9A-Za-z]/.test(query[i + 'mutation'.length] ?? '');
}

function settleSignal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * A wait that does not keep the process alive by itself: the Action must exit when its job is done, not an hour
 * later when its writes' places are given back. A write waiting for one keeps it alive instead.
 */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref?.();
  });
}
