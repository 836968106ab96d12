/**
 * What the Octokit plugins leave to the gateway: a timeout on every attempt, one token refresh after a 401, and
 * waiting out a secondary rate limit. Added once per Octokit by the gateway's constructor.
 */
import type { GatewayOctokit } from './gateway.js';

/**
 * Per attempt. GitHub ends its own requests after 10 seconds, so an answer later than this is a connection that
 * hung: without a limit one such request holds a review (and its check run) in progress forever. An Octokit may
 * set its own with the `request.timeout` option.
 */
export const REQUEST_TIMEOUT_MS = 20_000;
/** Secondary rate limits retried here, waiting GitHub's `retry-after` (at most a minute, its documented default). */
const SECONDARY_LIMIT_RETRIES = 2;
const MAX_RETRY_AFTER_S = 60;

const hardened = new WeakSet<object>();

/**
 * What the Octokit plugins leave to us, added once per Octokit (an event's Octokit may serve more than one gateway).
 * The hook wraps the retry and throttling plugins and the auth hook, so each attempt they make goes through it:
 * - a timeout on every attempt, through `fetch` (a fresh signal per call: a retry must not inherit an aborted one);
 *   the retry plugin sees a timed-out attempt as a 500 and retries it like one;
 * - a 401 on an installation token: @octokit/auth-app retries a 401 only within 5 seconds of the token's creation
 *   (replication lag) and never drops the cached token, so a token revoked or expired mid-review would fail every
 *   later call, the check run's completion included. One refresh (`auth({ type: 'installation', refresh: true })`
 *   replaces the cached token) and one retry; an Octokit with a fixed token just fails again, as it should;
 * - a secondary rate limit the throttling plugin hands back: Probot 14's `onSecondaryRateLimit` logs it and does not
 *   retry (its default Octokit class would), so the review waits `retry-after` here. The wait unit is the
 *   `request.retryAfterBaseValue` option (milliseconds per second, default 1000), as the plugins name theirs.
 */
export function harden(octokit: GatewayOctokit): void {
  if (hardened.has(octokit)) return;
  hardened.add(octokit);
  octokit.hook.wrap('request', async (request, options) => {
    const settings = options.request ?? {};
    const timeoutMs = Number(settings.timeout) > 0 ? Number(settings.timeout) : REQUEST_TIMEOUT_MS;
    const unit = Number(settings.retryAfterBaseValue ?? 1000);
    const unitMs = Number.isFinite(unit) && unit >= 0 ? unit : 1000;
    // the hooks inside are bound to this very options object (before-after-hook ignores what `request()` is
    // called with), so the limit goes on it; `options` is this request's own copy, not the Octokit's defaults
    options.request = {
      ...settings,
      fetch: withTimeout(settings.fetch as typeof fetch | undefined, timeoutMs),
    };
    let refreshed = false;
    for (let limited = 0; ;) {
      try {
        return await request(options);
      } catch (err) {
        const auth = (octokit as { auth?: (o: object) => Promise<unknown> }).auth;
        if (statusOf(err) === 401 && !refreshed && typeof auth === 'function') {
          refreshed = true;
          await auth({ type: 'installation', refresh: true });
          continue;
        }
        const wait = secondaryLimitWait(err);
        if (wait === null || limited >= SECONDARY_LIMIT_RETRIES) throw err;
        limited += 1;
        await new Promise((resolve) => setTimeout(resolve, wait * unitMs));
      }
    }
  });
}

function withTimeout(base: typeof fetch | undefined, ms: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(ms);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    // looked up per call: a test's interceptor may replace the global fetch after the Octokit was built
    return (base ?? globalThis.fetch)(input, { ...init, signal });
  };
}

export function statusOf(err: unknown): number | undefined {
  return (err as { status?: number } | null)?.status;
}

/** Seconds to wait before retrying a secondary rate limit, or null when `err` is not one. */
function secondaryLimitWait(err: unknown): number | null {
  const status = statusOf(err);
  if (status !== 403 && status !== 429) return null;
  const e = err as { message?: string; response?: { headers?: Record<string, string | undefined> } };
  const headers = e.response?.headers ?? {};
  // a primary limit (no calls left until the reset) is the throttling plugin's to wait for, not ours
  if (headers['x-ratelimit-remaining'] === '0') return null;
  if (!/secondary rate limit/i.test(e.message ?? '') && headers['retry-after'] === undefined) return null;
  const after = Number(headers['retry-after']);
  return Number.isFinite(after) && after >= 0 ? Math.min(after, MAX_RETRY_AFTER_S) : MAX_RETRY_AFTER_S;
}
