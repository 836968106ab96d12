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

/** An ignore pragma: `# dockreview ignore=a,b`, `# hadolint global ignore=DL3008 # why`. */
export interface Pragma {
  /** `dockreview` or `hadolint`, as written. */
  tool: string;
  global: boolean;
  /** The id list as written (ids separated by commas and/or blanks), a trailing `# reason` left out. */
  ids: string;
}

// Hand-rolled scanners rather than regexes: the comment is pull-request text, and a regex with `\s*` next to a
// class that also takes blanks backtracks quadratically on a long line (51 s on a 98 KiB comment).

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);

/** Characters an id list may hold (besides blanks). */
function isIdChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || // 0-9
    (c >= 65 && c <= 90) || // A-Z
    (c >= 97 && c <= 122) || // a-z
    c === 95 || // _
    c === 44 || // ,
    c === 46 || // .
    c === 45 // -
  );
}

/** Whether `text` has `word` (ASCII, lower case) at `i`, in any case. */
function wordAt(text: string, i: number, word: string): boolean {
  return text.slice(i, i + word.length).toLowerCase() === word;
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && isSpace(text[i])) i++;
  return i;
}

/**
 * The pragma a (trimmed) comment line holds, or null: `#`, optional blanks, `dockreview` or `hadolint`, blanks,
 * optionally `global` and blanks, `ignore`, `=` (blanks around it allowed), then a non-empty list of ids (letters,
 * digits, `_`, `.`, `-`, separated by commas and/or blanks), then optionally a `# reason`. Case-insensitive.
 */
export function parsePragma(text: string): Pragma | null {
  if (text[0] !== '#') return null;
  let i = skipSpaces(text, 1);
  const tool = wordAt(text, i, 'dockreview') ? 'dockreview' : wordAt(text, i, 'hadolint') ? 'hadolint' : null;
  if (!tool) return null;
  const written = text.slice(i, i + tool.length);
  i += tool.length;
  let j = skipSpaces(text, i);
  if (j === i) return null;
  i = j;
  let global = false;
  if (wordAt(text, i, 'global')) {
    j = skipSpaces(text, i + 6);
    if (j > i + 6) {
      global = true;
      i = j;
    }
  }
  if (!wordAt(text, i, 'ignore')) return null;
  i = skipSpaces(text, i + 6);
  if (text[i] !== '=') return null;
  i = skipSpaces(text, i + 1);
  const start = i;
  while (i < text.length && (isIdChar(text.charCodeAt(i)) || isSpace(text[i]))) i++;
  if (i < text.length && text[i] !== '#') return null;
  const ids = text.slice(start, i).trim();
  if (ids === '') return null;
  return { tool: written, global, ids };
}

/** The settings of a `# check=…` comment (`skip=a,b;error=true`), or null when the comment is no such line. */
export function parseCheckComment(text: string): string | null {
  if (text[0] !== '#') return null;
  let i = skipSpaces(text, 1);
  if (!wordAt(text, i, 'check')) return null;
  i = skipSpaces(text, i + 5);
  if (text[i] !== '=') return null;
  return text.slice(skipSpaces(text, i + 1));
}

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
  const p = parsePragma(comment);
  if (p) return p.global === wantGlobal ? splitIds(p.ids) : [];
  if (!wantGlobal) {
    const settings = parseCheckComment(comment);
    if (settings !== null) {
      for (const part of settings.split(';')) {
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
