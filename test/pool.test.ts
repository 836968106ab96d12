/**
 * The lint pool: files linted in worker threads, a hard deadline per file (a stuck worker is terminated and
 * replaced), a deadline per batch, and an event loop that stays free meanwhile.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { initLint, lintSource } from '../src/lint/engine.js';
import { LintPool } from '../src/lint/pool.js';
import { clearShellcheckCache } from '../src/lint/shell/shellcheck-process.js';

const pools: LintPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

function pool(options: ConstructorParameters<typeof LintPool>[0] = {}): LintPool {
  const p = new LintPool(options);
  pools.push(p);
  return p;
}

const installed = spawnSync('shellcheck', ['--version'], { stdio: 'ignore' }).status === 0;
const STAND_IN = new URL('./helpers/pool-test-worker.mjs', import.meta.url);
const DOCKERFILE = 'FROM ubuntu\nRUN apt-get install curl\nMAINTAINER me\n';

describe('the real worker', () => {
  it('gives exactly what lintSource gives in-process', async () => {
    await initLint();
    const config = { rules: { shellcheck: { severity: 'off' as const } } };
    const inProcess = lintSource({ path: 'Dockerfile', text: DOCKERFILE, related: new Map() }, config);
    const inWorker = await pool({ size: 1 }).lint(
      { path: 'Dockerfile', text: DOCKERFILE, kind: 'dockerfile', available: new Map() },
      config,
    );
    expect(inWorker.findings.length).toBeGreaterThan(0);
    expect(inWorker).toEqual(inProcess);
  });

  it('reads related files from what the caller fetched (a Dockerfile beside its .dockerignore)', async () => {
    const config = { rules: { 'require-dockerignore': { severity: 'warning' as const } } };
    const text = 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\n';
    const p = pool({ size: 1 });
    const without = await p.lint(
      {
        path: 'app/Dockerfile',
        text,
        kind: 'dockerfile',
        available: new Map([
          ['app/.dockerignore', null],
          ['app/Dockerfile.dockerignore', null],
        ]),
      },
      config,
    );
    const withIgnore = await p.lint(
      {
        path: 'app/Dockerfile',
        text,
        kind: 'dockerfile',
        available: new Map([['app/.dockerignore', '.git\n']]),
      },
      config,
    );
    expect(without.findings.map((f) => f.rule)).toContain('require-dockerignore');
    expect(withIgnore.findings.map((f) => f.rule)).not.toContain('require-dockerignore');
  });

  // without ShellCheck here the batches fail and are redone per file: the count below needs the real one
  it.skipIf(!installed)(
    "lints one review's files together: one ShellCheck process per worker, the results of each file alone",
    async () => {
      await initLint();
      const dir = mkdtempSync(join(tmpdir(), 'dockreview-pool-sc-'));
      const calls = join(dir, 'calls.log');
      const counted = join(dir, 'shellcheck');
      // logs each call, then runs the real ShellCheck
      writeFileSync(counted, `#!/bin/sh\necho "$#" >> '${calls}'\nexec shellcheck "$@"\n`, { mode: 0o755 });
      writeFileSync(calls, '');
      const fixtures = fileURLToPath(new URL('../fixtures/shellcheck/', import.meta.url));
      const files = readdirSync(fixtures)
        .filter((n) => n.endsWith('.Dockerfile'))
        .sort()
        .map((name) => ({ path: name, text: readFileSync(join(fixtures, name), 'utf8') }));
      // one config object for the whole review, as the app passes it
      const config = { rules: { shellcheck: { options: { shellcheckPath: counted } } } };
      const p = pool({ size: 2 });
      const inWorkers = await Promise.all(
        files.map((f) => p.lint({ ...f, kind: 'dockerfile', available: new Map() }, config)),
      );
      const processes = readFileSync(calls, 'utf8').trim().split('\n').length;
      const inProcess = files.map((f) => {
        clearShellcheckCache();
        return lintSource({ ...f, related: new Map() }, config);
      });
      expect(inWorkers).toEqual(inProcess);
      expect(
        inWorkers.flatMap((r) => r.findings).filter((f) => f.rule === 'shellcheck').length,
      ).toBeGreaterThan(0);
      // a group per worker, one process per group
      expect(processes).toBe(2);
    },
  );

  it("finds a Compose file's related paths in the worker", async () => {
    const compose = 'services:\n  web:\n    build: ./web\n';
    expect(await pool({ size: 1 }).relatedPaths('compose.yaml', 'compose', compose)).toEqual([
      'web/Dockerfile',
    ]);
  });
});

describe('deadlines', () => {
  it('stops a file past its deadline, says it was not reviewed, and goes on with a fresh worker', async () => {
    const p = pool({ size: 1, fileDeadlineMs: 1000, workerUrl: STAND_IN });
    const started = performance.now();
    // the event loop is free while the worker spins: a timer fires on time
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    const stuck = await p.lint({ path: 'hang', text: 'RUN x\n', kind: 'dockerfile' }, { rules: {} });
    clearInterval(timer);
    expect(performance.now() - started).toBeLessThan(5000);
    // a 20 ms timer over a 1 s spin: about 50 ticks when the loop is free, none if the spin blocked it
    expect(ticks).toBeGreaterThanOrEqual(5);
    expect(stuck.incomplete).toEqual(['linting it did not finish within 1.0 s, so it was stopped']);
    expect(stuck.findings).toMatchObject([{ rule: 'lint-time-budget', severity: 'error', line: 1 }]);
    expect(p.terminated).toBe(1);
    const next = await p.lint({ path: 'ok', text: 'FROM a\n', kind: 'dockerfile' }, { rules: {} });
    expect(next).toEqual({ path: 'ok', kind: 'dockerfile', findings: [] });
  });

  it('does not start files once the batch deadline has passed', async () => {
    const p = pool({ size: 1, fileDeadlineMs: 10_000, workerUrl: STAND_IN });
    const deadline = performance.now() + 300;
    const [hung, waiting] = await Promise.all([
      p.lint({ path: 'hang', text: '', kind: 'dockerfile' }, { rules: {} }, deadline),
      p.lint({ path: 'queued', text: '', kind: 'dockerfile' }, { rules: {} }, deadline),
    ]);
    expect(hung.incomplete?.[0]).toMatch(/^linting it did not finish within 0\.\d s, so it was stopped$/);
    expect(waiting.incomplete).toEqual(["the review's time ran out before it was linted"]);
    expect(await p.relatedPaths('x', 'compose', '', performance.now() - 1)).toBeNull();
  });

  it('runs files side by side up to its size', async () => {
    // generous: a fresh worker must start within the deadline on a loaded machine
    const p = pool({ size: 2, fileDeadlineMs: 2000, workerUrl: STAND_IN });
    const started = performance.now();
    const results = await Promise.all([
      p.lint({ path: 'hang', text: '', kind: 'dockerfile' }, { rules: {} }),
      p.lint({ path: 'hang', text: '', kind: 'dockerfile' }, { rules: {} }),
      p.lint({ path: 'a', text: '', kind: 'dockerfile' }, { rules: {} }),
    ]);
    // both workers hung at once, then one took the third file
    expect(results.map((r) => r.incomplete !== undefined)).toEqual([true, true, false]);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(p.terminated).toBe(2);
  });
});

describe("one review's files", () => {
  it('a group that hangs is redone file by file: only the file that hangs is not reviewed', async () => {
    // generous: fresh workers must start within the deadline on a loaded machine
    const p = pool({ size: 1, fileDeadlineMs: 2000, workerUrl: STAND_IN });
    const config = { rules: {} };
    const results = await Promise.all(
      ['a', 'hang', 'b'].map((path) => p.lint({ path, text: '', kind: 'dockerfile' }, config)),
    );
    expect(results.map((r) => [r.path, r.incomplete !== undefined])).toEqual([
      ['a', false],
      ['hang', true],
      ['b', false],
    ]);
    // the group's worker, then the hanging file's own
    expect(p.terminated).toBe(2);
  });

  it('a group whose worker dies is redone file by file: only the file that kills it fails', async () => {
    const p = pool({ size: 1, workerUrl: STAND_IN });
    const config = { rules: {} };
    const results = await Promise.allSettled(
      ['a', 'die', 'b'].map((path) => p.lint({ path, text: '', kind: 'dockerfile' }, config)),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});

describe('warming up', () => {
  it('starts every worker at once, and lints on them without starting more', async () => {
    const p = pool({ size: 2, workerUrl: STAND_IN });
    expect(p.workers).toBe(0);
    await p.warm();
    expect(p.workers).toBe(2);
    await Promise.all([
      p.lint({ path: 'a', text: '', kind: 'dockerfile' }, { rules: {} }),
      p.lint({ path: 'b', text: '', kind: 'dockerfile' }, { rules: {} }),
    ]);
    expect(p.workers).toBe(2);
  });
});

describe('failures', () => {
  it('a worker that dies fails only its own file', async () => {
    const p = pool({ size: 1, workerUrl: STAND_IN });
    await expect(p.lint({ path: 'die', text: '', kind: 'dockerfile' }, { rules: {} })).rejects.toThrow(
      /exited with code 3/,
    );
    expect(await p.relatedPaths('a', 'compose', '')).toEqual(['a.related']);
  });

  it('rejects work once closed', async () => {
    const p = pool({ size: 1, workerUrl: STAND_IN });
    await p.close();
    await expect(p.lint({ path: 'a', text: '', kind: 'dockerfile' }, { rules: {} })).rejects.toThrow(
      /closed/,
    );
  });
});
