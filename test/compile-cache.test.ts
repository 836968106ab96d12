/**
 * bin/dockreview.js keeps the compiled code of the CLI bundle between runs (a small lint's start-up is mostly
 * compiling it). On Node 20 the binary does it with V8's code cache in the user's cache folder; on Node 22.1 and
 * later Node's own compile cache does, and the binary writes nothing of its own. Whatever the cache holds — nothing,
 * a valid cache, garbage, a folder it cannot write — the output is the same.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin/dockreview.js');
const SMALL = join(ROOT, 'fixtures/cli/small/Dockerfile');
/** Node 22.1+ caches through `module.enableCompileCache`; the binary's own V8 cache is the Node 20 path. */
const NODE_CACHES = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';

let home: string;
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'dockreview-cache-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

function lint(cacheHome: string, env: Record<string, string> = {}): string {
  const r = spawnSync(process.execPath, [BIN, 'lint', '--format', 'json', '--fail-on', 'never', SMALL], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: cacheHome, NODE_COMPILE_CACHE: '', ...env },
    timeout: 60_000,
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

const cacheFiles = (cacheHome: string): string[] => {
  try {
    return readdirSync(join(cacheHome, 'dockreview'));
  } catch {
    return [];
  }
};

describe(`the CLI's compile cache (${NODE_CACHES ? "Node's own" : "the binary's V8 code cache"})`, () => {
  it('gives the same findings without a cache, with one, and with a corrupt one', () => {
    const cacheHome = join(home, 'fresh');
    const first = lint(cacheHome);
    expect(
      (JSON.parse(first) as { files: { findings: unknown[] }[] }).files[0]!.findings.length,
    ).toBeGreaterThan(0);
    if (NODE_CACHES) {
      expect(cacheFiles(cacheHome)).toEqual([]);
      expect(lint(cacheHome)).toBe(first);
      return;
    }
    const files = cacheFiles(cacheHome);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^cli-.*\.v8cache$/);
    const file = join(cacheHome, 'dockreview', files[0]!);
    // private to the user: another user must not be able to plant code for this one to run
    expect(statSync(join(cacheHome, 'dockreview')).mode & 0o077).toBe(0);
    expect(statSync(file).mode & 0o077).toBe(0);
    // from the cache: V8 accepts it, so it is not written again (a rejected cache is rewritten at exit)
    const written = statSync(file, { bigint: true }).mtimeNs;
    expect(lint(cacheHome)).toBe(first);
    expect(lint(cacheHome)).toBe(first);
    expect(statSync(file, { bigint: true }).mtimeNs).toBe(written);
    writeFileSync(file, Buffer.alloc(4096, 0x5a)); // garbage: V8 rejects it, the run compiles and writes it again
    expect(lint(cacheHome)).toBe(first);
    expect(statSync(file).size).toBeGreaterThan(100_000);
    expect(cacheFiles(cacheHome)).toEqual(files);
  });

  it('runs the same where the cache folder cannot be written, and writes nothing when turned off', () => {
    const readOnly = join(home, 'read-only');
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o500);
    const off = join(home, 'off');
    const expected = lint(join(home, 'reference'));
    try {
      expect(lint(readOnly)).toBe(expected);
    } finally {
      chmodSync(readOnly, 0o700);
    }
    if (process.getuid?.() !== 0) expect(cacheFiles(readOnly)).toEqual([]); // root writes anyway
    expect(lint(off, { DOCKREVIEW_COMPILE_CACHE: '0' })).toBe(expected);
    expect(cacheFiles(off)).toEqual([]);
  });
});
