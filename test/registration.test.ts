/**
 * The registration page (src/server/registration.ts), in-process on a free loopback port: the manifest it posts to
 * GitHub gives the new app the webhook URL dockreview serves — the smee.io channel when WEBHOOK_PROXY_URL is set,
 * else the page's own address plus the server's webhook path (from readServerConfig, the one place it is defined)
 * — and GitHub's answer is written to `.env`, keeping what was there.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readServerConfig } from '../src/server/config.js';
import {
  createAppUrl,
  hookUrl,
  startRegistrationServer,
  withEnvValues,
  type RegistrationEnv,
} from '../src/server/registration.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'dockreview-registration-'));
copyFileSync(join(ROOT, 'app.yml'), join(dir, 'app.yml'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function start(env: NodeJS.ProcessEnv, fetchImpl?: typeof fetch): Promise<string> {
  const config = readServerConfig(env);
  server = await startRegistrationServer({
    env: env as RegistrationEnv,
    cwd: dir,
    port: 0,
    host: '127.0.0.1',
    webhookPath: config.webhookPath,
    fetch: fetchImpl,
    log: () => {},
  });
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

async function manifest(base: string): Promise<{ form: string; manifest: Record<string, unknown> }> {
  const html = await (await fetch(`${base}/probot`)).text();
  const decode = (s: string): string =>
    s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
  const value = /name="manifest" value="([^"]*)"/.exec(html)?.[1];
  const form = /<form action="([^"]*)"/.exec(html)?.[1];
  expect(value, html).toBeDefined();
  return { form: decode(form!), manifest: JSON.parse(decode(value!)) as Record<string, unknown> };
}

describe('the webhook URL of the registered app', () => {
  it('is the page’s address plus the webhook path the server serves', async () => {
    const base = await start({});
    const { manifest: m } = await manifest(base);
    expect(m).toMatchObject({
      name: 'dockreview',
      hook_attributes: { url: `${base}/api/github/webhooks` },
      redirect_url: `${base}/probot/setup`,
      default_events: ['pull_request', 'check_suite', 'check_run'],
    });
  });

  it('follows WEBHOOK_PATH', async () => {
    const base = await start({ WEBHOOK_PATH: '/hooks/github' });
    expect((await manifest(base)).manifest.hook_attributes).toEqual({ url: `${base}/hooks/github` });
  });

  it('is the smee.io channel when WEBHOOK_PROXY_URL is set', async () => {
    const base = await start({ WEBHOOK_PROXY_URL: 'https://smee.io/abc123' });
    const { manifest: m } = await manifest(base);
    expect(m.hook_attributes).toEqual({ url: 'https://smee.io/abc123' });
    // GitHub still comes back to this page after creating the app
    expect(m.redirect_url).toBe(`${base}/probot/setup`);
  });

  it('behind a proxy, the forwarded host and protocol', async () => {
    const base = await start({});
    const html = await (
      await fetch(`${base}/probot`, {
        headers: { 'x-forwarded-host': 'dockreview.example', 'x-forwarded-proto': 'https' },
      })
    ).text();
    expect(html).toContain('https://dockreview.example/api/github/webhooks');
  });

  it('hookUrl joins base and path with one slash', () => {
    expect(hookUrl({}, 'http://localhost:3000/', '/api/github/webhooks')).toBe(
      'http://localhost:3000/api/github/webhooks',
    );
    expect(hookUrl({ WEBHOOK_PROXY_URL: ' ' }, 'http://h', 'x')).toBe('http://h/x');
  });
});

describe('registering', () => {
  it('posts to the user’s or GH_ORG’s new-app page, with a state GitHub sends back', async () => {
    expect(createAppUrl({}, 's1')).toBe('https://github.com/settings/apps/new?state=s1');
    expect(createAppUrl({ GH_ORG: 'acme' }, 's1')).toBe(
      'https://github.com/organizations/acme/settings/apps/new?state=s1',
    );
    expect(createAppUrl({ GHE_HOST: 'ghe.example', GH_ORG: 'acme' }, 's1')).toBe(
      'https://ghe.example/organizations/acme/settings/apps/new?state=s1',
    );
  });

  it('exchanges the code, writes the credentials to .env keeping its other lines, and sends on to the install', async () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----\n';
    writeFileSync(join(dir, '.env'), '# my settings\nAPP_ID=\nPORT=4000\n');
    const calls: string[] = [];
    const fakeFetch = (async (url: string | URL | Request, init?: RequestInit) => {
      calls.push(`${init?.method ?? 'GET'} ${String(url)}`);
      return new Response(
        JSON.stringify({
          id: 42,
          pem,
          webhook_secret: 'whsec',
          client_id: 'Iv1.x',
          client_secret: 'cs',
          html_url: 'https://github.com/apps/dockreview-acme',
        }),
        { status: 201, headers: { 'content-type': 'application/json' } },
      );
    }) as typeof fetch;
    const base = await start({}, fakeFetch);
    const { form } = await manifest(base);
    const state = new URL(form).searchParams.get('state');
    expect(state).toMatch(/^[0-9a-f]{32}$/);

    // a code without the page's state is refused, and GitHub is not asked
    const forged = await fetch(`${base}/probot/setup?code=abc&state=nope`, { redirect: 'manual' });
    expect(forged.status).toBe(400);
    expect(calls).toEqual([]);

    const done = await fetch(`${base}/probot/setup?code=abc&state=${state}`, { redirect: 'manual' });
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('https://github.com/apps/dockreview-acme/installations/new');
    expect(calls).toEqual(['POST https://api.github.com/app-manifests/abc/conversions']);
    const text = readFileSync(join(dir, '.env'), 'utf8');
    expect(text.startsWith('# my settings\nAPP_ID=42\nPORT=4000\n')).toBe(true);
    // as Probot writes it: the key quoted with \n escapes, which node's .env parser (the server's) reads back
    expect(text).toContain(`PRIVATE_KEY="${pem.replace(/\n/g, '\\n')}"`);
    expect(parseEnv(text)).toMatchObject({
      APP_ID: '42',
      PRIVATE_KEY: pem,
      WEBHOOK_SECRET: 'whsec',
      PORT: '4000',
    });
  });

  it('withEnvValues replaces a key’s line or appends it', () => {
    expect(withEnvValues('', { APP_ID: '1' })).toBe('APP_ID=1\n');
    expect(withEnvValues('A=1\nAPP_ID=\nB=2', { APP_ID: '7', WEBHOOK_SECRET: 's' })).toBe(
      'A=1\nAPP_ID=7\nB=2\nWEBHOOK_SECRET=s\n',
    );
  });
});
