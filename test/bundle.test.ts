/**
 * The committed bundles (bundle/: action.yml and bin/dockreview.js run them as they are) against the sources: a
 * stale bundle would run yesterday's code on every user's pull request. scripts/bundle.mjs --check is also a step
 * of .ci/run.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'dockreview-bundle-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function check(dir?: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, ['scripts/bundle.mjs', '--check', ...(dir ? [dir] : [])], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe('the committed bundles', { timeout: 180_000 }, () => {
  it('is byte for byte what the sources bundle to (run `npm run bundle` when this fails)', () => {
    const r = check();
    expect(r.out).toContain('bundle/ matches the sources');
    expect(r.status).toBe(0);
  });

  it('a bundle that differs by one byte, or lacks a file, is reported stale by name', () => {
    const copy = join(tmp, 'dist');
    cpSync(join(ROOT, 'bundle'), copy, { recursive: true });
    writeFileSync(join(copy, 'action.js'), '// an older build\n', { flag: 'a' });
    rmSync(join(copy, 'tree-sitter.wasm'));
    const r = check(copy);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/stale \(bundle\/action\.js, bundle\/tree-sitter\.wasm\)/);
  });
});
