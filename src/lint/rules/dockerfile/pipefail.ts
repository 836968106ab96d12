import type { DockerfileModel, Instruction, Stage } from '../../dockerfile/model.js';
import { invocation } from '../../shell/args.js';
import type { ShellScript, SimpleCommand } from '../../shell/parser.js';
import { defineRule, type FixProposal } from '../../rule.js';
import type { TextEdit } from '../../types.js';
import { baseKind } from '../../dockerfile/stages.js';
import { code } from '../../quote.js';
import { POSIX_SHELLS } from '../../shell/shells.js';

const PIPEFAIL_SHELL = '["/bin/bash", "-o", "pipefail", "-c"]';

function shellName(shell: readonly string[]): string {
  const exe = (shell[0] ?? '').toLowerCase().replace(/\\/g, '/');
  return exe.slice(exe.lastIndexOf('/') + 1).replace(/\.exe$/, '');
}

/** `-o pipefail`, `-eo pipefail`, `-euxo pipefail` in a SHELL array or a `set` command; `+o pipefail` undoes it. */
function pipefailSetting(words: readonly string[]): boolean | null {
  let setting: boolean | null = null;
  for (let i = 0; i + 1 < words.length; i++) {
    if (words[i + 1] !== 'pipefail') continue;
    if (/^-[A-Za-z]*o$/.test(words[i]!)) setting = true;
    else if (/^\+[A-Za-z]*o$/.test(words[i]!)) setting = false;
  }
  return setting;
}

interface Pipeline {
  first: SimpleCommand;
  last: SimpleCommand;
  /** The first command left of the last pipe that can fail. */
  failing: SimpleCommand;
  /** Commands in the pipeline. */
  length: number;
  /** A `set +o pipefail` before it turned pipefail off on purpose. */
  turnedOff: boolean;
}

/** What a pipe-reading RUN holds, for this rule. */
interface PipeScan {
  /** The first pipeline that runs while `pipefail` is off and whose status pipefail would change. */
  pipe: Pipeline | null;
  /** A `yes | …` runs while `pipefail` is off: turning it on would fail the step, since `yes` ends on SIGPIPE. */
  yesPipe: boolean;
}

/**
 * Commands that cannot fail on the left of a pipe: `echo` and `true` always exit 0 (an argument's substitution
 * does not change that, pipefail or not), and `printf` does with a constant format and arguments.
 */
function cannotFail(cmd: SimpleCommand): boolean {
  const name = cmd.name.value;
  if (name === 'echo' || name === 'true' || name === ':') return true;
  return name === 'printf' && !cmd.name.dynamic && cmd.args.every((w) => !w.dynamic);
}

/** The commands that run in a part of a pipeline (a command, a `{ …; }` group, a subshell…). */
function commandsIn(script: ShellScript, part: { start: number; end: number }): SimpleCommand[] {
  return script.commands.filter((c) => c.start >= part.start && c.end <= part.end);
}

function scanPipes(script: ShellScript): PipeScan {
  const scan: PipeScan = { pipe: null, yesPipe: false };
  // top-level `set` commands switch pipefail on and off for what follows them
  const sets: { at: number; on: boolean }[] = [];
  for (const cmd of script.commands) {
    if (cmd.inSubstitution || cmd.nested) continue;
    const inv = invocation(cmd);
    if (inv.tool !== 'set') continue;
    const setting = pipefailSetting(inv.args.map((w) => w.value));
    if (setting !== null) sets.push({ at: cmd.start, on: setting });
  }
  for (const pipeline of script.pipelines) {
    const at = pipeline.parts[0]!.start;
    let on = false;
    let turnedOff = false;
    for (const set of sets) {
      if (set.at >= at) break;
      on = set.on;
      if (!set.on) turnedOff = true;
    }
    if (on) continue;
    // a command substitution in an argument (`echo "$(cat f)" | tee`) does not set the part's status: left out
    // for a top-level pipeline (inside a substitution the nesting depth is not known, so all are kept)
    const parts = pipeline.parts.map((part) =>
      commandsIn(script, part).filter((c) => pipeline.inSubstitution || !c.inSubstitution),
    );
    const first = parts[0]![0];
    const last = parts.at(-1)![0];
    if (!first || !last) continue;
    if (first.name.value === 'yes') {
      scan.yesPipe = true;
      continue;
    }
    // a pipeline whose status is a test's (`if a | grep -q x`, `[ "$(a | b)" = x ]`) reads its last command on
    // purpose: pipefail would turn an early exit of the reader (SIGPIPE on the writer) into a false test
    if (pipeline.condition) continue;
    // pipefail only adds the statuses of the commands left of the last pipe
    const left = parts.slice(0, -1);
    if (left.some((cmds) => cmds.length === 0)) continue; // nothing we can name: `(( … ))`, `[[ … ]]`
    const failing = left.flat().find((c) => !cannotFail(c));
    if (!failing || scan.pipe) continue;
    scan.pipe = { first, last, failing, length: pipeline.parts.length, turnedOff };
  }
  return scan;
}

/** The stage whose base image this stage really runs on (through `FROM <earlier stage>`). */
/** The SHELL line planned for this stage or the nearest stage it is built FROM. */
function ancestorEdit(stage: Stage | null, edits: ReadonlyMap<Stage, TextEdit>): TextEdit | undefined {
  for (let s = stage, guard = 0; s && guard < 64; s = s.parent, guard++) {
    const edit = edits.get(s);
    if (edit) return edit;
  }
  return undefined;
}

/** Inserts a line before an instruction, indented like it. */
function insertLineBefore(model: DockerfileModel, ins: Instruction, text: string): TextEdit {
  const source = model.source;
  // the line as counted at `\n` only: `ins.line` also counts a lone `\r` (as dockerfile-ast does)
  const lineStart = source.lineStart(source.positionAt(ins.span.start).line);
  const indent = /^[ \t]*/.exec(source.text.slice(lineStart, ins.span.start))![0];
  return { start: lineStart, end: lineStart, text: `${indent}${text}${source.eol}` };
}

/** Where `set -o pipefail` goes: before the script (for `RUN <<EOF`, as the body's first line). */
function prefixEdit(ins: Instruction, script: ShellScript): TextEdit | null {
  // a script the shell parser could not read may not start a statement where its text starts
  if (script.hasError) return null;
  const body = ins.heredocs[0];
  if (body && script.toFile(0) === body.contentSpan.start) {
    if (body.content.startsWith('#!')) return null; // the script picks its own interpreter
    const eol = ins.model.source.eol;
    return { start: body.contentSpan.start, end: body.contentSpan.start, text: `set -o pipefail${eol}` };
  }
  // the script's first word, as the shell reads it: dockerfile-ast can start the arguments at a comment line
  // that a continuation drops (`RUN \` then `# note` then the command)
  const first = script.text.search(/[^ \t\r\n]/); // only what the shell splits on: not a BOM glued to a word
  if (first < 0) return null;
  const start = script.toFile(first);
  return { start, end: start, text: 'set -o pipefail && ' };
}

interface Offence {
  ins: Instruction;
  script: ShellScript;
  pipe: Pipeline;
  /** The top-level instruction (the ONBUILD for a trigger). */
  anchor: Instruction;
  /** Default `/bin/sh` on a base with bash: fixed with a SHELL line for the whole stage. */
  wantsShell: boolean;
  shell: string;
  /** The RUN also pipes `yes` into a command. */
  yesPipe: boolean;
}

/** A `yes | …` runs in this stage or in a stage built FROM it. */
function feedsYes(stage: Stage, yesStages: ReadonlySet<Stage>): boolean {
  for (const s of yesStages) {
    for (let t: Stage | null = s, guard = 0; t && guard < 64; t = t.parent, guard++)
      if (t === stage) return true;
  }
  return false;
}

/** A pipe in RUN whose status only reflects its last command. */
export default defineRule({
  id: 'pipefail',
  aliases: ['DL4006'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: 'sugg',
  summary: 'Pipe in `RUN` without `pipefail`',
  why: 'A pipeline succeeds when its last command does, so `curl … | tar x` builds an image even when the download failed; `pipefail` makes any failing command fail the step.',
  check({ model, report }) {
    const offences: Offence[] = [];
    // stages with a RUN piping `yes` into a command: a stage-wide pipefail would fail that RUN
    const yesStages = new Set<Stage>();
    for (const ins of model.each('RUN')) {
      const script = ins.shell;
      if (!script?.hasPipe || !ins.stage) continue;
      const shell = model.shellAt(ins);
      const name = shellName(shell);
      // the POSIX family takes `-o pipefail` / `set -o pipefail` (dash only in recent releases, so it gets no fix)
      if (!POSIX_SHELLS.has(name) || pipefailSetting(shell.slice(1))) continue;
      const { pipe, yesPipe } = scanPipes(script);
      if (yesPipe) yesStages.add(ins.stage);
      if (!pipe) continue;
      const isDefaultSh = name === 'sh';
      offences.push({
        ins,
        script,
        pipe,
        anchor: ins.onbuild ?? ins,
        shell: name,
        wantsShell: isDefaultSh && baseKind(ins.stage) === 'bash',
        yesPipe,
      });
    }
    // one SHELL line per stage, before its first offending RUN; stages built FROM it inherit that line
    const shellEdits = new Map<Stage, TextEdit>();
    for (const o of offences) {
      const stage = o.ins.stage!;
      if (
        !o.wantsShell ||
        o.pipe.turnedOff ||
        shellEdits.has(stage) ||
        ancestorEdit(stage.parent, shellEdits) ||
        feedsYes(stage, yesStages)
      )
        continue;
      shellEdits.set(stage, insertLineBefore(model, o.anchor, `SHELL ${PIPEFAIL_SHELL}`));
    }
    for (const o of offences) {
      const { pipe, ins } = o;
      const firstName = pipe.first.name.value;
      const lastName = pipe.last.name.value;
      const shown =
        pipe.length === 1 ? lastName : `${firstName} |${pipe.length > 2 ? ' … |' : ''} ${lastName}`;
      let fix: FixProposal | undefined;
      if (pipe.turnedOff || o.yesPipe) {
        // the author switched pipefail off on purpose: neither edit would stick; or `yes | …` would then fail
      } else if (o.wantsShell) {
        const edit = ancestorEdit(ins.stage, shellEdits);
        if (edit)
          fix = { description: `set ${code(`SHELL ${PIPEFAIL_SHELL}`)} for the stage`, edits: [edit] };
      } else if (o.shell !== 'dash' && (o.shell !== 'sh' || baseKind(ins.stage!) === 'ash')) {
        const edit = prefixEdit(ins, o.script);
        if (edit) fix = { description: 'start the RUN with `set -o pipefail`', edits: [edit] };
      }
      report({
        at: { start: pipe.first.start, end: pipe.last.end },
        message: `${code(shown)} only fails when ${code(lastName)} fails, so an error in ${code(pipe.failing.name.value)} goes unnoticed: turn on \`pipefail\` with ${code(`SHELL ${PIPEFAIL_SHELL}`)} or \`set -o pipefail &&\`.`,
        ...(fix ? { fix } : {}),
      });
    }
  },
});
