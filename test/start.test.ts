/**
 * `npm start` (`node dist/server.js`) on a machine with no credentials: it must serve Probot's registration page (to
 * create the app from app.yml), not crash, as `probot run` does; and, as there, refuse to start in production.
 * Runs the real server on a free loopback port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
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
    // the manifest posted to GitHub comes from app.yml
    expect(html).toContain('dockreview');
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
