/** Files besides the linted one that rules read, and where they are. */
import type { FileKind } from './types.js';

/**
 * The related files rules may read for `path` (fetch them and pass them as `SourceInput.related`): for a
 * Dockerfile, the `.dockerignore` of its build context, taken to be the Dockerfile's folder, and BuildKit's
 * per-Dockerfile `<name>.dockerignore` beside it, which wins when present.
 */
export function relatedPaths(path: string, kind: FileKind): string[] {
  if (kind !== 'dockerfile') return [];
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const dir = slash >= 0 ? path.slice(0, slash + 1) : '';
  return [`${dir}.dockerignore`, `${path}.dockerignore`];
}
