/**
 * Turns the CLI's path arguments (files, directories, globs) into the container files to lint, confined as
 * src/files/discover.ts walks: never reading past the root being linted.
 */
import { statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { compileGlob } from '../lint/glob.js';
import { chosenKind, detectKind } from '../lint/engine.js';
import type { FileKind } from '../lint/types.js';
import { confine, walk } from '../files/discover.js';

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

const GLOB_CHARS = /[*?[\]{}]/;

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
      problems.push({ path: arg, message: 'path not found' });
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
