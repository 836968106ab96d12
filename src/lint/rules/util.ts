/** Helpers rules share: walking RUN commands, editing words, naming stages. */
import { relatedPaths } from '../related.js';
import type { FixProposal, Report } from '../rule.js';
import { compileGlob, MAX_GLOB_LENGTH, type Glob } from '../glob.js';
import { imageShortName, substituteVars } from '../dockerfile/image-ref.js';
import {
  isPosixShell,
  joinContinuations,
  type DockerfileModel,
  type Flag,
  type Instruction,
  type Stage,
} from '../dockerfile/model.js';
import { invocation, parseArgs, TOOLS, type Invocation, type ParsedArgs } from '../shell/args.js';
import type { ShellScript, SimpleCommand, Word } from '../shell/parser.js';
import type { Span, TextEdit } from '../types.js';
import { code } from '../quote.js';

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

/** How far stageChain and rootStage follow `FROM <stage>`: rules ask per instruction, so a chain of thousands of
 * stages would make them quadratic; no real build nests stages this deep. */
export const MAX_STAGE_CHAIN = 64;

/** A stage and the earlier stages it is built FROM, nearest first (at most MAX_STAGE_CHAIN of them). */
export function stageChain(stage: Stage): Stage[] {
  const out: Stage[] = [];
  for (let s: Stage | null = stage; s && out.length < MAX_STAGE_CHAIN && !out.includes(s); s = s.parent)
    out.push(s);
  return out;
}

const firstByStage = new WeakMap<Stage, Map<string, number>>();

/**
 * Where the first instruction of `keyword` in a stage starts (`ONBUILD <keyword>` triggers counted when `trigger`),
 * Infinity when there is none; found once per stage, so that a question asked per instruction stays linear.
 */
export function firstInStage(stage: Stage, keyword: string, trigger = false): number {
  let m = firstByStage.get(stage);
  if (!m) firstByStage.set(stage, (m = new Map()));
  const key = trigger ? `ONBUILD ${keyword}` : keyword;
  let at = m.get(key);
  if (at === undefined) {
    at = Infinity;
    for (const i of stage.instructions) {
      if ((trigger ? i.trigger?.keyword : i.keyword) === keyword) {
        at = i.span.start;
        break;
      }
    }
    m.set(key, at);
  }
  return at;
}

/** The stage a stage is built from, followed down to the one built from an image. */
export function rootStage(stage: Stage): Stage {
  let s = stage;
  for (let guard = 0; s.parent && guard < MAX_STAGE_CHAIN; guard++) s = s.parent;
  return s;
}

export type BaseKind = 'bash' | 'ash' | 'unknown';

/** Whether the base image has bash (Debian, Ubuntu, RHEL families) or only BusyBox ash (Alpine, BusyBox). */
export function baseKind(stage: Stage): BaseKind {
  const root = rootStage(stage);
  const ref = root.resolvedImage;
  if (root.isScratch || ref.dynamic) return 'unknown';
  const name = ref.name.toLowerCase();
  const tag = (ref.tag ?? '').toLowerCase();
  if (name.includes('distroless') || name.includes('chainguard') || name.includes('nanoserver'))
    return 'unknown';
  const short = imageShortName(ref);
  if (short === 'alpine' || short === 'busybox' || /(^|[-.])alpine/.test(tag) || name.includes('alpine'))
    return 'ash';
  return 'bash';
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

/** A mount whose contents never reach the layer: a BuildKit cache, or a tmpfs that is gone after the RUN. */
export function keepsOutOfLayer(m: RunMount): boolean {
  return m.type === 'cache' || m.type === 'tmpfs';
}

/**
 * True when a `--mount=type=cache` or `type=tmpfs` of the RUN holds `dir` (its target is `dir` or a parent of
 * it): what the RUN writes there is not in the layer.
 */
export function cacheMountCovers(ins: Instruction, dir: string): boolean {
  const d = normalisePath(dir);
  return runMounts(ins).some(
    (m) =>
      keepsOutOfLayer(m) &&
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
  // asked per fix: scanning a large file each time would be quadratic
  let eol = eolCache.get(model);
  if (eol === undefined) eolCache.set(model, (eol = model.source.text.includes('\r\n') ? '\r\n' : '\n'));
  return eol;
}
const eolCache = new WeakMap<DockerfileModel, string>();

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
  // only the blanks the shell splits on: trimEnd() would also drop a BOM or a no-break space glued to the last word
  const trimmed = text.slice(ins.argsSpan.start, end).replace(/[ \t\r\n]+$/, '');
  if (/(&&|\|\||\||\\)$/.test(trimmed) || (trimmed.endsWith('&') && !trimmed.endsWith('&&'))) return null;
  const at = ins.argsSpan.start + trimmed.length;
  // a `;` operator lies after the last command; an escaped `\;` is part of its last word and joins nothing
  const join = /(^|[^\\])(\\\\)*;[ \t\r\n]*$/.test(tail) ? '' : '&& ';
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
    // a `<<EOF` opener whose body the parser could not find: the body's lines would be read as operands
    if (ins.heredocs.length === 0 && ins.args.some((a) => /^[0-9]*<<-?["']?[A-Za-z_]/.test(a.value)))
      return null;
    const firstBody = ins.heredocs[0]?.contentSpan.start ?? Infinity;
    words = ins.args.filter((a) => a.span.start < firstBody).map((a) => a.value);
  }
  if (words.length < 2) return null;
  return { sources: words.slice(0, -1), dest: words[words.length - 1]! };
}

const declared = new WeakMap<DockerfileModel, Set<string>>();

/** Every ARG/ENV name the file declares anywhere. */
function declaredNames(model: DockerfileModel): Set<string> {
  let names = declared.get(model);
  if (!names) {
    names = new Set(model.globalArgs.map((a) => a.name));
    for (const s of model.stages) for (const v of s.vars) names.add(v.name);
    declared.set(model, names);
  }
  return names;
}

/**
 * The value of an ARG/ENV variable in scope at an instruction, with the `$VARS` it references resolved as they
 * were where it was declared (`ARG NODE_ENV=production` + `ENV NODE_ENV=$NODE_ENV` → `production`); null when
 * unset, declared without a value, or still referencing something unknown.
 */
export function varValue(model: DockerfileModel, ins: Instruction, name: string, depth = 0): string | null {
  // a name the file never declares has no value: no scope to build (a map per RUN is quadratic in a long file)
  if (!declaredNames(model).has(name)) return null;
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

/**
 * A compiled glob matcher (dot files included; see src/lint/glob.ts), kept per pattern: compiling costs more than
 * matching. An empty pattern (an empty quoted COPY source) or one over 4 KiB matches nothing.
 */
export function globMatcher(pattern: string): (path: string) => boolean {
  let m = globCache.get(pattern);
  if (!m) {
    if (globCache.size > 500) globCache.clear();
    const glob = compileGlob(pattern);
    m = (path) => glob.test(path);
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

/** A `key=value` field of a flag's CSV value (`RUN --mount=type=bind,from=builder`), with the span of its value. */
export interface FlagField {
  key: string;
  value: string;
  span: Span;
}

/**
 * The fields of a flag's CSV value with the file span of each value (quotes around a value removed), read from the
 * source text so that a fix can replace one value exactly. Keys are lower-cased.
 */
export function flagFields(model: DockerfileModel, flag: Flag): FlagField[] {
  if (!flag.valueSpan) return [];
  const text = model.source.text;
  const out: FlagField[] = [];
  let start = flag.valueSpan.start;
  const end = flag.valueSpan.end;
  let quoted = false;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text[i] : ',';
    if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      const eq = text.indexOf('=', start);
      if (eq >= 0 && eq < i) {
        let vs = eq + 1;
        let ve = i;
        if (ve - vs >= 2 && text[vs] === '"' && text[ve - 1] === '"') {
          vs++;
          ve--;
        }
        out.push({
          key: text.slice(start, eq).trim().toLowerCase(),
          value: text.slice(vs, ve),
          span: { start: vs, end: ve },
        });
      }
      start = i + 1;
    }
  }
  return out;
}

/** The `from=` values of every `--mount` flag of a RUN (an image, a stage name or a stage index). */
export function mountFromRefs(ins: Instruction): FlagField[] {
  const out: FlagField[] = [];
  for (const flag of ins.flags) {
    if (flag.name.toLowerCase() !== 'mount') continue;
    for (const field of flagFields(ins.model, flag)) if (field.key === 'from') out.push(field);
  }
  return out;
}

const VAR_REF = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;

/** `text` with each `$VAR`/`${VAR}` replaced by its value at `ins` (see varValue); null when one stays unknown. */
export function resolveVars(model: DockerfileModel, ins: Instruction, text: string): string | null {
  if (!text.includes('$')) return text;
  const values = new Map<string, string | undefined>();
  for (const m of text.matchAll(VAR_REF)) values.set(m[1]!, varValue(model, ins, m[1]!) ?? undefined);
  const out = substituteVars(text, values);
  return out.includes('$') ? null : out;
}

/** One word of an `EXPOSE`: `[ip:][host:]port[-port][/proto]`. */
export interface PortSpec {
  /** The word in the file, quotes included. */
  span: Span;
  /** Quotes removed, variables as written. */
  raw: string;
  /** Written in quotes (edits must keep them). */
  quoted: boolean;
  /** Variables substituted; null when one is unknown (then the fields below are empty). */
  value: string | null;
  /** `127.0.0.1:8080:` or `8080:` before the container port, `''` when none. */
  prefix: string;
  /** The container port or range: `80`, `8000-8010`. */
  ports: string;
  /** The protocol as written (`tcp`, `UDP`), null when none. */
  proto: string | null;
}

const portSpecCache = new WeakMap<Instruction, PortSpec[]>();

/** The port words of an `EXPOSE` (or `ONBUILD EXPOSE`) instruction, parsed once and shared. */
export function exposeSpecs(model: DockerfileModel, ins: Instruction): PortSpec[] {
  let specs = portSpecCache.get(ins);
  if (specs) return specs;
  specs = ins.args.map((arg) => {
    const q = /^(["'])(.*)\1$/s.exec(arg.value);
    const raw = q ? q[2]! : arg.value;
    const value = resolveVars(model, ins, raw);
    const spec: PortSpec = { span: arg.span, raw, quoted: !!q, value, prefix: '', ports: '', proto: null };
    if (value !== null) {
      const colon = value.lastIndexOf(':');
      spec.prefix = value.slice(0, colon + 1);
      const rest = value.slice(colon + 1);
      const slash = rest.indexOf('/');
      spec.ports = slash < 0 ? rest : rest.slice(0, slash);
      spec.proto = slash < 0 ? null : rest.slice(slash + 1);
    }
    return spec;
  });
  portSpecCache.set(ins, specs);
  return specs;
}

/** A `$NAME` or `${NAME…}` the builder expands in an instruction's text. */
export interface VarRef {
  name: string;
  /** What follows the name inside `${…}`: `''` (plain), `:-`, `-`, `:+`, `+`, `:?`, `?`, `#`, `%`, `/`. */
  modifier: string;
  /** `$NAME` / `${NAME` (up to the modifier or the closing brace) in the file. */
  span: Span;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/**
 * The variable references in `[start, end)` of the file, read the way the builder's word expansion reads them:
 * line continuations joined, nothing expanded inside single quotes, the escape character (`\` or the backtick)
 * making the next `$` literal.
 */
export function varRefs(model: DockerfileModel, start: number, end: number): VarRef[] {
  const text = model.source.text;
  const slice = text.slice(start, end);
  if (!slice.includes('$')) return [];
  const esc = model.escape;
  const { logical, map } = joinContinuations(text, start, end, esc);
  const out: VarRef[] = [];
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < logical.length; i++) {
    const c = logical[i]!;
    if (quote === "'") {
      if (c === "'") quote = '';
      continue;
    }
    if (c === esc) {
      // outside quotes the escape keeps any character literal; inside double quotes only `"`, `$` and itself
      const next = logical[i + 1];
      if (quote === '' || next === '"' || next === '$' || next === esc) i++;
      continue;
    }
    if (c === '"' || c === "'") {
      if (quote === '') quote = c;
      else if (quote === c) quote = '';
      continue;
    }
    if (c !== '$') continue;
    const braced = logical[i + 1] === '{';
    let j = braced ? i + 2 : i + 1;
    if (!NAME_START.test(logical[j] ?? '')) continue;
    while (j < logical.length && NAME_CHAR.test(logical[j]!)) j++;
    const name = logical.slice(braced ? i + 2 : i + 1, j);
    let modifier = '';
    if (braced) {
      const m = /^(:?[-+?]|[#%/]|)/.exec(logical.slice(j, j + 2));
      modifier = logical[j] === '}' ? '' : (m?.[1] ?? '');
    }
    out.push({ name, modifier, span: { start: map[i]!, end: map[j - 1]! + 1 } });
    // a modifier's word may hold more references (`${A:-$B}`): keep scanning after the name
    i = j - 1;
  }
  return out;
}

/** `text` with the ARG/ENV values in scope at `ins` substituted; null when a variable stays unknown. */
export function expandInScope(model: DockerfileModel, ins: Instruction, text: string): string | null {
  return resolveVars(model, ins, text);
}

/** What a `COPY --from=` / `RUN --mount=from=` value names, once the variables in scope are substituted. */
export type FromRef =
  | { kind: 'stage'; stage: Stage; value: string }
  | { kind: 'index'; index: number; stage: Stage | null; value: string }
  | { kind: 'image'; value: string }
  | { kind: 'unknown'; value: string };

export function fromRef(model: DockerfileModel, ins: Instruction, raw: string): FromRef {
  const value = expandInScope(model, ins, raw);
  if (value === null || value === '') return { kind: 'unknown', value: raw };
  if (/^[0-9]+$/.test(value)) {
    const index = Number(value);
    return { kind: 'index', index, stage: model.stages[index] ?? null, value };
  }
  const stage = model.stageByName(value);
  return stage ? { kind: 'stage', stage, value } : { kind: 'image', value };
}

/** An edit deleting a flag (`--platform=linux/amd64`) and the blanks after it, keeping the rest of the line. */
export function deleteFlag(model: DockerfileModel, flag: Flag): TextEdit {
  const text = model.source.text;
  let end = flag.span.end;
  while (text[end] === ' ' || text[end] === '\t') end++;
  return { start: flag.span.start, end, text: '' };
}

const KNOWN_OS = new Set([
  'aix',
  'android',
  'darwin',
  'dragonfly',
  'freebsd',
  'illumos',
  'ios',
  'js',
  'linux',
  'netbsd',
  'openbsd',
  'plan9',
  'solaris',
  'wasip1',
  'windows',
]);
const ARCH_ALIASES: Record<string, string> = {
  x86_64: 'amd64',
  'x86-64': 'amd64',
  amd64: 'amd64',
  aarch64: 'arm64',
  arm64: 'arm64',
  armhf: 'arm',
  armel: 'arm',
  arm: 'arm',
  i386: '386',
  '386': '386',
  ppc64le: 'ppc64le',
  ppc64: 'ppc64',
  s390x: 's390x',
  riscv64: 'riscv64',
  mips64le: 'mips64le',
  mips64: 'mips64',
  loong64: 'loong64',
  wasm: 'wasm',
};

/**
 * A constant platform (`linux/amd64`, `arm64`, `linux/arm/v7`) read as the builder does: null when it would not
 * parse. A lone architecture implies `linux`; a lone OS leaves the architecture unknown (the builder's own).
 */
export function parsePlatform(value: string): { os: string; arch: string | null } | null {
  const parts = value.trim().toLowerCase().split('/');
  if (parts.some((p) => !/^[a-z0-9_.-]+$/.test(p)) || parts.length > 3) return null;
  if (parts.length === 1) {
    const p = parts[0]!;
    if (KNOWN_OS.has(p)) return { os: p, arch: null };
    const arch = ARCH_ALIASES[p];
    return arch ? { os: 'linux', arch } : null;
  }
  return { os: parts[0]!, arch: ARCH_ALIASES[parts[1]!] ?? parts[1]! };
}

/**
 * The ARGs BuildKit defines in the global scope of every build, with typical values (a linux/amd64 build) for
 * judging what a `FROM` resolves to.
 */
export const PREDEFINED_PLATFORM_ARGS: ReadonlyMap<string, string> = new Map([
  ['TARGETPLATFORM', 'linux/amd64'],
  ['TARGETOS', 'linux'],
  ['TARGETARCH', 'amd64'],
  ['TARGETVARIANT', ''],
  ['BUILDPLATFORM', 'linux/amd64'],
  ['BUILDOS', 'linux'],
  ['BUILDARCH', 'amd64'],
  ['BUILDVARIANT', ''],
  ['TARGETSTAGE', ''],
]);

// ---- Package installs: pinned versions and cleaned caches (the *-pin-versions and *-clean rules) ----

/** An install operand that leaves the version to whatever the repository serves on the day of the build. */
export interface UnpinnedPackage {
  word: Word;
  /** The package as written, or the item of the `$VAR` list the word expands to. */
  spec: string;
  /** Set when the version comes from an ARG/ENV declared without a value (empty unless `--build-arg` sets it). */
  emptyVar?: string;
}

// a default stops at a nested `${`: `[^}]*` alone rescanned to the end after every unclosed `${X:-`
const PKG_VAR_REF =
  /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-=])([^}$]*(?:\$(?!\{)[^}$]*)*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;
const PKG_WHOLE_VAR = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/;

/** A package word with the ARG/ENV values in scope substituted; unknown (shell) variables stay as written. */
function expandPackageWord(
  ins: Instruction,
  text: string,
  script: string,
): { text: string; empty: string | null } {
  // most package words name no variable: no scope to build (a map per RUN is quadratic in a long file)
  if (!text.includes('$')) return { text, empty: null };
  const model = ins.model;
  const scope = model.varsAt(ins.onbuild ?? ins);
  let empty: string | null = null;
  const out = text.replace(
    PKG_VAR_REF,
    (
      all,
      braced: string | undefined,
      op: string | undefined,
      def: string | undefined,
      plain: string | undefined,
    ) => {
      const name = (braced ?? plain)!;
      // the RUN computes it (`if [ -z ${V+x} ]; then V=$(…); fi`): a shell value, not the ARG's
      if (assignedIn(script, name)) return all;
      const decl = scope.get(name);
      const value = decl ? varValue(model, ins, name) : null;
      if (value) return value;
      if (op !== undefined && def) return def;
      if (decl && (decl.value === null || value === '')) {
        empty ??= name;
        return '';
      }
      return all;
    },
  );
  return { text: out, empty };
}

/** The script assigns `name` itself: `name=…`, `export name=…`, `for name in`. */
function assignedIn(script: string, name: string): boolean {
  if (!script.includes(name)) return false;
  // `name` is an identifier (the reference regex matched it): nothing to escape, and no nested quantifier
  return new RegExp(`(?:^|[\\s;&|(\`])${name}\\+?=|\\bfor\\s+${name}\\s`).test(script);
}

/**
 * The operands of an install command that pin no version, judged by `pinned` (the package manager's syntax).
 * `$VAR` words are judged by the ARG/ENV value in scope: a whole-word list (`$PACKAGES`) item by item, a version
 * (`curl=${CURL_VERSION}`) as pinned when the variable has a value. Words whose variables cannot be resolved (set
 * by the shell, or by `--build-arg` only) are not judged.
 */
export function unpinnedPackages(
  c: RunCommand,
  operands: readonly Word[],
  pinned: (spec: string) => boolean,
): UnpinnedPackage[] {
  const ins = c.instruction;
  const out: UnpinnedPackage[] = [];
  for (const word of operands) {
    const v = word.value;
    if (!v.includes('$')) {
      if (!pinned(v)) out.push({ word, spec: v });
      continue;
    }
    const whole = PKG_WHOLE_VAR.exec(v);
    if (whole) {
      const list = varValue(ins.model, ins, (whole[1] ?? whole[2])!);
      if (list === null) continue;
      for (const spec of list.split(/\s+/)) if (spec && !pinned(spec)) out.push({ word, spec });
      continue;
    }
    const { text, empty } = expandPackageWord(ins, v, c.script.text);
    if (empty !== null) out.push({ word, spec: v, emptyVar: empty });
    else if (!text.includes('$') && !pinned(text)) out.push({ word, spec: v });
  }
  return out;
}

/** `` `a` ``, `` `a` and `b` ``, `` `a`, `b`, `c` and 2 more ``. */
export function listInBackticks(items: readonly string[], max = 4): string {
  const unique = [...new Set(items)];
  const shown = unique.slice(0, unique.length > max ? max - 1 : max).map((s) => code(s));
  const rest = unique.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/**
 * Reports the unpinned operands of one install command: one finding at the first plain one naming them all, and
 * one per version taken from a variable declared without a value.
 */
export function reportUnpinned(
  report: (r: { at: Span; message: string }) => void,
  command: string,
  list: readonly UnpinnedPackage[],
  form: string,
): void {
  const plain = list.filter((p) => p.emptyVar === undefined);
  if (plain.length > 0) {
    const names = listInBackticks(plain.map((p) => p.spec));
    report({
      at: { start: plain[0]!.word.start, end: plain[0]!.word.end },
      message: `${code(command)} does not pin ${names} to a version: write ${form} so that every rebuild installs the same code.`,
    });
  }
  for (const p of list) {
    if (p.emptyVar === undefined) continue;
    report({
      at: { start: p.word.start, end: p.word.end },
      message: `${code(p.spec)} takes its version from ${code(p.emptyVar)}, which is declared without a value: unless every build passes ${code(`--build-arg ${p.emptyVar}=…`)} the version is empty, so give it a default.`,
    });
  }
}

/** Positionals of a command that come before a `--` word (what follows `--` belongs to something else). */
export function beforeDoubleDash(inv: Invocation, words: readonly Word[]): Word[] {
  const dd = inv.args.find((w) => w.value === '--' && w.raw === '--');
  return dd ? words.filter((w) => w.start < dd.start) : [...words];
}

const HOME_PREFIX = /^(~|\$HOME|\$\{HOME\})(?=\/|$)/;

/**
 * True when an `rm` operand deletes `dir` or everything in it: the directory, a parent of it (not `/`), or a glob
 * over its contents (`/var/cache/yum/*`). `~/x` and `$HOME/x` match a `dir` written `~/x`.
 */
export function rmCovers(arg: string, dir: string): boolean {
  const a = arg.replace(HOME_PREFIX, '/~');
  const d = normalisePath(dir.replace(HOME_PREFIX, '/~'));
  if (!a.startsWith('/')) return false;
  const path = normalisePath(a);
  if (path === d || (path.length > 1 && d.startsWith(`${path}/`))) return true;
  if (!/[*?[{]/.test(path)) return false;
  const isMatch = globMatcher(path);
  if (isMatch(d) || isMatch(`${d}/x`)) return true;
  // a glob naming a parent: `/var/lib/{apt,dpkg}/` deletes `/var/lib/apt/lists`
  for (let cut = d.lastIndexOf('/'); cut > 0; cut = d.lastIndexOf('/', cut - 1))
    if (isMatch(d.slice(0, cut))) return true;
  return false;
}

/** `find` tests that pick some entries only: with them, a `find` from a parent may leave the directory alone. */
const FIND_FILTERS = /^-(?:i?name|i?path|i?wholename|i?regex|newer|size|mtime|user|group|perm|links|empty)$/;

/**
 * True when a `find … -delete` (or `-exec rm`) empties `dir`: it starts at `dir`, or at a parent of it with no
 * test that would skip the directory (`-type`, `-mindepth` are fine).
 */
function findDeletes(c: RunCommand, dir: string): boolean {
  const words = c.inv.args.map((w) => w.value);
  const first = words.findIndex((w) => w.startsWith('-') || w === '(' || w === '!');
  const starts = first < 0 ? words : words.slice(0, first);
  const expr = first < 0 ? [] : words.slice(first);
  const deletes = expr.includes('-delete') || expr.some((w, i) => w === '-exec' && expr[i + 1] === 'rm');
  if (!deletes) return false;
  const d = normalisePath(dir.replace(HOME_PREFIX, '/~'));
  const filtered = expr.some((w) => FIND_FILTERS.test(w));
  return starts.some((s) => {
    const a = s.replace(HOME_PREFIX, '/~');
    if (!a.startsWith('/')) return false;
    const path = normalisePath(a);
    return path === d || (!filtered && path.length > 1 && d.startsWith(`${path}/`));
  });
}

/**
 * True when the command deletes one of `dirs`: an `rm` of it (see rmCovers), or a `find` that deletes what is
 * in it (`find /var/lib/apt/lists -type f -delete`).
 */
export function removesDir(c: RunCommand, dirs: readonly string[]): boolean {
  if (c.inv.tool === 'find') return dirs.some((d) => findDeletes(c, d));
  if (c.inv.tool !== 'rm') return false;
  return argsOf(c.inv).positionals.some((w) => dirs.some((d) => rmCovers(w.value, d)));
}

/**
 * An RPM package operand that names a version: `name-version[-release]` (the part after the last `-` starts with a
 * digit), a comparison written as one quoted word (`'pkg >= 1.2'`), an `.rpm` file or URL, or a `@group`/`@module`
 * (groups have no version; a module stream is judged as a module).
 */
export function rpmPinned(spec: string): boolean {
  if (spec.endsWith('.rpm') || spec.includes('/') || /[<>=]/.test(spec) || spec.startsWith('@')) return true;
  const dash = spec.lastIndexOf('-');
  return dash > 0 && /^[0-9][A-Za-z0-9.~^_:+*]*$/.test(spec.slice(dash + 1));
}

/** The packages and modules of `yum|dnf|microdnf install …` / `… module install …`; null for other subcommands. */
export function rpmInstallOperands(args: ParsedArgs): { packages: Word[]; modules: Word[] } | null {
  const [sub, second] = args.positionals;
  if (sub?.value === 'install') return { packages: args.positionals.slice(1), modules: [] };
  if (sub?.value === 'module' && second?.value === 'install')
    return { packages: [], modules: args.positionals.slice(2) };
  return null;
}

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length]!;
}

/** yum/dnf subcommands that ask "Is this ok [y/N]" before changing anything. */
const RPM_PROMPTING = new Set([
  'install',
  'groupinstall',
  'localinstall',
  'reinstall',
  'downgrade',
  'update',
  'upgrade',
  'update-minimal',
  'upgrade-minimal',
  'distro-sync',
  'remove',
  'erase',
  'autoremove',
  'groupupdate',
  'groupremove',
  'swap',
]);
/** `group install x`, `module enable nodejs:20`…: the action is the second word. */
const RPM_GROUP_ACTIONS = new Set([
  'install',
  'remove',
  'update',
  'upgrade',
  'enable',
  'disable',
  'reset',
  'switch-to',
]);

/** The subcommand word of a yum/dnf/microdnf command that stops for confirmation; undefined for others. */
export function rpmPromptingSubcommand(args: ParsedArgs): Word | undefined {
  const [sub, second] = args.positionals;
  if (!sub) return undefined;
  if (RPM_PROMPTING.has(sub.value)) return sub;
  if ((sub.value === 'group' || sub.value === 'groups' || sub.value === 'module') && second)
    return RPM_GROUP_ACTIONS.has(second.value) ? sub : undefined;
  return undefined;
}

/** yum/dnf will not ask: `-y`, `--assumeyes`, `--assumeno`, `--setopt=assumeyes=1`. */
export function rpmAssumesYes(args: ParsedArgs): boolean {
  if (args.has('-y', '--assumeyes', '--assumeno')) return true;
  return args.flags.some(
    (f) => f.name === '--setopt' && /^assumeyes\s*=\s*(1|true|yes)$/i.test(f.value ?? ''),
  );
}

/**
 * Per RUN of the shipped image (ONBUILD triggers included): the first command that fills a package cache
 * (`isInstall`) with no cleanup (`isCleanup`) after it in the same RUN and no BuildKit cache mount on one of
 * `cacheDirs`. Builder stages are skipped: their layers never reach the image.
 */
export function uncleanedInstalls(
  model: DockerfileModel,
  tools: readonly string[],
  isInstall: (c: RunCommand) => boolean,
  isCleanup: (c: RunCommand) => boolean,
  cacheDirs: readonly string[],
): RunCommand[] {
  const out: RunCommand[] = [];
  // `rm` and `find … -delete` of a cache directory are cleanups for every package manager
  for (const [ins, list] of groupByRun(toolCommands(model, ...tools, 'find'))) {
    if (!inShippedImage(ins)) continue;
    const installs = list.filter(isInstall);
    if (installs.length === 0) continue;
    if (cacheDirs.some((d) => cacheMountCovers(ins, d))) continue;
    const last = installs[installs.length - 1]!.command.index;
    if (list.some((c) => c.command.index > last && isCleanup(c))) continue;
    out.push(installs.find((i) => !list.some((c) => c.command.index > i.command.index && isCleanup(c)))!);
  }
  return out;
}

/** `this RUN` / `this ONBUILD RUN`, for messages. */
export function thisRun(ins: Instruction): string {
  return ins.onbuild ? 'this ONBUILD RUN' : 'this RUN';
}

/** yum/dnf subcommands that download packages (and metadata) into the cache. */
const RPM_FETCHING = new Set([
  'install',
  'groupinstall',
  'localinstall',
  'reinstall',
  'downgrade',
  'update',
  'upgrade',
  'update-minimal',
  'upgrade-minimal',
  'distro-sync',
  'groupupdate',
]);

/** The yum/dnf/microdnf command downloads packages: `install`, `update`, `group install`, `module install`… */
export function rpmFetches(args: ParsedArgs): boolean {
  const [sub, second] = args.positionals;
  if (!sub) return false;
  if (RPM_FETCHING.has(sub.value)) return true;
  return (
    (sub.value === 'group' || sub.value === 'groups' || sub.value === 'module') &&
    ['install', 'update', 'upgrade'].includes(second?.value ?? '')
  );
}

/** `yum clean all` / `dnf clean all` / `microdnf clean all`. */
export function rpmCleansAll(args: ParsedArgs): boolean {
  return args.positionals[0]?.value === 'clean' && args.positionals.some((w) => w.value === 'all');
}

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

/** The COPY/ADD instructions (ONBUILD too) that send the whole build context: a source of `.`, `./` or `*`. */
export function wholeContextCopies(model: DockerfileModel): Instruction[] {
  return model.each('COPY', 'ADD').filter((ins) => {
    if (ins.flag('from')) return false;
    const ops = copyOperands(ins);
    return ops !== null && ops.sources.some((s) => s === '.' || s === './' || s === '*' || s === './*');
  });
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

/** yum-pin-versions and dnf-pin-versions: `install pkg` and `module install mod` without a version or stream. */
export function checkRpmPins(model: DockerfileModel, report: (r: Report) => void, tools: string[]): void {
  for (const c of toolCommands(model, ...tools)) {
    const ops = rpmInstallOperands(argsOf(c.inv));
    if (!ops) continue;
    const tool = c.inv.tool;
    reportUnpinned(
      report,
      `${tool} install`,
      unpinnedPackages(c, ops.packages, rpmPinned),
      '`<package>-<version>`',
    );
    // a module is pinned by its stream: `nodejs:20`
    const streamPinned = (spec: string): boolean => spec.includes(':');
    reportUnpinned(
      report,
      `${tool} module install`,
      unpinnedPackages(c, ops.modules, streamPinned),
      '`<module>:<stream>`',
    );
  }
}

/** yum-assume-yes and dnf-assume-yes: a prompting command without `-y`, fixed by adding it. */
export function checkRpmAssumeYes(
  model: DockerfileModel,
  report: (r: Report) => void,
  tools: string[],
): void {
  for (const { inv, script } of toolCommands(model, ...tools)) {
    const args = argsOf(inv);
    const sub = rpmPromptingSubcommand(args);
    if (!sub || rpmAssumesYes(args)) continue;
    // `group install`, `module enable`: name both words
    const words = sub.value === 'group' || sub.value === 'groups' || sub.value === 'module' ? 2 : 1;
    const what = args.positionals
      .slice(0, words)
      .map((w) => w.value)
      .join(' ');
    report({
      at: { start: inv.toolWord.start, end: sub.end },
      message: `${code(`${inv.tool} ${what}`)} without \`-y\` stops at the confirmation prompt, which a build cannot answer.`,
      ...assumeYesFix(script, sub),
    });
  }
}

/**
 * The fix adding `-y` after a subcommand word; none when the shell parser met a syntax error in the script: its
 * error recovery can drop the inserted word (`install -y<< x`, an unterminated here-document), so the fixed file
 * would still be reported.
 */
export function assumeYesFix(script: ShellScript, after: Word): { fix?: FixProposal } {
  return script.hasError ? {} : { fix: { description: 'add `-y`', edits: [insertAfter(after, ' -y')] } };
}

/**
 * `value` with each `${…}` (and with `bare`, each `$NAME`) replaced by `by`, as `/\$\{[^}]*\}|\$NAME/g` would, in
 * one pass: the regex rescans to the end of the text after every `${` that is never closed.
 */
export function replaceVarRefs(value: string, by: string, bare: boolean): string {
  let out = '';
  let close = -2; // the next `}` at or after the current position; -1 once there is none
  for (let i = 0; i < value.length;) {
    if (value[i] === '$' && value[i + 1] === '{') {
      if (close !== -1 && close < i + 2) close = value.indexOf('}', i + 2);
      if (close >= 0) {
        out += by;
        i = close + 1;
        continue;
      }
    } else if (bare && value[i] === '$' && /[A-Za-z_]/.test(value[i + 1] ?? '')) {
      let j = i + 2;
      while (j < value.length && /[A-Za-z0-9_]/.test(value[j]!)) j++;
      out += by;
      i = j;
      continue;
    }
    out += value[i];
    i++;
  }
  return out;
}

/** What a file that is not meant to be read as it stands looks like. */
export type NotAFile = { kind: 'template'; line: number } | { kind: 'link'; target: string };

/**
 * A symbolic link checked out as a plain file (git writes the link's target: one word, no newline), or, for
 * YAML, a Jinja/cookiecutter template (a `{{ }}` or `{% %}` pair on a line): such files are resolved or rendered
 * before anyone uses them, so their syntax is not the author's mistake. A Dockerfile's template tags are found
 * by its rule, where an instruction would start. Linear scans only: the text may come from a pull request.
 */
export function notAFile(text: string, yaml: boolean): NotAFile | null {
  // one word cannot be a Dockerfile (an instruction takes arguments) nor a Compose file (a scalar)
  if (text.length > 0 && text.length <= 1024 && !/\s/.test(text) && /[/.]/.test(text))
    return { kind: 'link', target: text };
  if (!yaml) return null;
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const row = text.slice(start, end);
    const open = row.search(/\{[{%#]/);
    if (open >= 0 && /[}%#]\}/.test(row.slice(open + 2))) return { kind: 'template', line };
    start = end + 1;
  }
  return null;
}
