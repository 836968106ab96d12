/**
 * Inline ignore pragmas: `# dockreview ignore=…` and `# hadolint ignore=…` on the comment lines right above an
 * instruction, their `global ignore=` forms for the whole file, and BuildKit's `# check=skip=…`.
 */
import type { DockerfileModel } from './dockerfile/model.js';

export interface Suppressions {
  /** Ids/aliases ignored in the whole file (lower-cased); `all` ignores everything. */
  global: Set<string>;
  /** Per 1-based instruction start line. */
  byLine: Map<number, Set<string>>;
}

export const PRAGMA = /^#\s*(dockreview|hadolint)\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9_,\s.-]+)$/i;
export const CHECK_SKIP = /^#\s*check\s*=\s*(.*)$/i;

export function readSuppressions(model: DockerfileModel): Suppressions {
  const global = new Set<string>(model.directives.checkSkip.map((s) => s.toLowerCase()));
  const byLine = new Map<number, Set<string>>();
  const source = model.source;
  for (const ins of model.instructions) {
    // the contiguous comment lines directly above the instruction
    let line = ins.line - 1;
    let ids: Set<string> | undefined;
    while (line >= 1) {
      const text = source.lineText(line).trim();
      if (!text.startsWith('#')) break;
      for (const id of pragmaIds(text, false)) (ids ??= new Set()).add(id);
      line--;
    }
    if (ids) byLine.set(ins.line, ids);
  }
  // a pragma at the top of the file reads as a parser directive (`# hadolint global ignore=…` is `# key=value`
  // to dockerfile-ast), so it is not among the comments: look at both
  for (const c of [...model.ast.getDirectives(), ...model.ast.getComments()]) {
    const r = c.getRange();
    const text = source.lineText(r.start.line + 1).trim();
    for (const id of pragmaIds(text, true)) global.add(id);
  }
  return { global, byLine };
}

function pragmaIds(comment: string, wantGlobal: boolean): string[] {
  const m = PRAGMA.exec(comment);
  if (m) {
    if (Boolean(m[2]) !== wantGlobal) return [];
    return splitIds(m[3]!);
  }
  if (!wantGlobal) {
    const c = CHECK_SKIP.exec(comment);
    if (c) {
      for (const part of c[1]!.split(';')) {
        const [k, v = ''] = part.split('=');
        if (k!.trim().toLowerCase() === 'skip') return splitIds(v);
      }
    }
  }
  return [];
}

function splitIds(list: string): string[] {
  return list
    .split(/[,\s]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

/** Is a finding of `rule` (with these aliases), reported on an instruction starting at `line`, suppressed? */
export function isSuppressed(
  s: Suppressions,
  rule: string,
  aliases: readonly string[],
  line: number | null,
): boolean {
  const match = (set: Set<string>): boolean =>
    set.has('all') || set.has(rule) || aliases.some((a) => set.has(a.toLowerCase()));
  if (s.global.size > 0 && match(s.global)) return true;
  if (line !== null) {
    const local = s.byLine.get(line);
    if (local && match(local)) return true;
  }
  return false;
}
