/**
 * `npm start` (`probot run ./dist/app.js`) on a machine with no credentials: it must serve Probot's registration
 * page (to create the app from app.yml), not crash. Runs the real server on a free loopback port.
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
  child?.kill('SIGTERM');
});

describe('npm start without credentials', () => {
  it('serves the registration page instead of crashing', async () => {
    const port = await freePort();
    // a clean environment: no APP_ID, PRIVATE_KEY or WEBHOOK_SECRET
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    };
    child = spawn(
      process.execPath,
      [join(ROOT, 'node_modules/probot/bin/probot.js'), 'run', './dist/app.js'],
      {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    let exited: number | null = null;
    child.on('exit', (code) => (exited = code));

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
  }, 30_000);
});
