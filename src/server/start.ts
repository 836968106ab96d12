/**
 * Starts the production server: Probot from its environment variables, the app behind Probot's webhook
 * middleware, `/healthz` beside it, `/metrics` on a port of its own or behind a token, the Redis queue when
 * `REDIS_URL` is set (else a concurrency limit for the in-process reviews), and a graceful shutdown on
 * SIGTERM/SIGINT. Without credentials it serves the registration page instead (registration.ts).
 */
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { createNodeMiddleware, createProbot, type Logger, type Probot } from 'probot';
import { createApp } from '../app.js';
import { HostSettingError, hostShellcheckOptions } from '../config/host.js';
import type { ReviewQueue } from '../queue/index.js';
import {
  ConfigError,
  loadDotEnv,
  PROBOT_DEFAULT_SECRET,
  readServerConfig,
  webhookSecretProblem,
  type ServerConfig,
} from './config.js';
import { startRegistrationServer } from './registration.js';
import { octokitWithMetrics } from './github-metrics.js';
import { privateKeyProblem } from './private-key.js';
import { throttledPerInstallation } from './throttle.js';
import { warmUp } from './warm.js';
import { withCachedAppJwt } from './app-jwt.js';
import { health, VERSION } from './health.js';
import { metricsHandling, requestHandling } from './http.js';
import { InFlight } from './in-flight.js';
import { Metrics } from './metrics.js';
import { ReviewLimit } from './review-limit.js';
import { createShutdown, type ShutdownStep } from './shutdown.js';

/** Starts the app server, or the registration page when the app has no credentials yet. */
export async function startServer(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  // the registration page writes APP_ID, PRIVATE_KEY and WEBHOOK_SECRET to .env (as Probot's does): read it back
  loadDotEnv(join(process.cwd(), '.env'), env);
  const config = readServerConfig(env);
  // a key Probot would take but cannot sign with fails every webhook, not the start: refuse it now, in one line
  const keyProblem = privateKeyProblem(env);
  if (keyProblem) throw new ConfigError(keyProblem);
  const inFlight = new InFlight();
  // created once the logger exists; the metrics read it when scraped
  let limit: ReviewLimit | undefined;
  const metrics = new Metrics({
    inFlight: () => inFlight.size,
    reviews: () => ({ running: limit?.running ?? 0, waiting: limit?.waiting ?? 0 }),
  });

  let probot: Probot;
  try {
    probot = createProbot({
      env,
      overrides: {
        logLevel: config.logLevel,
        logFormat: config.logFormat,
        // Probot adds its auth, retry and throttling (clustered through REDIS_URL) on top of this class; its writes
        // go through the installation limiter, clustered through the same Redis connection; the app's JWT is
        // signed once per ten minutes, not once per installation token
        Octokit: withCachedAppJwt(throttledPerInstallation(octokitWithMetrics(metrics))),
        webhookPath: config.webhookPath,
      },
    });
  } catch {
    // the only thing Probot's constructor refuses is a missing APP_ID or private key
    await startRegistration(env, config);
    return;
  }
  // with credentials, a missing secret means Probot verifies deliveries with its public default: anyone could
  // forge one. Checked before anything listens, so production never serves a single forgeable request.
  const secretProblem = webhookSecretProblem(env);
  if (secretProblem && env.NODE_ENV === 'production')
    throw new ConfigError(
      `WEBHOOK_SECRET ${secretProblem}: refusing to start with NODE_ENV=production, since anyone could sign webhooks with Probot's public default secret "${PROBOT_DEFAULT_SECRET}"; set WEBHOOK_SECRET to the app's webhook secret`,
    );
  // the host's ShellCheck settings: a wrong value stops the start, not every review
  try {
    hostShellcheckOptions(env);
  } catch (err) {
    if (err instanceof HostSettingError) throw new ConfigError(err.message);
    throw err;
  }
  await probot.ready();
  const log: Logger = probot.log.child({ name: 'server' });
  // the lint workers, the shell parser and the config schemas are made ready now rather than in the first
  // reviews' time
  warmUp().then(
    () => log.info('lint workers ready'),
    (err: unknown) => log.warn({ err }, 'a lint worker failed to start; files are linted as workers start'),
  );
  if (secretProblem)
    log.warn(
      `WEBHOOK_SECRET ${secretProblem}: webhooks are verified with Probot's public default secret "${PROBOT_DEFAULT_SECRET}", so anyone who can reach this server can forge them. Set WEBHOOK_SECRET before exposing it (with NODE_ENV=production the server refuses to start without it)`,
    );

  const queue = config.redisUrl ? await startQueue(config.redisUrl, probot, metrics) : undefined;
  if (!queue)
    limit = new ReviewLimit({
      concurrency: config.reviewConcurrency,
      queueLimit: config.reviewQueueLimit,
      log: probot.log.child({ name: 'reviews' }),
      dropped: (reason) => metrics.reviewDropped(reason),
    });
  const app = createApp({
    observer: metrics.observer,
    scheduler: queue,
    runner: limit,
    track: inFlight.track,
  });
  const webhooks = await createNodeMiddleware(app, { probot });

  let draining = false;
  const http = requestHandling({
    health: () => health({ draining }),
    metrics: () => metrics.scrape(),
    metricsToken: config.metricsToken,
    webhookPath: config.webhookPath,
    webhooks: async (req, res) => (await webhooks(req, res)) === true,
    log,
  });
  const server = createServer(SERVER_TIMEOUTS, http.listener);
  const port = await listen(server, config.port, config.host);
  let metricsServer: Server | undefined;
  let metricsPort: number | undefined;
  if (config.metricsPort !== undefined) {
    metricsServer = createServer(
      SERVER_TIMEOUTS,
      metricsHandling({ metrics: () => metrics.scrape(), token: config.metricsToken, log }),
    );
    metricsPort = await listen(metricsServer, config.metricsPort, config.metricsHost ?? config.host);
  }
  log.info(
    {
      version: VERSION,
      port,
      host: config.host ?? '*',
      webhookPath: config.webhookPath,
      queue: Boolean(queue),
      ...(limit
        ? { reviewConcurrency: config.reviewConcurrency, reviewQueueLimit: config.reviewQueueLimit }
        : {}),
      metrics:
        metricsPort !== undefined
          ? {
              port: metricsPort,
              host: config.metricsHost ?? config.host ?? '*',
              token: Boolean(config.metricsToken),
            }
          : config.metricsToken
            ? { port, token: true }
            : false,
    },
    `dockreview ${VERSION} listening on port ${port}`,
  );
  if (env.WEBHOOK_PROXY_URL)
    // `probot run` would try smee-client, which is not a dependency either: say how to forward, as it does
    log.warn(
      `WEBHOOK_PROXY_URL is not forwarded by the server: run \`npx smee-client --url ${env.WEBHOOK_PROXY_URL} --target http://localhost:${port}${config.webhookPath}\``,
    );

  const steps: ShutdownStep[] = [
    { name: 'http', run: () => closeHttp(server, inFlight) },
    // the reviews still waiting for a slot are dropped (logged with their delivery ids), the running ones finish
    ...(limit ? [{ name: 'reviews', run: () => limit!.close() }] : []),
    ...(queue ? [{ name: 'queue', run: () => queue.close() }] : []),
    // last, so the drain itself can be watched
    ...(metricsServer ? [{ name: 'metrics', run: () => closeServer(metricsServer!) }] : []),
  ];
  const shutdown = createShutdown({
    log,
    timeoutMs: config.shutdownTimeoutMs,
    delayMs: config.shutdownDelayMs,
    begin: () => {
      draining = true;
      http.drain();
    },
    steps,
    pending: () => ({
      inFlight: inFlight.size,
      ...(limit ? { reviewsRunning: limit.running, reviewsWaiting: limit.waiting } : {}),
    }),
    exit: exitAfterLogs,
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void shutdown(signal));
}

async function startQueue(redisUrl: string, probot: Probot, metrics: Metrics): Promise<ReviewQueue> {
  // loaded only here, so a server without Redis never loads bullmq
  const { startReviewQueue } = await import('../queue/index.js');
  return await startReviewQueue({
    redisUrl,
    probot,
    observer: metrics.observer,
  });
}

/**
 * The registration page (src/server/registration.ts: the app from app.yml, its webhook URL the smee.io channel or
 * this server's webhook path). A development convenience: in production, a server without credentials refuses to
 * start, in one line.
 */
async function startRegistration(env: NodeJS.ProcessEnv, config: ServerConfig): Promise<void> {
  if (env.NODE_ENV === 'production')
    throw new ConfigError(
      env.APP_ID
        ? 'the private key is missing: set PRIVATE_KEY (or PRIVATE_KEY_PATH); with NODE_ENV=production the registration page is not served'
        : 'App ID is missing: set APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH); with NODE_ENV=production the registration page is not served',
    );
  const server = await startRegistrationServer({
    env,
    cwd: process.cwd(),
    port: config.port,
    // a page that registers apps: on this machine only, unless HOST says otherwise
    host: config.host ?? 'localhost',
    webhookPath: config.webhookPath,
    name: 'dockreview',
  });
  const stop = (): void => {
    server.close((err) => process.exit(err ? 1 : 0));
    server.closeAllConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/**
 * GitHub gives a delivery 10 s in all, and a probe or a scrape is one small request: a request still arriving
 * after 30 s is nobody's webhook, only a connection held open (Node's defaults wait 5 minutes for a request).
 */
const SERVER_TIMEOUTS = { requestTimeout: 30_000, headersTimeout: 20_000 };

/** Listens; resolves with the port bound (the one asked, or the free one picked for 0). */
function listen(server: Server, port: number, host: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host }, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve, reject) =>
    server.close((err) => (err ? reject(err) : resolve())),
  );
  server.closeAllConnections();
  return closed;
}

/** Stops accepting connections, waits for the deliveries in flight, then for every connection to end. */
async function closeHttp(server: Server, inFlight: InFlight): Promise<void> {
  const closed = new Promise<void>((resolve, reject) =>
    server.close((err) => (err ? reject(err) : resolve())),
  );
  await inFlight.idle();
  // connections that went idle after close() began (a webhook answered 202 before its review ended)
  server.closeIdleConnections();
  await closed;
}

/** Exits once the log lines written so far have reached stdout (Probot's logger writes through a stream). */
function exitAfterLogs(code: number): void {
  process.exitCode = code;
  setImmediate(() => process.exit(code));
}
