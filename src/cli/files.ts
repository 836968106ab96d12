/**
 * Turns the CLI's path arguments (files, directories, globs) into the container files to lint, never reading past
 * the root being linted: a checkout may hold symbolic links to anywhere on the machine (`Dockerfile ->
 * /etc/passwd`), and whatever is linted ends up in a report or a pull request comment.
 */
import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { compileGlob } from '../lint/glob.js';
import { chosenKind, detectKind } from '../lint/engine.js';
import type { FileKind } from '../lint/types.js';

export interface Target {
  path: string;
  kind: FileKind;
  /** The root it was found under: the files rules read besides it must stay inside that root too. */
  root: string;
}

/** A symbolic link (or a path through one) whose real path is outside the root: never read. */
export interface Refused {
  path: string;
  /** What the link points at, so the note can say so: a file, or a folder that was not walked. */
  what: 'file' | 'directory';
  /** The root it leaves. */
  root: string;
}

export interface Collected {
  targets: Target[];
  /** Arguments that named nothing readable, with the reason. */
  problems: { path: string; message: string }[];
  /** Files of a kind this version does not lint (Compose, for now): noted, not an error. */
  skipped: { path: string; kind: FileKind }[];
  /** Symbolic links out of the root, skipped unread: noted, not an error. */
  refused: Refused[];
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.venv', '__pycache__']);
const GLOB_CHARS = /[*?[\]{}]/;

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

/**
 * The root an argument is confined to: the working directory when the argument is in it (as the path is written,
 * before links), else the argument's own folder (for a file, the folder holding it) — a path outside the working
 * directory is the user's own choice, but the links found there are still not followed further out.
 */
function rootFor(cwd: string, abs: string, isDir: boolean): string {
  const rel = relative(cwd, abs);
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) return cwd;
  return isDir ? abs : dirname(abs);
}

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
  const refused: Refused[] = [];
  const add = (path: string, kind: FileKind, root: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    targets.push({ path, kind, root });
  };
  for (const arg of args) {
    const abs = resolve(cwd, arg);
    let stat: Stats | null;
    try {
      stat = statSync(abs);
    } catch {
      stat = null;
    }
    if (stat?.isDirectory()) {
      const confinement = confine(rootFor(cwd, abs, true));
      if (confinement.where(abs) === 'outside') {
        refused.push({ path: abs, what: 'directory', root: confinement.root });
        continue;
      }
      for (const entry of walk(abs, confinement)) {
        const kind = detectKind(entry.path);
        if (entry.outside) {
          // a link out of the root is named when it would have been linted, or is a folder that was not walked
          if (entry.outside === 'directory' || (kind && kinds.has(kind)))
            refused.push({ path: entry.path, what: entry.outside, root: confinement.root });
        } else if (kind && kinds.has(kind)) add(entry.path, kind, confinement.root);
      }
    } else if (stat?.isFile()) {
      const confinement = confine(rootFor(cwd, abs, false));
      if (confinement.where(abs) === 'outside') {
        refused.push({ path: abs, what: 'file', root: confinement.root });
        continue;
      }
      // a file named explicitly is linted whatever its name: Compose by its name, a Dockerfile otherwise
      const kind = chosenKind(arg);
      if (kinds.has(kind)) add(abs, kind, confinement.root);
      else skipped.push({ path: arg, kind });
    } else if (GLOB_CHARS.test(arg)) {
      const matches = globFiles(arg, cwd);
      if (matches.files.length === 0 && matches.refused.length === 0)
        problems.push({ path: arg, message: 'no file matches this pattern' });
      refused.push(...matches.refused);
      for (const m of matches.files) {
        const kind = chosenKind(m);
        if (kinds.has(kind)) add(m, kind, matches.root);
        else skipped.push({ path: m, kind });
      }
    } else {
      problems.push({ path: arg, message: 'no such file or directory' });
    }
  }
  return { targets, problems, skipped, refused };
}

/**
 * A glob, by walking its fixed leading folders (confined like a directory argument) and matching what the walk
 * finds: so the same links are followed, and a link to `/` cannot send the match round the whole machine.
 */
/** A pattern's leading folders without glob characters (where the walk starts), and the rest (what it matches). */
function splitGlob(pattern: string): { base: string; glob: string } {
  const parts = pattern.split('/');
  let i = 0;
  while (i < parts.length - 1 && !GLOB_CHARS.test(parts[i]!)) i++;
  return {
    base: parts.slice(0, i).join('/') || (pattern.startsWith('/') ? '/' : ''),
    glob: parts.slice(i).join('/'),
  };
}

function globFiles(pattern: string, cwd: string): { files: string[]; refused: Refused[]; root: string } {
  const scan = splitGlob(pattern);
  const baseAbs = resolve(cwd, scan.base || '.');
  const confinement = confine(rootFor(cwd, baseAbs, true));
  const files: string[] = [];
  const refused: Refused[] = [];
  const done = { files, refused, root: confinement.root };
  let stat: Stats;
  try {
    stat = statSync(baseAbs);
  } catch {
    return done;
  }
  if (!stat.isDirectory()) return done;
  if (confinement.where(baseAbs) === 'outside') {
    refused.push({ path: baseAbs, what: 'directory', root: confinement.root });
    return done;
  }
  const glob = scan.glob || '**';
  const matcher = compileGlob(glob);
  const isMatch = (path: string): boolean => matcher.test(path);
  // `*.Dockerfile` needs one level, not the whole tree: only `**` crosses folders, every other `/` is one level
  const depth = glob.includes('**') ? Infinity : glob.split('/').length;
  for (const entry of walk(baseAbs, confinement, new Set(['node_modules', '.git']), depth)) {
    const rel = relative(baseAbs, entry.path).split(sep).join('/');
    if (entry.outside === 'directory') {
      refused.push({ path: entry.path, what: 'directory', root: confinement.root });
    } else if (isMatch(rel)) {
      if (entry.outside) refused.push({ path: entry.path, what: 'file', root: confinement.root });
      else files.push(entry.path);
    }
  }
  files.sort();
  return done;
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
