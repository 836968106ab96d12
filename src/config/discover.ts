/** Finds the config files that apply to a directory: the nearest `.github/dockreview.yml` and `.hadolint.yaml`. */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
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
  return settle(walkUp(startDir(start), null));
}

function startDir(start: string): string {
  const dir = resolve(start);
  try {
    return statSync(dir).isDirectory() ? dir : dirname(dir);
  } catch {
    return dirname(dir);
  }
}

/** The nearest file of each kind, or the error refusing it (thrown only when it is the one that applies). */
interface Walked {
  dockreview: string | ConfigError | null;
  hadolint: string | ConfigError | null;
}

function settle(walked: Walked): FoundConfig {
  if (walked.dockreview instanceof ConfigError) throw walked.dockreview;
  if (walked.hadolint instanceof ConfigError) throw walked.hadolint;
  return { dockreview: walked.dockreview, hadolint: walked.hadolint };
}

/**
 * The walk of `findConfigFiles` from `dir`. With `memo`, each folder is looked at once for a whole run: what a folder
 * finds from itself upwards is kept, so a sibling's walk stops where it meets a folder already walked.
 */
function walkUp(dir: string, memo: Map<string, Walked> | null): Walked {
  const known = memo?.get(dir);
  if (known) return known;
  const found: Walked = {
    dockreview: firstIn(dir, DOCKREVIEW_NAMES),
    hadolint: firstIn(dir, HADOLINT_NAMES),
  };
  const up = dirname(dir);
  if (!(found.dockreview && found.hadolint) && !existsSync(join(dir, '.git')) && up !== dir) {
    const above = walkUp(up, memo);
    found.dockreview ??= above.dockreview;
    found.hadolint ??= above.hadolint;
  }
  memo?.set(dir, found);
  return found;
}

function firstIn(dir: string, names: readonly string[]): string | ConfigError | null {
  const path = names.map((n) => join(dir, n)).find((p) => existsSync(p));
  if (path === undefined) return null;
  try {
    refuseOutside(path, dir);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
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
  if (explicit) return loadExplicit(explicit);
  return loadFound(findConfigFiles(start));
}

function loadExplicit(explicit: string): Config {
  if (!existsSync(explicit)) throw new ConfigError(explicit, null, 'config file not found');
  return loadConfigFile(defaultConfig(), explicit);
}

function loadFound(found: FoundConfig): Config {
  let config = defaultConfig();
  let own: Config | null = null;
  let ownError: ConfigError | null = null;
  try {
    own = found.dockreview ? loadConfigFile(config, found.dockreview) : null;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    ownError = err;
  }
  // an invalid dockreview.yml does not hide the .hadolint.yaml's problems: both files' are said at once (unless it
  // says `hadolint: false`, when that file is not read at all)
  if (!found.hadolint || own?.hadolint === false || (ownError && optsOutOfHadolint(found.dockreview!))) {
    if (ownError) throw ownError;
    return own ?? config;
  }
  try {
    config = loadConfigFile(config, found.hadolint);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    throw ownError ? ConfigError.merge([ownError, err]) : err;
  }
  if (ownError) throw ownError;
  // dockreview's own settings are applied last, so they win over hadolint's
  return found.dockreview ? loadConfigFile(config, found.dockreview) : config;
}

/** Whether an invalid dockreview config still plainly says `hadolint: false`. */
function optsOutOfHadolint(path: string): boolean {
  try {
    const data = parseYaml(readFileSync(path, 'utf8'), { maxAliasCount: 100 }) as unknown;
    return typeof data === 'object' && data !== null && (data as { hadolint?: unknown }).hadolint === false;
  } catch {
    return false;
  }
}

/**
 * `resolveConfig` for the many folders of one run (the CLI over a tree): each folder is walked once, and each pair
 * of config files found is read and parsed once. Every call returns a config of its own, free to change. For one run
 * only: a config file changed meanwhile is not read again.
 */
export function configResolver(explicit?: string): (start: string) => Config {
  const walked = new Map<string, Walked>();
  const loaded = new Map<string, Config>();
  return (start) => {
    const found: FoundConfig | null = explicit ? null : settle(walkUp(startDir(start), walked));
    const key = found ? `${found.dockreview ?? ''}\0${found.hadolint ?? ''}` : '';
    let config = loaded.get(key);
    if (!config) {
      // an invalid config throws each time it is asked for, for each file it applies to to say so
      config = found ? loadFound(found) : loadExplicit(explicit!);
      loaded.set(key, config);
    }
    return structuredClone(config);
  };
}
