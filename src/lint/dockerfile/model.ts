/**
 * The Dockerfile model every rule shares: parsed once on dockerfile-ast, with exact offsets, stages, variables
 * in scope, ONBUILD triggers and the shell commands of each RUN.
 */
import {
  DockerfileParser,
  Instruction as AstInstructionClass,
  type Dockerfile as AstDockerfile,
  type Instruction as AstInstruction,
  type Flag as AstFlag,
} from 'dockerfile-ast';
import type { Range as LspRange } from 'vscode-languageserver-types';
import { SourceText } from '../source.js';
import type { Span } from '../types.js';
import { parseShell, parseShellBatch, type ShellScript, type ShellSource } from '../shell/parser.js';
import { parseImageRef, type ImageRef } from './image-ref.js';
import { substituteVars } from './var-syntax.js';

export const KNOWN_INSTRUCTIONS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

export interface Directives {
  syntax: string | null;
  escape: '\\' | '`';
  /** BuildKit `# check=skip=…;error=true`. */
  checkSkip: string[];
  checkError: boolean;
  /** Malformed or misplaced directives, as problems for `valid-syntax`. */
  problems: Problem[];
}

export interface Problem {
  message: string;
  span: Span;
}

export interface Arg {
  value: string;
  span: Span;
}

export interface Flag {
  name: string;
  value: string | null;
  span: Span;
  valueSpan: Span | null;
}

export interface KeyValue {
  name: string;
  /** Quotes removed. */
  value: string | null;
  span: Span;
  nameSpan: Span;
  valueSpan: Span | null;
}

/**
 * A heredoc body ends at its first line that is the delimiter (tabs stripped for `<<-`). dockerfile-ast reads
 * `\x` at the end of a body line as a line continuation and runs the body on past the delimiter.
 */
function cutAtDelimiter(text: string, body: Span, name: string, dash: boolean): Span {
  if (name === '') return body;
  let at = body.start;
  while (at <= body.end) {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl < 0 || nl > body.end ? body.end : nl;
    let line = text.slice(at, lineEnd);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if ((dash ? line.replace(/^\t+/, '') : line) === name)
      return { start: body.start, end: Math.max(body.start, at - 1) };
    if (lineEnd >= body.end) break;
    at = lineEnd + 1;
  }
  return body;
}

export interface Heredoc {
  name: string;
  /** The body, between the opening line and the delimiter. */
  content: string;
  contentSpan: Span;
  /** A line with the delimiter ends the body; when none does, the builder reads the rest of the file into it. */
  closed: boolean;
}

export interface Instruction {
  /** Upper-cased keyword. */
  keyword: string;
  /** The keyword as written. */
  written: string;
  span: Span;
  keywordSpan: Span;
  /** The arguments after any `--flags`, or null when there are none. */
  readonly argsSpan: Span | null;
  /** 1-based. */
  line: number;
  endLine: number;
  readonly args: Arg[];
  readonly flags: Flag[];
  /** KEY=value pairs of ENV, ARG and LABEL. */
  readonly pairs: KeyValue[];
  /** Exec form (`["a","b"]`) of RUN, CMD, ENTRYPOINT, SHELL, HEALTHCHECK CMD; null in shell form. */
  readonly json: Arg[] | null;
  readonly heredocs: Heredoc[];
  stage: Stage | null;
  /** For an ONBUILD trigger: its ONBUILD instruction. */
  onbuild: Instruction | null;
  /** For an ONBUILD instruction: the instruction it registers. */
  trigger: Instruction | null;
  model: DockerfileModel;
  ast: AstInstruction;
  flag(name: string): Flag | undefined;
  /** The shell script this instruction runs (RUN, CMD, ENTRYPOINT in shell form, heredoc bodies). */
  readonly shell: ShellScript | null;
}

export interface VarDecl {
  name: string;
  kind: 'ARG' | 'ENV';
  value: string | null;
  instruction: Instruction;
  pair: KeyValue;
}

export interface Stage {
  index: number;
  name: string | null;
  nameSpan: Span | null;
  from: Instruction;
  /** The base image as written, and with global ARG defaults substituted. */
  image: ImageRef;
  imageSpan: Span | null;
  resolvedImage: ImageRef;
  platform: string | null;
  /** The earlier stage this one is built FROM, if any. */
  parent: Stage | null;
  /** Instructions after FROM, in order (ONBUILD triggers stay inside their ONBUILD). */
  instructions: Instruction[];
  /** The effective SHELL at the end of the stage (inherited through `parent`). */
  shell: string[];
  /** The stage the build produces, or one it is built from. */
  shipped: boolean;
  /** Scratch or an earlier stage (no real base image). */
  isScratch: boolean;
  vars: VarDecl[];
}

export interface DockerfileModel {
  source: SourceText;
  ast: AstDockerfile;
  directives: Directives;
  escape: '\\' | '`';
  /** Top-level instructions in order, including ARGs before the first FROM. */
  instructions: Instruction[];
  stages: Stage[];
  globalArgs: VarDecl[];
  /** Syntax problems found while building the model. */
  problems: Problem[];
  /** Every instruction with this keyword, ONBUILD triggers included. */
  each(...keywords: string[]): Instruction[];
  stageByName(name: string): Stage | undefined;
  /** Variables visible at an instruction: ENV/ARG of its stage (and parents), re-declared global ARGs. */
  varsAt(instruction: Instruction): ReadonlyMap<string, VarDecl>;
  /** The SHELL in force for an instruction. */
  shellAt(instruction: Instruction): string[];
  readonly finalStage: Stage | null;
}

const DEFAULT_SHELL = ['/bin/sh', '-c'];
/** Windows images run RUN and shell-form CMD under `cmd /S /C` unless SHELL says otherwise. */
const WINDOWS_SHELL = ['cmd', '/S', '/C'];
const WINDOWS_IMAGE = /(^|[/_.-])(windows|nanoserver|servercore|windowsservercore)([/_.-]|$)/i;

/** The SHELL a stage starts with: its parent stage's, or the base image's default. */
function baseShell(parent: Stage | null, ref: ImageRef): string[] {
  if (parent) return parent.shell;
  return WINDOWS_IMAGE.test(ref.name) || WINDOWS_IMAGE.test(ref.tag ?? '') ? WINDOWS_SHELL : DEFAULT_SHELL;
}

/** What dockerfile-ast's argument split reads from an instruction (its private members, typed here). */
interface RawArgumentsSource {
  document: { offsetAt(p: LspRange['start']): number };
  escapeChar: string;
  getInstructionRange(): LspRange;
  getTextContent(): string;
}

/**
 * dockerfile-ast splits an instruction's arguments afresh each time it is asked, and its own parser asks about ten
 * times per instruction (flags, the JSON form, heredocs, ranges): a 1 MB argument is read ten times. The split
 * depends only on the instruction's text, keyword range and escape character, so it is kept per instruction while
 * those stay the same, and handed out as a new array each time (callers shift the flags off it). Installed once,
 * on the library's class: nothing else in the process parses Dockerfiles with it.
 */
function memoizeRawArguments(): void {
  const proto = AstInstructionClass.prototype as unknown as Record<string, unknown>;
  const original = proto['getRawArguments'] as ((this: unknown) => unknown[]) | undefined;
  if (typeof original !== 'function' || proto['__dockreviewMemo']) return;
  const cache = new WeakMap<
    object,
    { content: string; start: number; end: number; escape: string; args: unknown[] }
  >();
  proto['getRawArguments'] = function (this: RawArgumentsSource): unknown[] {
    const range = this.getInstructionRange();
    const start = this.document.offsetAt(range.start);
    const end = this.document.offsetAt(range.end);
    const content = this.getTextContent();
    const hit = cache.get(this);
    if (
      hit &&
      hit.content === content &&
      hit.start === start &&
      hit.end === end &&
      hit.escape === this.escapeChar
    )
      return hit.args.slice();
    const args = original.call(this);
    cache.set(this, { content, start, end, escape: this.escapeChar, args: args.slice() });
    return args;
  };
  proto['__dockreviewMemo'] = true;
}
memoizeRawArguments();

export function parseDockerfile(path: string, text: string): DockerfileModel {
  const source = new SourceText(path, text);
  const ast = DockerfileParser.parse(text);
  const span = (r: LspRange | null): Span =>
    r
      ? {
          start: source.offsetAt(r.start.line, r.start.character),
          end: source.offsetAt(r.end.line, r.end.character),
        }
      : { start: 0, end: 0 };

  const directives = readDirectives(ast, span);
  const escape = directives.escape;
  const problems: Problem[] = [...directives.problems];
  const byKeyword = new Map<string, Instruction[]>();
  const instructions: Instruction[] = [];
  const stages: Stage[] = [];
  const globalArgs: VarDecl[] = [];
  const varsCache = new WeakMap<Instruction, ReadonlyMap<string, VarDecl>>();
  const varsByPrefix = new WeakMap<Stage, Map<number, ReadonlyMap<string, VarDecl>>>();
  let varIndex: VarIndex | undefined;

  const model: DockerfileModel = {
    source,
    ast,
    directives,
    escape,
    instructions,
    stages,
    globalArgs,
    problems,
    each: (...keywords) =>
      keywords.length === 1
        ? (byKeyword.get(keywords[0]!) ?? [])
        : keywords.flatMap((k) => byKeyword.get(k) ?? []),
    // a map, not a scan: rules ask per COPY --from, and a file may have thousands of stages
    stageByName: (name) => stagesByName.get(name.toLowerCase()),
    varsAt: (instruction) => {
      // rules ask per command; the answer only changes per instruction
      let vars = varsCache.get(instruction);
      if (!vars)
        varsCache.set(
          instruction,
          (vars = sharedVarsAt(model, instruction, varsByPrefix, (varIndex ??= new VarIndex(model)))),
        );
      return vars;
    },
    shellAt: (instruction) => shellAt(instruction),
    get finalStage() {
      return stages[stages.length - 1] ?? null;
    },
  };

  const index = (ins: Instruction): void => {
    const list = byKeyword.get(ins.keyword);
    if (list) list.push(ins);
    else byKeyword.set(ins.keyword, [ins]);
  };

  /** The first stage of each name (as `find` over the stages would answer). */
  const stagesByName = new Map<string, Stage>();
  let current: Stage | null = null;
  for (const node of ast.getInstructions()) {
    const ins = makeInstruction(node, model, current, null, span);
    instructions.push(ins);
    if (ins.keyword === 'FROM') {
      current = makeStage(ins, stages, stagesByName, globalArgs);
      stages.push(current);
      if (current.name !== null && !stagesByName.has(current.name)) stagesByName.set(current.name, current);
      ins.stage = current;
    } else if (current) {
      current.instructions.push(ins);
    }
    index(ins);
    if (ins.keyword === 'ONBUILD') {
      const trig =
        node.getKeyword() === 'ONBUILD' ? (node as unknown as AstOnbuild).getTriggerInstruction() : null;
      if (trig) {
        ins.trigger = makeInstruction(trig, model, current, ins, span);
        index(ins.trigger);
      }
    }
    if (ins.keyword === 'ARG') {
      const decls = ins.pairs.map((pair) => ({
        name: pair.name,
        kind: 'ARG' as const,
        value: pair.value,
        instruction: ins,
        pair,
      }));
      // a loop, not push(...decls): one ARG may declare more names than a call takes arguments
      for (const d of decls) (current ? current.vars : globalArgs).push(d);
    } else if (ins.keyword === 'ENV' && current) {
      for (const pair of ins.pairs)
        current.vars.push({
          name: pair.name,
          kind: 'ENV' as const,
          value: pair.value,
          instruction: ins,
          pair,
        });
    } else if (ins.keyword === 'SHELL' && current && ins.json) {
      current.shell = ins.json.map((a) => a.value);
    }
    if (!KNOWN_INSTRUCTIONS.has(ins.keyword)) {
      problems.push({ message: `unknown instruction \`${ins.written}\``, span: ins.keywordSpan });
    } else if (ins.argsSpan === null && ins.keyword !== 'ONBUILD') {
      problems.push({ message: `\`${ins.keyword}\` needs arguments`, span: ins.keywordSpan });
    }
    // an instruction before the first FROM is `from-first`'s finding (DL3061), not a syntax problem
  }

  // what ships: the last stage and every stage it is built FROM
  for (let s: Stage | null = stages[stages.length - 1] ?? null; s && !s.shipped; s = s.parent)
    s.shipped = true;
  return model;
}

interface AstOnbuild {
  getTriggerInstruction(): AstInstruction | null;
}

function makeInstruction(
  node: AstInstruction,
  model: DockerfileModel,
  stage: Stage | null,
  onbuild: Instruction | null,
  span: (r: LspRange | null) => Span,
): Instruction {
  const keyword = node.getKeyword().toUpperCase();
  const whole = span(node.getRange());
  const text = model.source.text;
  const n = node as AstInstruction & {
    getProperties?: () => AstProperty[];
    getHeredocs?: () => AstHeredoc[];
    getFlags?: () => AstFlag[];
  };
  // dockerfile-ast recomputes arguments on every call: read them (and the flags, which it keeps apart) once,
  // on first use only
  let flagsCache: Flag[] | undefined;
  let argsCache: Arg[] | undefined;
  const flagsAndRest = (): { flags: Flag[]; rest: Arg[] } => {
    flagsCache ??= FLAGGED.has(keyword)
      ? (n.getFlags?.() ?? []).map((f) => ({
          name: f.getName(),
          value: f.getValue(),
          span: span(f.getRange()),
          valueSpan: f.getValueRange() ? span(f.getValueRange()) : null,
        }))
      : [];
    return {
      flags: flagsCache,
      get rest() {
        return (argsCache ??= node
          .getArguments()
          .map((a) => ({ value: a.getValue(), span: span(a.getRange()) })));
      },
    };
  };
  let pairsCache: KeyValue[] | undefined;
  let argsSpanCache: Span | null | undefined;
  let jsonCache: Arg[] | null | undefined;
  let heredocCache: Heredoc[] | undefined;
  let shellCache: ShellScript | null | undefined;
  const ins: Instruction = {
    keyword,
    written: node.getInstruction(),
    span: whole,
    keywordSpan: span(node.getInstructionRange()),
    // lines as git counts them (at `\n` only), like every reported position; dockerfile-ast's also break at a lone `\r`
    line: model.source.positionAt(whole.start).line,
    endLine: model.source.positionAt(whole.end).line,
    stage,
    onbuild,
    trigger: null,
    model,
    ast: node,
    get args() {
      return flagsAndRest().rest;
    },
    get flags() {
      return flagsAndRest().flags;
    },
    get argsSpan() {
      if (argsSpanCache !== undefined) return argsSpanCache;
      // after the keyword and any flags, past blanks and line continuations: no need to split every argument
      const flags = flagsAndRest().flags;
      let i = flags.length > 0 ? flags[flags.length - 1]!.span.end : ins.keywordSpan.end;
      const esc = model.escape;
      for (;;) {
        const c = text[i];
        if (c === ' ' || c === '\t' || c === '\r' || c === '\n') i++;
        else if (c === esc && /^[ \t]*\r?\n/.test(text.slice(i + 1, i + 64))) i = text.indexOf('\n', i) + 1;
        else break;
      }
      return (argsSpanCache = i < whole.end ? { start: i, end: whole.end } : null);
    },
    get pairs() {
      if (pairsCache) return pairsCache;
      if (keyword !== 'ENV' && keyword !== 'ARG' && keyword !== 'LABEL') return (pairsCache = []);
      // `ARG a=1 b=2` declares several, like ENV and LABEL
      const props = n.getProperties?.() ?? [];
      return (pairsCache = props.map((p) => ({
        name: p.getName(),
        value: p.getValue(),
        span: span(p.getRange()),
        nameSpan: span(p.getNameRange()),
        valueSpan: p.getValueRange() ? span(p.getValueRange()) : null,
      })));
    },
    get json() {
      if (jsonCache !== undefined) return jsonCache;
      jsonCache = null;
      if (EXEC_FORM.has(keyword)) {
        let start = ins.argsSpan?.start;
        if (start !== undefined && keyword === 'HEALTHCHECK') {
          // HEALTHCHECK [flags] CMD [...]: the JSON follows the CMD word
          const m = /^CMD\s+/i.exec(text.slice(start, start + 16));
          start = m ? start + m[0].length : undefined;
        }
        if (start !== undefined && text[start] === '[')
          jsonCache = jsonStrings(text, start, whole.end, model.escape);
      }
      return jsonCache;
    },
    get heredocs() {
      if (heredocCache) return heredocCache;
      if (!n.getHeredocs || !text.slice(whole.start, whole.end).includes('<<')) return (heredocCache = []);
      let found: AstHeredoc[];
      try {
        found = n.getHeredocs();
      } catch {
        // dockerfile-ast throws on some malformed openers (`RUN <<-'A<<-'A'`): read them as no heredoc
        found = [];
      }
      return (heredocCache = found.flatMap((h) => {
        const r = h.getContentRange();
        if (!r) return [];
        const name = h.getName();
        const dash = text.startsWith('<<-', span(h.getStartRange()).start);
        const contentSpan = cutAtDelimiter(text, span(r), name, dash);
        return [
          {
            name,
            content: text.slice(contentSpan.start, contentSpan.end),
            contentSpan,
            closed: h.getDelimiterRange() !== null,
          },
        ];
      }));
    },
    flag: (name) => flagsAndRest().flags.find((f) => f.name.toLowerCase() === name),
    get shell() {
      if (shellCache === undefined) {
        if (keyword === 'RUN') {
          // the first RUN asked for parses them all in one batch
          const all = (runShells.get(model) ?? runShells.set(model, parseRunShells(model)).get(model))!;
          shellCache = all.has(ins) ? all.get(ins)! : shellOf(ins);
        } else shellCache = shellOf(ins);
      }
      return shellCache;
    },
  };
  return ins;
}

const runShells = new WeakMap<DockerfileModel, Map<Instruction, ShellScript | null>>();

/** Instructions whose leading `--name[=value]` words are flags. */
const FLAGGED = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'HEALTHCHECK']);
const EXEC_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'HEALTHCHECK']);

/**
 * The strings of an exec-form (JSON array) argument list with their spans, or null when the text is not a JSON
 * array of strings (the builder then runs it in shell form).
 */
function jsonStrings(text: string, start: number, end: number, escape: string): Arg[] | null {
  const { logical, map } = joinContinuations(text, start, end, escape);
  const trimmed = logical.trim();
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) return null;
  let values: unknown;
  try {
    values = JSON.parse(trimmed);
  } catch {
    return null;
  }
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) return null;
  const out: Arg[] = [];
  for (let i = 0, k = 0; i < logical.length && k < values.length; i++) {
    if (logical[i] !== '"') continue;
    let j = i + 1;
    while (j < logical.length && logical[j] !== '"') j += logical[j] === '\\' ? 2 : 1;
    out.push({
      value: values[k++] as string,
      span: { start: map[i]!, end: map[Math.min(j, logical.length - 1)]! + 1 },
    });
    i = j;
  }
  return out;
}

interface AstProperty {
  getName(): string;
  getValue(): string | null;
  getRange(): LspRange;
  getNameRange(): LspRange;
  getValueRange(): LspRange | null;
}

interface AstHeredoc {
  getName(): string;
  getStartRange(): LspRange;
  getContentRange(): LspRange | null;
  getDelimiterRange(): LspRange | null;
}

function makeStage(
  from: Instruction,
  stages: Stage[],
  stagesByName: ReadonlyMap<string, Stage>,
  globalArgs: VarDecl[],
): Stage {
  // FROM image [AS name], read from the instruction's cached arguments
  const [imageArg, asArg, nameArg] = from.args;
  const rawImage = imageArg?.value ?? '';
  const named = asArg !== undefined && asArg.value.toLowerCase() === 'as' && nameArg !== undefined;
  const image = parseImageRef(rawImage);
  // the global ARGs' defaults only when the image needs them: a map per stage would be stages × ARGs
  let resolvedImage = image;
  if (image.dynamic) {
    const defaults = new Map<string, string | undefined>();
    for (const a of globalArgs) defaults.set(a.name, a.value ?? undefined);
    resolvedImage = parseImageRef(substituteVars(rawImage, defaults));
  }
  const name = named ? nameArg.value : null;
  const parent =
    resolvedImage.registry === null && resolvedImage.tag === null && resolvedImage.digest === null
      ? (stagesByName.get(resolvedImage.name.toLowerCase()) ?? null)
      : null;
  const platform = from.flag('platform')?.value ?? null;
  return {
    index: stages.length,
    name: name ? name.toLowerCase() : null,
    nameSpan: named ? nameArg.span : null,
    from,
    image,
    imageSpan: imageArg ? imageArg.span : null,
    resolvedImage,
    platform,
    parent,
    instructions: [],
    shell: baseShell(parent, resolvedImage),
    shipped: false,
    isScratch: parent !== null || resolvedImage.name.toLowerCase() === 'scratch',
    vars: [],
  };
}

function readDirectives(ast: AstDockerfile, span: (r: LspRange | null) => Span): Directives {
  const out: Directives = { syntax: null, escape: '\\', checkSkip: [], checkError: false, problems: [] };
  for (const d of ast.getDirectives()) {
    const name = d.getName().toLowerCase();
    const value = d.getValue();
    if (name === 'syntax') out.syntax = value;
    else if (name === 'escape') {
      if (value === '`' || value === '\\') out.escape = value;
      else
        out.problems.push({
          message: `the escape directive takes \\ or \`, not \`${value}\``,
          span: span(d.getValueRange()),
        });
    } else if (name === 'check') {
      for (const part of value.split(';')) {
        const [k, v = ''] = part.split('=').map((s) => s.trim());
        if (k === 'skip')
          out.checkSkip.push(
            ...v
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          );
        else if (k === 'error') out.checkError = v === 'true';
      }
    }
  }
  return out;
}

/** Each stage's SHELL instructions, found once: asked per RUN, a scan of the whole stage would be quadratic. */
const stageShells = new WeakMap<Stage, Instruction[]>();

function shellAt(ins: Instruction): string[] {
  const stage = ins.stage;
  if (!stage) return DEFAULT_SHELL;
  let shells = stageShells.get(stage);
  if (!shells) {
    shells = stage.instructions.filter((other) => other.keyword === 'SHELL' && other.json);
    stageShells.set(stage, shells);
  }
  let shell = baseShell(stage.parent, stage.resolvedImage);
  for (const other of shells) {
    if (other.span.start >= ins.span.start) break;
    shell = other.json!.map((a) => a.value);
  }
  return shell;
}

/** True when the instruction's commands run in a POSIX shell (not PowerShell or cmd). */
export function isPosixShell(shell: readonly string[]): boolean {
  const exe = (shell[0] ?? '').toLowerCase().replace(/\\/g, '/');
  const base = exe.slice(exe.lastIndexOf('/') + 1).replace(/\.exe$/, '');
  return !['pwsh', 'powershell', 'cmd'].includes(base);
}

/**
 * The scope only changes at an ARG or ENV: instructions between two declarations share one scope (keyed by how
 * many of the stage's declarations precede them), so a long stage does not rebuild it per instruction.
 */
function sharedVarsAt(
  model: DockerfileModel,
  ins: Instruction,
  cache: WeakMap<Stage, Map<number, ReadonlyMap<string, VarDecl>>>,
  index: VarIndex,
): ReadonlyMap<string, VarDecl> {
  const stage = ins.stage;
  if (!stage) return new Scope(model, ins, index);
  const vars = stage.vars;
  let lo = 0;
  let hi = vars.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (vars[mid]!.instruction.span.start < ins.span.start) lo = mid + 1;
    else hi = mid;
  }
  let byPrefix = cache.get(stage);
  if (!byPrefix) cache.set(stage, (byPrefix = new Map()));
  let out = byPrefix.get(lo);
  if (!out) byPrefix.set(lo, (out = new Scope(model, ins, index)));
  return out;
}

/**
 * The model's declarations indexed by name, built on first use: a scope answers `get` from them in log time
 * instead of holding a map of everything declared before it (a map per ARG/ENV is quadratic in a long file).
 */
class VarIndex {
  private readonly byName = new WeakMap<VarDecl[], Map<string, VarDecl[]>>();
  private readonly lastEnv = new WeakMap<Stage, Map<string, VarDecl>>();
  private readonly resolved = new WeakMap<VarDecl, VarDecl>();
  private globalFirst: Map<string, VarDecl> | undefined;

  constructor(private readonly model: DockerfileModel) {}

  /** Each name's declarations in `list`, in file order. */
  named(list: VarDecl[], name: string): VarDecl[] | undefined {
    let m = this.byName.get(list);
    if (!m) {
      m = new Map();
      for (const v of list) {
        const l = m.get(v.name);
        if (l) l.push(v);
        else m.set(v.name, [v]);
      }
      this.byName.set(list, m);
    }
    return m.get(name);
  }

  /** The last ENV of `name` in a stage (what a stage built FROM it inherits). */
  env(stage: Stage, name: string): VarDecl | undefined {
    let m = this.lastEnv.get(stage);
    if (!m) {
      m = new Map();
      for (const v of stage.vars) if (v.kind === 'ENV') m.set(v.name, v);
      this.lastEnv.set(stage, m);
    }
    return m.get(name);
  }

  /** A stage ARG without a value takes the default of the first global ARG of that name, when it has one. */
  resolve(v: VarDecl): VarDecl {
    if (v.kind !== 'ARG' || v.value !== null) return v;
    let r = this.resolved.get(v);
    if (!r) {
      if (!this.globalFirst) {
        this.globalFirst = new Map();
        for (const g of this.model.globalArgs)
          if (!this.globalFirst.has(g.name)) this.globalFirst.set(g.name, g);
      }
      const global = this.globalFirst.get(v.name);
      r = global && global.value !== null ? { ...v, value: global.value } : v;
      this.resolved.set(v, r);
    }
    return r;
  }
}

/** Ancestors a scope looks through (with the stage itself); a longer FROM chain is cut there. */
const MAX_CHAIN = 64;

/** The last declaration in `list` (file order) before offset `pos`. */
function lastBefore(list: VarDecl[] | undefined, pos: number): VarDecl | undefined {
  if (!list) return undefined;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.instruction.span.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? list[lo - 1] : undefined;
}

/**
 * The variables visible at an instruction: ARG/ENV declared before it in its stage, then the ENVs of the stages it
 * is built FROM (nearest first); before the first FROM, the global ARGs before it. `get`/`has` look a name up in
 * the index; iterating builds the whole map once (in declaration order, as a Map built in file order would be).
 */
class Scope implements ReadonlyMap<string, VarDecl> {
  private full: Map<string, VarDecl> | undefined;

  constructor(
    private readonly model: DockerfileModel,
    private readonly ins: Instruction,
    private readonly index: VarIndex,
  ) {}

  get(name: string): VarDecl | undefined {
    const { stage, span } = this.ins;
    if (!stage) return lastBefore(this.index.named(this.model.globalArgs, name), span.start);
    const own = lastBefore(this.index.named(stage.vars, name), span.start);
    if (own) return this.index.resolve(own);
    let depth = 1;
    for (let s = stage.parent; s && depth < MAX_CHAIN; s = s.parent, depth++) {
      const env = this.index.env(s, name);
      if (env) return env;
    }
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  private all(): Map<string, VarDecl> {
    if (this.full) return this.full;
    const out = new Map<string, VarDecl>();
    const { stage, span } = this.ins;
    if (!stage) {
      for (const a of this.model.globalArgs) if (a.instruction.span.start < span.start) out.set(a.name, a);
      return (this.full = out);
    }
    const chain: Stage[] = [];
    for (let s: Stage | null = stage; s && chain.length < MAX_CHAIN; s = s.parent) chain.unshift(s);
    for (const s of chain) {
      for (const v of s.vars) {
        if (s === stage && v.instruction.span.start >= span.start) break;
        // ARGs are scoped to their stage; ENV is inherited through FROM <stage>
        if (s !== stage && v.kind === 'ARG') continue;
        out.set(v.name, this.index.resolve(v));
      }
    }
    return (this.full = out);
  }

  get size(): number {
    return this.all().size;
  }
  forEach(
    f: (value: VarDecl, key: string, map: ReadonlyMap<string, VarDecl>) => void,
    thisArg?: unknown,
  ): void {
    this.all().forEach((v, k) => f.call(thisArg, v, k, this));
  }
  entries(): MapIterator<[string, VarDecl]> {
    return this.all().entries();
  }
  keys(): MapIterator<string> {
    return this.all().keys();
  }
  values(): MapIterator<VarDecl> {
    return this.all().values();
  }
  [Symbol.iterator](): MapIterator<[string, VarDecl]> {
    return this.all()[Symbol.iterator]();
  }
}

/**
 * The logical shell text of a RUN (or shell-form CMD/ENTRYPOINT): continuation lines joined, comment lines inside
 * the continuation dropped, as the builder does; every character mapped back to its file offset.
 */
function shellOf(ins: Instruction): ShellScript | null {
  const source = shellSource(ins);
  return source ? parseShell(source.text, source.map) : null;
}

/** Parses the shell of every RUN of the model at once (see parseShellBatch). */
function parseRunShells(model: DockerfileModel): Map<Instruction, ShellScript | null> {
  const runs = model.each('RUN');
  const out = new Map<Instruction, ShellScript | null>();
  const sources: ShellSource[] = [];
  const owners: Instruction[] = [];
  for (const ins of runs) {
    const source = shellSource(ins);
    if (!source) out.set(ins, null);
    else {
      sources.push(source);
      owners.push(ins);
    }
  }
  parseShellBatch(sources).forEach((script, i) => out.set(owners[i]!, script));
  return out;
}

function shellSource(ins: Instruction): ShellSource | null {
  const keyword = ins.keyword;
  if (keyword !== 'RUN' && keyword !== 'CMD' && keyword !== 'ENTRYPOINT') return null;
  if (ins.json) return null;
  const text = ins.model.source.text;
  if (ins.heredocs.length > 0 && keyword === 'RUN') {
    // `RUN <<EOF` runs the body as a script; other heredocs are stdin for a command
    const first = ins.heredocs[0]!;
    const opener = text.slice(ins.argsSpan?.start ?? ins.span.start, first.contentSpan.start);
    const firstLine = opener.split('\n')[0]!.trim();
    if (/^<<-?["']?[A-Za-z_][A-Za-z0-9_]*["']?$/.test(firstLine)) {
      const map = new Int32Array(first.content.length + 1);
      for (let i = 0; i <= first.content.length; i++) map[i] = first.contentSpan.start + i;
      return { text: first.content, map };
    }
  }
  const start = ins.argsSpan?.start;
  if (start === undefined) return null;
  let end = ins.span.end;
  if (ins.heredocs.length > 0)
    end = Math.min(end, text.indexOf('\n', start) < 0 ? end : text.indexOf('\n', start));
  const { logical, map } = joinContinuations(text, start, end, ins.model.escape);
  if (ins.heredocs.length === 0 || keyword !== 'RUN' || end >= ins.span.end) return { text: logical, map };
  // `RUN python3 <<EOF`, `RUN <<EOT bash`, `RUN cat <<A >a <<B >b`: the builder hands the shell the command line
  // followed by every body and its delimiter line, and the shell reads the heredocs itself: give the parser (and
  // ShellCheck) that same text, or the opener has no body and the script looks unterminated
  const last = ins.heredocs[ins.heredocs.length - 1]!;
  let tail = ins.span.end;
  if (last.closed) {
    const nl = text.indexOf('\n', last.contentSpan.end + 1);
    tail = Math.min(ins.span.end, nl < 0 ? text.length : nl);
  }
  if (tail <= end) return { text: logical, map };
  // verbatim, as a `RUN <<EOF` body is: every character keeps its own offset
  const rest = text.slice(end, tail);
  const full = new Int32Array(logical.length + rest.length + 1);
  full.set(map.subarray(0, logical.length));
  for (let i = 0; i < rest.length; i++) full[logical.length + i] = end + i;
  full[logical.length + rest.length] = tail;
  return { text: logical + rest, map: full };
}

/** The builder drops comment lines and blank lines inside a continuation: the offset after those from `i`. */
function skipDroppedLines(text: string, i: number, end: number): number {
  for (;;) {
    let k = i;
    while (k < end && (text[k] === ' ' || text[k] === '\t')) k++;
    if (k < end && (text[k] === '#' || text[k] === '\n' || text[k] === '\r')) {
      const nl = text.indexOf('\n', k);
      if (nl < 0 || nl >= end) return end;
      i = nl + 1;
      continue;
    }
    return i;
  }
}

export function joinContinuations(
  text: string,
  start: number,
  end: number,
  escape: string,
): { logical: string; map: Int32Array } {
  // dockerfile-ast can give a range that ends before it starts (a keyword continued onto the next line)
  end = Math.max(start, end);
  const map = new Int32Array(end - start + 1);
  let out = '';
  let n = 0;
  let i = start;
  // arguments that start on a line of their own follow a continuation: dockerfile-ast may start them at a comment
  // or blank line there, which the builder drops too
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (lineStart > 0 && /^[ \t]*$/.test(text.slice(lineStart, start))) i = skipDroppedLines(text, start, end);
  while (i < end) {
    const c = text[i]!;
    if (c === escape) {
      // escape, optional trailing blanks, newline: a continuation
      let j = i + 1;
      while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '\r') j++;
      if (text[j] === '\n' || j >= end) {
        i = skipDroppedLines(text, j + 1, end);
        continue;
      }
      if (escape !== '\\') {
        // a backtick escape passes the next character through
        out += c;
        map[n++] = i;
        i++;
        continue;
      }
    }
    out += c;
    map[n++] = i;
    i++;
  }
  map[n] = end;
  return { logical: out, map: map.subarray(0, n + 1) };
}
