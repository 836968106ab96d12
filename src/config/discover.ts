/** Finds the config files that apply to a directory: the nearest `.github/dockreview.yml` and `.hadolint.yaml`. */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, defaultConfig, loadConfigFile, type Config } from './config.js';

const DOCKREVIEW_NAMES = [
  '.github/dockreview.yml',
  '.github/dockreview.yaml',
  '.dockreview.yml',
  '.dockreview.yaml',
];
const HADOLINT_NAMES = ['.hadolint.yaml', '.hadolint.yml'];

export interface FoundConfig {
  dockreview: string | null;
  hadolint: string | null;
}

/** Walks up from `start` to the repository root (a folder holding `.git`) or the filesystem root. */
export function findConfigFiles(start: string): FoundConfig {
  let dir = resolve(start);
  try {
    if (!statSync(dir).isDirectory()) dir = dirname(dir);
  } catch {
    dir = dirname(dir);
  }
  const found: FoundConfig = { dockreview: null, hadolint: null };
  for (;;) {
    found.dockreview ??= DOCKREVIEW_NAMES.map((n) => join(dir, n)).find((p) => existsSync(p)) ?? null;
    found.hadolint ??= HADOLINT_NAMES.map((n) => join(dir, n)).find((p) => existsSync(p)) ?? null;
    if ((found.dockreview && found.hadolint) || existsSync(join(dir, '.git'))) break;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return found;
}

/**
 * The config for linting from `start`: an explicit file (a dockreview.yml or a .hadolint.yaml), or else the
 * nearest of each, hadolint's applied first so dockreview's settings win.
 */
export function resolveConfig(start: string, explicit?: string): Config {
  let config = defaultConfig();
  if (explicit) {
    if (!existsSync(explicit)) throw new ConfigError(explicit, null, 'config file not found');
    return loadConfigFile(config, explicit);
  }
  const found = findConfigFiles(start);
  const own = found.dockreview ? loadConfigFile(config, found.dockreview) : null;
  if (!found.hadolint || own?.hadolint === false) return own ?? config;
  config = loadConfigFile(config, found.hadolint);
  // dockreview's own settings are applied last, so they win over hadolint's
  return found.dockreview ? loadConfigFile(config, found.dockreview) : config;
}
