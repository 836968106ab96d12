/**
 * The app's Octokit class, limited per installation as GitHub limits it.
 *
 * - One limiter per installation. Probot gives the Octokit of a webhook event no `throttle.id` (only
 *   `probot.auth(id)` sets one), so every installation's requests would share the throttling plugin's limiters: the
 *   installation id becomes the id.
 * - The installation's writes go through its `InstallationLimiter` (one in flight, 80 a minute, 500 an hour, a
 *   pause after a rate limit), instead of the plugin's flat second between any two writes (GraphQL queries
 *   included), which made a review's three writes and its query take three seconds however quiet the installation.
 *   The plugin keeps the rest: its retries after a primary limit (`x-ratelimit-reset`), the notification spacing of
 *   posted reviews and comments, its concurrency limits, all clustered through Probot's Redis connection; so is the
 *   installation limiter, through the same connection.
 */
import Bottleneck from 'bottleneck';
import type { ProbotOctokit } from 'probot';
import { InstallationLimiter, isContentCreating } from './installation-limiter.js';

type Client = InstanceType<typeof ProbotOctokit>;

export interface ThrottleOptions {
  enabled?: boolean;
  id?: string;
  Bottleneck?: typeof Bottleneck;
  connection?: Bottleneck.RedisConnection | Bottleneck.IORedisConnection;
  write?: Bottleneck.Group;
}

interface ThrottledOptions {
  auth?: { installationId?: number | string };
  throttle?: ThrottleOptions;
}

/**
 * The throttling plugin's write gate, without its spacing: writes (and GraphQL queries) pass at once, and the
 * installation limiter does the limiting. In-process, since it holds nothing to share.
 */
export const UNSPACED_WRITES = new Bottleneck.Group({ maxConcurrent: null, minTime: 0 });

const clustered = new WeakMap<object, InstallationLimiter>();
let inProcess: InstallationLimiter | undefined;

/**
 * The limiter an Octokit with these throttle options uses: one per process, or one per Redis connection (Probot
 * makes one for the app), so every Octokit of the app, whichever event it serves, counts against the same limits.
 */
export function sharedLimiter(throttle: ThrottleOptions): InstallationLimiter {
  const connection = throttle.connection;
  if (!connection) return (inProcess ??= new InstallationLimiter());
  let limiter = clustered.get(connection);
  if (!limiter) {
    limiter = new InstallationLimiter({
      connection,
      ...(throttle.Bottleneck ? { Bottleneck: throttle.Bottleneck } : {}),
    });
    clustered.set(connection, limiter);
  }
  return limiter;
}

/**
 * An Octokit plugin sending the content-creating requests of its installation (`throttle.id`) through the
 * installation limiter. Added after Probot's plugins, so it wraps their retries: a write retried after a rate limit
 * or a 5xx counts once and keeps the installation's place while it waits.
 */
export function installationLimits(
  limiterFor: (throttle: ThrottleOptions) => InstallationLimiter = sharedLimiter,
) {
  return (octokit: Pick<Client, 'hook'>, options: ThrottledOptions) => {
    const throttle = options.throttle ?? {};
    if (throttle.enabled === false) return {};
    const limiter = limiterFor(throttle);
    const key = throttle.id ?? 'no-id';
    octokit.hook.wrap('request', (request, o) =>
      isContentCreating(o) ? limiter.write(key, async () => request(o)) : request(o),
    );
    return {};
  };
}

export function throttledPerInstallation(
  Octokit: typeof ProbotOctokit,
  limiterFor?: (throttle: ThrottleOptions) => InstallationLimiter,
): typeof ProbotOctokit {
  // the function form runs after Probot's own defaults, so the id and the write gate survive its shallow merges
  return Octokit.plugin(installationLimits(limiterFor)).defaults((options: ThrottledOptions) => {
    if (options.throttle?.enabled === false) return options;
    const installationId = options.auth?.installationId;
    return {
      ...options,
      throttle: {
        ...options.throttle,
        write: UNSPACED_WRITES,
        ...(installationId !== undefined ? { id: String(installationId) } : {}),
      },
    };
  }) as typeof ProbotOctokit;
}
