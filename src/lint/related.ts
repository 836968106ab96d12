/** Files besides the linted one that rules read, and where they are. */
import { parse } from 'yaml';
import type { FileKind } from './types.js';

/**
 * The related files rules may read for `path` (fetch them and pass them as `SourceInput.related`):
 * - a Dockerfile: the `.dockerignore` of its build context, taken to be the Dockerfile's folder, and BuildKit's
 *   per-Dockerfile `<name>.dockerignore` beside it, which wins when present;
 * - a Compose file (its `text` is needed): the Dockerfile each service builds (`build:` context + `dockerfile`),
 *   and the Compose files it names in a service's `extends: { file }` and in the top-level `include:`.
 * These are the direct references only: `gatherRelated` follows the Compose files among them further.
 */
export function relatedPaths(path: string, kind: FileKind, text?: string): string[] {
  if (kind === 'compose') {
    if (text === undefined) return [];
    const { dockerfiles, composeFiles } = composeRelated(path, text);
    return [...new Set([...dockerfiles, ...composeFiles])];
  }
  return [`${dirOf(path)}.dockerignore`, `${path}.dockerignore`];
}

/** A Compose file's related files by kind: the Dockerfiles its services build, the Compose files it names. */
function composeRelated(
  path: string,
  text: string,
  parsed?: unknown,
): { dockerfiles: string[]; composeFiles: string[] } {
  const data = parsed === undefined ? readYaml(text) : parsed;
  return {
    dockerfiles: buildsOf(path, data).map((b) => b.dockerfile),
    composeFiles: composeRefsOf(path, data),
  };
}

/**
 * How far `gatherRelated` follows `extends`/`include` chains (levels of Compose files below the linted one), and
 * how many related files it reads in all.
 */
export const RELATED_LIMITS = { depth: 8, files: 64 } as const;

/**
 * The related files of `path` and, for a Compose file, those of the Compose files it extends or includes, level
 * by level up to `limits.depth` levels and `limits.files` files. `read` gives a file's text, null when it does
 * not exist, or undefined when it is not known (not fetched): an unknown file is left out, and not followed.
 * `parsed` is `text` already read as YAML (a Compose model's data), to spare a second parse.
 */
export function gatherRelated(
  path: string,
  kind: FileKind,
  text: string,
  read: (path: string) => string | null | undefined,
  limits: { depth: number; files: number } = RELATED_LIMITS,
  parsed?: unknown,
): Map<string, string | null> {
  const out = new Map<string, string | null>();
  if (kind !== 'compose') {
    for (const p of relatedPaths(path, kind, text)) {
      const t = read(p);
      if (t !== undefined) out.set(p, t);
    }
    return out;
  }
  const seen = new Set<string>([path]);
  let level = composeRelated(path, text, parsed);
  for (let depth = 1; depth <= limits.depth; depth++) {
    const next = { dockerfiles: [] as string[], composeFiles: [] as string[] };
    const queue = [
      ...level.dockerfiles.map((p) => ({ p, compose: false })),
      ...level.composeFiles.map((p) => ({ p, compose: true })),
    ];
    for (const { p, compose } of queue) {
      if (seen.has(p) || out.size >= limits.files) continue;
      seen.add(p);
      const t = read(p);
      if (t === undefined) continue;
      out.set(p, t);
      if (compose && t !== null) {
        const more = composeRelated(p, t);
        next.dockerfiles.push(...more.dockerfiles);
        next.composeFiles.push(...more.composeFiles);
      }
    }
    // what the files of the deepest level name is not read
    if (next.dockerfiles.length === 0 && next.composeFiles.length === 0) break;
    level = next;
  }
  return out;
}

export interface ComposeBuild {
  service: string;
  /** The Dockerfile's path, relative like the Compose file's own path. */
  dockerfile: string;
  /** `build.target`: the stage that is built, when not the last. */
  target: string | null;
}

/** The Dockerfile of every service that builds from a local context (not a URL, not `dockerfile_inline`). */
function buildsOf(path: string, data: unknown): ComposeBuild[] {
  const services = (data as { services?: unknown } | null)?.services;
  if (!services || typeof services !== 'object') return [];
  const out: ComposeBuild[] = [];
  for (const [name, service] of Object.entries(services as Record<string, unknown>)) {
    const build = serviceBuild(path, name, service);
    if (build) out.push(build);
  }
  return out;
}

/** The Dockerfile a service builds, its `build:` read relative to the folder of the file at `path`. */
export function serviceBuild(path: string, name: string, service: unknown): ComposeBuild | null {
  const build = (service as { build?: unknown } | null)?.build;
  if (build === undefined || build === null) return null;
  const spec = typeof build === 'string' ? { context: build } : (build as Record<string, unknown>);
  if (typeof spec !== 'object' || 'dockerfile_inline' in spec) return null;
  const context = typeof spec.context === 'string' ? spec.context : '.';
  const dockerfile = typeof spec.dockerfile === 'string' ? spec.dockerfile : 'Dockerfile';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@') || context.includes('$'))
    return null;
  if (dockerfile.includes('$') || dockerfile.startsWith('/')) return null;
  return {
    service: name,
    dockerfile: normalise(`${dirOf(path)}${context}/${dockerfile}`),
    target: typeof spec.target === 'string' ? spec.target : null,
  };
}

/** At most this many Compose files named by one file's `extends`/`include` are fetched. */
const MAX_REFS_PER_FILE = 16;

/** The local Compose files a Compose file names in `extends: { file }` and `include:`, resolved and bounded. */
function composeRefsOf(path: string, data: unknown): string[] {
  if (!data || typeof data !== 'object') return [];
  const d = data as { services?: unknown; include?: unknown };
  const out = new Set<string>();
  for (const ref of includePaths(d.include)) {
    const p = resolveRef(path, ref);
    if (p) out.add(p);
  }
  if (d.services && typeof d.services === 'object') {
    for (const service of Object.values(d.services as Record<string, unknown>)) {
      const ext = (service as { extends?: unknown } | null)?.extends;
      const file = ext && typeof ext === 'object' ? (ext as { file?: unknown }).file : undefined;
      const p = typeof file === 'string' ? resolveRef(path, file) : null;
      if (p) out.add(p);
    }
  }
  return [...out].slice(0, MAX_REFS_PER_FILE);
}

/**
 * The paths of the top-level `include:` entries as written, in order: the short form (a string) and the long
 * form's `path:` (a string or a list of files merged together), each entry a list of one or more paths.
 */
export function includeEntries(include: unknown): string[][] {
  if (!Array.isArray(include)) return [];
  const out: string[][] = [];
  for (const entry of include) {
    if (typeof entry === 'string') out.push([entry]);
    else if (entry && typeof entry === 'object') {
      const p = (entry as { path?: unknown }).path;
      if (typeof p === 'string') out.push([p]);
      else if (Array.isArray(p)) out.push(p.filter((x): x is string => typeof x === 'string'));
    }
  }
  return out;
}

function includePaths(include: unknown): string[] {
  return includeEntries(include).flat();
}

/**
 * A Compose file named by `extends.file` or `include` in the file at `from`, as a path relative like `from`'s;
 * null when it is not a local file one can fetch: a remote reference (`oci://`, a git URL), an absolute path,
 * an interpolated one, or a path that climbs above the root `from` is relative to.
 */
export function resolveRef(from: string, ref: string): string | null {
  const r = ref.trim();
  if (r === '' || r.includes('$') || r.startsWith('/') || r.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(r))
    return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(r) || r.startsWith('git@')) return null;
  const dir = dirOf(from);
  const joined = normalise(`${dir}${r}`);
  // a workspace-relative path may not climb higher than the file that names it already does
  if (!from.startsWith('/') && leadingUps(joined) > leadingUps(normalise(dir || '.'))) return null;
  return joined;
}

function leadingUps(path: string): number {
  let n = 0;
  for (const p of path.split('/')) {
    if (p !== '..') break;
    n++;
  }
  return n;
}

function readYaml(text: string): unknown {
  try {
    return parse(text, { merge: true, maxAliasCount: 10_000, logLevel: 'silent' });
  } catch {
    return null;
  }
}

export function dirOf(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return slash >= 0 ? path.slice(0, slash + 1) : '';
}

/** `a/./b/../c` → `a/c`; keeps a leading `/` and leading `..` segments. */
export function normalise(path: string): string {
  const abs = path.startsWith('/');
  const parts: string[] = [];
  for (const p of path.split(/[/\\]+/)) {
    if (p === '' || p === '.') continue;
    if (p === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (p === '..' && abs) continue;
    else parts.push(p);
  }
  return (abs ? '/' : '') + parts.join('/');
}
