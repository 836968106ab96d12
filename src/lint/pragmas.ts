/**
 * Inline ignore pragmas: `# dockreview ignore=…` and `# hadolint ignore=…` on the comment lines right above an
 * instruction, their `stage ignore=` forms for the rest of a build stage, their `global ignore=` forms for the whole
 * file, and BuildKit's `# check=skip=…`.
 */
import { canonicalId } from './rule-ids.js';
import type { DockerfileModel } from './dockerfile/model.js';

/**
 * Ids/aliases (lower-cased; `all` ignores everything) → the 1-based line of the pragma that names it. A key `!name`
 * exempts that check from `all`: BuildKit runs a check named in `# check=…;experimental=name` whatever `skip=` says.
 */
export type PragmaIds = Map<string, number>;

/** A `stage ignore=` pragma: the instructions it covers, by 1-based start line. */
export interface StageIgnore {
  /** The first covered instruction's line. */
  from: number;
  /** The line of the next stage's `FROM` (not covered); Infinity in the last stage. */
  to: number;
  ids: PragmaIds;
}

export interface Suppressions {
  /** Ignored in the whole file. */
  global: PragmaIds;
  /** Ignored in part of a stage (`# hadolint stage ignore=…`); absent when the file has none. */
  stages?: StageIgnore[];
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
  /** `stage ignore=`: from the next instruction to the end of its build stage. */
  stage?: boolean;
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
 * optionally `global` or `stage` and blanks, `ignore`, `=` (blanks around it allowed), then a non-empty list of ids
 * (letters, digits, `_`, `.`, `-`, separated by commas and/or blanks), then optionally a `# reason`.
 * Case-insensitive.
 *
 * A `# hadolint` pragma follows hadolint's grammar for its list: every id is a hadolint or ShellCheck code (letters
 * D, L, S, C and digits), and a list with anything else in it (`ignore=crazy,DL3002`) is no pragma at all, as in
 * hadolint, where it silences nothing. A `# dockreview` pragma takes any id, alias or code.
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
  let stage = false;
  if (wordAt(text, i, 'global')) {
    j = skipSpaces(text, i + 6);
    if (j > i + 6) {
      global = true;
      i = j;
    }
  } else if (wordAt(text, i, 'stage')) {
    j = skipSpaces(text, i + 5);
    if (j > i + 5) {
      stage = true;
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
  if (tool === 'hadolint' && !splitIds(ids, false).every(isHadolintCode)) return null;
  return stage ? { tool: written, global, stage, ids } : { tool: written, global, ids };
}

/** A name hadolint's pragma grammar reads as a rule code: a run of D, L, S, C and digits (any case here). */
function isHadolintCode(id: string): boolean {
  if (id === '') return false;
  for (const c of id.toUpperCase()) if (!'DLSC0123456789'.includes(c)) return false;
  return true;
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
      add(ids, pragmaIds(text, 'line'), line);
      line--;
    }
    if (ids.size > 0) byLine.set(ins.line, ids);
  }
  // a pragma at the top of the file reads as a parser directive (`# hadolint global ignore=…` is `# key=value`
  // to dockerfile-ast), so it is not among the comments: look at both. BuildKit's `# check=skip=…` is a directive.
  const stages: StageIgnore[] = [];
  const stage = (line: number, text: string): void => {
    const ids = pragmaIds(text, 'stage');
    if (ids.length === 0) return;
    const range = stageRange(model, line);
    if (!range) return;
    const into: PragmaIds = new Map();
    add(into, ids, line);
    if (into.size > 0) stages.push({ ...range, ids: into });
  };
  for (const d of model.ast.getDirectives()) {
    const line = d.getRange().start.line + 1;
    const text = source.lineText(line).trim();
    add(global, [...pragmaIds(text, 'global'), ...checkSkipIds(text)], line);
    stage(line, text);
  }
  for (const c of model.ast.getComments()) {
    const line = c.getRange().start.line + 1;
    const text = source.lineText(line).trim();
    add(global, pragmaIds(text, 'global'), line);
    stage(line, text);
  }
  const out: Suppressions = { global, byLine, unhonoured: [...new Set(unhonoured)].sort((x, y) => x - y) };
  if (stages.length > 0) out.stages = stages;
  return out;
}

/**
 * The instructions a `stage ignore=` pragma on `line` covers: from the next instruction to the end of its stage.
 * Written above a `FROM`, that is the whole stage the `FROM` starts, the `FROM` included (hadolint leaves out the
 * instruction right after the pragma; here it is covered, which is what a reader of the pragma expects).
 */
function stageRange(model: DockerfileModel, line: number): { from: number; to: number } | null {
  const list = model.instructions.filter((ins) => !ins.onbuild);
  const next = list.findIndex((ins) => ins.line > line);
  if (next < 0) return null;
  const first = list[next]!;
  const end = list.slice(next + 1).find((ins) => ins.keyword === 'FROM');
  return { from: first.line, to: end ? end.line : Infinity };
}

/**
 * The ids a comment line ignores: a pragma of the wanted scope; above an instruction, `# check=skip=…` too (at the
 * top of the file it is a parser directive, read by `checkSkipIds`).
 */
function pragmaIds(comment: string, scope: 'line' | 'stage' | 'global'): string[] {
  const p = parsePragma(comment);
  if (p) return (p.global ? 'global' : p.stage ? 'stage' : 'line') === scope ? splitIds(p.ids) : [];
  return scope === 'line' ? checkSkipIds(comment) : [];
}

/** BuildKit's experimental checks, which `experimental=all` names. */
const BUILDKIT_EXPERIMENTAL = ['copyignoredfile', 'invaliddefinitiondescription'];

/**
 * The ids of a `# check=skip=a,b;error=true` line; [] for any other line. A check also named under
 * `experimental=` is not skipped (BuildKit's experimental checks answer only to that list), and is marked `!name`
 * so that `skip=all` passes it over too.
 */
function checkSkipIds(comment: string): string[] {
  const settings = parseCheckComment(comment);
  if (settings === null) return [];
  let skip: string[] = [];
  let experimental: string[] = [];
  for (const part of settings.split(';')) {
    const [k, v = ''] = part.split('=');
    const key = k!.trim().toLowerCase();
    if (key === 'skip') skip = splitIds(v);
    else if (key === 'experimental') experimental = splitIds(v);
  }
  if (experimental.includes('all')) experimental = BUILDKIT_EXPERIMENTAL;
  if (skip.length === 0) return [];
  // a Set: both lists come from the pull request, and a list against a list would be quadratic in a crafted line
  const named = new Set(experimental);
  return [...skip.filter((id) => !named.has(id)), ...experimental.map((id) => `!${id}`)];
}

/**
 * The ids of a list, lower-cased, each in its canonical spelling (`DS002` is `ds-0002`, the form aliases take).
 * With `canonical` false, the names as written, empty ones (a stray comma) kept, for the grammar check.
 */
function splitIds(list: string, canonical = true): string[] {
  const parts = list.split(canonical ? /[,\s]+/ : /\s*,\s*|\s+/).map((s) => s.trim());
  return canonical ? parts.filter(Boolean).map((s) => canonicalId(s).toLowerCase()) : parts;
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
  const exempt = (ids: PragmaIds): boolean =>
    ids.has(`!${rule}`) || aliases.some((a) => ids.has(`!${a.toLowerCase()}`));
  const match = (ids: PragmaIds): number | undefined =>
    ids.get(rule) ??
    aliases.map((a) => ids.get(a.toLowerCase())).find((l) => l !== undefined) ??
    (ids.has('all') && !exempt(ids) ? ids.get('all') : undefined);
  if (s.global.size > 0) {
    const at = match(s.global);
    if (at !== undefined) return at;
  }
  if (line !== null) {
    const local = s.byLine.get(line);
    const at = local && match(local);
    if (at !== undefined) return at;
    for (const stage of s.stages ?? []) {
      if (line < stage.from || line >= stage.to) continue;
      const inStage = match(stage.ids);
      if (inStage !== undefined) return inStage;
    }
  }
  return null;
}
