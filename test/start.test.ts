/**
 * `npm start` (`node dist/server.js`) on a machine with no credentials: it must serve Probot's registration page (to
 * create the app from app.yml), not crash, as `probot run` does; and, as there, refuse to start in production.
 * With credentials but no usable WEBHOOK_SECRET it must refuse production too (Probot would verify deliveries with
 * its public default), and warn elsewhere. Runs the real server on a free loopback port.
 */
import { generateKeyPairSync } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function poll(url: string, until: number): Promise<Response> {
  let last: unknown;
  while (Date.now() < until) {
    try {
      return await fetch(url, { redirect: 'manual' });
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error(`no answer from ${url}: ${String(last)}`);
}

let child: ChildProcess | undefined;

/** The manifest the registration page's form posts to GitHub. */
function manifestOf(html: string): Record<string, unknown> {
  const value = /name="manifest" value="([^"]*)"/.exec(html)?.[1];
  expect(value, html).toBeDefined();
  return JSON.parse(value!.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))) as Record<
    string,
    unknown
  >;
}

afterAll(() => {
  if (child?.exitCode === null) child.kill('SIGKILL');
});

/** A clean environment: no APP_ID, PRIVATE_KEY or WEBHOOK_SECRET. */
function cleanEnv(port: number, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

describe('npm start without credentials', () => {
  it('serves the registration page instead of crashing', async () => {
    const port = await freePort();
    // the working directory is the package's: Probot's setup reads app.yml and package.json from it
    child = spawn(process.execPath, [join(ROOT, 'dist/server.js')], {
      cwd: ROOT,
      env: cleanEnv(port),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    let exited: number | null = null;
    const exit = new Promise<number | null>((resolve) =>
      child!.on('exit', (code) => {
        exited = code;
        resolve(code);
      }),
    );

    const until = Date.now() + 15_000;
    const root = await poll(`http://127.0.0.1:${port}/`, until);
    expect(exited, output).toBeNull();
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/probot');

    const page = await poll(`http://127.0.0.1:${port}/probot`, until);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Register GitHub App');
    // the manifest posted to GitHub comes from app.yml, and gives GitHub the path the server takes webhooks on
    const manifest = manifestOf(html);
    expect(manifest).toMatchObject({
      name: 'dockreview',
      default_permissions: { checks: 'write', contents: 'read' },
      hook_attributes: { url: `http://127.0.0.1:${port}/api/github/webhooks` },
      redirect_url: `http://127.0.0.1:${port}/probot/setup`,
    });
    expect(exited, output).toBeNull();

    // no review can be running: a stop signal just closes it
    child.kill('SIGTERM');
    expect(await exit, output).toBe(0);
  }, 30_000);

  it('refuses to start in production, saying what is missing', async () => {
    const port = await freePort();
    const run = spawn(process.execPath, [join(ROOT, 'dist/server.js')], {
      cwd: ROOT,
      env: cleanEnv(port, { NODE_ENV: 'production' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    run.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    run.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => run.on('exit', resolve));
    expect(code, output).toBe(1);
    expect(output).toContain('App ID is missing');
  }, 30_000);
});

describe('npm start with credentials but no usable WEBHOOK_SECRET', () => {
  const key = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  }).privateKey;
  // a working directory of its own: the server reads .env from it, and a developer's .env must not set the secret
  const cwd = mkdtempSync(join(tmpdir(), 'dockreview-start-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  function start(env: NodeJS.ProcessEnv, port: number) {
    const run = spawn(process.execPath, [join(ROOT, 'dist/server.js')], {
      cwd,
      env: cleanEnv(port, { APP_ID: '123', PRIVATE_KEY: key, ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = { stdout: '', stderr: '' };
    run.stdout?.on('data', (d: Buffer) => (out.stdout += d.toString()));
    run.stderr?.on('data', (d: Buffer) => (out.stderr += d.toString()));
    const exit = new Promise<number | null>((resolve) => run.on('exit', resolve));
    return { run, out, exit };
  }

  for (const [label, secret] of [
    ['unset', undefined],
    ['empty', ''],
    ["Probot's default", 'development'],
  ] as const)
    it(`refuses to start in production when it is ${label}, with one line naming it`, async () => {
      const { out, exit } = start(
        { NODE_ENV: 'production', ...(secret !== undefined ? { WEBHOOK_SECRET: secret } : {}) },
        await freePort(),
      );
      expect(await exit, out.stderr).toBe(1);
      const lines = `${out.stdout}${out.stderr}`.split('\n').filter((l) => l.trim() !== '');
      expect(lines, out.stderr).toHaveLength(1);
      expect(lines[0]).toContain('WEBHOOK_SECRET');
      expect(lines[0]).not.toMatch(/\bat /);
    }, 30_000);

  it('starts outside production, with a warning that names it', async () => {
    const port = await freePort();
    const server = start({ LOG_FORMAT: 'json' }, port);
    child = server.run;
    const healthz = await poll(`http://127.0.0.1:${port}/healthz`, Date.now() + 15_000);
    expect(healthz.status, server.out.stdout).toBe(200);
    const warning = server.out.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string })
      .find((l) => l.msg.includes('WEBHOOK_SECRET'));
    expect(warning, server.out.stdout).toMatchObject({ level: 40 });
    expect(warning!.msg).toContain('forge');
    server.run.kill('SIGTERM');
    expect(await server.exit).toBe(0);
  }, 30_000);
});
