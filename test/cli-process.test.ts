/**
 * The real binary, `node bin/dockreview.js`, as a child process (argv, no shell): exit codes, stdout holding
 * exactly one JSON document, standard input. It runs `dist/`, which test/global-setup.ts builds when stale.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonReport } from '../src/report/json.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin/dockreview.js');

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dockreview-bin-'));
  mkdirSync(join(dir, '.git'));
  for (const name of ['bar', 'errors', 'clean']) {
    cpSync(join(ROOT, 'fixtures/cli', name), join(dir, name), { recursive: true });
  }
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function dockreview(
  args: string[],
  input?: string,
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    encoding: 'utf8',
    input: input ?? '',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...env },
    timeout: 30_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the dockreview binary', { timeout: 60_000 }, () => {
  it('--format json on a file: exit 0, stdout is exactly one JSON document', () => {
    const r = dockreview(['lint', '--format', 'json', 'bar/Dockerfile']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as JsonReport; // throws on anything around or after the document
    expect(doc.version).toBe(1);
    expect(doc.files.map((f) => f.path)).toEqual(['bar/Dockerfile']);
    expect(doc.files[0]!.findings.map((f) => f.rule)).toEqual(
      expect.arrayContaining(['prefer-slim-base', 'pip-no-cache-dir', 'exec-form', 'require-user']),
    );
  });

  it('exit 1 when a finding reaches --fail-on, 0 below it', () => {
    expect(dockreview(['lint', 'errors']).status).toBe(1);
    expect(dockreview(['lint', '--fail-on', 'never', 'errors']).status).toBe(0);
    expect(dockreview(['lint', '--fail-on', 'warning', 'bar']).status).toBe(1);
    expect(dockreview(['lint', 'clean']).status).toBe(0);
  });

  it('exit 2 on unreadable input and usage errors, with a message; still one JSON document', () => {
    const r = dockreview(['lint', '-f', 'json', 'clean', 'missing/Dockerfile']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('dockreview: missing/Dockerfile: path not found\n');
    expect((JSON.parse(r.stdout) as JsonReport).files.map((f) => f.path)).toEqual(['clean/Dockerfile']);

    const usage = dockreview(['lint', '--fail-on', 'sometimes']);
    expect(usage.status).toBe(2);
    expect(usage.stdout).toBe('');
    expect(usage.stderr).toContain('--fail-on must be one of');
  });

  it('reads standard input for `-`, and prints its version', () => {
    const r = dockreview(
      ['lint', '-f', 'json', '--stdin-filename', 'api/Dockerfile', '-'],
      'FROM alpine:3.20\nEXPOSE 70000\n',
    );
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout) as JsonReport;
    expect(doc.files[0]!.path).toBe('api/Dockerfile');
    expect(doc.files[0]!.findings.map((f) => f.rule)).toContain('expose-valid-port');

    const version = dockreview(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
  });

  it('takes the ShellCheck executable and time limit from the environment, and rejects a bad time limit', () => {
    const fake = join(dir, 'fake-shellcheck');
    writeFileSync(fake, `#!/bin/sh\ntouch "${fake}.ran"\necho '{"comments":[]}'\n`, { mode: 0o755 });
    writeFileSync(join(dir, 'sc.Dockerfile'), 'FROM debian:12\nRUN echo $HOME\n');
    const r = dockreview(['lint', 'sc.Dockerfile'], undefined, { DOCKREVIEW_SHELLCHECK: fake });
    expect(r.stderr).toBe('');
    expect(existsSync(`${fake}.ran`)).toBe(true);
    const bad = dockreview(['lint', 'sc.Dockerfile'], undefined, { DOCKREVIEW_SHELLCHECK_TIMEOUT_MS: '-3' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(
      'dockreview: DOCKREVIEW_SHELLCHECK_TIMEOUT_MS: must be a whole number of milliseconds from 1 to 2147483647, not `-3`\n',
    );
  });

  it('skips a Dockerfile that is a link to /etc/passwd, with one note and none of its content', () => {
    mkdirSync(join(dir, 'linked'));
    symlinkSync('/etc/passwd', join(dir, 'linked/Dockerfile'));
    const r = dockreview(['lint', 'linked']);
    expect(r.stderr).toBe(
      'dockreview: linked/Dockerfile: skipped: a symbolic link to a file outside the working directory, not read\n',
    );
    expect(r.stdout).not.toContain('root:');
    expect(r.status).toBe(0);
  });
});

describe('a reader that goes away (`dockreview lint | head`)', { timeout: 60_000 }, () => {
  it('stops quietly: no EPIPE stack trace, exit status 0 or 1 as for findings', () => {
    // a report far larger than a pipe's buffer, so writes are still pending when `head` has read its line
    const big = join(dir, 'big');
    mkdirSync(big, { recursive: true });
    writeFileSync(join(big, 'Dockerfile'), `FROM ubuntu\n${'RUN apt-get install curl\n'.repeat(3000)}`);
    const r = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${BIN}" lint --format json big | head -c 100 >/dev/null; echo "status=\${PIPESTATUS[0]}" >&2`,
      ],
      {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
        timeout: 60_000,
      },
    );
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(r.stderr).toMatch(/^status=[01]\n$/);
  });
});
