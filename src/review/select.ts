/** Which changed files a review covers: container files by name (or `files.include`), minus `files.exclude`. */
import picomatch from 'picomatch';
import { detectKind } from '../lint/engine.js';

export interface FileSelection {
  include: string[];
  exclude: string[];
}

export function fileSelector(files: FileSelection): (path: string) => boolean {
  const include = picomatch(files.include, { dot: true });
  const exclude = files.exclude.length > 0 ? picomatch(files.exclude, { dot: true }) : () => false;
  return (path) => (include(path) || detectKind(path) !== null) && !exclude(path);
}
