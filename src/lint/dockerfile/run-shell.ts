/** The shell script of a RUN (or shell-form CMD/ENTRYPOINT) as the builder hands it to the shell. */
import { parseShell, parseShellBatch, type ShellScript, type ShellSource } from '../shell/parser.js';
import type { DockerfileModel, Instruction } from './model-types.js';
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
