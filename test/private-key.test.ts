/**
 * The app's private key at start-up: the key Probot writes to `.env` (in quotes, `\n` for line breaks) is what
 * Docker's --env-file and Kubernetes would pass on with its quotes, which Probot accepts and cannot sign with. The
 * server refuses such a key in one line; docs/deploy.md's command turns `.env`'s key into a base64 line that works.
 */
import { execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { privateKeyProblem } from '../src/server/private-key.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PEM = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
}).privateKey;
/** The line Probot's registration writes to `.env`. */
const PROBOT_LINE = `PRIVATE_KEY="${PEM.replace(/\n/g, '\\n')}"`;
/** What Docker's --env-file passes on from that line: everything after `=`, quotes included. */
const FROM_ENV_FILE = PROBOT_LINE.slice('PRIVATE_KEY='.length);

const dir = mkdtempSync(join(tmpdir(), 'dockreview-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('privateKeyProblem', () => {
  it('accepts the key as PEM, PEM with \\n escapes, and base64', () => {
    for (const key of [PEM, PEM.replace(/\n/g, '\\n'), Buffer.from(PEM).toString('base64')])
      expect(privateKeyProblem({ PRIVATE_KEY: key }, dir)).toBeUndefined();
  });

  it("names PRIVATE_KEY, in one line, when the key is .env's copied with its quotes, cut short, or not a key", () => {
    for (const key of [FROM_ENV_FILE, PEM.slice(0, 400), 'not a key']) {
      const problem = privateKeyProblem({ PRIVATE_KEY: key }, dir);
      expect(problem).toMatch(/^PRIVATE_KEY /);
      expect(problem).toContain('docs/deploy.md');
      expect(problem).not.toContain('\n');
    }
  });

  it('leaves a missing key to Probot (its registration page, or its refusal in production)', () => {
    expect(privateKeyProblem({}, dir)).toBeUndefined();
  });
});

describe("docs/deploy.md's command for Docker's --env-file and Kubernetes", () => {
  it('turns the key Probot wrote to .env into one base64 line the server can sign with', () => {
    const doc = readFileSync(join(ROOT, 'docs/deploy.md'), 'utf8');
    const marker = doc.indexOf('<!-- convert-private-key');
    expect(marker).toBeGreaterThanOrEqual(0);
    const command = /```sh\n(.*)\n```/.exec(doc.slice(marker))![1]!;
    const project = mkdtempSync(join(dir, 'project-'));
    writeFileSync(join(project, '.env'), `APP_ID=123\n${PROBOT_LINE}\nWEBHOOK_SECRET=s3cret\n`);
    const out = execFileSync('bash', ['-c', command], { cwd: project, encoding: 'utf8' });
    const [line, ...rest] = out.split('\n');
    expect(rest.join('')).toBe('');
    expect(line).toMatch(/^PRIVATE_KEY=[A-Za-z0-9+/]+=*$/);
    const value = line!.slice('PRIVATE_KEY='.length);
    expect(Buffer.from(value, 'base64').toString()).toBe(PEM);
    expect(privateKeyProblem({ PRIVATE_KEY: value }, project)).toBeUndefined();
  });
});

describe('the server with a key it cannot sign with', () => {
  it('exits 1 before listening, with one line naming PRIVATE_KEY', async () => {
    const run = spawn(process.execPath, [join(ROOT, 'dist/server.js')], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dir,
        NODE_ENV: 'production',
        APP_ID: '123',
        PRIVATE_KEY: FROM_ENV_FILE,
        WEBHOOK_SECRET: 's3cret',
        PORT: '0',
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    run.stdout.on('data', (d: Buffer) => (output += d.toString()));
    run.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => run.on('exit', resolve));
    expect(code, output).toBe(1);
    const lines = output.split('\n').filter((l) => l.trim() !== '');
    expect(lines, output).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^dockreview: PRIVATE_KEY is not a private key the app can sign its GitHub tokens with/,
    );
  }, 60_000);
});
