/** Which changed files a review covers: container files by name (or `files.include`), minus `files.exclude`. */
import { compileGlob } from '../lint/glob.js';
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
  const include = anyOf(extra);
  const exclude = anyOf(files.exclude);
  return (path) => (include(path) || detectKind(path) !== null) && !exclude(path);
}

/**
 * Whether any of the patterns matches (see src/lint/glob.ts for the syntax). A pattern starting with `!` matches
 * every path the rest of it does not, as it did under picomatch.
 */
export function anyOf(patterns: readonly string[]): (path: string) => boolean {
  const globs = patterns.map((p) => {
    let negate = false;
    while (p.startsWith('!')) {
      negate = !negate;
      p = p.slice(1);
    }
    const glob = compileGlob(p);
    return (path: string) => glob.test(path) !== negate;
  });
  return (path) => globs.some((g) => g(path));
}
