/**
 * A checkout's symbolic links never take dockreview out of the root it lints: the CLI's walk, explicit paths and
 * globs, the files rules read besides the linted one, and the Action's workspace (with a config's
 * `files.include`). Real temporary directories and links; `/etc/passwd` stands for any file on the machine.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintWorkspace } from '../src/action/workspace.js';
import { confine, confinedReader, walk } from '../src/files/discover.js';
import { lintIn, type CliRun as Run } from './helpers/cli.js';
import type { JsonReport } from '../src/report/json.js';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** Content that must never appear in any output: the "secret" outside the root. */
const SECRET = 'TOPSECRET-4242';
const PASSWD = '/etc/passwd';
const passwdHead = existsSync(PASSWD) ? readFileSync(PASSWD, 'utf8').split('\n')[0]! : '';

let outside: string;
beforeAll(() => {
  // a folder outside every root below, holding a Dockerfile whose content must not leak
  outside = mkdtempSync(join(tmpdir(), 'dockreview-outside-'));
  temps.push(outside);
  writeFileSync(join(outside, 'Dockerfile'), `FROM ${SECRET.toLowerCase()}:latest\nMAINTAINER ${SECRET}\n`);
  writeFileSync(join(outside, 'compose.yaml'), `services:\n  ${SECRET}:\n    image: ${SECRET}\n`);
});

/** A temporary repository: `files` maps paths to contents; `links` maps a path to the target of its link. */
function repo(files: Record<string, string>, links: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'dockreview-links-'));
  temps.push(root);
  mkdirSync(join(root, '.git'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  for (const [rel, target] of Object.entries(links)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    symlinkSync(target, join(root, rel));
  }
  return root;
}

const lint = lintIn;

/** Nothing of the outside files is in the output. */
function expectNoLeak(r: Run): void {
  for (const text of [r.stdout, r.stderr]) {
    expect(text).not.toContain(SECRET);
    expect(text.toLowerCase()).not.toContain(SECRET.toLowerCase());
    if (passwdHead) expect(text).not.toContain(passwdHead);
    expect(text).not.toContain('root:x:0:0');
  }
}

const paths = (r: Run): string[] => (JSON.parse(r.stdout) as JsonReport).files.map((f) => f.path);

const GOOD = 'FROM alpine:3.20\nRUN echo hi\n';

describe('dockreview lint: links out of the working directory are skipped with one note', () => {
  it('the walk skips a Dockerfile linked to /etc/passwd and a linked folder outside, naming each once', async () => {
    const root = repo(
      { 'app/Dockerfile': GOOD },
      { Dockerfile: PASSWD, 'vendor/Dockerfile': join(outside, 'Dockerfile'), ext: outside },
    );
    const r = await lint(root, ['-f', 'json']);
    expectNoLeak(r);
    expect(paths(r)).toEqual(['app/Dockerfile']);
    expect(r.stderr.split('\n').filter(Boolean).sort()).toEqual([
      'dockreview: Dockerfile: skipped: a symbolic link to a file outside the working directory, not read',
      'dockreview: ext: skipped: a symbolic link to a directory outside the working directory, not walked',
      'dockreview: vendor/Dockerfile: skipped: a symbolic link to a file outside the working directory, not read',
    ]);
    expect(r.code).toBe(0);
  });

  it('a link whose name is not a container file is passed over in silence', async () => {
    const root = repo({ Dockerfile: GOOD }, { 'notes.txt': PASSWD });
    const r = await lint(root, ['-f', 'json']);
    expect(r.stderr).toBe('');
    expect(paths(r)).toEqual(['Dockerfile']);
  });

  it('an explicit path that is such a link, or goes through one, is skipped unread', async () => {
    const root = repo({}, { Dockerfile: PASSWD, ext: outside });
    for (const arg of ['Dockerfile', 'ext/Dockerfile', 'ext', 'ext/compose.yaml']) {
      const r = await lint(root, ['-f', 'json', arg]);
      expectNoLeak(r);
      expect(paths(r)).toEqual([]);
      expect(r.stderr).toMatch(/^dockreview: .+: skipped: a symbolic link to a (file|directory) outside/);
      expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    }
  });

  it('a glob does not match through links out of the root, and does not walk them', async () => {
    const root = repo({ 'svc/Dockerfile': GOOD }, { 'svc2/Dockerfile': PASSWD, ext: outside });
    const r = await lint(root, ['-f', 'json', '**/Dockerfile']);
    expectNoLeak(r);
    expect(paths(r)).toEqual(['svc/Dockerfile']);
    expect(r.stderr).toContain(
      'svc2/Dockerfile: skipped: a symbolic link to a file outside the working directory',
    );
    expect(r.stderr).toContain('ext: skipped: a symbolic link to a directory outside the working directory');
  });

  it('a glob whose every match is such a link is noted, not reported as matching nothing', async () => {
    const root = repo({}, { Dockerfile: PASSWD });
    const r = await lint(root, ['*Dockerfile']);
    expectNoLeak(r);
    expect(r.stderr).not.toContain('no file matches');
    expect(r.code).toBe(0);
  });

  it('links inside the root still work: a linked file is linted under its own name', async () => {
    const root = repo(
      { 'build/main.dock': 'FROM ubuntu\nMAINTAINER me\n' },
      { Dockerfile: 'build/main.dock', 'web/Dockerfile': '../build/main.dock', alias: 'build' },
    );
    const walked = await lint(root, ['-f', 'json']);
    expect(walked.stderr).toBe('');
    // the linked folder `alias` is not walked again: its files are walked where they are
    expect(paths(walked)).toEqual(['Dockerfile', 'web/Dockerfile']);
    const explicit = await lint(root, ['-f', 'json', 'alias/main.dock', 'Dockerfile']);
    expect(explicit.stderr).toBe('');
    expect(paths(explicit)).toEqual(['alias/main.dock', 'Dockerfile']);
    const globbed = await lint(root, ['-f', 'json', '**/Dockerfile']);
    expect(globbed.stderr).toBe('');
    expect(paths(globbed)).toEqual(['Dockerfile', 'web/Dockerfile']);
    const doc = JSON.parse(explicit.stdout) as JsonReport;
    expect(doc.files[1]!.findings.map((f) => f.rule)).toContain('no-maintainer');
  });

  it('a link cycle inside the root ends the walk', async () => {
    const root = repo({ 'a/Dockerfile': GOOD }, { 'a/loop': '..', 'a/self': '.' });
    const r = await lint(root, ['-f', 'json']);
    expect(r.stderr).toBe('');
    expect(paths(r)).toEqual(['a/Dockerfile']);
  });

  it('a folder named outside the working directory is its own root: links out of it are still refused', async () => {
    const other = repo({ Dockerfile: GOOD }, { 'leak/Dockerfile': PASSWD });
    const cwd = repo({});
    const r = await lint(cwd, ['-f', 'json', other]);
    expectNoLeak(r);
    expect(paths(r)).toEqual([join(other, 'Dockerfile')]);
    expect(r.stderr).toContain('leak/Dockerfile: skipped: a symbolic link to a file outside');
  });

  it('a file named outside the working directory has its related files read in its own folder', async () => {
    const other = repo({ Dockerfile: 'FROM alpine:3.20\nCOPY . /app\n' });
    const cwd = repo({});
    const rules = async () =>
      (
        JSON.parse((await lint(cwd, ['-f', 'json', join(other, 'Dockerfile')])).stdout) as JsonReport
      ).files[0]!.findings.map((f) => f.rule);
    // no .dockerignore there: known to be absent, so the rule speaks
    expect(await rules()).toContain('require-dockerignore');
    writeFileSync(join(other, '.dockerignore'), '.git\n');
    expect(await rules()).not.toContain('require-dockerignore');
  });

  it('the files rules read besides the linted one are not read through links out of the root', async () => {
    // `.dockerignore -> /etc/passwd` and a Compose file that includes and extends files outside
    const root = repo(
      {
        Dockerfile: 'FROM alpine:3.20\nCOPY . /app\n',
        'compose.yaml': `include:\n  - ${join(outside, 'compose.yaml')}\nservices:\n  web:\n    extends:\n      file: ../../../../../../../../${PASSWD}\n      service: x\n    image: nginx:1.27\n`,
      },
      { '.dockerignore': PASSWD },
    );
    const r = await lint(root, ['-f', 'json']);
    expectNoLeak(r);
    expect(paths(r)).toEqual(['Dockerfile', 'compose.yaml']);
  });
});

describe('confinedReader', () => {
  it('reads inside the root; outside is unknown (undefined), whatever the way out; absent is null', () => {
    const root = repo({ 'a.txt': 'A', 'sub/b.txt': 'B' }, { pw: PASSWD, ext: outside });
    const read = confinedReader(root, confine(root), (p) => readFileSync(p, 'utf8'));
    expect(read('a.txt')).toBe('A');
    expect(read('sub/../sub/b.txt')).toBe('B');
    expect(read('missing.txt')).toBeNull();
    for (const p of [
      'pw',
      'ext/Dockerfile',
      PASSWD,
      '../../../../../../../../etc/passwd',
      join(outside, 'Dockerfile'),
    ])
      expect(read(p)).toBeUndefined();
  });

  it('walk yields links out of the root as `outside`, never following them', () => {
    const root = repo(
      { 'x/Dockerfile': GOOD },
      { pw: PASSWD, ext: outside, dangling: join(root0(), 'nope') },
    );
    const entries = [...walk(root, confine(root))].map((e) => [
      e.path.slice(root.length + 1),
      e.outside ?? null,
    ]);
    expect(entries).toEqual([
      ['ext', 'directory'],
      ['pw', 'file'],
      ['x/Dockerfile', null],
    ]);
  });
});

/** A path that never exists, for dangling links. */
function root0(): string {
  return join(tmpdir(), 'dockreview-never-there');
}

describe("the Action's workspace lint", () => {
  it('skips links out of the workspace, from the walk and from files.include, with one note each, unread', async () => {
    const root = repo(
      {
        'app/Dockerfile': GOOD,
        'ci/build.docker': GOOD,
        // (an absolute pattern, `/etc/passwd`, is refused with the config: below)
        '.github/dockreview.yml': `files:\n  include: ['ci/*.docker', 'secrets/*', '../../../../../../../../etc/passwd']\n`,
      },
      { Dockerfile: PASSWD, 'secrets/passwd': PASSWD, ext: outside },
    );
    const { files } = await lintWorkspace(root, undefined, {});
    const leaked = JSON.stringify(files);
    expect(leaked).not.toContain(SECRET);
    if (passwdHead) expect(leaked).not.toContain(passwdHead);
    expect(files.map((f) => [f.path, f.text === null ? f.error : 'linted']).sort()).toEqual([
      ['Dockerfile', 'skipped: a symbolic link to a file outside the workspace, not read'],
      ['app/Dockerfile', 'linted'],
      ['ci/build.docker', 'linted'],
      ['ext', 'skipped: a symbolic link to a directory outside the workspace, not walked'],
      ['secrets/passwd', 'skipped: a symbolic link to a file outside the workspace, not read'],
    ]);
  });

  it('an absolute files.include pattern makes the config invalid: nothing is read', async () => {
    const root = repo(
      { 'app/Dockerfile': GOOD, '.github/dockreview.yml': "files:\n  include: ['/etc/passwd']\n" },
      {},
    );
    await expect(lintWorkspace(root, undefined, {})).rejects.toThrow(
      /dockreview\.yml:2:\d+: the pattern `\/etc\/passwd` in `files.include` starts with `\/`/,
    );
  });

  it('a link out of the workspace that files.exclude leaves out is not noted', async () => {
    const root = repo(
      {
        'app/Dockerfile': GOOD,
        '.github/dockreview.yml': "files:\n  exclude: ['vendor/**', 'Dockerfile']\n",
      },
      { Dockerfile: PASSWD, vendor: outside },
    );
    const { files } = await lintWorkspace(root, undefined, {});
    expect(files.map((f) => [f.path, f.error ?? 'linted'])).toEqual([['app/Dockerfile', 'linted']]);
  });

  it('a link inside the workspace is linted', async () => {
    const root = repo(
      { 'build/Dockerfile.prod': 'FROM ubuntu\nMAINTAINER me\n' },
      { Dockerfile: 'build/Dockerfile.prod' },
    );
    const { files } = await lintWorkspace(root, undefined, {});
    expect(files.map((f) => f.path)).toEqual(['Dockerfile', 'build/Dockerfile.prod']);
    expect(files[0]!.findings.map((f) => f.rule)).toContain('no-maintainer');
  });
});
