import { joinContinuations, type Instruction } from '../../dockerfile/model.js';
import { parseShell, type ShellScript, type Word } from '../../shell/parser.js';
import { defineRule } from '../../rule.js';
import type { Span } from '../../types.js';
import type { Stage } from '../../dockerfile/model.js';
import { firstInStage, stageChain } from '../../dockerfile/stages.js';
import { code } from '../../quote.js';

/** Shell builtins with no executable of the same name: in exec form they would fail to start. */
const BUILTINS = new Set([
  '.',
  ':',
  'alias',
  'bg',
  'builtin',
  'cd',
  'command',
  'declare',
  'eval',
  'exec',
  'exit',
  'export',
  'fg',
  'getopts',
  'hash',
  'jobs',
  'local',
  'read',
  'readonly',
  'return',
  'set',
  'shift',
  'source',
  'times',
  'trap',
  'type',
  'typeset',
  'ulimit',
  'umask',
  'unalias',
  'unset',
  'wait',
]);

/** Shell-form CMD/ENTRYPOINT run under `/bin/sh -c`, which becomes PID 1 and swallows SIGTERM. */
export default defineRule({
  id: 'exec-form',
  aliases: ['DL3025', 'JSONArgsRecommended'],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: 'yes',
  summary: 'Shell-form `CMD`, `ENTRYPOINT` or `HEALTHCHECK CMD`',
  why: 'In shell form the command runs under `/bin/sh -c`, which becomes PID 1 and does not forward SIGTERM, so `docker stop` waits out the grace period and then kills the app without a clean shutdown.',
  check({ model, report }) {
    for (const ins of model.each('CMD', 'ENTRYPOINT', 'HEALTHCHECK')) {
      if (!ins.stage || shellSetBefore(ins)) continue; // before any FROM: valid-syntax reports it
      // an init as exec-form ENTRYPOINT is PID 1 and forwards signals: the shell CMD runs below it
      if (ins.keyword === 'CMD' && initEntrypoint(ins.stage)) continue;
      const form = shellForm(ins);
      if (!form) continue;
      const { script, at } = form;
      const healthcheck = ins.keyword === 'HEALTHCHECK';
      const label = healthcheck ? 'HEALTHCHECK CMD' : ins.keyword;
      const words = execWords(script);
      if (words) {
        const json = `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
        report({
          at,
          message: healthcheck
            ? `${code(label)} in shell form starts \`/bin/sh -c\` for every probe and fails in images without a shell: write it as ${code(json)}.`
            : `${code(label)} in shell form runs ${code(words[0]!)} under \`/bin/sh -c\`, which becomes PID 1 and does not forward SIGTERM, so ${code(words[0]!)} is killed without a clean shutdown: write it as ${code(json)}.`,
          // a probe is not PID 1: the signal argument (and DL3025/JSONArgsRecommended) do not apply to it
          ...(healthcheck ? { severity: 'info' as const, aliases: [] } : {}),
          fix: {
            description: 'rewrite in exec (JSON) form',
            edits: [{ start: at.start, end: at.end, text: json }],
          },
        });
        continue;
      }
      // a health probe that needs the shell (`curl … || exit 1`) is fine: nothing waits on its signals
      if (healthcheck || endsInExec(script)) continue;
      const reason = shellSyntax(script);
      report({
        at,
        message: `${code(label)} in shell form runs under \`/bin/sh -c\`, which becomes PID 1 and does not forward SIGTERM${reason ? ` (the command needs the shell for ${reason})` : ''}: start the last command with \`exec\`, or move the script into an entrypoint file run in exec form.`,
      });
    }
  },
});

/** Minimal inits made to run as PID 1: they forward SIGTERM to the command they start and reap zombies. */
const INITS = new Set(['tini', 'tini-static', 'dumb-init', 'catatonit', 'docker-init', 'init']);

const initByStage = new WeakMap<Stage, boolean>();

/**
 * The image's ENTRYPOINT (the stage's last, else the nearest stage it is built FROM) is an init in exec form
 * (`["tini", "--"]`, `["/usr/bin/dumb-init", "--"]`, s6-overlay's `["/init"]`). Found once per stage.
 */
function initEntrypoint(stage: Stage): boolean {
  const known = initByStage.get(stage);
  if (known !== undefined) return known;
  let found = false;
  for (const s of stageChain(stage)) {
    const last = s.instructions.findLast((i) => i.keyword === 'ENTRYPOINT' && !i.onbuild);
    if (!last) continue;
    const program = last.json?.[0]?.value ?? '';
    found = INITS.has(program.slice(program.lastIndexOf('/') + 1));
    break;
  }
  initByStage.set(stage, found);
  return found;
}

/** True when the stage (or a stage it is built FROM) sets `SHELL` before this instruction, as BuildKit checks. */
function shellSetBefore(ins: Instruction): boolean {
  const stage = ins.stage;
  if (!stage) return false;
  if (firstInStage(stage, 'SHELL') < ins.span.start) return true;
  return stageChain(stage)
    .slice(1)
    .some((s) => firstInStage(s, 'SHELL') < Infinity);
}

/** The shell script of a shell-form CMD/ENTRYPOINT/HEALTHCHECK CMD and the span of its command text. */
function shellForm(ins: Instruction): { script: ShellScript; at: Span } | null {
  const text = ins.model.source.text;
  if (ins.keyword === 'HEALTHCHECK') {
    const [cmd, first] = ins.args;
    if (!cmd || cmd.value.toUpperCase() !== 'CMD' || !first || !ins.argsSpan) return null;
    const at = { start: first.span.start, end: ins.argsSpan.end };
    if (first.value.startsWith('[')) return null; // exec form, or broken JSON another rule reports
    const { logical, map } = joinContinuations(text, at.start, at.end, ins.model.escape);
    return { script: parseShell(logical, map), at };
  }
  if (ins.json || !ins.argsSpan || ins.args.length === 0) return null;
  if (ins.args[0]!.value.startsWith('[')) return null; // malformed JSON: json-single-quotes and friends
  const script = ins.shell;
  return script ? { script, at: ins.argsSpan } : null;
}

/** The argv of a script that is exactly one plain command (nothing the shell would interpret), else null. */
function execWords(script: ShellScript): string[] | null {
  if (script.hasError || script.hasPipe || script.commands.length !== 1) return null;
  const cmd = script.commands[0]!;
  if (cmd.nested || cmd.inSubstitution || cmd.assignments.length > 0 || cmd.redirects.length > 0) return null;
  // the command must be the whole script: no trailing `&`, `;` or comment
  const text = script.text;
  const first = text.length - text.trimStart().length;
  const last = text.trimEnd().length;
  if (script.toFile(first) !== cmd.start || script.toFile(last) !== cmd.end) return null;
  const words = [cmd.name, ...cmd.args];
  if (!words.every(isLiteral)) return null;
  if (BUILTINS.has(cmd.name.value)) return null;
  return words.map((w) => w.value);
}

/** A word whose value the shell would not change: no expansion, glob, tilde, brace or backslash escape. */
function isLiteral(w: Word): boolean {
  if (w.dynamic || w.raw.includes('\\') || w.value === '') return false;
  const q = w.raw[0];
  if ((q === '"' || q === "'") && w.raw.length >= 2 && w.raw.endsWith(q) && !w.raw.slice(1, -1).includes(q)) {
    return true; // one quoted string: everything inside is literal
  }
  return !/[*?[\]{}~$`'"]/.test(w.raw);
}

/** `… && exec app`: the shell replaces itself with the app, which then receives signals itself. */
function endsInExec(script: ShellScript): boolean {
  const top = script.commands.filter((c) => !c.nested && !c.inSubstitution);
  const last = top[top.length - 1];
  if (!last || last.name.value !== 'exec' || last.args.length === 0) return false;
  if (script.commands.some((c) => c.start >= last.end)) return false;
  return last.prevOp === null || last.prevOp === '&&' || last.prevOp === ';';
}

/** The first shell feature the script relies on, for the message. */
function shellSyntax(script: ShellScript): string | null {
  if (script.hasPipe) return 'a pipe';
  const cmds = script.commands;
  const op = cmds.find((c) => c.nextOp && c.nextOp !== '|')?.nextOp;
  if (op) return code(op);
  for (const c of cmds) {
    if (c.redirects.length > 0) return `a redirect (${code(c.redirects[0]!.op)})`;
    if (c.assignments.length > 0) return `the assignment ${code(`${c.assignments[0]!.name}=…`)}`;
    const dyn = [c.name, ...c.args].find((w) => w.dynamic);
    if (dyn) return code(dyn.raw);
  }
  if (cmds.some((c) => c.nested)) return 'a compound command';
  const word = cmds.flatMap((c) => [c.name, ...c.args]).find((w) => !isLiteral(w));
  if (word) return code(word.raw);
  const builtin = cmds.find((c) => BUILTINS.has(c.name.value));
  if (builtin) return `the builtin ${code(builtin.name.value)}`;
  return null;
}
