/**
 * The server's request handling in-process (src/server/http.ts): the webhook body cap and the budget of bodies held
 * at once, in front of Probot's real webhook middleware, and `/metrics` behind its bearer token or on its own
 * listener. The real process is in server.test.ts.
 *
 * No import of test/helpers/github.ts here: it loads nock, whose interception of node:http buffers a request's whole
 * body until it ends — the opposite of the streaming these tests need.
 */
import { createHmac, generateKeyPairSync } from 'node:crypto';
import {
  request as httpRequest,
  createServer,
  type ClientRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, Probot } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import { bearerMatches, metricsHandling, requestHandling, type RoutesOptions } from '../src/server/http.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const SECRET = 'http-test-secret';
const PRIVATE_KEY = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
}).privateKey;
const PAYLOAD = JSON.stringify({ action: 'opened', number: 1, zen: 'x'.repeat(1000) });

function signature(body: string, secret = SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

describe('bearerMatches', () => {
  it('accepts exactly `Bearer <token>`', () => {
    expect(bearerMatches('Bearer s3cret-token', 's3cret-token')).toBe(true);
    expect(bearerMatches('bearer s3cret-token', 's3cret-token')).toBe(true);
    expect(bearerMatches('Bearer s3cret-toke', 's3cret-token')).toBe(false);
    expect(bearerMatches('Bearer s3cret-token2', 's3cret-token')).toBe(false);
    expect(bearerMatches('Basic s3cret-token', 's3cret-token')).toBe(false);
    expect(bearerMatches('s3cret-token', 's3cret-token')).toBe(false);
    expect(bearerMatches('Bearer ', 's3cret-token')).toBe(false);
    expect(bearerMatches(undefined, 's3cret-token')).toBe(false);
  });
});

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function serve(listener: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The server's handling in front of Probot's real webhook middleware, with a small body cap. */
async function webhookServer(o: Partial<RoutesOptions> = {}) {
  const received: string[] = [];
  const probot = new Probot({
    appId: 123,
    privateKey: PRIVATE_KEY,
    secret: SECRET,
    logLevel: 'fatal',
  });
  const middleware = await createNodeMiddleware(
    (app: Probot) => app.on('pull_request', async (context) => void received.push(context.id)),
    { probot },
  );
  const handling = requestHandling({
    health: () => ({ status: 200, body: { status: 'ok', version: 'test', uptime: 1 } }),
    metrics: async () => ({ contentType: 'text/plain; version=0.0.4', body: 'dockreview_up 1\n' }),
    metricsToken: undefined,
    webhookPath: '/api/github/webhooks',
    webhooks: async (req, res) => (await middleware(req, res)) === true,
    log: quiet,
    bodyLimit: 64 * 1024,
    ...o,
  });
  return { base: await serve(handling.listener), received };
}

function deliveryHeaders(body: string, id: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-github-event': 'pull_request',
    'x-github-delivery': id,
    'x-hub-signature-256': signature(body),
  };
}

/**
 * POSTs `total` bytes in 16 KiB chunks, chunked unless `contentLength` is given, stopping as soon as an answer
 * comes; resolves with its status and the bytes written.
 */
function streamPost(
  url: string,
  total: number,
  headers: Record<string, string>,
): Promise<{ status: number; sent: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers });
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    let sent = 0;
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, sent, text });
      });
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    const write = (): void => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', write);
          return;
        }
      }
      if (!answered) req.end();
    };
    write();
  });
}

describe('webhook bodies', () => {
  it('passes a signed delivery under the cap to the middleware, which verifies it from the body read here', async () => {
    const { base, received } = await webhookServer();
    const body = PAYLOAD;
    const ok = await fetch(`${base}/api/github/webhooks`, {
      method: 'POST',
      headers: deliveryHeaders(body, 'd-ok'),
      body,
    });
    expect(ok.status).toBe(200);
    expect(received).toEqual(['d-ok']);
    // a trailing slash reaches the same middleware path, read the same way
    const slash = await fetch(`${base}/api/github/webhooks/`, {
      method: 'POST',
      headers: deliveryHeaders(body, 'd-slash'),
      body,
    });
    expect(slash.status).toBe(200);
    const forged = await fetch(`${base}/api/github/webhooks`, {
      method: 'POST',
      headers: { ...deliveryHeaders(body, 'd-forged'), 'x-hub-signature-256': signature(body, 'guess') },
      body,
    });
    expect(forged.status).toBe(400);
    expect(received).toEqual(['d-ok', 'd-slash']);
  });

  it('answers 413 at once when content-length is over the cap, before reading the body', async () => {
    const { base, received } = await webhookServer();
    const declared = 600 * 1024 * 1024;
    const answer = await streamPost(`${base}/api/github/webhooks`, declared, {
      ...deliveryHeaders('{}', 'd-big'),
      'content-length': String(declared),
    });
    expect(answer.status).toBe(413);
    expect(answer.text).toContain('Payload Too Large');
    expect(answer.sent).toBeLessThan(declared / 10);
    expect(received).toEqual([]);
  });

  it('answers 413 once a chunked body passes the cap', async () => {
    const { base, received } = await webhookServer();
    const answer = await streamPost(
      `${base}/api/github/webhooks`,
      64 * 1024 * 1024,
      deliveryHeaders('{}', 'd-chunked'),
    );
    expect(answer.status).toBe(413);
    expect(answer.sent).toBeLessThan(64 * 1024 * 1024);
    expect(received).toEqual([]);
  });

  it('answers 503 when the bodies being read at once would pass their total', async () => {
    const { base } = await webhookServer({ bodyLimit: 64 * 1024, bodiesLimit: 100 * 1024 });
    // two requests hold 60 KiB each (under the cap) without ending: the second passes the 100 KiB total
    const held: ClientRequest[] = [];
    const answers = [0, 1].map(
      (i) =>
        new Promise<number>((resolve) => {
          const req = httpRequest(`${base}/api/github/webhooks`, {
            method: 'POST',
            headers: deliveryHeaders('{}', `d-held-${i}`),
          });
          req.on('response', (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          });
          req.on('error', () => resolve(-1));
          req.write(Buffer.alloc(60 * 1024, 0x20));
          held.push(req);
        }),
    );
    expect(await Promise.race([answers[1]!, new Promise((r) => setTimeout(() => r('none'), 3000))])).toBe(
      503,
    );
    for (const req of held) req.destroy();
    await Promise.allSettled(answers);
  });

  it('never lets the middleware read the stream of a request it would refuse, whatever its size', async () => {
    const { base } = await webhookServer();
    // no signature header: the middleware refuses it without a body; here it is not read either
    const headers = deliveryHeaders('{}', 'd-nosig');
    delete headers['x-hub-signature-256'];
    const answer = await streamPost(`${base}/api/github/webhooks`, 1024 * 1024, headers);
    expect(answer.status).toBe(400);
    const elsewhere = await streamPost(`${base}/other`, 1024 * 1024, headers);
    expect(elsewhere.status).toBe(404);
  });
});

describe('/metrics', () => {
  it('is not served on the webhook port without a token', async () => {
    const { base } = await webhookServer();
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('is served on the webhook port to the bearer of METRICS_TOKEN only', async () => {
    const { base } = await webhookServer({ metricsToken: 'scrape-me-please' });
    const none = await fetch(`${base}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer scrape-me-pleasE' } });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer scrape-me-please' } });
    expect(right.status).toBe(200);
    expect(await right.text()).toBe('dockreview_up 1\n');
  });

  it('is served on the metrics listener, with the token when one is set, and nothing else is', async () => {
    const scrape = async () => ({ contentType: 'text/plain; version=0.0.4', body: 'dockreview_up 1\n' });
    const open = await serve(metricsHandling({ metrics: scrape, token: undefined, log: quiet }));
    expect((await fetch(`${open}/metrics`)).status).toBe(200);
    expect((await fetch(`${open}/healthz`)).status).toBe(404);
    expect((await fetch(`${open}/metrics`, { method: 'POST' })).status).toBe(404);
    const guarded = await serve(metricsHandling({ metrics: scrape, token: 'scrape-me-please', log: quiet }));
    expect((await fetch(`${guarded}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${guarded}/metrics`, { headers: { authorization: 'Bearer scrape-me-please' } })).status,
    ).toBe(200);
  });
});
