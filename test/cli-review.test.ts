/**
 * `dockreview review --base <ref>`: the comments and check-run summary the app would post for the local diff, from a
 * real git repository made in a temp folder (git runs with argv, never through a shell).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type Io } from '../src/cli/main.js';

let repo: string;

function git(...args: string[]): void {
  execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
}

async function review(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    isTTY: false,
    cwd: repo,
    env: {},
    readStdin: () => '',
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'dockreview-review-'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'test');
  // Debian 10's dash forks even a lone command, so the shell-form CMD below stays PID 1: a warning, a comment
  writeFileSync(join(repo, 'Dockerfile'), 'FROM debian:10-slim\nUSER 1000\nCMD ["sleep", "1"]\n');
  writeFileSync(join(repo, '.github-placeholder'), '');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  git('checkout', '-q', '-b', 'feature');
  writeFileSync(
    join(repo, 'Dockerfile'),
    'FROM debian:10-slim\nRUN apt-get update && apt-get install -y curl=7.88.1-10 && rm -rf /var/lib/apt/lists/*\nUSER 1000\nCMD sleep 1\n',
  );
  git('commit', '-q', '-am', 'change');
});

afterAll(() => {
  if (repo) rmSync(repo, { recursive: true, force: true });
});

describe('dockreview review --base', () => {
  it('prints the comments on changed lines, with suggestions, and the check run the app would post', async () => {
    const r = await review(['review', '--base', 'main']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Review comments \(\d+\):/);
    // the changed RUN's missing --no-install-recommends is info, below the default `comment_on: warning`: a nitpick
    expect(r.stdout).not.toContain('── Dockerfile:2 ──');
    expect(r.stdout).toContain('Review body:\n\n✅ dockreview found nothing that blocks the merge.');
    expect(r.stdout).toMatch(
      /<details><summary>Nitpicks: .*<\/summary>\n\n(- .*\n)*- 🔵 `Dockerfile` line 2 · \[`apt-no-install-recommends`\]/,
    );
    // the shell-form CMD on the changed line 4
    expect(r.stdout).toContain('── Dockerfile:4 ──');
    expect(r.stdout).toContain('```suggestion\nCMD ["sleep", "1"]\n```');
    // nothing on the unchanged lines 1 and 3, and the fingerprints stay hidden
    expect(r.stdout).not.toMatch(/── Dockerfile:[13] ──/);
    expect(r.stdout).not.toContain('dockreview:fingerprint');
    expect(r.stdout).toContain('Check run `dockreview`: success');
    expect(r.code).toBe(0);
  });

  it('--format json gives the plan', async () => {
    const r = await review(['review', '--base', 'main', '--format', 'json']);
    const plan = JSON.parse(r.stdout) as {
      version: number;
      conclusion: string;
      comments: { path: string; line: number }[];
      files: string[];
    };
    expect(plan.version).toBe(1);
    expect(plan.files).toEqual(['Dockerfile']);
    expect(plan.comments.every((c) => c.path === 'Dockerfile' && (c.line === 2 || c.line === 4))).toBe(true);
    expect(plan.conclusion).toBe('success');
  });

  it('exits 1 when the check run would fail', async () => {
    writeFileSync(join(repo, '.github-placeholder'), '');
    const r = await review(['review', '--base', 'main', '--format', 'json']);
    expect(r.code).toBe(0);
    execFileSync('git', ['checkout', '-q', '-b', 'failing'], { cwd: repo });
    // a port out of range: an error (MAINTAINER, which this used, builds fine and is only info now)
    writeFileSync(join(repo, 'Dockerfile'), 'FROM debian:12-slim\nEXPOSE 70000\nUSER 1000\n');
    git('commit', '-q', '-am', 'port out of range');
    const f = await review(['review', '--base', 'main']);
    expect(f.stdout).toContain('Check run `dockreview`: failure');
    expect(f.code).toBe(1);
  });

  it('a missing --base or an unknown ref is a usage error', async () => {
    expect((await review(['review'])).code).toBe(2);
    const bad = await review(['review', '--base', 'no-such-ref']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no-such-ref');
  });

  it("git failures are told in the user's terms, one line, never as a git command line", async () => {
    const bad = await review(['review', '--base', 'no-such-ref']);
    expect(bad.stderr).toBe(
      'dockreview: `no-such-ref` is not a branch, tag or commit of this repository (for a remote branch, `git fetch` it first, then pass e.g. `origin/main`)\n',
    );
    const outside = mkdtempSync(join(tmpdir(), 'dockreview-not-a-repo-'));
    try {
      let stderr = '';
      const io: Io = {
        stdout: () => {},
        stderr: (s) => (stderr += s),
        isTTY: false,
        cwd: outside,
        env: {},
        readStdin: () => '',
      };
      expect(await main(['review', '--base', 'main'], io)).toBe(2);
      expect(stderr).toMatch(
        /^dockreview: this folder is not in a git repository: run `dockreview review` in your checkout/,
      );
      expect(stderr).not.toMatch(/rev-parse|--show-toplevel/);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
