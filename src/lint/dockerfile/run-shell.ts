/** The shell script of a RUN (or shell-form CMD/ENTRYPOINT) as the builder hands it to the shell. */
import { parseShell, parseShellBatch, type ShellScript, type ShellSource } from '../shell/parser.js';
import { isPlainShell } from '../shell/plain.js';
import { POSIX_SHELLS } from '../shell/shells.js';
import type { Arg, DockerfileModel, Instruction } from './model-types.js';
import { joinContinuations } from './continuations.js';

/**
 * The logical shell text of a RUN (or shell-form CMD/ENTRYPOINT): continuation lines joined, comment lines inside
 * the continuation dropped, as the builder does; every character mapped back to its file offset.
 */
export function shellOf(ins: Instruction): ShellScript | null {
  const source = shellSource(ins);
  return source ? parseShell(source.text, source.map) : null;
}

/** Parses the shell of every RUN of the model at once (see parseShellBatch). */
export function parseRunShells(model: DockerfileModel): Map<Instruction, ShellScript | null> {
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

/**
 * The shell text of a RUN (or shell-form CMD/ENTRYPOINT) and where each character is in the file, without parsing
 * it: what ShellCheck is given, known before the shell parser's first (and slowest) call.
 */
export function shellText(ins: Instruction): Pick<ShellScript, 'text' | 'toFile'> | null {
  const source = shellSource(ins);
  if (!source) return null;
  const { text, map } = source;
  return { text, toFile: (i) => map[Math.max(0, Math.min(i, map.length - 1))]! };
}

/** The shell text of a shell-form `HEALTHCHECK CMD …` and the span of its command text; null for any other form. */
export function healthcheckShellSource(
  ins: Instruction,
): { source: ShellSource; at: { start: number; end: number } } | null {
  if (ins.keyword !== 'HEALTHCHECK') return null;
  const [cmd, first] = ins.args;
  if (!cmd || cmd.value.toUpperCase() !== 'CMD' || !first || !ins.argsSpan) return null;
  const at = { start: first.span.start, end: ins.argsSpan.end };
  if (first.value.startsWith('[')) return null; // exec form, or broken JSON another rule reports
  const { logical, map } = joinContinuations(ins.model.source.text, at.start, at.end, ins.model.escape);
  return { source: { text: logical, map }, at };
}

/** The script of an exec-form `["sh", "-c", "script"]`: the string after the option cluster with `c`. */
export function shellCScript(json: readonly Arg[]): Arg | undefined {
  const program = json[0]?.value ?? '';
  if (!POSIX_SHELLS.has(program.slice(program.lastIndexOf('/') + 1))) return undefined;
  const option = json.findIndex((a, i) => i > 0 && /^-[a-z]+$/.test(a.value) && a.value.includes('c'));
  return option > 0 ? json[option + 1] : undefined;
}

/**
 * Every shell text a rule may parse for this model (a superset): RUN bodies, shell-form CMD/ENTRYPOINT and
 * HEALTHCHECK CMD, and the `sh -c` scripts of exec-form CMD/ENTRYPOINT. Each parse site of the rules reads its text
 * through the functions above, so this list cannot miss one; test/shell-plain-corpus.test.ts proves it.
 */
export function shellTextsOf(model: DockerfileModel): string[] {
  const texts: string[] = [];
  for (const ins of model.each('RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK')) {
    const source = shellSource(ins) ?? healthcheckShellSource(ins)?.source;
    if (source) texts.push(source.text);
    const script = ins.json && ins.keyword !== 'RUN' ? shellCScript(ins.json) : undefined;
    if (script) texts.push(script.value);
  }
  return texts;
}

/** True when linting this model may parse a script the plain reader refuses: tree-sitter must be loaded first. */
export function needsShellParser(model: DockerfileModel): boolean {
  return shellTextsOf(model).some((text) => !isPlainShell(text));
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
