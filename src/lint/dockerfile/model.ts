/**
 * The Dockerfile model every rule shares: parsed once on dockerfile-ast, with exact offsets, stages, variables
 * in scope, ONBUILD triggers and the shell commands of each RUN. This file builds the model and its stages; the
 * types are in ./model-types.ts, one instruction in ./instruction.ts, variable scopes in ./scope.ts, RUN scripts in
 * ./run-shell.ts and line continuations in ./continuations.ts (re-exported here for the rules).
 */
import {
  DockerfileParser,
  Instruction as AstInstructionClass,
  type Dockerfile as AstDockerfile,
} from 'dockerfile-ast';
import type { Range as LspRange } from 'vscode-languageserver-types';
import { SourceText } from '../source.js';
import type { Span } from '../types.js';
import { parseImageRef, type ImageRef } from './image-ref.js';
import { substituteVars } from './var-syntax.js';
import {
  KNOWN_INSTRUCTIONS,
  type Directives,
  type DockerfileModel,
  type Instruction,
  type Problem,
  type Stage,
  type VarDecl,
} from './model-types.js';
import { makeInstruction, type AstOnbuild } from './instruction.js';
import { sharedVarsAt, VarIndex } from './scope.js';

export * from './model-types.js';
export { joinContinuations } from './continuations.js';

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
    } else {
      // an instruction other than ARG before any FROM (an unknown word is valid-syntax's, not a stage's) opens the
      // implicit stage; ARGs before it stay global, as the builder reads them
      if (!current && ins.keyword !== 'ARG' && KNOWN_INSTRUCTIONS.has(ins.keyword)) {
        current = implicitStage();
        // with no FROM between them, the ARGs above are in scope here (hadolint reads them so; they stay global too)
        for (const d of globalArgs) current.vars.push(d);
        stages.push(current);
        ins.stage = current;
      }
      if (current) current.instructions.push(ins);
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

/** The stage of instructions written before any FROM: no base image is known, so none is assumed. */
function implicitStage(): Stage {
  const image = parseImageRef('');
  return {
    index: -1,
    name: null,
    nameSpan: null,
    from: null,
    image,
    imageSpan: null,
    resolvedImage: image,
    platform: null,
    parent: null,
    instructions: [],
    shell: DEFAULT_SHELL,
    shipped: false,
    isScratch: false,
    vars: [],
  };
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
    // BuildKit counts FROMs: the implicit stage before the first one has no number
    index: stages.length > 0 && stages[0]!.from === null ? stages.length - 1 : stages.length,
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
