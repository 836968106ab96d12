import { posix } from 'node:path';
import type { Instruction } from '../../dockerfile/model.js';
import { defineRule } from '../../rule.js';
import type { SimpleCommand } from '../../shell/parser.js';
import type { TextEdit } from '../../types.js';
import { argsOf, commandsByRun, type RunCommand } from '../../dockerfile/run.js';
import { matchKeywordCase } from '../../dockerfile/edits.js';
import { code } from '../../quote.js';

/** `RUN cd /x && …` hides the working directory inside a shell command; WORKDIR states it. */
export default defineRule({
  id: 'no-cd-in-run',
  aliases: ['DL3003', 'DS-0013'],
  kind: 'dockerfile',
  severity: 'off',
  fixable: 'sugg',
  summary: '`cd` in `RUN` instead of `WORKDIR`',
  why: '`cd` only lasts for its own `RUN`, so the directory the next instructions work in is easy to misread; `WORKDIR` sets it for the rest of the stage, creates it if needed, and shows it in the image config.',
  check({ model, report }) {
    const byRun = commandsByRun(model);
    for (const [ins, cmds] of byRun) {
      // a `cd` in a subshell `( cd x && make )`, a `$(…)` or a compound command is local on purpose
      const top = cmds.filter((c) => !c.command.nested && !c.command.inSubstitution);
      const cds = top.filter((c) => c.inv.tool === 'cd');
      const first = cds[0];
      if (!first || buildAndCleanUp(top)) continue;
      const target = argsOf(first.inv).positionals[0]?.value;
      // with a second top-level `cd` the RUN would still be reported after the fix
      const fix = cds.length === 1 ? workdirFix(ins, first, cmds) : null;
      report({
        at: { start: first.command.start, end: first.command.end },
        message: `${code(target ? `cd ${target}` : 'cd')} in \`RUN\` changes directory for this command only: set it with ${
          target?.startsWith('/') ? code(`WORKDIR ${target}`) : 'an absolute `WORKDIR`'
        } instead, or use absolute paths.`,
        ...(fix ? { fix } : {}),
      });
    }
  },
});

/**
 * `cd /tmp/src && make install && rm -rf /tmp/src`: the RUN enters a directory it deletes before it ends, the
 * pattern that keeps sources out of the layer; a WORKDIR would outlive the directory.
 */
function buildAndCleanUp(top: RunCommand[]): boolean {
  let cwd: string | null = null;
  const entered: string[] = [];
  const resolve = (p: string): string | null =>
    p.startsWith('/') ? posix.normalize(p) : cwd !== null ? posix.join(cwd, p) : null;
  for (const c of top) {
    const args = argsOf(c.inv);
    if (c.inv.tool === 'cd') {
      const p = args.positionals[0]?.value;
      cwd = p ? resolve(p) : null;
      if (cwd !== null) entered.push(cwd);
    } else if (c.inv.tool === 'rm' && args.flags.some((f) => /^(-[rR]|--recursive)$/.test(f.name))) {
      for (const w of args.positionals) {
        const gone = resolve(w.value);
        if (
          gone !== null &&
          entered.some((d) => d === gone || d.startsWith(gone.endsWith('/') ? gone : `${gone}/`))
        )
          return true;
      }
    }
  }
  return false;
}

/** `RUN cd /abs && rest` → `WORKDIR /abs` on the line before and `RUN rest`. */
function workdirFix(
  ins: Instruction,
  cd: RunCommand,
  all: RunCommand[],
): { description: string; edits: TextEdit[] } | null {
  const cmd: SimpleCommand = cd.command;
  const next = all[1]?.command;
  if (cmd.index !== 0 || cmd.nextOp !== '&&' || !next || cd.inv.toolWord !== cmd.name) return null;
  if (
    ins.heredocs.length > 0 ||
    cmd.assignments.length > 0 ||
    cmd.redirects.length > 0 ||
    cmd.args.length !== 1
  )
    return null;
  const path = cmd.args[0]!;
  if (path.dynamic || path.raw !== path.value || !/^\/[\w./@+-]*$/.test(path.value)) return null;
  const text = ins.model.source.text;
  // nothing but the operator and blanks/continuations may go with the `cd`
  if (text.slice(cmd.end, next.start).includes('#')) return null;
  const outer = ins.onbuild ?? ins;
  const lineStart = text.lastIndexOf('\n', outer.span.start - 1) + 1;
  const indent = text.slice(lineStart, outer.span.start);
  if (indent.trim() !== '') return null;
  const workdir = matchKeywordCase(ins.written, 'WORKDIR');
  const prefix = ins.onbuild ? `${ins.onbuild.written} ` : '';
  const eol = text.slice(0, lineStart).endsWith('\r\n') ? '\r\n' : '\n';
  return {
    description: `move ${code(`cd ${path.value}`)} into ${code(`WORKDIR ${path.value}`)}`,
    edits: [
      { start: lineStart, end: lineStart, text: `${indent}${prefix}${workdir} ${path.value}${eol}` },
      { start: cmd.start, end: next.start, text: '' },
    ],
  };
}
