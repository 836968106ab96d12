/** The build context's `.dockerignore`: which file applies, and which paths it excludes. */
import { relatedPaths } from '../related.js';
import { compileGlob, MAX_GLOB_LENGTH, type Glob } from '../glob.js';

/** The build context's ignore file as the caller fetched it: BuildKit's `<Dockerfile>.dockerignore` wins over the
 * context's `.dockerignore`. `undefined`: not fetched (unknown); `null`: known to be absent. */
export function dockerignoreOf(
  path: string,
  related: ReadonlyMap<string, string | null>,
): { path: string; text: string } | null | undefined {
  const [general, specific] = relatedPaths(path, 'dockerfile') as [string, string];
  const s = related.get(specific);
  if (typeof s === 'string') return { path: specific, text: s };
  const g = related.get(general);
  if (typeof g === 'string') return { path: general, text: g };
  return s === null && g === null ? null : undefined;
}

/** The patterns of a `.dockerignore`, in order, compiled once (Docker's dialect: see src/lint/glob.ts). */
export interface DockerignoreRule {
  /** The line as written, for messages. */
  line: string;
  negate: boolean;
  glob: Glob;
}

export function dockerignoreRules(lines: readonly string[]): DockerignoreRule[] {
  const out: DockerignoreRule[] = [];
  for (const raw of lines) {
    let line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1).trim();
    let start = 0;
    while (line[start] === '/') start++;
    let end = line.length;
    while (end > start && line[end - 1] === '/') end--;
    line = line.slice(start, end);
    if (!line) continue;
    out.push({ line, negate, glob: compileGlob(line, 'dockerignore') });
  }
  return out;
}

/**
 * Whether `.dockerignore` rules exclude `path` (Docker's order: the last matching line decides; `!` re-includes; a
 * pattern that matches a parent folder excludes everything in it). Scanned from the last rule back: the first one
 * that matches answers. One path against a few rules; many paths against many rules go through dockerignoreMatcher.
 */
export function dockerignoreExcludes(rules: readonly DockerignoreRule[], path: string): boolean {
  for (let k = rules.length - 1; k >= 0; k--) {
    const r = rules[k]!;
    if (r.glob.testPathOrParent(path)) return !r.negate;
  }
  return false;
}

/**
 * Most wildcard lines a `.dockerignore` may have for dockerignoreMatcher to answer: every path is run through each
 * wildcard line, so the work is paths × wildcard lines; real files have a few dozen. Literal lines are unbounded.
 */
export const MAX_DOCKERIGNORE_WILDCARDS = 200;

/**
 * dockerignoreExcludes for many paths, with the same answers: literal lines (most of a long file) sit in a
 * character trie that one walk down a path searches for the path and all its parent folders, and only the wildcard
 * lines after the last literal match are run. Null when the file has more than MAX_DOCKERIGNORE_WILDCARDS wildcard
 * lines (the caller then stays silent).
 */
export function dockerignoreMatcher(
  rules: readonly DockerignoreRule[],
): { excludes(path: string): boolean } | null {
  // trie edges keyed by node × 65536 + UTF-16 unit (exact in a double): one flat map, not a map per node
  const edges = new Map<number, number>();
  // per node, the index of the last literal line ending there, or -1
  const ruleAt: number[] = [-1];
  const wild: number[] = [];
  rules.forEach((r, k) => {
    // compileGlob matches nothing with a line this long: leave it out, as the rules' own globs do
    if (r.line.length > MAX_GLOB_LENGTH) return;
    if (!isLiteralDockerignore(r.line)) {
      wild.push(k);
      return;
    }
    let node = 0;
    for (let i = 0; i < r.line.length; i++) {
      const key = node * 65536 + r.line.charCodeAt(i);
      let n = edges.get(key);
      if (n === undefined) {
        n = ruleAt.length;
        ruleAt.push(-1);
        edges.set(key, n);
      }
      node = n;
    }
    ruleAt[node] = k;
  });
  if (wild.length > MAX_DOCKERIGNORE_WILDCARDS) return null;
  return {
    excludes(path) {
      // the last literal line equal to the path or to one of its parent folders
      let best = -1;
      let node: number | undefined = 0;
      for (let i = 0; node !== undefined && i <= path.length; i++) {
        if ((i === path.length || path.charCodeAt(i) === 47) && ruleAt[node]! > best) best = ruleAt[node]!;
        if (i < path.length) node = edges.get(node * 65536 + path.charCodeAt(i));
      }
      for (let w = wild.length - 1; w >= 0 && wild[w]! > best; w--) {
        const r = rules[wild[w]!]!;
        if (r.glob.testPathOrParent(path)) return !r.negate;
      }
      return best >= 0 && !rules[best]!.negate;
    },
  };
}

/** A line compileGlob reads literally in Docker's dialect (its matcher is then plain string comparison). */
function isLiteralDockerignore(line: string): boolean {
  return !/[*?[\\]/.test(line);
}
