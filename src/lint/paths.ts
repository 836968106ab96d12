/** POSIX paths and globs as Dockerfile rules compare them. */
import { compileGlob } from './glob.js';

/** `/a//b/./c/` → `/a/b/c`; relative paths stay relative. */
export function normalisePath(path: string): string {
  const abs = path.startsWith('/');
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(p);
  }
  return (abs ? '/' : '') + parts.join('/') || (abs ? '/' : '.');
}

const globCache = new Map<string, (path: string) => boolean>();

/**
 * A compiled glob matcher (dot files included; see src/lint/glob.ts), kept per pattern: compiling costs more than
 * matching. An empty pattern (an empty quoted COPY source) or one over 4 KiB matches nothing.
 */
export function globMatcher(pattern: string): (path: string) => boolean {
  let m = globCache.get(pattern);
  if (!m) {
    if (globCache.size > 500) globCache.clear();
    const glob = compileGlob(pattern);
    m = (path) => glob.test(path);
    globCache.set(pattern, m);
  }
  return m;
}

/**
 * Where the Docker daemon listens on a Linux host, in a Dockerfile `VOLUME` or a Compose bind mount alike: whoever
 * can reach this socket can start a privileged container, so it is root on the host. (`/var/run` is a link to `/run`
 * on current distributions; older images and documentation write the former.)
 */
const DOCKER_SOCKETS: ReadonlySet<string> = new Set(['/var/run/docker.sock', '/run/docker.sock']);

/** True when an absolute path, once normalised (`//`, `/./`, a trailing `/`), is the Docker daemon's socket. */
export function isDockerSocket(path: string): boolean {
  return DOCKER_SOCKETS.has(normalisePath(path));
}
