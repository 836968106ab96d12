import { describe, expect, it } from 'vitest';
import {
  NPM_CI,
  NPM_FETCHING,
  NPM_INSTALL,
  NPM_RUNS_SCRIPTS,
  NPM_UPDATE,
} from '../../src/lint/packages/npm.js';

describe('npm subcommand spellings', () => {
  it('reads aliases and tolerated typos', () => {
    for (const w of ['install', 'i', 'add', 'isntall']) expect(NPM_INSTALL.has(w)).toBe(true);
    for (const w of ['ci', 'ic', 'clean-install', 'install-clean', 'isntall-clean'])
      expect(NPM_CI.has(w)).toBe(true);
    for (const w of ['update', 'up', 'upgrade']) expect(NPM_UPDATE.has(w)).toBe(true);
  });
  it('keeps the lists apart', () => {
    for (const w of NPM_CI) expect(NPM_INSTALL.has(w)).toBe(false);
    for (const w of NPM_RUNS_SCRIPTS) expect(NPM_FETCHING.has(w)).toBe(false);
  });
  it('counts every install, ci and update spelling as filling the cache', () => {
    expect(NPM_FETCHING).toEqual(new Set([...NPM_INSTALL, ...NPM_CI, ...NPM_UPDATE]));
    expect(NPM_FETCHING.has('cache')).toBe(false);
  });
});
