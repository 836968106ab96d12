/**
 * The server's request handling: `/healthz` and `/metrics` first (cheap, never logged: probes hit them every few
 * seconds), then Probot's webhook middleware, then 404. Every other request gets one log line with the delivery id.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HealthBody } from './health.js';

export interface RequestLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface RoutesOptions {
  health(): { status: number; body: HealthBody };
  metrics(): Promise<{ contentType: string; body: string }>;
  /** Probot's middleware: true when it answered the request (the webhook path). */
  webhooks(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  log: RequestLogger;
}

export interface RequestHandling {
  listener: (req: IncomingMessage, res: ServerResponse) => void;
  /**
   * From now on every answer closes its connection, including those of requests already open (a webhook whose
   * review is still running), so no keep-alive connection outlives the shutdown.
   */
  drain(): void;
}

export function requestHandling(o: RoutesOptions): RequestHandling {
  let draining = false;
  const open = new Set<ServerResponse>();
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    if (draining) res.setHeader('connection', 'close');
    open.add(res);
    res.once('close', () => open.delete(res));
    handle(o, req, res).catch((err: unknown) => {
      o.log.error({ err, method: req.method, url: req.url }, 'request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end();
    });
  };
  const drain = (): void => {
    draining = true;
    for (const res of open) if (!res.headersSent) res.setHeader('connection', 'close');
  };
  return { listener, drain };
}

async function handle(o: RoutesOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  const read = req.method === 'GET' || req.method === 'HEAD';
  if (read && path === '/healthz') {
    const { status, body } = o.health();
    send(res, status, 'application/json; charset=utf-8', JSON.stringify(body), req.method === 'HEAD');
    return;
  }
  if (read && path === '/metrics') {
    const { contentType, body } = await o.metrics();
    send(res, 200, contentType, body, req.method === 'HEAD');
    return;
  }
  logWhenDone(o.log, req, res);
  if (await o.webhooks(req, res)) return;
  send(res, 404, 'text/plain; charset=utf-8', 'Not Found\n', req.method === 'HEAD');
}

function send(res: ServerResponse, status: number, contentType: string, body: string, head: boolean): void {
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(head ? undefined : body);
}

function logWhenDone(log: RequestLogger, req: IncomingMessage, res: ServerResponse): void {
  const started = process.hrtime.bigint();
  res.once('close', () => {
    const fields: Record<string, unknown> = {
      method: req.method,
      url: req.url,
      status: res.statusCode,
      ms: Math.round(Number(process.hrtime.bigint() - started) / 1e6),
    };
    const delivery = req.headers['x-github-delivery'];
    if (typeof delivery === 'string') {
      fields.deliveryId = delivery;
      fields.event = req.headers['x-github-event'];
    }
    if (!res.writableFinished) fields.aborted = true;
    log.info(fields, `${req.method} ${req.url} ${res.statusCode}`);
  });
}
