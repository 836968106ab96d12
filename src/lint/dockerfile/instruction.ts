/** One instruction of the model, built from dockerfile-ast's node: flags, arguments, exec form, heredocs, shell. */
import type { Flag as AstFlag, Instruction as AstInstruction } from 'dockerfile-ast';
import type { Range as LspRange } from 'vscode-languageserver-types';
import type { Span } from '../types.js';
import type { ShellScript } from '../shell/parser.js';
import type { Arg, DockerfileModel, Flag, Heredoc, Instruction, KeyValue, Stage } from './model-types.js';
import { joinContinuations } from './continuations.js';
import { parseRunShells, shellOf } from './run-shell.js';

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

export interface AstOnbuild {
  getTriggerInstruction(): AstInstruction | null;
}

export function makeInstruction(
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
// VOLUME's JSON form is a list of paths, not a command, but the builder reads it the same way
const EXEC_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'HEALTHCHECK', 'VOLUME']);

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
