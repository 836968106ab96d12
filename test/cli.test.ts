/**
 * The `dockreview` command line, run in-process through `main(argv, io)` with a fake `io`: every flag, exit
 * codes, path handling (files, directories, globs, stdin), config discovery and the example end to end.
 * Each test works in its own temp directory holding copies of `fixtures/cli/`.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type Io } from '../src/cli/main.js';
import { ALL_RULES } from '../src/lint/rules/index.js';
import type { JsonReport } from '../src/report/json.js';
import { EXAMPLE_FIXED, EXAMPLE_FIXED_UNSAFE } from './helpers/example.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/cli/', import.meta.url));
const ROOT = fileURLToPath(new URL('../', import.meta.url));

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh temp "repository" (it has a `.git/`, so config discovery stops there and never sees the real /tmp)
 * holding copies of the named fixture directories.
 */
function sandbox(...dirs: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'dockreview-cli-'));
  temps.push(root);
  mkdirSync(join(root, '.git'));
  for (const dir of dirs) cpSync(join(FIXTURES, dir), join(root, dir), { recursive: true });
  return root;
}

/**
 * The walk fixture plus what git cannot keep in fixtures/ (a nested `.git/`; `node_modules/` is git-ignored):
 * Dockerfiles in both that the walk must skip.
 */
function treeSandbox(): string {
  const root = sandbox('tree');
  for (const dir of ['tree/node_modules/pkg', 'tree/.git', 'tree/web/node_modules/dep']) {
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, 'Dockerfile'), 'FROM ubuntu\nMAINTAINER x\n');
  }
  return root;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  isTTY?: boolean;
  env?: Record<string, string | undefined>;
  stdin?: string;
}

async function run(cwd: string, argv: string[], options: RunOptions = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    isTTY: options.isTTY ?? false,
    cwd,
    env: options.env ?? {},
    readStdin: () => {
      if (options.stdin === undefined) throw new Error('this test gives no standard input');
      return options.stdin;
    },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

function report(r: Run): JsonReport {
  return JSON.parse(r.stdout) as JsonReport;
}

/** `line severity rule` of every finding of a file, in report order. */
function brief(r: Run | JsonReport, path?: string): string[] {
  const doc = 'files' in r ? r : report(r);
  const file = path === undefined ? doc.files[0] : doc.files.find((f) => f.path === path);
  if (!file) throw new Error(`no file ${path} in the report`);
  return file.findings.map((f) => `${f.line} ${f.severity} ${f.rule}`);
}

const rulesOf = (r: Run | JsonReport, path?: string): string[] => brief(r, path).map((s) => s.split(' ')[2]!);

const ESC = '\u001b[';

describe('the issue example (fixtures/cli/bar/Dockerfile)', () => {
  const REQUIRED = [
    '1 info prefer-slim-base',
    '4 warning dependency-layer-order',
    '5 info apt-no-install-recommends',
    '5 warning apt-clean-lists',
    '6 info pip-no-cache-dir',
    '7 warning no-secrets-in-arg-env',
    '8 info exec-form',
    '1 info require-user',
  ];

  it('reports every problem the issue lists, on the right lines', async () => {
    const root = sandbox('bar');
    const r = await run(root, ['lint', '--format', 'json', 'bar/Dockerfile']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0); // nothing reaches the default threshold, `error`
    expect(brief(r)).toEqual(expect.arrayContaining(REQUIRED));
    // the ENV secret is the one that comes from the ARG, and says so
    const env = report(r).files[0]!.findings.find((f) => f.rule === 'no-secrets-in-arg-env' && f.line === 7);
    expect(env?.message).toContain('NPM_TOKEN');
  });

  it('prints them as `path:line:col severity rule message` lines in text', async () => {
    const root = sandbox('bar');
    const r = await run(root, ['lint', 'bar/Dockerfile']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('bar/Dockerfile');
    for (const want of REQUIRED) {
      const [line, severity, rule] = want.split(' ');
      expect(
        lines.some((l) => l.startsWith(`bar/Dockerfile:${line}:`) && l.includes(` ${severity} ${rule} `)),
      ).toBe(true);
    }
    expect(r.stdout).not.toContain(ESC);
    expect(r.stdout).toMatch(/^\d+ problems \(\d+ warnings?, \d+ info\)$/m);
    expect(r.stdout).toContain('3 fixable with `--fix`, 2 more with `--fix-unsafe`');
  });

  it('--fix writes the safe fixes in place and reports what remains', async () => {
    const root = sandbox('bar');
    const r = await run(root, ['lint', '--fix', '--format', 'json', 'bar/Dockerfile']);
    expect(readFileSync(join(root, 'bar/Dockerfile'), 'utf8')).toBe(EXAMPLE_FIXED);
    expect(r.stderr).toBe('dockreview: bar/Dockerfile: applied 3 fixes\n');
    expect(r.code).toBe(0);
    const left = rulesOf(r);
    for (const fixed of ['apt-clean-lists', 'pip-no-cache-dir', 'exec-form'])
      expect(left).not.toContain(fixed);
    // suggestions are not applied by --fix: they are still reported, with their fix
    expect(left).toEqual(expect.arrayContaining(['prefer-slim-base', 'apt-no-install-recommends']));
    expect(
      report(r)
        .files[0]!.findings.filter((f) => f.fix)
        .every((f) => !f.fix!.safe),
    ).toBe(true);
  });

  it('--fix-unsafe also applies the suggestions', async () => {
    const root = sandbox('bar');
    const r = await run(root, ['lint', '--fix-unsafe', '--format', 'json', 'bar/Dockerfile']);
    const fixed = EXAMPLE_FIXED_UNSAFE;
    expect(readFileSync(join(root, 'bar/Dockerfile'), 'utf8')).toBe(fixed);
    expect(r.stderr).toBe('dockreview: bar/Dockerfile: applied 5 fixes\n');
    const left = report(r).files[0]!.findings;
    expect(left.filter((f) => f.fix)).toEqual([]);
    for (const gone of [
      'prefer-slim-base',
      'apt-no-install-recommends',
      'apt-clean-lists',
      'pip-no-cache-dir',
      'exec-form',
    ])
      expect(left.map((f) => f.rule)).not.toContain(gone);
    // what needs a human stays
    expect(left.map((f) => f.rule)).toEqual(
      expect.arrayContaining(['require-user', 'no-secrets-in-arg-env', 'dependency-layer-order']),
    );

    // a second run is a no-op: the fixed file is a fixed point
    const again = await run(root, ['lint', '--fix-unsafe', 'bar/Dockerfile']);
    expect(again.stderr).toBe('');
    expect(readFileSync(join(root, 'bar/Dockerfile'), 'utf8')).toBe(fixed);
  });

  it('--fix leaves a clean file untouched and says nothing about it', async () => {
    const root = sandbox('clean');
    const before = readFileSync(join(root, 'clean/Dockerfile'), 'utf8');
    const r = await run(root, ['lint', '--fix', 'clean']);
    expect(r).toEqual({ code: 0, stdout: 'No problems in 1 file.\n', stderr: '' });
    expect(readFileSync(join(root, 'clean/Dockerfile'), 'utf8')).toBe(before);
  });

  it('--fix refuses standard input', async () => {
    const r = await run(sandbox(), ['lint', '--fix', '-'], { stdin: 'FROM alpine\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--fix cannot write back to standard input');
  });
});

describe('--format json', () => {
  it('prints exactly one JSON document with the documented shape', async () => {
    const root = sandbox('bar', 'clean');
    const r = await run(root, ['lint', '-f', 'json', 'bar', 'clean']);
    const doc = report(r); // JSON.parse of the whole stdout: one document, nothing around it
    expect(r.stdout.endsWith('}\n')).toBe(true);
    expect(Object.keys(doc)).toEqual(['version', 'files']);
    expect(doc.version).toBe(1);
    expect(doc.files.map((f) => [f.path, f.kind, f.findings.length > 0])).toEqual([
      ['bar/Dockerfile', 'dockerfile', true],
      ['clean/Dockerfile', 'dockerfile', false],
    ]);
    for (const f of doc.files[0]!.findings) {
      expect(Object.keys(f)).toEqual([
        'rule',
        'aliases',
        'severity',
        'message',
        'line',
        'column',
        'endLine',
        'endColumn',
        ...(f.fix ? ['fix'] : []),
      ]);
      if (f.fix) {
        expect(Object.keys(f.fix)).toEqual(['description', 'safe', 'edits']);
        for (const e of f.fix.edits) expect(Object.keys(e)).toEqual(['start', 'end', 'text']);
      }
    }
    const pip = doc.files[0]!.findings.find((f) => f.rule === 'pip-no-cache-dir')!;
    expect(pip).toMatchObject({
      aliases: ['DL3042'],
      severity: 'info',
      line: 6,
      column: 5,
      fix: { safe: true, edits: [{ text: ' --no-cache-dir' }] },
    });
    // the edit is an offset into the original text
    const text = readFileSync(join(root, 'bar/Dockerfile'), 'utf8');
    expect(text.slice(0, pip.fix!.edits[0]!.start)).toMatch(/RUN pip install$/);
  });

  it('is deterministic: the same input gives byte-identical output', async () => {
    const root = treeSandbox();
    const a = await run(root, ['lint', '-f', 'json', 'tree']);
    const b = await run(root, ['lint', '-f', 'json', 'tree']);
    expect(a.stdout).toBe(b.stdout);
  });
});

describe('paths', () => {
  const WALKED = [
    'tree/Dockerfile',
    'tree/a.Dockerfile',
    'tree/api/Dockerfile.dev',
    'tree/web/Containerfile',
    'tree/web/app.Dockerfile',
  ];

  it('walks a directory for Dockerfiles in a fixed order, skipping node_modules and .git', async () => {
    const root = treeSandbox();
    const r = await run(root, ['lint', '-f', 'json', 'tree']);
    expect(r.stderr).toBe('');
    expect(report(r).files.map((f) => f.path)).toEqual(WALKED);
  });

  it('lints the working directory when no path is given', async () => {
    const root = treeSandbox();
    const r = await run(join(root, 'tree'), ['lint', '-f', 'json']);
    expect(report(r).files.map((f) => f.path)).toEqual(WALKED.map((p) => p.slice('tree/'.length)));
  });

  it('expands a glob against the working directory, skipping node_modules and .git', async () => {
    const root = treeSandbox();
    const r = await run(root, ['lint', '-f', 'json', 'tree/**/*Dockerfile*']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(report(r).files.map((f) => f.path)).toEqual([
      'tree/Dockerfile',
      'tree/a.Dockerfile',
      'tree/api/Dockerfile.dev',
      'tree/web/app.Dockerfile',
    ]);
  });

  it('a glob without `**` matches at its own depth only, as a shell would', async () => {
    const root = treeSandbox();
    const top = await run(root, ['lint', '-f', 'json', 'tree/*.Dockerfile']);
    expect(report(top).files.map((f) => f.path)).toEqual(['tree/a.Dockerfile']);
    const second = await run(root, ['lint', '-f', 'json', 'tree/*/*.Dockerfile']);
    expect(report(second).files.map((f) => f.path)).toEqual(['tree/web/app.Dockerfile']);
  });

  it('a glob that matches nothing is an input error', async () => {
    const root = treeSandbox();
    const r = await run(root, ['lint', 'tree/**/*.nothing']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('tree/**/*.nothing: no file matches this pattern');
  });

  it('lints a file named explicitly whatever its name', async () => {
    const root = sandbox('small');
    cpSync(join(root, 'small/Dockerfile'), join(root, 'small/build.txt'));
    const r = await run(root, ['lint', '-f', 'json', 'small/build.txt']);
    expect(report(r).files.map((f) => [f.path, f.kind])).toEqual([['small/build.txt', 'dockerfile']]);
    expect(rulesOf(r)).toContain('apk-no-cache');
  });

  it('names the same file once, however often it is reached', async () => {
    const root = treeSandbox();
    const r = await run(root, ['lint', '-f', 'json', 'tree/a.Dockerfile', 'tree', 'tree/*.Dockerfile']);
    expect(report(r).files.map((f) => f.path)).toEqual([
      'tree/a.Dockerfile',
      ...WALKED.filter((p) => p !== 'tree/a.Dockerfile'),
    ]);
  });

  it('a missing path: exit 2 with a message, the other files are still linted and reported', async () => {
    const root = sandbox('bar', 'clean');
    const r = await run(root, ['lint', '-f', 'json', 'bar', 'missing/Dockerfile', 'clean/Dockerfile']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('dockreview: missing/Dockerfile: path not found\n');
    const doc = report(r);
    expect(doc.files.map((f) => f.path)).toEqual(['bar/Dockerfile', 'clean/Dockerfile']);
    expect(doc.files[0]!.findings.length).toBeGreaterThan(0);
  });

  it('a missing path in text output still shows the other files', async () => {
    const root = sandbox('errors');
    const r = await run(root, ['lint', 'nope', 'errors']);
    expect(r.code).toBe(2); // unreadable input wins over findings
    expect(r.stderr).toContain('nope: path not found');
    expect(r.stdout).toContain('errors/Dockerfile:2:8 error json-single-quotes');
  });

  it('only missing paths: exit 2, one line each, and no "No problems in 0 files" to read as a clean result', async () => {
    const root = sandbox();
    const r = await run(root, ['lint', 'nope', 'gone/Dockerfile']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('dockreview: nope: path not found\ndockreview: gone/Dockerfile: path not found\n');
    expect(r.stdout).toBe('');
  });

  it('an explicit binary file: exit 0, one line naming it, nothing else', async () => {
    const root = sandbox();
    writeFileSync(
      join(root, 'ls'),
      Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01\0\0'), Buffer.alloc(64, 0x1b)]),
    );
    const r = await run(root, ['lint', 'ls']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'dockreview: ls: skipped: a binary file (a NUL byte in its first 8 KiB), not linted\n',
    );
    expect(r.stdout).toBe('');
  });
});

describe('standard input', () => {
  const BAR = readFileSync(join(FIXTURES, 'bar/Dockerfile'), 'utf8');

  it('`-` lints standard input as `Dockerfile` by default', async () => {
    const r = await run(sandbox(), ['lint', '-f', 'json', '-'], { stdin: BAR });
    expect(report(r).files.map((f) => [f.path, f.kind])).toEqual([['Dockerfile', 'dockerfile']]);
    expect(rulesOf(r)).toEqual(expect.arrayContaining(['pip-no-cache-dir', 'exec-form']));
  });

  it('--stdin-filename names it, and picks the config that applies there', async () => {
    const root = sandbox('configured');
    const r = await run(root, ['lint', '-f', 'json', '--stdin-filename', 'configured/svc/Dockerfile', '-'], {
      stdin: BAR,
    });
    expect(report(r).files[0]!.path).toBe('configured/svc/Dockerfile');
    // configured/.github/dockreview.yml turns DL3015 off and fails on warnings
    expect(rulesOf(r)).not.toContain('apt-no-install-recommends');
    expect(r.code).toBe(1);
  });

  it('mixes with paths', async () => {
    const root = sandbox('clean');
    const r = await run(
      root,
      ['lint', '-f', 'json', 'clean', '-', '--stdin-filename', 'from-stdin.Dockerfile'],
      {
        stdin: 'FROM alpine:3.20\nRUN apk add curl\n',
      },
    );
    expect(report(r).files.map((f) => f.path)).toEqual(['from-stdin.Dockerfile', 'clean/Dockerfile']);
  });
});

describe('config', () => {
  it('finds the nearest .github/dockreview.yml and .hadolint.yaml; dockreview.yml wins', async () => {
    const root = sandbox('configured');
    const r = await run(root, ['lint', '-f', 'json', 'configured/svc']);
    const findings = brief(r);
    expect(findings).not.toContain('5 info apt-no-install-recommends'); // dockreview.yml: DL3015 off
    expect(rulesOf(r)).not.toContain('pip-no-cache-dir'); // .hadolint.yaml: ignored DL3042
    expect(findings).toContain('8 info exec-form'); // .hadolint.yaml says error, dockreview.yml info
    expect(r.code).toBe(1); // dockreview.yml: fail_on warning
  });

  it('does not look above the repository root', async () => {
    // bar/ has no config of its own; the sandbox root has `.git/`, so nothing outside applies
    const root = sandbox('bar');
    const r = await run(root, ['lint', '-f', 'json', 'bar']);
    expect(rulesOf(r)).toEqual(expect.arrayContaining(['apt-no-install-recommends', 'pip-no-cache-dir']));
  });

  it('--config FILE (dockreview.yml): aliases as keys, off, fail_on', async () => {
    const root = sandbox('bar', 'configs');
    const r = await run(root, ['lint', '-f', 'json', '--config', 'configs/strict.yml', 'bar']);
    expect(brief(r)).toContain('8 error exec-form'); // `JSONArgsRecommended: error`
    expect(rulesOf(r)).not.toContain('require-user');
    expect(r.code).toBe(1);
    // the flag beats the file
    const never = await run(root, ['lint', '-c', 'configs/strict.yml', '--fail-on', 'never', 'bar']);
    expect(never.code).toBe(0);
  });

  it('--config FILE (.hadolint.yaml): ignored codes and failure-threshold', async () => {
    const root = sandbox('bar', 'configs');
    const r = await run(root, ['lint', '-f', 'json', '-c', 'configs/.hadolint.yaml', 'bar']);
    const rules = rulesOf(r);
    expect(rules).not.toContain('pip-no-cache-dir');
    expect(rules).not.toContain('apt-no-install-recommends');
    expect(rules).toContain('exec-form');
    expect(r.code).toBe(1); // failure-threshold: warning
    expect(
      (await run(root, ['lint', '-c', 'configs/.hadolint.yaml', '--fail-on', 'error', 'bar'])).code,
    ).toBe(0);
  });

  it('--config replaces discovery', async () => {
    const root = sandbox('configured', 'configs');
    const r = await run(root, ['lint', '-f', 'json', '-c', 'configs/strict.yml', 'configured/svc']);
    expect(rulesOf(r)).toContain('apt-no-install-recommends'); // the discovered dockreview.yml is not read
    expect(rulesOf(r)).toContain('pip-no-cache-dir'); // nor the discovered .hadolint.yaml
  });

  it('a bad --config: exit 2, the message names the file, the line and the key, once', async () => {
    const root = sandbox('bar', 'clean', 'configs');
    const r = await run(root, ['lint', '-f', 'json', '-c', 'configs/bad-key.yml', 'bar', 'clean']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`dockreview: ${join(root, 'configs/bad-key.yml')}:4:1: unknown key \`comment\`\n`);
    // the report still has one entry per file, each saying why it was not linted
    expect(report(r).files.map((f) => [f.path, f.error?.replace(root, '<root>')])).toEqual([
      ['bar/Dockerfile', 'invalid config: <root>/configs/bad-key.yml:4:1: unknown key `comment`'],
      ['clean/Dockerfile', 'invalid config: <root>/configs/bad-key.yml:4:1: unknown key `comment`'],
    ]);
  });

  it('a bad severity in --config names the rule key and its line', async () => {
    const root = sandbox('bar', 'configs');
    const r = await run(root, ['lint', '-c', 'configs/bad-value.yml', 'bar']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-value\.yml:2:14: `rules\.exec-form` must be one of `off`/);
  });

  it('an unknown rule in a config names it and its line', async () => {
    const root = sandbox('bar', 'configs');
    const r = await run(root, ['lint', '-c', 'configs/bad-rule.yml', 'bar']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-rule\.yml:3:3: unknown rule `no-such-rule`/);
  });

  it('a missing --config file is a usage error', async () => {
    const root = sandbox('bar');
    const r = await run(root, ['lint', '-c', 'nowhere.yml', 'bar']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nowhere.yml: config file not found');
  });

  it('a bad config for standard input: reported as its entry, the other files are still linted', async () => {
    const root = sandbox('clean');
    mkdirSync(join(root, 'api/.github'), { recursive: true });
    cpSync(join(FIXTURES, 'configs/bad-value.yml'), join(root, 'api/.github/dockreview.yml'));
    const r = await run(root, ['lint', '-f', 'json', '--stdin-filename', 'api/Dockerfile', '-', 'clean'], {
      stdin: 'FROM alpine:3.20\n',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dockreview\.yml:2:14: `rules\.exec-form` must be one of/);
    const doc = report(r);
    expect(doc.files.map((f) => f.path)).toEqual(['api/Dockerfile', 'clean/Dockerfile']);
    expect(doc.files[0]!.error).toMatch(/^invalid config: .*dockreview\.yml:2:14: /);
    expect(doc.files[1]!.error).toBeUndefined();
  });

  it('a bad discovered config: exit 2; the JSON entry carries the error; files elsewhere are linted', async () => {
    const root = sandbox('bar', 'clean');
    mkdirSync(join(root, 'bar/.github'));
    cpSync(join(FIXTURES, 'configs/bad-key.yml'), join(root, 'bar/.github/dockreview.yml'));
    const r = await run(root, ['lint', '-f', 'json', 'bar', 'clean']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('dockreview.yml:4:1: unknown key `comment`');
    const doc = report(r);
    expect(doc.files[0]).toMatchObject({ path: 'bar/Dockerfile', findings: [] });
    expect(doc.files[0]!.error).toMatch(/dockreview\.yml:4:1: unknown key `comment`/);
    expect(doc.files[1]).toEqual({ path: 'clean/Dockerfile', kind: 'dockerfile', findings: [] });
  });
});

describe('--rule', () => {
  it('ID=off disables a rule, by alias', async () => {
    const root = sandbox('bar');
    const r = await run(root, ['lint', '-f', 'json', '--rule', 'DL3015=off', 'bar']);
    expect(rulesOf(r)).not.toContain('apt-no-install-recommends');
    expect(rulesOf(r)).toContain('apt-clean-lists');
  });

  it('sets a severity, is repeatable, and beats the config file', async () => {
    const root = sandbox('bar', 'configs');
    const r = await run(root, [
      'lint',
      '-f',
      'json',
      '-c',
      'configs/strict.yml',
      '--rule',
      'exec-form=style',
      '--rule',
      'require-user=error',
      '--rule',
      'pip-no-cache-dir=off',
      'bar',
    ]);
    const findings = brief(r);
    expect(findings).toContain('8 style exec-form');
    expect(findings).toContain('1 error require-user');
    expect(rulesOf(r)).not.toContain('pip-no-cache-dir');
    expect(r.code).toBe(1);
  });

  it('an alias shared by several rules sets all of them', async () => {
    const root = sandbox();
    const r = await run(root, ['lint', '-f', 'json', '--rule', 'MultipleInstructionsDisallowed=off', '-'], {
      stdin: 'FROM alpine:3.20\nUSER 1000\nCMD ["a"]\nCMD ["b"]\nENTRYPOINT ["x"]\nENTRYPOINT ["y"]\n',
    });
    expect(rulesOf(r)).not.toContain('single-cmd');
    expect(rulesOf(r)).not.toContain('single-entrypoint');
  });

  it('a ShellCheck code sets that code only: SC2086=off leaves SC2164', async () => {
    const stdin = 'FROM debian:12\nRUN cd /tmp; echo $HOME\n';
    const r = await run(sandbox(), ['lint', '-f', 'json', '--rule', 'SC2086=off', '-'], { stdin });
    const codes = (report(r).files[0]!.findings as { aliases: string[] }[]).flatMap((f) => f.aliases);
    expect(codes).not.toContain('SC2086');
    expect(codes).toContain('SC2164');
  });

  it.each([
    ['nope=error', 'unknown rule `nope`'],
    ['DL3015', '--rule takes ID=SEVERITY'],
    ['=error', '--rule takes ID=SEVERITY'],
    ['DL3015=loud', 'severity must be off, style, info, warning or error, not `loud`'],
  ])('--rule %s is a usage error', async (spec, message) => {
    const root = sandbox('bar');
    const r = await run(root, ['lint', '--rule', spec, 'bar']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });
});

describe('--fail-on and exit codes', () => {
  // small/Dockerfile: one info (apk-no-cache) and one warning (exec-form); errors/Dockerfile: two errors (a VOLUME
  // in single quotes, a port out of range)
  it.each([
    ['errors', [], 1],
    ['errors', ['--fail-on', 'never'], 0],
    ['small', [], 0],
    ['small', ['--fail-on', 'error'], 0],
    ['small', ['--fail-on', 'warning'], 0],
    ['small', ['--fail-on', 'warning', '--rule', 'exec-form=warning'], 1],
    ['small', ['--fail-on', 'info'], 1],
    ['small', ['--fail-on', 'style'], 1],
    ['small', ['--fail-on', 'never'], 0],
    ['small', ['--fail-on', 'warning', '--rule', 'exec-form=off'], 0],
    ['small', ['--fail-on', 'info', '--rule', 'exec-form=off'], 1],
    ['clean', ['--fail-on', 'style'], 0],
  ] as const)('%s %j → %i', async (dir, flags, code) => {
    const root = sandbox(dir);
    expect((await run(root, ['lint', ...flags, dir])).code).toBe(code);
  });

  it('takes fail_on from the config when the flag is absent', async () => {
    const root = sandbox('small');
    mkdirSync(join(root, '.github'));
    writeFileSync(join(root, '.github/dockreview.yml'), 'fail_on: info\nrules:\n  exec-form: off\n');
    expect((await run(root, ['lint', 'small'])).code).toBe(1);
    writeFileSync(join(root, '.github/dockreview.yml'), 'fail_on: never\n');
    expect((await run(root, ['lint', 'small'])).code).toBe(0);
  });

  it('rejects an unknown threshold', async () => {
    const r = await run(sandbox('small'), ['lint', '--fail-on', 'fatal', 'small']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--fail-on must be one of error, warning, info, style, never, not `fatal`');
  });
});

describe('text output and colour', () => {
  it('groups findings under their file, without colour when not on a terminal', async () => {
    const root = sandbox('small');
    const r = await run(root, ['lint', 'small']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('small/Dockerfile');
    expect(lines[1]).toMatch(/^small\/Dockerfile:2:5 info apk-no-cache \(DL3019[^)]*\) `apk add` /);
    expect(lines[2]).toMatch(/^small\/Dockerfile:4:5 info exec-form \(DL3025, JSONArgsRecommended\) `CMD` /);
    expect(lines.slice(3)).toEqual(['', '2 problems (2 info)', '2 fixable with `--fix`', '']);
  });

  it.each([
    ['a terminal', [], { isTTY: true }, true],
    ['a terminal with NO_COLOR', [], { isTTY: true, env: { NO_COLOR: '1' } }, false],
    ['a terminal with --no-color', ['--no-color'], { isTTY: true }, false],
    ['a pipe', [], { isTTY: false }, false],
    ['a pipe with --color', ['--color'], { isTTY: false }, true],
  ] as const)('on %s, colours: %s', async (_what, flags, options, colored) => {
    const root = sandbox('small');
    const r = await run(root, ['lint', ...flags, 'small'], options);
    expect(r.stdout.includes(ESC)).toBe(colored);
    // the text is the same once the colour codes are gone
    // eslint-disable-next-line no-control-regex
    expect(r.stdout.replace(/\u001b\[\d+m/g, '')).toBe((await run(root, ['lint', 'small'])).stdout);
  });
});

describe('--output', () => {
  it('writes the report to a file (relative to the working directory), not to stdout', async () => {
    const root = sandbox('bar');
    const r = await run(root, ['lint', '-f', 'json', '--output', 'report.json', 'bar'], { isTTY: true });
    expect(r.stdout).toBe('');
    const written = JSON.parse(readFileSync(join(root, 'report.json'), 'utf8')) as JsonReport;
    expect(written.files[0]!.path).toBe('bar/Dockerfile');
    expect(r.code).toBe(0);
  });

  it('never colours a file, even from a terminal', async () => {
    const root = sandbox('small');
    await run(root, ['lint', '-o', 'report.txt', 'small'], { isTTY: true });
    const text = readFileSync(join(root, 'report.txt'), 'utf8');
    expect(text).toContain('small/Dockerfile:2:5 info apk-no-cache');
    expect(text).not.toContain(ESC);
  });

  it('an unwritable output is an error with a message, not a crash', async () => {
    const root = sandbox('small');
    const r = await run(root, ['lint', '-o', 'no/such/dir/report.txt', 'small']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot write the report to no/such/dir/report.txt (ENOENT)');
    expect(existsSync(join(root, 'no'))).toBe(false);
  });
});

describe('ShellCheck: the executable and its time limit come from the host, never from config', () => {
  const RUNS = 'FROM debian:12\nRUN echo $HOME\n';

  /** A fake shellcheck that leaves `marker` behind and reports nothing (or sleeps, to test the time limit). */
  function fake(root: string, name: string, body = `echo '{"comments":[]}'`): string {
    const path = join(root, name);
    writeFileSync(path, `#!/bin/sh\ntouch "${path}.ran"\n${body}\n`, { mode: 0o755 });
    return path;
  }

  it('a config that names the executable is an error on its line, and the executable never runs', async () => {
    const root = sandbox();
    const evil = fake(root, 'evil');
    writeFileSync(join(root, 'Dockerfile'), RUNS);
    mkdirSync(join(root, '.github'));
    writeFileSync(
      join(root, '.github/dockreview.yml'),
      `fail_on: never\nrules:\n  shellcheck:\n    shellcheckPath: ${evil}\n`,
    );
    const r = await run(root, ['lint', 'Dockerfile']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '.github/dockreview.yml:4:5: `rules.shellcheck.shellcheckPath` is not read from config files',
    );
    expect(r.stderr).toContain('use `--shellcheck PATH`');
    expect(existsSync(`${evil}.ran`)).toBe(false);
  });

  it('--shellcheck runs that executable; it wins over DOCKREVIEW_SHELLCHECK, which applies without it', async () => {
    const root = sandbox();
    const byFlag = fake(root, 'by-flag');
    const byEnv = fake(root, 'by-env');
    writeFileSync(join(root, 'Dockerfile'), RUNS);
    const env = { DOCKREVIEW_SHELLCHECK: byEnv };
    expect((await run(root, ['lint', '--shellcheck', byFlag, 'Dockerfile'], { env })).code).toBe(0);
    expect([existsSync(`${byFlag}.ran`), existsSync(`${byEnv}.ran`)]).toEqual([true, false]);
    expect((await run(root, ['lint', '--rule', 'shellcheck=error', 'Dockerfile'], { env })).code).toBe(0);
    expect(existsSync(`${byEnv}.ran`)).toBe(true);
  });

  it('--shellcheck-timeout (or DOCKREVIEW_SHELLCHECK_TIMEOUT_MS) is the time limit', async () => {
    const root = sandbox();
    const slow = fake(root, 'slow', 'exec sleep 5');
    writeFileSync(join(root, 'Dockerfile'), RUNS);
    for (const [args, env] of [
      [['--shellcheck-timeout', '150'], { DOCKREVIEW_SHELLCHECK_TIMEOUT_MS: '99999' }],
      [[], { DOCKREVIEW_SHELLCHECK_TIMEOUT_MS: '150' }],
    ] as const) {
      const r = await run(root, ['lint', '-f', 'json', '--shellcheck', slow, ...args, 'Dockerfile'], { env });
      expect(report(r).files[0]!.findings.map((f) => f.message)).toContainEqual(
        expect.stringContaining('did not finish within 150 ms'),
      );
    }
  });

  it('a timeout that is not a positive number of milliseconds is a usage error, before any lint', async () => {
    const root = sandbox('small');
    for (const [args, env, source] of [
      [['--shellcheck-timeout', '0'], {}, '--shellcheck-timeout'],
      [['--shellcheck-timeout=-1'], {}, '--shellcheck-timeout'],
      [[], { DOCKREVIEW_SHELLCHECK_TIMEOUT_MS: 'soon' }, 'DOCKREVIEW_SHELLCHECK_TIMEOUT_MS'],
      [['--shellcheck', ''], {}, '--shellcheck'],
    ] as const) {
      const r = await run(root, ['lint', ...args, 'small'], { env });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`^dockreview: ${source}: must `));
    }
  });
});

describe('usage', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

  it.each([['--version'], ['-v']])('%s prints the package version', async (flag) => {
    expect(await run(sandbox(), [flag])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('--help prints the usage with every lint option', async () => {
    const r = await run(sandbox(), ['--help']);
    expect(r.code).toBe(0);
    for (const word of [
      'dockreview lint',
      'dockreview rules',
      'dockreview explain',
      '--format text|json|sarif',
      '--fix ',
      '--fix-unsafe',
      '--config FILE',
      '--rule ID=SEVERITY',
      '--fail-on LEVEL',
      '--stdin-filename',
      '--color',
      '--output FILE',
      '--shellcheck PATH',
      '--shellcheck-timeout MS',
      'DOCKREVIEW_SHELLCHECK',
      'Exit codes',
    ])
      expect(r.stdout).toContain(word);
  });

  it.each([[['lint', '--help']], [['review', '-h']], [['lint', 'Dockerfile', '--help']]])(
    '%j prints the usage and exits 0',
    async (argv) => {
      const r = await run(sandbox(), argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Options for lint:');
      expect(r.stderr).toBe('');
    },
  );

  it('no command prints the usage and exits 2', async () => {
    const r = await run(sandbox(), []);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Usage:');
  });

  it('an unknown command exits 2 and says so', async () => {
    const r = await run(sandbox(), ['frobnicate']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'dockreview: unknown command `frobnicate` (try `dockreview --help`)\n',
    });
  });

  it.each([
    [
      ['lint', '--bogus'],
      "Unknown option '--bogus'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--bogus\" (try `dockreview --help`)",
    ],
    [['lint', '--format', 'xml'], '--format must be text, json or sarif, not `xml`'],
    [['lint', '--format'], 'argument missing'],
    [['rules', '--format', 'yaml'], '--format must be text or json, not `yaml`'],
  ])('%j is a usage error', async (argv, message) => {
    const r = await run(sandbox(), argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });
});

describe('rules', () => {
  it('prints a table of every rule', async () => {
    const r = await run(sandbox(), ['rules']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^rule +severity +fix +aliases$/);
    expect(lines).toHaveLength(ALL_RULES.length + 1);
    expect(lines.find((l) => l.startsWith('apt-no-install-recommends '))).toMatch(
      /^apt-no-install-recommends +info +suggest +DL3015, DS-0029$/,
    );
    expect(lines.find((l) => l.startsWith('pip-no-cache-dir '))).toMatch(/ info +fix +DL3042$/);
    expect(lines.find((l) => l.startsWith('exec-form '))).toMatch(/^exec-form +warning +fix +/);
  });

  it('--format json lists id, aliases, kind, severity, fixable, summary and docs', async () => {
    const r = await run(sandbox(), ['rules', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { version: number; rules: Record<string, unknown>[] };
    expect(doc.version).toBe(1);
    expect(doc.rules.map((x) => x.id)).toEqual(ALL_RULES.map((x) => x.id));
    for (const rule of doc.rules) {
      expect(Object.keys(rule)).toEqual(['id', 'aliases', 'kind', 'severity', 'fixable', 'summary', 'docs']);
      expect(rule.docs).toMatch(new RegExp(`/docs/rules/${String(rule.id)}\\.md$`));
      expect(existsSync(join(ROOT, 'docs/rules', `${String(rule.id)}.md`))).toBe(true);
    }
    expect(doc.rules.find((x) => x.id === 'exec-form')).toMatchObject({
      aliases: ['DL3025', 'JSONArgsRecommended'],
      kind: 'dockerfile',
      severity: 'warning',
      fixable: 'yes',
    });
  });
});

describe('explain', () => {
  const page = (id: string): string => readFileSync(join(ROOT, 'docs/rules', `${id}.md`), 'utf8').trimEnd();

  it.each([['apt-no-install-recommends'], ['DL3015'], ['dl3015'], ['DS-0029']])(
    'explain %s prints the rule page and its link',
    async (key) => {
      const r = await run(sandbox(), ['explain', key]);
      expect(r.code).toBe(0);
      expect(r.stdout.startsWith(`${page('apt-no-install-recommends')}\n\n`)).toBe(true);
      expect(r.stdout.trimEnd().endsWith('/docs/rules/apt-no-install-recommends.md')).toBe(true);
    },
  );

  it('a ShellCheck code says which rule runs it, links its wiki page, then prints the shellcheck page', async () => {
    for (const key of ['SC2086', 'sc2086']) {
      const r = await run(sandbox(), ['explain', key]);
      expect(r.code).toBe(0);
      expect(r.stdout.startsWith('# SC2086\n\nSC2086 is a ShellCheck check.')).toBe(true);
      expect(r.stdout).toContain("ShellCheck's page for SC2086: https://www.shellcheck.net/wiki/SC2086\n");
      expect(r.stdout).toContain(page('shellcheck'));
    }
  });

  it('Trivy ids in their old and AVD forms', async () => {
    for (const key of ['DS029', 'AVD-DS-0029']) {
      const r = await run(sandbox(), ['explain', key]);
      expect(r.stdout.startsWith(`${page('apt-no-install-recommends')}\n\n`)).toBe(true);
    }
  });

  it('an alias of several rules prints each page', async () => {
    const r = await run(sandbox(), ['explain', 'MultipleInstructionsDisallowed']);
    expect(r.stdout).toContain(page('single-cmd'));
    expect(r.stdout).toContain(page('single-entrypoint'));
  });

  it('an unknown rule exits 2 with a message', async () => {
    const r = await run(sandbox(), ['explain', 'DL9999']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'dockreview: unknown rule `DL9999` (`dockreview rules` lists ids and aliases)\n',
    });
  });

  it('needs exactly one rule', async () => {
    for (const argv of [['explain'], ['explain', 'DL3015', 'DL3042']]) {
      const r = await run(sandbox(), argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('explain takes one rule id or alias');
    }
  });
});
