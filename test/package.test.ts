/**
 * The package as a user installs it: `npm pack`, then a global install of the tarball into a temporary prefix, run
 * in an empty folder holding one Dockerfile. The published package is the bundled CLI (bundle/cli.cjs and its two
 * WebAssembly files) and the files it reads: no runtime dependency, so the install is small and offline.
 */
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'dockreview-package-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function sh(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    // the user's npm settings and cache stay out of it, but a warm cache is not needed: nothing is downloaded
    env: { ...process.env, npm_config_cache: join(tmp, 'cache'), NO_COLOR: '1', ...env },
  });
  if (r.error) throw r.error;
  return r;
}

function size(path: string): number {
  const st = lstatSync(path);
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((n, name) => n + size(join(path, name)), 0);
}

describe('npm pack, then a global install of the tarball', { timeout: 180_000 }, () => {
  it('installs no dependency, weighs under 40 MB, and `dockreview lint` works in an empty folder', () => {
    const pack = sh('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], ROOT);
    expect(pack.status).toBe(0);
    const [{ filename, files }] = JSON.parse(pack.stdout) as [
      { filename: string; files: { path: string }[] },
    ];
    // the CLI and what it reads; no tsc output, no server
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['bin/dockreview.js', 'bundle/cli.cjs', 'bundle/tree-sitter.wasm']),
    );
    expect(paths.filter((p) => p.startsWith('dist/') || p === 'bundle/action.js')).toEqual([]);

    const prefix = join(tmp, 'prefix');
    const project = join(tmp, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'Dockerfile'), 'FROM alpine:3.19\nRUN apk add curl\n');
    const install = sh(
      'npm',
      [
        'install',
        '-g',
        '--prefix',
        prefix,
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        join(tmp, filename),
      ],
      project,
    );
    expect(install.status).toBe(0);
    expect(install.stdout).toMatch(/added 1 package/);
    expect(install.stderr).not.toMatch(/install-scripts|EBADENGINE/);
    expect(size(prefix)).toBeLessThan(40 * 1024 * 1024);

    const lint = sh(join(prefix, 'bin/dockreview'), ['lint', '--format', 'json'], project, {
      PATH: process.env.PATH ?? '',
    });
    expect(lint.stderr).toBe('');
    expect(lint.status).toBe(0);
    const report = JSON.parse(lint.stdout) as { files: { path: string; findings: { rule: string }[] }[] };
    expect(report.files.map((f) => f.path)).toEqual(['Dockerfile']);
    expect(report.files[0]!.findings.map((f) => f.rule)).toContain('apk-no-cache');
    // a config file, validated against the schema the package ships (ajv is inside the bundle)
    writeFileSync(join(project, '.hadolint.yaml'), 'ignored: [DL3019]\n');
    expect(sh(join(prefix, 'bin/dockreview'), ['lint'], project).stdout).not.toContain('apk-no-cache');
    writeFileSync(join(project, '.hadolint.yaml'), 'ignored: DL3019\n');
    const invalid = sh(join(prefix, 'bin/dockreview'), ['lint'], project);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/^dockreview: .*\.hadolint\.yaml/);
    // the files it reads beside the bundle: the rule pages and the version
    expect(sh(join(prefix, 'bin/dockreview'), ['explain', 'DL3019'], project).stdout).toMatch(
      /^# apk-no-cache/,
    );
    expect(sh(join(prefix, 'bin/dockreview'), ['--version'], project).stdout.trim()).toMatch(
      /^\d+\.\d+\.\d+/,
    );
  });
});
