/** Finds the config files that apply to a directory: the nearest `.github/dockreview.yml` and `.hadolint.yaml`. */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
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
    found.dockreview ??= firstIn(dir, DOCKREVIEW_NAMES);
    found.hadolint ??= firstIn(dir, HADOLINT_NAMES);
    if ((found.dockreview && found.hadolint) || existsSync(join(dir, '.git'))) break;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return found;
}

function firstIn(dir: string, names: readonly string[]): string | null {
  const path = names.map((n) => join(dir, n)).find((p) => existsSync(p));
  if (path === undefined) return null;
  refuseOutside(path, dir);
  return path;
}

/**
 * A config file found in `dir` that is a symbolic link out of it (`.hadolint.yaml -> /etc/passwd`) is refused
 * unread: a config error quotes keys and values, and a checkout's links may point anywhere on the machine.
 */
function refuseOutside(path: string, dir: string): void {
  let real: string;
  let realDir: string;
  try {
    real = realpathSync(path);
    realDir = realpathSync(dir);
  } catch {
    return; // a dangling link: reading it fails, and says so
  }
  if (real === realDir || real.startsWith(realDir.endsWith(sep) ? realDir : realDir + sep)) return;
  throw new ConfigError(path, null, 'a symbolic link to a file outside its folder: not read');
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
