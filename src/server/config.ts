/**
 * The server's own settings, read from the environment once at start. Probot reads its own variables (APP_ID,
 * PRIVATE_KEY, WEBHOOK_SECRET, GHE_HOST, REDIS_URL…) itself; only what the server decides is parsed here.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseEnv } from 'node:util';

export interface ServerConfig {
  port: number;
  /** Undefined: every interface, which is what a container needs. */
  host: string | undefined;
  /**
   * Where webhooks are taken (`WEBHOOK_PATH`): the one definition, given to Probot and to the registration page,
   * which tells GitHub this path.
   */
  webhookPath: string;
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  logFormat: 'json' | 'pretty';
  /** Set: reviews go through the Redis queue, and Probot's throttling is shared through the same Redis. */
  redisUrl: string | undefined;
  /** From the shutdown signal to a forced exit. */
  shutdownTimeoutMs: number;
  /** From the shutdown signal to closing the listener, while /healthz already answers 503. */
  shutdownDelayMs: number;
  /** Set: `/metrics` is served on a listener of its own, on this port (0: any free one). */
  metricsPort: number | undefined;
  /** The metrics listener's interface; undefined: the same as `host`. */
  metricsHost: string | undefined;
  /**
   * Set: `/metrics` is served on the webhook port too, and on either port only to `Authorization: Bearer <token>`.
   * With neither this nor `metricsPort`, nothing serves `/metrics`: the webhook port faces the internet.
   */
  metricsToken: string | undefined;
  /** In-process reviews (no Redis) running at once. */
  reviewConcurrency: number;
  /** In-process reviews waiting for a slot; a delivery past it is refused (503) without a check run. */
  reviewQueueLimit: number;
}

/** Probot's default webhook path (and @octokit/webhooks'). */
export const DEFAULT_WEBHOOK_PATH = '/api/github/webhooks';

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

export class ConfigError extends Error {}

export function readServerConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const logLevel = env.LOG_LEVEL || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel))
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${logLevel}"`);
  const logFormat = env.LOG_FORMAT || (env.NODE_ENV === 'production' ? 'json' : 'pretty');
  if (logFormat !== 'json' && logFormat !== 'pretty')
    throw new ConfigError(`LOG_FORMAT must be json or pretty; got "${logFormat}"`);
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const metricsPort = env.METRICS_PORT ? integer(env, 'METRICS_PORT', 0, 0, 65535) : undefined;
  if (metricsPort !== undefined && metricsPort !== 0 && metricsPort === port)
    throw new ConfigError(
      `METRICS_PORT must differ from PORT (${port}): it exists to keep /metrics off that port`,
    );
  return {
    port,
    host: env.HOST || undefined,
    webhookPath: env.WEBHOOK_PATH || DEFAULT_WEBHOOK_PATH,
    logLevel: logLevel as ServerConfig['logLevel'],
    logFormat,
    redisUrl: env.REDIS_URL || undefined,
    shutdownTimeoutMs: seconds(env, 'SHUTDOWN_TIMEOUT_SECONDS', 25),
    shutdownDelayMs: seconds(env, 'SHUTDOWN_DELAY_SECONDS', 0),
    metricsPort,
    metricsHost: env.METRICS_HOST || undefined,
    metricsToken: env.METRICS_TOKEN || undefined,
    // a review is mostly waiting on GitHub, but its lint is CPU work on this thread: one per core keeps the event
    // loop (and /healthz) answering while a burst is worked through
    reviewConcurrency: integer(env, 'REVIEW_CONCURRENCY', Math.max(1, availableParallelism()), 1, 1000),
    reviewQueueLimit: integer(env, 'REVIEW_QUEUE_LIMIT', 100, 0, 100_000),
  };
}

/** Probot's fallback when WEBHOOK_SECRET is unset: public, so anyone can sign a delivery with it. */
export const PROBOT_DEFAULT_SECRET = 'development';

/**
 * What is wrong with the webhook secret, as the end of a sentence starting with `WEBHOOK_SECRET`; undefined when
 * it is usable. Unset and empty both make Probot verify with its public default.
 */
export function webhookSecretProblem(env: NodeJS.ProcessEnv): string | undefined {
  const secret = env.WEBHOOK_SECRET;
  if (secret === undefined) return 'is not set';
  if (secret === '') return 'is empty';
  if (secret === PROBOT_DEFAULT_SECRET) return `is Probot's public default "${PROBOT_DEFAULT_SECRET}"`;
  return undefined;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}; got "${raw}"`);
  return n;
}

function seconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback * 1000;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0)
    throw new ConfigError(`${name} must be a number of seconds, 0 or more; got "${raw}"`);
  return Math.round(n * 1000);
}

/**
 * Variables from a `.env` file (the registration page writes the app's credentials there) for the ones the
 * environment does not set already: the real environment wins, as with dotenv.
 */
export function loadDotEnv(path: string, env: NodeJS.ProcessEnv): void {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  for (const [key, value] of Object.entries(parseEnv(text))) if (env[key] === undefined) env[key] = value;
}
