/**
 * Starts the production server: Probot from its environment variables, the app behind Probot's webhook
 * middleware, `/healthz` and `/metrics` beside it, the Redis queue when `REDIS_URL` is set, and a graceful
 * shutdown on SIGTERM/SIGINT. Without credentials it serves Probot's registration page instead, as `probot run`.
 */
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { createNodeMiddleware, createProbot, run, type Logger, type Probot } from 'probot';
import { createApp } from '../app.js';
import type { ReviewQueue } from '../queue/index.js';
import { loadDotEnv, readServerConfig, type ServerConfig } from './config.js';
import { octokitWithMetrics } from './github-metrics.js';
import { throttledPerInstallation } from './throttle.js';
import { health, VERSION } from './health.js';
import { requestHandling } from './http.js';
import { InFlight } from './in-flight.js';
import { Metrics } from './metrics.js';
import { createShutdown, type ShutdownStep } from './shutdown.js';

/** Starts the app server, or the registration page when the app has no credentials yet. */
export async function startServer(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  // Probot's registration writes APP_ID, PRIVATE_KEY and WEBHOOK_SECRET to .env, and `probot run` reads it back
  loadDotEnv(join(process.cwd(), '.env'), env);
  const config = readServerConfig(env);
  const inFlight = new InFlight();
  const metrics = new Metrics({ inFlight: () => inFlight.size });

  let probot: Probot;
  try {
    probot = createProbot({
      env,
      overrides: {
        logLevel: config.logLevel,
        logFormat: config.logFormat,
        // Probot adds its auth, retry and throttling (clustered through REDIS_URL) on top of this class
        Octokit: throttledPerInstallation(octokitWithMetrics(metrics)),
      },
    });
  } catch {
    // the only thing Probot's constructor refuses is a missing APP_ID or private key
    await startRegistration(env);
    return;
  }
  await probot.ready();
  const log: Logger = probot.log.child({ name: 'server' });

  const queue = config.redisUrl ? await startQueue(config.redisUrl, probot, metrics) : undefined;
  const app = createApp({ observer: metrics.observer, scheduler: queue, track: inFlight.track });
  const webhooks = await createNodeMiddleware(app, { probot });

  let draining = false;
  const http = requestHandling({
    health: () => health({ draining }),
    metrics: () => metrics.scrape(),
    webhooks: async (req, res) => (await webhooks(req, res)) === true,
    log,
  });
  const server = createServer(http.listener);
  await listen(server, config);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info(
    {
      version: VERSION,
      port,
      host: config.host ?? '*',
      webhookPath: probot.webhookPath,
      queue: Boolean(queue),
    },
    `dockreview ${VERSION} listening on port ${port}`,
  );
  if (env.WEBHOOK_PROXY_URL)
    // `probot run` would try smee-client, which is not a dependency either: say how to forward, as it does
    log.warn(
      `WEBHOOK_PROXY_URL is not forwarded by the server: run \`npx smee-client --url ${env.WEBHOOK_PROXY_URL} --target http://localhost:${port}${probot.webhookPath}\``,
    );

  const steps: ShutdownStep[] = [
    { name: 'http', run: () => closeHttp(server, inFlight) },
    ...(queue ? [{ name: 'queue', run: () => queue.close() }] : []),
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
    pending: () => ({ inFlight: inFlight.size }),
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

/** Probot's own setup server (the registration page from app.yml); in production Probot refuses to start it. */
async function startRegistration(env: NodeJS.ProcessEnv): Promise<void> {
  const server = await run(createApp(), { env });
  const stop = (): void => {
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

function listen(server: Server, config: ServerConfig): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: config.port, host: config.host }, () => {
      server.off('error', reject);
      resolve();
    });
  });
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
