/** Which changed files a review covers: container files by name (or `files.include`), minus `files.exclude`. */
import picomatch from 'picomatch';
import { DEFAULT_FILES } from '../config/config.js';
import { detectKind } from '../lint/engine.js';

export interface FileSelection {
  include: string[];
  exclude: string[];
}

export function fileSelector(files: FileSelection): (path: string) => boolean {
  // the default names are detectKind's, which knows `docs/Dockerfile.md` is no Dockerfile (the default glob
  // `**/Dockerfile.*` would take it); globs only for the patterns a config adds
  const extra = files.include.filter((p) => !DEFAULT_FILES.include.includes(p));
  const include = extra.length > 0 ? picomatch(extra, { dot: true }) : () => false;
  const exclude = files.exclude.length > 0 ? picomatch(files.exclude, { dot: true }) : () => false;
  return (path) => (include(path) || detectKind(path) !== null) && !exclude(path);
}
