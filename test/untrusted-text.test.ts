/**
 * What a linted file holds never acts on the terminal: a binary file is named and skipped, never shown; control
 * characters and bidirectional overrides from paths, messages and config keys are escaped in text output.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintWorkspace } from '../src/action/workspace.js';
import { lintIn } from './helpers/cli.js';
import type { JsonReport } from '../src/report/json.js';
import { escapeControl, formatText } from '../src/report/text.js';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function repo(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'dockreview-untrusted-'));
  temps.push(root);
  mkdirSync(join(root, '.git'));
  for (const [rel, content] of Object.entries(files)) writeFileSync(join(root, rel), content);
  return root;
}

const lint = lintIn;

/** No raw control character but newline and tab, no bidirectional override. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** A "Dockerfile" that is binary: a NUL byte, then bytes that would wreck a terminal if printed. */
const BINARY = Buffer.concat([
  Buffer.from('FROM alpine\n\0'),
  Buffer.from('\u001b]0;pwned\u0007\u001b[2JMAINTAINER SECRETBYTES\n'),
]);

describe('binary files', () => {
  it('are skipped with one line naming them, never their bytes; the rest is linted', async () => {
    const root = repo({ Dockerfile: BINARY, 'app.Dockerfile': 'FROM ubuntu\nEXPOSE 70000\n' });
    for (const format of ['text', 'json']) {
      const r = await lint(root, ['-f', format]);
      expect(r.stderr).toBe(
        'dockreview: Dockerfile: skipped: a binary file (a NUL byte in its first 8 KiB), not linted\n',
      );
      for (const out of [r.stdout, r.stderr]) {
        expect(out).not.toContain('SECRETBYTES');
        expect(out).not.toMatch(CONTROL);
      }
      if (format === 'json')
        expect((JSON.parse(r.stdout) as JsonReport).files.map((f) => f.path)).toEqual(['app.Dockerfile']);
      // findings elsewhere still decide the exit code; the binary file is no error
      expect(r.code).toBe(1);
    }
  });

  it('named explicitly, or on standard input, the same', async () => {
    const root = repo({ 'blob.bin': BINARY });
    const named = await lint(root, ['blob.bin']);
    expect(named.stderr).toBe(
      'dockreview: blob.bin: skipped: a binary file (a NUL byte in its first 8 KiB), not linted\n',
    );
    expect(named.stdout).not.toContain('SECRETBYTES');
    const piped = await lint(root, ['-'], BINARY.toString('utf8'));
    expect(piped.stderr).toBe(
      'dockreview: Dockerfile: skipped: a binary file (a NUL byte in its first 8 KiB), not linted\n',
    );
    expect(piped.stdout).not.toContain('SECRETBYTES');
  });

  it('a NUL byte after the first 8 KiB does not make a file binary', async () => {
    const text = `FROM ubuntu\nMAINTAINER me\n${'# padding\n'.repeat(900)}\0\n`;
    const root = repo({ Dockerfile: text });
    const r = await lint(root, ['-f', 'json']);
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as JsonReport).files.map((f) => f.path)).toEqual(['Dockerfile']);
  });

  it("the Action's workspace lint names a binary file and does not lint it", async () => {
    const root = repo({ Dockerfile: BINARY });
    const { files } = await lintWorkspace(root, undefined, {});
    expect(files).toEqual([
      {
        path: 'Dockerfile',
        kind: 'dockerfile',
        text: null,
        findings: [],
        error: 'skipped: a binary file (a NUL byte in its first 8 KiB), not linted',
      },
    ]);
  });
});

describe('control characters in text output', () => {
  it('escapeControl writes C0/C1 controls and bidi overrides as escapes, keeps tab and everything else', () => {
    expect(escapeControl('a\u001b[2Jb\nc\rd\u0007e\u009bf\u202eg\u2066h\ti é 日本')).toBe(
      'a\\x1b[2Jb\\x0ac\\x0dd\\x07e\\x9bf\\u202eg\\u2066h\ti é 日本',
    );
    expect(escapeControl('plain')).toBe('plain');
  });

  it('formatText escapes paths, messages, rules, aliases and errors, so every finding stays one line', () => {
    const out = formatText(
      [
        {
          path: 'evil\u001b]0;title\u0007/Dockerfile',
          kind: 'dockerfile',
          findings: [
            {
              rule: 'no-latest-tag',
              aliases: ['DL3007\u001b[31m'],
              severity: 'warning',
              message: 'image `x\u001b[2J\nFAKE:1:1 error` has no tag',
              line: 1,
              column: 1,
              endLine: 1,
              endColumn: 2,
              span: { start: 0, end: 1 },
            },
          ],
        },
        { path: 'b\u202eDockerfile', kind: 'dockerfile', findings: [], error: 'cannot read \u001b[2J' },
      ],
      { color: false },
    );
    expect(out).not.toMatch(CONTROL);
    expect(out).toContain(
      'evil\\x1b]0;title\\x07/Dockerfile:1:1 warning no-latest-tag (DL3007\\x1b[31m) image `x\\x1b[2J\\x0aFAKE:1:1 error` has no tag',
    );
    expect(out).toContain('b\\u202eDockerfile');
    expect(out.split('\n').filter((l) => l.startsWith('FAKE'))).toEqual([]);
  });

  it('a file name with an escape sequence is escaped in the report and in notes', async () => {
    const root = repo({
      'x\u001b[2J.Dockerfile': 'FROM ubuntu\nEXPOSE 70000\n',
      'y\u001b[2J.Dockerfile': BINARY,
    });
    const r = await lint(root, []);
    expect(r.stdout).toContain('x\\x1b[2J.Dockerfile:2:8 error expose-valid-port');
    expect(r.stderr).toBe(
      'dockreview: y\\x1b[2J.Dockerfile: skipped: a binary file (a NUL byte in its first 8 KiB), not linted\n',
    );
    expect(r.stdout + r.stderr).not.toMatch(CONTROL);
  });

  it('a config key with control characters is escaped in the config error', async () => {
    const root = repo({ Dockerfile: 'FROM alpine:3.20\n' });
    mkdirSync(join(root, '.github'));
    writeFileSync(join(root, '.github/dockreview.yml'), '"bad\\e[2Jkey": 1\n');
    const r = await lint(root, []);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown key `bad\\x1b[2Jkey`');
    expect(r.stderr).not.toMatch(CONTROL);
  });
});
