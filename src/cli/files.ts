/** Turns the CLI's path arguments (files, directories, globs) into the container files to lint. */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chosenKind, detectKind } from '../lint/engine.js';
import type { FileKind } from '../lint/types.js';

export interface Target {
  path: string;
  kind: FileKind;
}

export interface Collected {
  targets: Target[];
  /** Arguments that named nothing readable, with the reason. */
  problems: { path: string; message: string }[];
  /** Files of a kind this version does not lint (Compose, for now): noted, not an error. */
  skipped: { path: string; kind: FileKind }[];
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.venv', '__pycache__']);
const GLOB_CHARS = /[*?[\]{}]/;

/** `cwd` is where relative arguments and globs are resolved (the CLI's `io.cwd`, not necessarily the process's). */
export async function collectTargets(
  args: readonly string[],
  kinds: ReadonlySet<FileKind>,
  cwd: string = process.cwd(),
): Promise<Collected> {
  const seen = new Set<string>();
  const targets: Target[] = [];
  const problems: Collected['problems'] = [];
  const skipped: Collected['skipped'] = [];
  const add = (path: string, kind: FileKind): void => {
    if (seen.has(path)) return;
    seen.add(path);
    targets.push({ path, kind });
  };
  for (const arg of args) {
    let stat;
    try {
      stat = statSync(resolve(cwd, arg));
    } catch {
      stat = null;
    }
    if (stat?.isDirectory()) {
      for (const path of walk(resolve(cwd, arg))) {
        const kind = detectKind(path);
        if (kind && kinds.has(kind)) add(path, kind);
      }
    } else if (stat?.isFile()) {
      // a file named explicitly is linted whatever its name: Compose by its name, a Dockerfile otherwise
      const kind = chosenKind(arg);
      if (kinds.has(kind)) add(resolve(cwd, arg), kind);
      else skipped.push({ path: arg, kind });
    } else if (GLOB_CHARS.test(arg)) {
      const { glob } = await import('tinyglobby');
      const matches = (
        await glob(arg, {
          cwd,
          absolute: true,
          ignore: ['**/node_modules/**', '**/.git/**'],
          dot: true,
        })
      ).sort();
      if (matches.length === 0) problems.push({ path: arg, message: 'no file matches this pattern' });
      for (const m of matches) {
        const kind = chosenKind(m);
        if (kinds.has(kind)) add(m, kind);
        else skipped.push({ path: m, kind });
      }
    } else {
      problems.push({ path: arg, message: 'no such file or directory' });
    }
  }
  return { targets, problems, skipped };
}

function* walk(dir: string): Generator<string> {
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    const subdirs: string[] = [];
    for (const e of entries) {
      const path = join(current, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) subdirs.push(path);
      } else if (e.isFile()) yield path;
    }
    stack.push(...subdirs.reverse());
  }
}
