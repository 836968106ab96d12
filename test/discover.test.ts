/**
 * configResolver: the CLI's config discovery for a whole run (each folder walked once, each config file read once)
 * gives exactly what resolveConfig gives folder by folder, and a config of its own each time.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configResolver, resolveConfig } from '../src/config/discover.js';

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'dockreview-discover-'));
  mkdirSync(join(root, '.git'));
  for (const d of ['a/b/c', 'a/d', 'e/f', 'g']) mkdirSync(join(root, d), { recursive: true });
  writeFileSync(join(root, '.hadolint.yaml'), 'ignored: [DL3008]\n');
  writeFileSync(join(root, 'a', '.dockreview.yml'), 'fail_on: warning\nrules:\n  no-latest-tag: off\n');
  writeFileSync(join(root, 'a/b', '.hadolint.yaml'), 'ignored: [DL3009]\n');
  writeFileSync(join(root, 'e', '.dockreview.yml'), 'hadolint: false\n');
  // a link out of its folder: refused, for the folders it is the nearest config of
  writeFileSync(join(tmpdir(), 'dockreview-discover-outside.yml'), 'fail_on: never\n');
  symlinkSync(join(tmpdir(), 'dockreview-discover-outside.yml'), join(root, 'g', '.dockreview.yml'));
  return root;
}

const outcome = (f: () => unknown): unknown => {
  try {
    return { config: f() };
  } catch (err) {
    return { error: (err as Error).message };
  }
};

describe('configResolver', () => {
  it('gives what resolveConfig gives, folder by folder, in any order', () => {
    const root = tree();
    const dirs = ['a/b/c', 'a', 'a/d', 'e/f', 'e', '', 'a/b', 'g', 'a/b/c'].map((d) => join(root, d));
    const resolver = configResolver();
    for (const dir of dirs) expect(outcome(() => resolver(dir))).toEqual(outcome(() => resolveConfig(dir)));
    expect(outcome(() => resolver(join(root, 'g')))).toMatchObject({
      error: expect.stringContaining('outside'),
    });
  });

  it('hands out a config of its own each time: changing one does not change the next', () => {
    const root = tree();
    const resolver = configResolver();
    const first = resolver(join(root, 'a/d'));
    first.rules['pin-base-image'] = { severity: 'off' };
    expect(resolver(join(root, 'a')).rules['pin-base-image']).toBeUndefined();
  });

  it('an explicit file applies to every folder', () => {
    const root = tree();
    const explicit = join(root, 'a', '.dockreview.yml');
    const resolver = configResolver(explicit);
    expect(resolver(join(root, 'e/f'))).toEqual(resolveConfig(join(root, 'e/f'), explicit));
    expect(outcome(() => configResolver(join(root, 'missing.yml'))(root))).toEqual(
      outcome(() => resolveConfig(root, join(root, 'missing.yml'))),
    );
  });
});
