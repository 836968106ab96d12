/**
 * Inline ignore pragmas: `# dockreview ignore=…` and `# hadolint ignore=…` on the comment lines right above an
 * instruction, their `global ignore=` forms for the whole file, and BuildKit's `# check=skip=…`.
 */
import type { DockerfileModel } from './dockerfile/model.js';

/** Ids/aliases (lower-cased; `all` ignores everything) → the 1-based line of the pragma that names it. */
export type PragmaIds = Map<string, number>;

export interface Suppressions {
  /** Ignored in the whole file. */
  global: PragmaIds;
  /** Per 1-based instruction start line. */
  byLine: Map<number, PragmaIds>;
  /** Lines of pragmas that were read but not honoured (the caller's `honour` said no). */
  unhonoured: number[];
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

/**
 * The file's pragmas. `honour` decides, by line, which pragmas count (the config's `pragmas: base-only` honours
 * only those the pull request did not add); the others are listed in `unhonoured`.
 */
export function readSuppressions(
  model: DockerfileModel,
  honour: (line: number) => boolean = () => true,
): Suppressions {
  const global: PragmaIds = new Map();
  const byLine = new Map<number, PragmaIds>();
  const unhonoured: number[] = [];
  const source = model.source;
  const add = (into: PragmaIds, ids: string[], line: number): void => {
    if (ids.length === 0) return;
    if (!honour(line)) {
      unhonoured.push(line);
      return;
    }
    for (const id of ids) if (!into.has(id)) into.set(id, line);
  };
  for (const ins of model.instructions) {
    // the contiguous comment lines directly above the instruction
    let line = ins.line - 1;
    const ids: PragmaIds = new Map();
    while (line >= 1) {
      const text = source.lineText(line).trim();
      if (!text.startsWith('#')) break;
      add(ids, pragmaIds(text, false), line);
      line--;
    }
    if (ids.size > 0) byLine.set(ins.line, ids);
  }
  // a pragma at the top of the file reads as a parser directive (`# hadolint global ignore=…` is `# key=value`
  // to dockerfile-ast), so it is not among the comments: look at both. BuildKit's `# check=skip=…` is a directive.
  for (const d of model.ast.getDirectives()) {
    const line = d.getRange().start.line + 1;
    const text = source.lineText(line).trim();
    add(global, [...pragmaIds(text, true), ...checkSkipIds(text)], line);
  }
  for (const c of model.ast.getComments()) {
    const line = c.getRange().start.line + 1;
    add(global, pragmaIds(source.lineText(line).trim(), true), line);
  }
  return { global, byLine, unhonoured: [...new Set(unhonoured)].sort((x, y) => x - y) };
}

/**
 * The ids a comment line ignores: a pragma of the wanted scope; above an instruction, `# check=skip=…` too (at the
 * top of the file it is a parser directive, read by `checkSkipIds`).
 */
function pragmaIds(comment: string, wantGlobal: boolean): string[] {
  const p = parsePragma(comment);
  if (p) return p.global === wantGlobal ? splitIds(p.ids) : [];
  return wantGlobal ? [] : checkSkipIds(comment);
}

/** The ids of a `# check=skip=a,b;error=true` line; [] for any other line. */
function checkSkipIds(comment: string): string[] {
  const settings = parseCheckComment(comment);
  if (settings === null) return [];
  for (const part of settings.split(';')) {
    const [k, v = ''] = part.split('=');
    if (k!.trim().toLowerCase() === 'skip') return splitIds(v);
  }
  return [];
}

function splitIds(list: string): string[] {
  return list
    .split(/[,\s]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * Is a finding of `rule` (with these aliases), reported on an instruction starting at `line`, suppressed? The line
 * of the pragma that suppresses it, or null.
 */
export function isSuppressed(
  s: Suppressions,
  rule: string,
  aliases: readonly string[],
  line: number | null,
): number | null {
  const match = (ids: PragmaIds): number | undefined =>
    ids.get(rule) ??
    aliases.map((a) => ids.get(a.toLowerCase())).find((l) => l !== undefined) ??
    ids.get('all');
  if (s.global.size > 0) {
    const at = match(s.global);
    if (at !== undefined) return at;
  }
  if (line !== null) {
    const local = s.byLine.get(line);
    const at = local && match(local);
    if (at !== undefined) return at;
  }
  return null;
}
