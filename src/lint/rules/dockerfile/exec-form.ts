import type { Instruction } from '../../dockerfile/model.js';
import { healthcheckShellSource } from '../../dockerfile/run-shell.js';
import { parseShell, type ShellScript, type SimpleCommand, type Word } from '../../shell/parser.js';
import { defineRule, type Report } from '../../rule.js';
import type { Span } from '../../types.js';
import type { Stage } from '../../dockerfile/model.js';
import { firstInStage, rootStage, stageChain } from '../../dockerfile/stages.js';
import { imageShortName } from '../../dockerfile/image-ref.js';
import { code } from '../../quote.js';
import { table } from '../../table.js';

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
  severityNote:
    'info where the shell execs a lone command, so the program gets signals itself; warning for a shell-form `ENTRYPOINT` the image also gives a `CMD` to',
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
      const json = words ? `[${words.map((w) => JSON.stringify(w)).join(', ')}]` : null;
      const fix = json
        ? {
            description: 'rewrite in exec (JSON) form',
            edits: [{ start: at.start, end: at.end, text: json }],
          }
        : undefined;
      if (healthcheck) {
        // a probe is not PID 1: the signal argument (and DL3025/JSONArgsRecommended) do not apply to it; a probe
        // that needs the shell (`curl … || exit 1`) is fine
        if (json && fix)
          report({
            at,
            message: `${code(label)} in shell form starts \`/bin/sh -c\` for every probe and fails in images without a shell: write it as ${code(json)}.`,
            severity: 'info',
            aliases: [],
            fix,
          });
        continue;
      }
      if (endsInExec(script)) continue;
      const lone = loneCommand(script);
      if (lone && !oldDash(ins.stage)) {
        report({
          ...loneReport(ins, lone, at, json, words ? null : shellSyntax(script)),
          ...(fix ? { fix } : {}),
        });
        continue;
      }
      if (json && fix) {
        report({
          at,
          message: `${code(label)} in shell form runs ${code(words![0]!)} under \`/bin/sh -c\`, which becomes PID 1 and does not forward SIGTERM, so ${code(words![0]!)} is killed without a clean shutdown: write it as ${code(json)}.`,
          fix,
        });
        continue;
      }
      const reason = shellSyntax(script);
      report({
        at,
        message: `${code(label)} in shell form runs under \`/bin/sh -c\`, which becomes PID 1 and does not forward SIGTERM${reason ? ` (the command needs the shell for ${reason})` : ''}: start the last command with \`exec\`, or move the script into an entrypoint file run in exec form.`,
      });
    }
  },
});

/**
 * The script is one simple command and nothing else: no list, pipeline, `&`, subshell, compound command, redirect
 * or builtin. From `sh -c`, bash, BusyBox ash and dash (0.5.11 on: Debian 11, Ubuntu 20.04) run such a lone last
 * command by exec, so the program replaces the shell as PID 1 and receives SIGTERM itself. Bash keeps its fork
 * when the command has a redirect, so a redirect counts as keeping the shell.
 */
function loneCommand(script: ShellScript): SimpleCommand | null {
  if (script.hasError || script.hasPipe) return null;
  // commands inside `$(…)` run in a child before the command itself: they do not keep the shell
  const top = script.commands.filter((c) => !c.inSubstitution);
  if (top.length !== 1) return null;
  const cmd = top[0]!;
  if (cmd.nested || cmd.redirects.length > 0 || BUILTINS.has(cmd.name.value)) return null;
  const text = script.text;
  const first = text.length - text.trimStart().length;
  const last = text.trimEnd().length;
  if (script.toFile(first) !== cmd.start || script.toFile(last) !== cmd.end) return null;
  return cmd;
}

/**
 * Debian before 11 and Ubuntu before 20.04 ship dash older than 0.5.11, which forks even a lone command and stays
 * PID 1 as `/bin/sh`: there the signal problem is real.
 */
const OLD_DASH_TAG = /(?:^|[-.])(?:jessie|stretch|buster|trusty|xenial|bionic)(?:$|[-.])/;
const OLD_RELEASE: Readonly<Record<string, RegExp>> = table({
  debian: /^(?:[789]|10)(?:$|[-.])/,
  ubuntu: /^1[0-8]\.\d\d(?:$|[-.])/,
});

function oldDash(stage: Stage): boolean {
  const ref = rootStage(stage).resolvedImage;
  const tag = (ref.tag ?? '').toLowerCase();
  if (OLD_DASH_TAG.test(tag) || OLD_DASH_TAG.test(ref.name.toLowerCase())) return true;
  return OLD_RELEASE[imageShortName(ref)]?.test(tag) ?? false;
}

/** The image's exec-form `ENTRYPOINT` (the stage's last, else the nearest stage it is built FROM), if any. */
function execEntrypoint(stage: Stage): boolean {
  for (const s of stageChain(stage)) {
    const last = s.instructions.findLast((i) => i.keyword === 'ENTRYPOINT' && !i.onbuild);
    if (last) return !!last.json;
  }
  return false;
}

/** Whether the image has a `CMD` (in this stage or one it is built FROM). */
function hasCmd(stage: Stage): boolean {
  return stageChain(stage).some((s) => s.instructions.some((i) => i.keyword === 'CMD' && !i.onbuild));
}

/**
 * A lone command in shell form: the shell execs it, so the signal claim is false. What shell form still costs,
 * as Docker documents it: an `ENTRYPOINT` in shell form ignores `CMD` and `docker run` arguments; a `CMD` in shell
 * form reaches an `ENTRYPOINT` as `/bin/sh -c '…'`, not as the program's arguments; and it needs `/bin/sh`.
 */
function loneReport(
  ins: Instruction,
  cmd: SimpleCommand,
  at: Span,
  json: string | null,
  reason: string | null,
): Report {
  const stage = ins.stage!;
  const program = code(cmd.name.raw);
  const execs = `the shell execs a lone command (bash, BusyBox ash, dash 0.5.11 on), so ${program} gets SIGTERM itself`;
  const advice = json
    ? `write it as ${code(json)}`
    : `write \`exec\` before it so it does not depend on the shell for that`;
  const needs = reason ? ` (it needs the shell for ${reason})` : '';
  if (ins.keyword === 'ENTRYPOINT') {
    const cmdGiven = !ins.onbuild && hasCmd(stage);
    return {
      at,
      message: `\`ENTRYPOINT\` in shell form runs ${program} under \`/bin/sh -c\`, which ignores ${cmdGiven ? 'the `CMD` of this image' : '`CMD`'} and the arguments of \`docker run\`${needs}; ${execs}: ${advice}.`,
      ...(cmdGiven ? {} : { severity: 'info' as const }),
    };
  }
  const after =
    !ins.onbuild && execEntrypoint(stage)
      ? `the \`ENTRYPOINT\` receives \`/bin/sh -c '…'\` as its arguments, not ${program}'s words`
      : `the image needs \`/bin/sh\` to start`;
  return {
    at,
    message: `\`CMD\` in shell form starts ${program} through \`/bin/sh -c\`${needs}; ${execs}, but ${after}: ${advice}.`,
    severity: 'info',
  };
}

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
  if (ins.keyword === 'HEALTHCHECK') {
    const health = healthcheckShellSource(ins);
    return health && { script: parseShell(health.source.text, health.source.map), at: health.at };
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
