/**
 * Which head-side lines of a file a pull request touches, from the unified-diff `patch` GitHub gives per file
 * (parsed with parse-diff). Review comments may only sit on lines inside a hunk; findings on added lines are
 * "changed", the others pre-existing.
 */
import parseDiff from 'parse-diff';

export interface Hunk {
  /** First and last head-side line of the hunk (1-based, inclusive). */
  start: number;
  end: number;
}

export interface DiffLines {
  /** Head-side lines the pull request adds or changes. */
  added: Set<number>;
  /** Head-side lines a review comment may be attached to: added lines and context lines inside a hunk. */
  commentable: Set<number>;
  hunks: Hunk[];
  /**
   * The words of the lines the pull request removes or rewrites (split on whitespace): a word on an added line that
   * is also here was there before (`wget` gaining a `\\` when a package is added after it).
   */
  removedWords?: Set<string>;
}

export function parsePatch(patch: string): DiffLines {
  // GitHub's per-file patch has no file header; give parse-diff one so it always has a file to attach hunks to
  const files = parseDiff(`--- a/f\n+++ b/f\n${patch}`);
  return linesOf(files.flatMap((f) => f.chunks));
}

export interface DiffFile {
  path: string;
  previousPath?: string;
  status: 'added' | 'modified' | 'renamed' | 'removed';
  diff: DiffLines;
}

/** A whole `git diff` (several files, with headers), as the CLI's `review` command reads it. */
export function parseUnifiedDiff(text: string): DiffFile[] {
  return parseDiff(text).flatMap((f): DiffFile[] => {
    const to = stripPrefix(f.to);
    const from = stripPrefix(f.from);
    if (f.deleted || to === null)
      return from === null ? [] : [{ path: from, status: 'removed', diff: linesOf([]) }];
    const status = f.new ? 'added' : from !== null && from !== to ? 'renamed' : 'modified';
    const out: DiffFile = { path: to, status, diff: linesOf(f.chunks) };
    if (status === 'renamed' && from !== null) out.previousPath = from;
    return [out];
  });
}

function stripPrefix(p: string | undefined): string | null {
  if (!p || p === '/dev/null') return null;
  return p.replace(/^[ab]\//, '');
}

function linesOf(chunks: parseDiff.Chunk[]): DiffLines {
  const added = new Set<number>();
  const commentable = new Set<number>();
  const hunks: Hunk[] = [];
  const removedWords = new Set<string>();
  for (const chunk of chunks) {
    let last = chunk.newStart - 1;
    for (const change of chunk.changes) {
      if (change.content.startsWith('\\')) continue; // "\ No newline at end of file"
      if (change.type === 'add') {
        added.add(change.ln);
        commentable.add(change.ln);
        last = Math.max(last, change.ln);
      } else if (change.type === 'normal') {
        commentable.add(change.ln2);
        last = Math.max(last, change.ln2);
      } else {
        for (const word of change.content.slice(1).split(/\s+/)) if (word) removedWords.add(word);
      }
    }
    if (last >= chunk.newStart) hunks.push({ start: chunk.newStart, end: last });
  }
  return { added, commentable, hunks, removedWords };
}

/** True when a comment may span `from`..`to`: both inside one hunk (GitHub rejects anything else with 422). */
export function inOneHunk(diff: DiffLines, from: number, to: number): boolean {
  return diff.hunks.some((h) => h.start <= from && to <= h.end);
}
