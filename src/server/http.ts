/**
 * The server's request handling: `/healthz` and `/metrics` first (cheap, never logged: probes hit them every few
 * seconds), then Probot's webhook middleware, then 404. Every other request gets one log line with the delivery id.
 *
 * A webhook's body is read here, not by the middleware, which would buffer whatever it is sent before checking the
 * signature: anyone could make the process hold a body of any size. Here it is refused past GitHub's payload cap,
 * at once when `content-length` says so, else as soon as the bytes read pass it, and the read text is handed to the
 * middleware as `req.body` (@octokit/webhooks' node middleware takes a string body as the payload and then reads
 * nothing from the stream).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HealthBody } from './health.js';

/** GitHub caps webhook payloads at 25 MB and does not deliver bigger ones; MiB, to leave it a margin. */
export const WEBHOOK_BODY_LIMIT = 25 * 1024 * 1024;
/**
 * Bytes of webhook bodies held at once across requests: bodies are unsigned until read whole, so without a total a
 * few dozen parallel 25 MB requests would still fill the memory. A body that would pass it is answered 503.
 */
export const WEBHOOK_BODIES_LIMIT = 4 * WEBHOOK_BODY_LIMIT;

export type Scrape = () => Promise<{ contentType: string; body: string }>;

export interface RequestLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface RoutesOptions {
  health(): { status: number; body: HealthBody };
  metrics: Scrape;
  /**
   * Set: `/metrics` is served, to `Authorization: Bearer <token>` only. Unset: `/metrics` is not served on this
   * listener (404), since it is the one facing GitHub, and so the internet.
   */
  metricsToken: string | undefined;
  /** Where Probot's middleware takes deliveries (`WEBHOOK_PATH`). */
  webhookPath: string;
  /** Probot's middleware: true when it answered the request (the webhook path). */
  webhooks(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  log: RequestLogger;
  /** Default WEBHOOK_BODY_LIMIT and WEBHOOK_BODIES_LIMIT; smaller in tests. */
  bodyLimit?: number;
  bodiesLimit?: number;
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
  const bodies = new BodyBudget(o.bodiesLimit ?? WEBHOOK_BODIES_LIMIT);
  let draining = false;
  const open = new Set<ServerResponse>();
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    if (draining) res.setHeader('connection', 'close');
    open.add(res);
    res.once('close', () => open.delete(res));
    handle(o, bodies, req, res).catch((err: unknown) => {
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

async function handle(
  o: RoutesOptions,
  bodies: BodyBudget,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  const read = req.method === 'GET' || req.method === 'HEAD';
  if (read && path === '/healthz') {
    const { status, body } = o.health();
    send(res, status, 'application/json; charset=utf-8', JSON.stringify(body), req.method === 'HEAD');
    return;
  }
  if (read && path === '/metrics' && o.metricsToken !== undefined) {
    await serveMetrics(o.metrics, o.metricsToken, req, res);
    return;
  }
  logWhenDone(o.log, req, res);
  const limit = o.bodyLimit ?? WEBHOOK_BODY_LIMIT;
  const declared = Number(req.headers['content-length']);
  if (req.headers['content-length'] !== undefined && !(declared <= limit)) {
    refuseBody(req, res, 413, `Payload Too Large: webhook bodies are at most ${limit} bytes\n`);
    return;
  }
  if (isDelivery(req, o.webhookPath)) {
    const body = await readBody(req, limit, bodies);
    if (body === 'too large') {
      refuseBody(req, res, 413, `Payload Too Large: webhook bodies are at most ${limit} bytes\n`);
      return;
    }
    if (body === 'busy') {
      refuseBody(req, res, 503, 'Service Unavailable: too many webhook bodies being received\n');
      return;
    }
    if (body === 'aborted') return;
    (req as WithBody).body = body;
  } else {
    // not a delivery the middleware would read (another path, a method, a content type or headers it refuses
    // before reading): an empty body makes sure it never reads the stream whatever it decides
    (req as WithBody).body = '';
  }
  if (await o.webhooks(req, res)) return;
  send(res, 404, 'text/plain; charset=utf-8', 'Not Found\n', req.method === 'HEAD');
}

type WithBody = IncomingMessage & { body?: string };

const JSON_TYPE = /^\s*application\/json\s*(?:;|$)/u;
const DELIVERY_HEADERS = ['x-github-event', 'x-hub-signature-256', 'x-github-delivery'];

/**
 * A request @octokit/webhooks' middleware would read the body of: a POST to the webhook path (trailing slashes
 * ignored, as it does) with a JSON content type and the three delivery headers.
 */
function isDelivery(req: IncomingMessage, webhookPath: string): boolean {
  if (req.method !== 'POST') return false;
  let pathname: string;
  try {
    pathname = new URL(trimSlashes(req.url ?? '/'), 'http://localhost').pathname;
  } catch {
    return false;
  }
  if (pathname !== trimSlashes(webhookPath)) return false;
  const type = req.headers['content-type'];
  if (typeof type !== 'string' || !JSON_TYPE.test(type)) return false;
  return DELIVERY_HEADERS.every((h) => req.headers[h] !== undefined);
}

function trimSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47) end--;
  return end === 0 ? '/' : path.slice(0, end);
}

/** Bytes of bodies held by the requests being read; each request takes its chunks from it and gives them back. */
class BodyBudget {
  private used = 0;
  constructor(private readonly limit: number) {}
  take(n: number): boolean {
    if (this.used + n > this.limit) return false;
    this.used += n;
    return true;
  }
  give(n: number): void {
    this.used -= n;
  }
}

// decoded as the middleware would have: UTF-8, invalid bytes replaced, a byte order mark dropped
const utf8 = new TextDecoder('utf-8', { fatal: false });

/** The body as text, or why not: past `limit` bytes, past the shared budget, or the client went away. */
function readBody(
  req: IncomingMessage,
  limit: number,
  bodies: BodyBudget,
): Promise<string | 'too large' | 'busy' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: string | 'too large' | 'busy' | 'aborted'): void => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onAbort);
      bodies.give(size);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      if (size + chunk.length > limit) return finish('too large');
      if (!bodies.take(chunk.length)) return finish('busy');
      size += chunk.length;
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      const text = utf8.decode(Buffer.concat(chunks, size));
      chunks.length = 0;
      finish(text);
    };
    const onAbort = (): void => finish('aborted');
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('close', onAbort);
  });
}

/** How long a refused body may go on arriving (read and thrown away) before its connection is cut. */
const REFUSED_BODY_GRACE_MS = 2000;

/**
 * Answers a body the server will not read. What still arrives is thrown away, not buffered; closing the connection
 * at once instead would make most clients fail on their next write (EPIPE) before they read the answer, so the
 * client gets a moment to read it and stop, then the connection is cut if the body is still coming.
 */
function refuseBody(req: IncomingMessage, res: ServerResponse, status: number, text: string): void {
  send(res, status, 'text/plain; charset=utf-8', text, false);
  if (req.complete) return;
  req.resume();
  const cut = setTimeout(() => req.socket.destroy(), REFUSED_BODY_GRACE_MS);
  cut.unref();
  req.once('end', () => clearTimeout(cut));
  req.once('close', () => clearTimeout(cut));
}

async function serveMetrics(scrape: Scrape, token: string, req: IncomingMessage, res: ServerResponse) {
  if (!bearerMatches(req.headers.authorization, token)) {
    res.setHeader('www-authenticate', 'Bearer realm="metrics"');
    send(res, 401, 'text/plain; charset=utf-8', 'Unauthorized\n', req.method === 'HEAD');
    return;
  }
  const { contentType, body } = await scrape();
  send(res, 200, contentType, body, req.method === 'HEAD');
}

/**
 * `Authorization: Bearer <token>`, compared in constant time: both sides are hashed first, so neither the
 * comparison nor a length check says how much of a guess was right.
 */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer +(\S+) *$/i.exec(header ?? '');
  const given = createHash('sha256')
    .update(m?.[1] ?? '')
    .digest();
  const expected = createHash('sha256').update(token).digest();
  return timingSafeEqual(given, expected) && m !== null;
}

/**
 * The metrics listener's handling (METRICS_PORT): `/metrics` (behind the token when one is set) and 404 for
 * everything else; nothing is logged.
 */
export function metricsHandling(o: {
  metrics: Scrape;
  token: string | undefined;
  log: RequestLogger;
}): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const read = req.method === 'GET' || req.method === 'HEAD';
    const answer = async (): Promise<void> => {
      if (!read || path !== '/metrics') {
        send(res, 404, 'text/plain; charset=utf-8', 'Not Found\n', req.method === 'HEAD');
        return;
      }
      if (o.token !== undefined) await serveMetrics(o.metrics, o.token, req, res);
      else {
        const { contentType, body } = await o.metrics();
        send(res, 200, contentType, body, req.method === 'HEAD');
      }
    };
    answer().catch((err: unknown) => {
      o.log.error({ err, method: req.method, url: req.url }, 'request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end();
    });
  };
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
