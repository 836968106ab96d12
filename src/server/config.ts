/**
 * The server's own settings, read from the environment once at start. Probot reads its own variables (APP_ID,
 * PRIVATE_KEY, WEBHOOK_SECRET, GHE_HOST, REDIS_URL…) itself; only what the server decides is parsed here.
 */
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

export interface ServerConfig {
  port: number;
  /** Undefined: every interface, which is what a container needs. */
  host: string | undefined;
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  logFormat: 'json' | 'pretty';
  /** Set: reviews go through the Redis queue, and Probot's throttling is shared through the same Redis. */
  redisUrl: string | undefined;
  /** From the shutdown signal to a forced exit. */
  shutdownTimeoutMs: number;
  /** From the shutdown signal to closing the listener, while /healthz already answers 503. */
  shutdownDelayMs: number;
}

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

export class ConfigError extends Error {}

export function readServerConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const logLevel = env.LOG_LEVEL || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel))
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${logLevel}"`);
  const logFormat = env.LOG_FORMAT || (env.NODE_ENV === 'production' ? 'json' : 'pretty');
  if (logFormat !== 'json' && logFormat !== 'pretty')
    throw new ConfigError(`LOG_FORMAT must be json or pretty; got "${logFormat}"`);
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || undefined,
    logLevel: logLevel as ServerConfig['logLevel'],
    logFormat,
    redisUrl: env.REDIS_URL || undefined,
    shutdownTimeoutMs: seconds(env, 'SHUTDOWN_TIMEOUT_SECONDS', 25),
    shutdownDelayMs: seconds(env, 'SHUTDOWN_DELAY_SECONDS', 0),
  };
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
 * Variables from a `.env` file (Probot's registration writes the app's credentials there) for the ones the
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
