/**
 * Where each finding of a review sits in its pull request: on a line the pull request changes or not, in a file
 * taken for a test, example or development setup or not; and, for a finding whose items the pull request added only
 * in part, at the first item it added.
 */
import { fileRole, type FileRole } from '../lint/file-role.js';
import { SourceText } from '../lint/source.js';
import type { Finding, FindingPart, Span } from '../lint/types.js';
import type { DiffLines } from './diff.js';
import type { PlanFile } from './plan.js';

export interface Located {
  file: PlanFile;
  source: SourceText;
  finding: Finding;
  changed: boolean;
  /** Why the file is taken for a test, example or development setup, or null when it may ship. */
  role: FileRole | null;
  /**
   * The items of the finding (`Finding.parts`) on lines the pull request adds, when it adds some but not all: the
   * finding is then placed at the first of them, and its comment names them.
   */
  addedParts?: FindingPart[];
}

/**
 * The findings as one list, a ShellCheck code reported twice on one line (ShellCheck sees a `RUN`'s script once
 * per shell form it tries) kept once.
 */
export function locate(files: readonly PlanFile[]): Located[] {
  const located: Located[] = [];
  for (const file of files) {
    const source = new SourceText(file.path, file.text);
    const role = fileRole(file.path, file.text);
    const seen = new Set<string>();
    for (const finding of file.findings) {
      if (finding.rule === 'shellcheck') {
        const key = `${finding.aliases.join(',')}\0${finding.line}`;
        if (seen.has(key)) continue;
        seen.add(key);
      }
      const added = addedParts(finding, source, file.diff);
      if (added) {
        located.push({
          file,
          source,
          finding: at(finding, source, added[0]!.span),
          changed: true,
          role,
          addedParts: added,
        });
        continue;
      }
      located.push({ file, source, finding, changed: isChanged(finding, file.diff), role });
    }
  }
  return located;
}

/**
 * The parts of a finding the pull request adds (on an added line, and not a word of a line it removes: rewriting a
 * line adds nothing it had), when the pull request added some of them but not all (one package added to
 * a fifty-package install the finding reports at its first package): null otherwise. Findings with a fix keep their
 * place (the fix was made for it).
 */
function addedParts(finding: Finding, source: SourceText, diff: DiffLines | null): FindingPart[] | null {
  if (!diff || !finding.parts || finding.fix) return null;
  const added = finding.parts.filter(
    (p) => diff.added.has(source.positionAt(p.span.start).line) && !diff.removedWords?.has(p.text),
  );
  return added.length > 0 && added.length < finding.parts.length ? added : null;
}

/** The finding placed at `span` (its rule, message and everything else unchanged, so its fingerprint too). */
function at(finding: Finding, source: SourceText, span: Span): Finding {
  const start = source.positionAt(span.start);
  const end = source.positionAt(span.end);
  return {
    ...finding,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    span,
  };
}

function isChanged(finding: Finding, diff: DiffLines | null): boolean {
  if (!diff) return true;
  for (let l = finding.line; l <= finding.endLine; l++) if (diff.added.has(l)) return true;
  return false;
}
