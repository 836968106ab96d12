/**
 * Finding the files to lint on disk, for the entry points that read a checkout (the CLI, the Action's workspace
 * lint): a confined walk that never reads past the root being linted — a checkout may hold symbolic links to
 * anywhere on the machine (`Dockerfile -> /etc/passwd`), and whatever is linted ends up in a report or a pull
 * request comment — the kinds some rule lints, and reading a file without ever linting or quoting a binary one.
 */
import { readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { ALL_RULES } from '../lint/rules/index.js';
import type { FileKind } from '../lint/types.js';

/** Kinds some rule lints (workspace rules run on Compose files): the others are found but not linted. */
export const LINTED_KINDS: ReadonlySet<FileKind> = new Set<FileKind>(
  ALL_RULES.map((r) => ((r.kind as string) === 'workspace' ? 'compose' : r.kind)) as FileKind[],
);

export const SKIP_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '.venv',
  '__pycache__',
]);

/**
 * Where a path really is, relative to a root whose own real path is taken once: `inside` (after every symbolic
 * link), `outside`, or `missing` (does not exist, or a link that leads nowhere: reading it fails anyway).
 */
export interface Confinement {
  /** The root as given. */
  root: string;
  where(path: string): 'inside' | 'outside' | 'missing';
}

export function confine(root: string): Confinement {
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = resolve(root);
  }
  const prefix = realRoot.endsWith(sep) ? realRoot : `${realRoot}${sep}`;
  return {
    root,
    where(path) {
      let real: string;
      try {
        real = realpathSync(path);
      } catch {
        return 'missing';
      }
      return real === realRoot || real.startsWith(prefix) ? 'inside' : 'outside';
    },
  };
}

/**
 * A reader for the files rules read besides the linted one (`.dockerignore`, the Dockerfiles and Compose files a
 * Compose file names — paths a repository writes): text, null when absent, undefined when unknown. A file outside
 * the root is unknown, as if unreadable: neither its content nor its existence is used.
 */
export function confinedReader(
  base: string,
  confinement: Confinement,
  read: (path: string) => string,
): (path: string) => string | null | undefined {
  return (p) => {
    const abs = resolve(base, p);
    const where = confinement.where(abs);
    if (where === 'outside') return undefined;
    try {
      return read(abs);
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'ENOENT' ? null : undefined;
    }
  };
}

/** What git and grep take for binary: a NUL byte in the first 8 KiB. */
const BINARY_SNIFF = 8192;
export const BINARY_NOTE = 'skipped: a binary file (a NUL byte in its first 8 KiB), not linted';

export function isBinary(content: Buffer | string): boolean {
  return typeof content === 'string'
    ? content.slice(0, BINARY_SNIFF).includes('\0')
    : content.subarray(0, BINARY_SNIFF).includes(0);
}

/** A file to lint, read: its text, or why not — a binary file is never decoded, shown or linted. */
export type ReadResult = { text: string } | { binary: true } | { error: string };

export function readLintable(path: string): ReadResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    return { error: `cannot read file (${(err as NodeJS.ErrnoException).code ?? String(err)})` };
  }
  return isBinary(bytes) ? { binary: true } : { text: bytes.toString('utf8') };
}

/** A file the walk found; `outside` when it is a symbolic link out of the root (not followed, not read). */
export interface WalkEntry {
  path: string;
  outside?: 'file' | 'directory';
}

/**
 * Every regular file under `dir`, depth first in name order, skipping version-control and dependency folders. A
 * symbolic link to a file inside the root is a file like any other; a link to a folder is not walked (a folder
 * inside the root is walked where it really is, which also keeps link cycles out); a link out of the root is
 * yielded as `outside`, for the caller to note. `maxDepth` 1 is `dir`'s own entries only.
 */
export function* walk(
  dir: string,
  confinement: Confinement,
  skipDirs: ReadonlySet<string> = SKIP_DIRS,
  maxDepth = Infinity,
): Generator<WalkEntry> {
  const stack: { dir: string; depth: number }[] = [{ dir, depth: 1 }];
  while (stack.length > 0) {
    const { dir: current, depth } = stack.pop()!;
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
        if (!skipDirs.has(e.name) && depth < maxDepth) subdirs.push(path);
      } else if (e.isFile()) yield { path };
      else if (e.isSymbolicLink()) {
        const where = confinement.where(path);
        if (where === 'missing') continue;
        let target: Stats;
        try {
          target = statSync(path);
        } catch {
          continue;
        }
        if (!target.isFile() && !target.isDirectory()) continue;
        if (where === 'outside') yield { path, outside: target.isDirectory() ? 'directory' : 'file' };
        else if (target.isFile()) yield { path };
      }
    }
    stack.push(...subdirs.reverse().map((d) => ({ dir: d, depth: depth + 1 })));
  }
}
