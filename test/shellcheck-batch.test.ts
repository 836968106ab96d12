/**
 * Batched ShellCheck (`lintFiles`): many files' RUN scripts go to a few ShellCheck processes, and every file's
 * result must be exactly what linting it alone gives (`lintSource`, one process per file). The files are the
 * representative Dockerfiles of fixtures/shellcheck: dialects (dash, BusyBox ash, bash, ksh, a shell pragma,
 * PowerShell skipped), heredocs, `--mount` secrets, ONBUILD, CRLF and characters outside the BMP before a finding,
 * fixes across line continuations, an ignore pragma, two files sharing a RUN, files without any RUN.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { initLint, lintFiles, lintSource, type FileResult, type LintConfig } from '../src/lint/engine.js';
import { clearShellcheckCache, configureShellcheck } from '../src/lint/shell/shellcheck-process.js';
import type { SourceInput } from '../src/lint/types.js';

const installed = spawnSync('shellcheck', ['--version'], { stdio: 'ignore' }).status === 0;
const FIXTURES = fileURLToPath(new URL('../fixtures/shellcheck/', import.meta.url));
const files: SourceInput[] = readdirSync(FIXTURES)
  .sort()
  .map((name) => ({ path: name, text: readFileSync(join(FIXTURES, name), 'utf8') }));

const dir = mkdtempSync(join(tmpdir(), 'dockreview-sc-batch-'));
/** A ShellCheck that logs each call (one line per process) before running the real one. */
const counted = join(dir, 'shellcheck-counted');
const calls = join(dir, 'calls.log');
writeFileSync(counted, `#!/bin/sh\necho "$#" >> '${calls}'\nexec shellcheck "$@"\n`, { mode: 0o755 });
/** A ShellCheck that fails when given more scripts than one fixture has (as a batch does), and works on fewer. */
const smallOnly = join(dir, 'shellcheck-small-only');
writeFileSync(
  smallOnly,
  `#!/bin/sh\n[ "$#" -gt 12 ] && { echo refused >&2; exit 3; }\nexec shellcheck "$@"\n`,
  {
    mode: 0o755,
  },
);
const sleeper = join(dir, 'shellcheck-that-hangs');
writeFileSync(sleeper, '#!/bin/sh\nexec sleep 5\n', { mode: 0o755 });

const processes = (): number => {
  try {
    return readFileSync(calls, 'utf8').trim().split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
};

const config = (options: Record<string, unknown> = {}): LintConfig => ({
  rules: { shellcheck: { options } },
});

/** Each file alone, from a cold cache each time: what the engine did before batching. */
function alone(cfg: LintConfig): FileResult[] {
  return files.map((f) => {
    clearShellcheckCache();
    return lintSource(f, cfg);
  });
}

async function together(cfg: LintConfig): Promise<FileResult[]> {
  clearShellcheckCache();
  return lintFiles(files.map((input) => ({ input, config: cfg })));
}

// many ShellCheck processes on a machine that may be busy: the bounds are generous, nothing is timed
vi.setConfig({ testTimeout: 240_000, hookTimeout: 120_000 });

beforeAll(async () => {
  await initLint();
});
beforeEach(() => {
  writeFileSync(calls, '');
});
afterAll(() => {
  configureShellcheck();
  clearShellcheckCache();
});

describe('batched ShellCheck without a working binary: the same honest results as one file at a time', () => {
  it('not installed: every file with a RUN says so, none is incomplete', async () => {
    const cfg = config({ shellcheckPath: join(dir, 'no-such-shellcheck') });
    const batched = await together(cfg);
    expect(JSON.stringify(batched)).toBe(JSON.stringify(alone(cfg)));
    const noted = batched.filter((r) =>
      r.findings.some((f) => f.message.includes('ShellCheck is not installed')),
    );
    expect(noted.map((r) => r.path)).toEqual(files.filter((f) => /\nRUN /.test(f.text)).map((f) => f.path));
    expect(batched.every((r) => r.incomplete === undefined)).toBe(true);
  });

  it('timed out: every file with a RUN is incomplete, with the per-file limit in its message', async () => {
    const cfg = config({ shellcheckPath: sleeper, timeoutMs: 200 });
    const batched = await together(cfg);
    expect(JSON.stringify(batched)).toBe(JSON.stringify(alone(cfg)));
    const timedOut = batched.filter((r) =>
      r.incomplete?.includes('ShellCheck did not check its `RUN` scripts (it timed out)'),
    );
    expect(timedOut.length).toBe(files.filter((f) => /\nRUN /.test(f.text)).length);
    expect(timedOut[0]!.findings.some((f) => f.message.includes('did not finish within 200 ms'))).toBe(true);
  });
});

if (!installed) {
  describe('batched ShellCheck (with the binary)', () => {
    it.skip('skipped: `shellcheck` is not on PATH here (CI installs it; `apt-get install -y shellcheck`)', () => {});
  });
} else {
  describe('batched ShellCheck (with the binary)', () => {
    it('gives every file exactly the result it gets alone, byte for byte', async () => {
      const expected = JSON.stringify(alone(config()), null, 1);
      // one process, and several (the scripts then split between them)
      configureShellcheck({ processes: 3 });
      expect(JSON.stringify(await together(config()), null, 1)).toBe(expected);
      configureShellcheck({ processes: 1 });
      const batched = await together(config());
      expect(JSON.stringify(batched, null, 1)).toBe(expected);
      // the fixtures really exercise the rule: findings with fixes, one silenced by a pragma
      const sc = batched.flatMap((r) => r.findings.filter((f) => f.rule === 'shellcheck'));
      expect(sc.length).toBeGreaterThan(30);
      expect(sc.some((f) => f.fix)).toBe(true);
      expect(batched.some((r) => r.suppressed?.some((s) => s.rule === 'shellcheck'))).toBe(true);
    });

    it('runs one ShellCheck process for all the files (one allowed), and none once their scripts are cached', async () => {
      configureShellcheck({ processes: 1 });
      const cfg = config({ shellcheckPath: counted });
      clearShellcheckCache();
      const first = await lintFiles(files.map((input) => ({ input, config: cfg })));
      expect(processes()).toBe(1);
      writeFileSync(calls, '');
      const again = await lintFiles(files.map((input) => ({ input, config: cfg })));
      expect(processes()).toBe(0);
      expect(again).toEqual(first);
      // one process a file, the way it was
      writeFileSync(calls, '');
      alone(cfg);
      expect(processes()).toBe(files.filter((f) => /\nRUN /.test(f.text)).length);
    });

    it('a batch that fails is redone file by file, with the same results', async () => {
      configureShellcheck({ processes: 2 });
      configureShellcheck({ processes: 1 });
      const cfg = config({ shellcheckPath: smallOnly });
      const batched = await together(cfg);
      expect(JSON.stringify(batched)).toBe(JSON.stringify(alone(cfg)));
      expect(JSON.stringify(batched)).toBe(JSON.stringify(alone(config())));
    });

    it('the same file twice in one run: the same findings for both', async () => {
      const one = files.find((f) => f.path === 'debian.Dockerfile')!;
      clearShellcheckCache();
      const [a, b] = await lintFiles([
        { input: one, config: config() },
        { input: { ...one, path: 'copy/Dockerfile' }, config: config() },
      ]);
      expect(b!.findings).toEqual(a!.findings);
      expect(a!.findings.filter((f) => f.rule === 'shellcheck').length).toBeGreaterThan(5);
    });
  });
}
