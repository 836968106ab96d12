/**
 * The registration page of a server that has no credentials yet: GitHub's app-manifest flow
 * (https://docs.github.com/en/apps/sharing-github-apps/registering-a-github-app-from-a-manifest), which Probot's
 * setup page also follows, done here so that the app GitHub creates has the webhook URL dockreview needs. Probot's
 * page gives GitHub the server's bare address (`http://localhost:3000/`): unreachable from GitHub, and not the path
 * webhooks are served on. Here the webhook URL is the smee.io channel when `WEBHOOK_PROXY_URL` is set (it forwards
 * to this machine), else the address the page was opened on plus the server's webhook path.
 *
 * The flow: `/probot` shows a form that posts the manifest (app.yml, with the URLs filled in) to GitHub; GitHub
 * creates the app and redirects to `/probot/setup?code=…`; the code is exchanged for the app's id, key and webhook
 * secret, which are written to `.env` for the next start.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

/** The variables the registration reads. */
export interface RegistrationEnv {
  WEBHOOK_PROXY_URL?: string;
  /** Register the app on this organisation rather than on the user's account. */
  GH_ORG?: string;
  GHE_HOST?: string;
  GHE_PROTOCOL?: string;
}

/**
 * The webhook URL the new app gets: the smee.io channel when `WEBHOOK_PROXY_URL` is set, else `baseUrl` (the address
 * the registration page was opened on) plus the path the server takes webhooks on.
 */
export function hookUrl(env: RegistrationEnv, baseUrl: string, webhookPath: string): string {
  const proxy = env.WEBHOOK_PROXY_URL?.trim();
  if (proxy) return proxy;
  return `${baseUrl.replace(/\/+$/, '')}/${webhookPath.replace(/^\/+/, '')}`;
}

/** The manifest posted to GitHub: app.yml (name, events, permissions) with the URLs only this server knows. */
export function registrationManifest(
  appYml: Record<string, unknown>,
  o: { env: RegistrationEnv; baseUrl: string; webhookPath: string },
): Record<string, unknown> {
  const hook = typeof appYml.hook_attributes === 'object' ? appYml.hook_attributes : {};
  return {
    ...appYml,
    hook_attributes: { ...hook, url: hookUrl(o.env, o.baseUrl, o.webhookPath) },
    redirect_url: `${o.baseUrl.replace(/\/+$/, '')}/probot/setup`,
  };
}

/** Where the form posts: github.com (or GHE_HOST), under GH_ORG when set. */
export function createAppUrl(env: RegistrationEnv, state: string): string {
  const org = env.GH_ORG?.trim();
  return `${webOrigin(env)}${org ? `/organizations/${encodeURIComponent(org)}` : ''}/settings/apps/new?state=${encodeURIComponent(state)}`;
}

function webOrigin(env: RegistrationEnv): string {
  return `${env.GHE_PROTOCOL || 'https'}://${env.GHE_HOST || 'github.com'}`;
}

function apiBase(env: RegistrationEnv): string {
  return env.GHE_HOST ? `${webOrigin(env)}/api/v3` : 'https://api.github.com';
}

/** The address a request was made to, as the browser saw it (behind a proxy, its forwarded host and protocol). */
export function baseUrlOf(req: IncomingMessage): string {
  const first = (v: string | string[] | undefined): string | undefined =>
    (Array.isArray(v) ? v[0] : v)?.split(',')[0]?.trim() || undefined;
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const proto = first(req.headers['x-forwarded-proto']) ?? (encrypted ? 'https' : 'http');
  const host = first(req.headers['x-forwarded-host']) ?? req.headers.host ?? 'localhost';
  return `${proto === 'https' ? 'https' : 'http'}://${host}`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(name: string, manifest: Record<string, unknown>, action: string, env: RegistrationEnv): string {
  const hook = (manifest.hook_attributes as { url: string }).url;
  const where = env.GH_ORG?.trim() ? `the organisation ${env.GH_ORG.trim()}` : 'your user account';
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Register ${escapeHtml(name)}</title></head>
<body>
<h1>Register ${escapeHtml(name)} as a GitHub App</h1>
<p>GitHub creates the app from <code>app.yml</code> on ${escapeHtml(where)} (set <code>GH_ORG</code> and restart to
register it on an organisation), with this webhook URL: <code>${escapeHtml(hook)}</code>.</p>
<p>${
    env.WEBHOOK_PROXY_URL?.trim()
      ? 'Forward that smee.io channel to this server while you develop (<code>npx smee-client --url …</code>).'
      : 'GitHub must be able to reach that address: for local development, set <code>WEBHOOK_PROXY_URL</code> to a smee.io channel and restart; otherwise change the webhook URL in the app&#39;s settings later.'
  }</p>
<form action="${escapeHtml(action)}" method="post">
<input type="hidden" name="manifest" value="${escapeHtml(JSON.stringify(manifest))}">
<button type="submit">Register GitHub App</button>
</form>
</body>
</html>
`;
}

/**
 * `.env` with `values` set: an existing `KEY=` line is replaced, a missing key appended, every other line (the
 * comments of `.env.example`) kept. The key is written as Probot writes it: in double quotes, `\n` for line breaks
 * (docs/deploy.md turns that into what Docker's --env-file takes).
 */
export function withEnvValues(text: string, values: Record<string, string>): string {
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  for (const [key, raw] of Object.entries(values)) {
    const value = key === 'PRIVATE_KEY' ? `"${raw.replace(/\r?\n/g, '\\n')}"` : raw;
    const at = lines.findIndex((l) => l.startsWith(`${key}=`));
    if (at >= 0) lines[at] = `${key}=${value}`;
    else lines.push(`${key}=${value}`);
  }
  return `${lines.join('\n')}\n`;
}

interface Conversion {
  id: number;
  pem: string;
  webhook_secret: string | null;
  client_id: string;
  client_secret: string;
  html_url: string;
}

export interface RegistrationOptions {
  env: RegistrationEnv;
  /** Where app.yml is read and `.env` written. */
  cwd: string;
  port: number;
  host: string;
  webhookPath: string;
  /** The app's name when app.yml has none. */
  name?: string;
  /** For tests: GitHub's API. */
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

/** Serves the registration page; resolves with the server once it listens. */
export async function startRegistrationServer(o: RegistrationOptions): Promise<Server> {
  const log = o.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const doFetch = o.fetch ?? fetch;
  // the form carries this and GitHub sends it back: a code arriving without it did not come from this page
  const state = randomBytes(16).toString('hex');
  const appYml = (): Record<string, unknown> =>
    (parseYaml(readFileSync(join(o.cwd, 'app.yml'), 'utf8')) as Record<string, unknown> | null) ?? {};

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://registration.invalid');
    if (req.method !== 'GET') return void res.writeHead(405, { allow: 'GET' }).end();
    if (url.pathname === '/')
      return void res.writeHead(302, { location: '/probot', 'content-type': 'text/plain' }).end('/probot');
    if (url.pathname === '/probot') {
      const yml = appYml();
      const manifest = registrationManifest(
        { name: o.name, ...yml },
        {
          env: o.env,
          baseUrl: baseUrlOf(req),
          webhookPath: o.webhookPath,
        },
      );
      const html = page(String(manifest.name ?? 'the app'), manifest, createAppUrl(o.env, state), o.env);
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    }
    if (url.pathname === '/probot/setup') {
      const code = url.searchParams.get('code') ?? '';
      const given = Buffer.from(url.searchParams.get('state') ?? '');
      if (given.length !== state.length || !timingSafeEqual(given, Buffer.from(state)))
        return void res
          .writeHead(400, { 'content-type': 'text/plain' })
          .end(
            'This registration was not started from this server (restarted since?): open /probot again.\n',
          );
      if (!/^[\w-]{1,200}$/.test(code))
        return void res.writeHead(400, { 'content-type': 'text/plain' }).end('code missing or invalid\n');
      const answer = await doFetch(`${apiBase(o.env)}/app-manifests/${code}/conversions`, {
        method: 'POST',
        headers: { accept: 'application/vnd.github+json', 'user-agent': 'dockreview-registration' },
      });
      if (!answer.ok) {
        log(`registration: GitHub answered ${answer.status} to the manifest conversion`);
        return void res
          .writeHead(502, { 'content-type': 'text/plain' })
          .end(`GitHub answered ${answer.status}: open /probot and register again.\n`);
      }
      const app = (await answer.json()) as Conversion;
      const path = join(o.cwd, '.env');
      let text = '';
      try {
        text = readFileSync(path, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      writeFileSync(
        path,
        withEnvValues(text, {
          APP_ID: String(app.id),
          PRIVATE_KEY: app.pem,
          WEBHOOK_SECRET: app.webhook_secret ?? '',
          GITHUB_CLIENT_ID: app.client_id,
          GITHUB_CLIENT_SECRET: app.client_secret,
        }),
        { mode: 0o600 },
      );
      log(`registration: app ${app.id} created; its credentials are in ${path}: restart the server`);
      return void res
        .writeHead(302, { location: `${app.html_url}/installations/new`, 'content-type': 'text/plain' })
        .end();
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log(`registration: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: o.port, host: o.host }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  log(
    `dockreview has no credentials yet (APP_ID, PRIVATE_KEY): open http://${o.host === '0.0.0.0' ? 'localhost' : o.host}:${port} to register it as a GitHub App`,
  );
  return server;
}
