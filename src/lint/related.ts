/** Files besides the linted one that rules read, and where they are. */
import { parse } from 'yaml';
import type { FileKind } from './types.js';

/**
 * The related files rules may read for `path` (fetch them and pass them as `SourceInput.related`):
 * - a Dockerfile: the `.dockerignore` of its build context, taken to be the Dockerfile's folder, and BuildKit's
 *   per-Dockerfile `<name>.dockerignore` beside it, which wins when present;
 * - a Compose file (its `text` is needed): the Dockerfile each service builds (`build:` context + `dockerfile`).
 */
export function relatedPaths(path: string, kind: FileKind, text?: string): string[] {
  if (kind === 'compose')
    return text === undefined ? [] : composeBuildDockerfiles(path, text).map((b) => b.dockerfile);
  return [`${dirOf(path)}.dockerignore`, `${path}.dockerignore`];
}

export interface ComposeBuild {
  service: string;
  /** The Dockerfile's path, relative like the Compose file's own path. */
  dockerfile: string;
  /** `build.target`: the stage that is built, when not the last. */
  target: string | null;
}

/** The Dockerfile of every service that builds from a local context (not a URL, not `dockerfile_inline`). */
export function composeBuildDockerfiles(path: string, text: string): ComposeBuild[] {
  let data: unknown;
  try {
    data = parse(text, { merge: true, maxAliasCount: 10_000, logLevel: 'silent' });
  } catch {
    return [];
  }
  const services = (data as { services?: unknown } | null)?.services;
  if (!services || typeof services !== 'object') return [];
  const out: ComposeBuild[] = [];
  for (const [name, service] of Object.entries(services as Record<string, unknown>)) {
    const build = (service as { build?: unknown } | null)?.build;
    if (build === undefined || build === null) continue;
    const spec = typeof build === 'string' ? { context: build } : (build as Record<string, unknown>);
    if (typeof spec !== 'object' || 'dockerfile_inline' in spec) continue;
    const context = typeof spec.context === 'string' ? spec.context : '.';
    const dockerfile = typeof spec.dockerfile === 'string' ? spec.dockerfile : 'Dockerfile';
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@') || context.includes('$'))
      continue;
    if (dockerfile.includes('$')) continue;
    const joined = dockerfile.startsWith('/') ? null : normalise(`${dirOf(path)}${context}/${dockerfile}`);
    if (joined === null) continue;
    out.push({
      service: name,
      dockerfile: joined,
      target: typeof spec.target === 'string' ? spec.target : null,
    });
  }
  return out;
}

function dirOf(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return slash >= 0 ? path.slice(0, slash + 1) : '';
}

/** `a/./b/../c` → `a/c`; keeps a leading `/` and leading `..` segments. */
function normalise(path: string): string {
  const abs = path.startsWith('/');
  const parts: string[] = [];
  for (const p of path.split(/[/\\]+/)) {
    if (p === '' || p === '.') continue;
    if (p === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(p);
  }
  return (abs ? '/' : '') + parts.join('/');
}
