import picomatch from 'picomatch';
/** Helpers rules share: walking RUN commands, editing words, naming stages. */
import { substituteVars } from '../dockerfile/image-ref.js';
import { isPosixShell, type DockerfileModel, type Instruction, type Stage } from '../dockerfile/model.js';
import { invocation, parseArgs, TOOLS, type Invocation, type ParsedArgs } from '../shell/args.js';
import type { ShellScript, SimpleCommand, Word } from '../shell/parser.js';
import type { TextEdit } from '../types.js';

export interface RunCommand {
  instruction: Instruction;
  script: ShellScript;
  command: SimpleCommand;
  /** The tool run, seen through sudo/env/python -m. */
  inv: Invocation;
}

/** Every simple command of every POSIX-shell RUN (ONBUILD RUN included), in file order. */
const runCommandsCache = new WeakMap<DockerfileModel, RunCommand[]>();

export function runCommands(model: DockerfileModel): readonly RunCommand[] {
  const cached = runCommandsCache.get(model);
  if (cached) return cached;
  const out: RunCommand[] = [];
  runCommandsCache.set(model, out);
  for (const instruction of model.each('RUN')) {
    const script = instruction.shell;
    if (!script || !isPosixShell(model.shellAt(instruction))) continue;
    for (const command of script.commands)
      out.push({ instruction, script, command, inv: invocation(command) });
  }
  return out;
}

/** The RUN commands of one tool (`apt-get`, `pip`, …). */
export function toolCommands(model: DockerfileModel, ...tools: string[]): RunCommand[] {
  return runCommands(model).filter((c) => tools.includes(c.inv.tool));
}

/** Parsed arguments of a tool invocation, with the tool's flag grammar. */
const parsedArgs = new WeakMap<Invocation, ParsedArgs>();

/** Parsed once per invocation and shared by every rule that asks. */
export function argsOf(inv: Invocation): ParsedArgs {
  let args = parsedArgs.get(inv);
  if (!args) parsedArgs.set(inv, (args = parseArgs(inv.args, TOOLS[inv.tool])));
  return args;
}

/** The sub-command (first positional): `install` in `apt-get -y install x`. */
export function subcommand(args: ParsedArgs): string | undefined {
  return args.positionals[0]?.value;
}

export function insertAfter(word: Word, text: string): TextEdit {
  return { start: word.end, end: word.end, text };
}

export function replaceWord(word: Word, text: string): TextEdit {
  return { start: word.start, end: word.end, text };
}

/** A human name for a stage: `stage "build"` or `stage 2`. */
export function stageLabel(stage: Stage): string {
  return stage.name ? `stage "${stage.name}"` : `stage ${stage.index + 1}`;
}

/** Stages whose contents end up in the image the build produces. */
export function shippedStages(model: DockerfileModel): Stage[] {
  return model.stages.filter((s) => s.shipped);
}

/** `replacement` written in the case style of `written` (`add` → `copy`, `Add` → `Copy`, `ADD` → `COPY`). */
export function matchKeywordCase(written: string, replacement: string): string {
  if (written === written.toLowerCase()) return replacement.toLowerCase();
  if (written === written.toUpperCase()) return replacement.toUpperCase();
  return replacement.charAt(0).toUpperCase() + replacement.slice(1).toLowerCase();
}

/**
 * An edit deleting an instruction's whole line(s), trailing newline included; only the instruction's own text when
 * something else shares its first or last line.
 */
export function deleteInstruction(model: DockerfileModel, ins: Instruction): TextEdit {
  const text = model.source.text;
  let start = ins.span.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  let end = ins.span.end;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t' || text[end] === '\r')) end++;
  const wholeLines = (start === 0 || text[start - 1] === '\n') && (end === text.length || text[end] === '\n');
  if (!wholeLines) return { start: ins.span.start, end: ins.span.end, text: '' };
  return { start, end: end < text.length ? end + 1 : end, text: '' };
}

/** Each instruction of `keyword` in a stage (ONBUILD triggers aside) that a later one of the same stage overrides. */
export function overriddenInstructions(
  stage: Stage,
  keyword: string,
): { instruction: Instruction; last: Instruction }[] {
  const all = stage.instructions.filter((i) => i.keyword === keyword);
  const last = all[all.length - 1];
  return last ? all.slice(0, -1).map((instruction) => ({ instruction, last })) : [];
}

/** The user a `USER` instruction sets, ARG/ENV values in scope substituted; null when a variable stays unknown. */
export function userOf(model: DockerfileModel, ins: Instruction): string | null {
  const raw = ins.args[0]?.value;
  if (raw === undefined) return null;
  if (!raw.includes('$')) return raw;
  const values = new Map<string, string | undefined>();
  for (const [name, decl] of model.varsAt(ins)) values.set(name, decl.value ?? undefined);
  const value = substituteVars(raw, values);
  return value.includes('$') ? null : value;
}

/** `root`, `0`, `root:root`, `0:0`, `root:staff`…: only the user part counts (`1000:0` is not root). */
export function isRootUser(user: string): boolean {
  const name = user.split(':')[0]!.trim();
  return name === 'root' || /^0+$/.test(name);
}

/** A stage and the earlier stages it is built FROM, nearest first. */
export function stageChain(stage: Stage): Stage[] {
  const out: Stage[] = [];
  for (let s: Stage | null = stage; s && !out.includes(s); s = s.parent) out.push(s);
  return out;
}

/** One `RUN --mount=…` of an instruction: its type (`bind` when not given), target and options (keys lower-cased). */
export interface RunMount {
  type: string;
  target: string | null;
  options: Map<string, string>;
}

/** The `--mount` flags of a RUN (or an ONBUILD RUN trigger), parsed as BuildKit reads their CSV value. */
const mountsCache = new WeakMap<Instruction, RunMount[]>();

export function runMounts(ins: Instruction): RunMount[] {
  const cached = mountsCache.get(ins);
  if (cached) return cached;
  const out: RunMount[] = [];
  mountsCache.set(ins, out);
  for (const flag of ins.flags) {
    if (flag.name.toLowerCase() !== 'mount' || flag.value === null) continue;
    const options = new Map<string, string>();
    for (const field of splitCsvFields(flag.value)) {
      const eq = field.indexOf('=');
      const key = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
      if (key) options.set(key, eq < 0 ? 'true' : field.slice(eq + 1).trim());
    }
    const target = options.get('target') ?? options.get('dst') ?? options.get('destination') ?? null;
    out.push({
      type: (options.get('type') ?? 'bind').toLowerCase(),
      target: target ? normalisePath(target) : null,
      options,
    });
  }
  return out;
}

function splitCsvFields(value: string): string[] {
  const fields: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '"') {
      if (quoted && value[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (c === ',' && !quoted) {
      fields.push(cur);
      cur = '';
    } else cur += c;
  }
  fields.push(cur);
  return fields;
}

/** `/a//b/./c/` → `/a/b/c`; relative paths stay relative. */
export function normalisePath(path: string): string {
  const abs = path.startsWith('/');
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(p);
  }
  return (abs ? '/' : '') + parts.join('/') || (abs ? '/' : '.');
}

/** True when a `--mount=type=cache` of the RUN holds `dir` (its target is `dir` or a parent of it). */
export function cacheMountCovers(ins: Instruction, dir: string): boolean {
  const d = normalisePath(dir);
  return runMounts(ins).some(
    (m) =>
      m.type === 'cache' &&
      m.target !== null &&
      (d === m.target || d.startsWith(m.target === '/' ? '/' : `${m.target}/`)),
  );
}

/**
 * True when what the instruction leaves in its layer ends up in the built image: it is in a shipped stage, or it is
 * an ONBUILD trigger (which runs in whatever image is built FROM this one).
 */
export function inShippedImage(ins: Instruction): boolean {
  return ins.onbuild !== null || (ins.stage?.shipped ?? false);
}

/** The line ending the file uses (`\r\n` when any line has it). */
export function lineEnding(model: DockerfileModel): string {
  return model.source.text.includes('\r\n') ? '\r\n' : '\n';
}

/**
 * An edit that appends `command` as the last command of a RUN: `<escape><newline>    && command` after a shell-form
 * RUN's text, or a last line of a `RUN <<EOF` script. Null when that cannot be done safely (exec form, a trailing
 * comment, a heredoc that is only stdin of the command, a RUN ending in an operator, a shell syntax error).
 */
export function appendToRun(ins: Instruction, command: string): TextEdit | null {
  const model = ins.model;
  const text = model.source.text;
  const script = ins.shell;
  // a script the shell parser could not read (an unterminated quote…) may swallow what is appended
  if (ins.keyword !== 'RUN' || ins.json || !script || script.hasError || !ins.argsSpan) return null;
  const eol = lineEnding(model);
  if (ins.heredocs.length > 0) {
    const body = ins.heredocs[0]!;
    // only when the RUN's script is the heredoc itself (`RUN <<EOF`), not stdin of a command on the first line
    if (ins.heredocs.length !== 1 || script.toFile(0) !== body.contentSpan.start) return null;
    return { start: body.contentSpan.end, end: body.contentSpan.end, text: `${eol}${command}` };
  }
  const end = ins.argsSpan.end;
  const lastEnd = script.commands.reduce((m, c) => Math.max(m, c.end), ins.argsSpan.start);
  const tail = text.slice(lastEnd, end);
  if (tail.includes('#')) return null;
  const trimmed = text.slice(ins.argsSpan.start, end).trimEnd();
  if (/(&&|\|\||\||\\)$/.test(trimmed) || (trimmed.endsWith('&') && !trimmed.endsWith('&&'))) return null;
  const at = ins.argsSpan.start + trimmed.length;
  const join = trimmed.endsWith(';') ? '' : '&& ';
  return { start: at, end: at, text: ` ${model.escape}${eol}    ${join}${command}` };
}

/** Sources and destination of a COPY/ADD in shell or JSON form (heredoc bodies not included); null if unreadable. */
export function copyOperands(ins: Instruction): { sources: string[]; dest: string } | null {
  const text = ins.model.source.text;
  if (!ins.argsSpan) return null;
  const raw = text
    .slice(ins.argsSpan.start, ins.argsSpan.end)
    .replace(/\\\r?\n/g, ' ')
    .trim();
  let words: string[];
  if (raw.startsWith('[')) {
    try {
      const v: unknown = JSON.parse(raw);
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return null;
      words = v as string[];
    } catch {
      return null;
    }
  } else {
    const firstBody = ins.heredocs[0]?.contentSpan.start ?? Infinity;
    words = ins.args.filter((a) => a.span.start < firstBody).map((a) => a.value);
  }
  if (words.length < 2) return null;
  return { sources: words.slice(0, -1), dest: words[words.length - 1]! };
}

/**
 * The value of an ARG/ENV variable in scope at an instruction, with the `$VARS` it references resolved as they
 * were where it was declared (`ARG NODE_ENV=production` + `ENV NODE_ENV=$NODE_ENV` → `production`); null when
 * unset, declared without a value, or still referencing something unknown.
 */
export function varValue(model: DockerfileModel, ins: Instruction, name: string, depth = 0): string | null {
  const decl = model.varsAt(ins.onbuild ?? ins).get(name);
  if (!decl || decl.value === null) return null;
  if (!decl.value.includes('$')) return decl.value;
  if (depth > 8) return null;
  const values = new Map<string, string | undefined>();
  for (const m of decl.value.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
    values.set(m[1]!, varValue(model, decl.instruction, m[1]!, depth + 1) ?? undefined);
  }
  const value = substituteVars(decl.value, values);
  return value.includes('$') ? null : value;
}

const globCache = new Map<string, (path: string) => boolean>();

/** A compiled glob matcher (dot files included), kept per pattern: compiling costs far more than matching. */
export function globMatcher(pattern: string): (path: string) => boolean {
  let m = globCache.get(pattern);
  if (!m) {
    if (globCache.size > 500) globCache.clear();
    m = picomatch(pattern, { dot: true });
    globCache.set(pattern, m);
  }
  return m;
}

/** The commands of each RUN, grouped per instruction in file order. */
export function groupByRun(commands: readonly RunCommand[]): Map<Instruction, RunCommand[]> {
  const byRun = new Map<Instruction, RunCommand[]>();
  for (const c of commands) {
    const list = byRun.get(c.instruction);
    if (list) list.push(c);
    else byRun.set(c.instruction, [c]);
  }
  return byRun;
}

/** Every spelling npm accepts for `install` (its aliases and tolerated typos). */
export const NPM_INSTALL = new Set([
  'install',
  'i',
  'in',
  'ins',
  'inst',
  'insta',
  'instal',
  'isnt',
  'isnta',
  'isntal',
  'isntall',
]);
