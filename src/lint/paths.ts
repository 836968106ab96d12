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
