/** Helpers rules share: walking RUN commands, editing words, naming stages. */
import { isPosixShell, type DockerfileModel, type Instruction, type Stage } from '../dockerfile/model.js';
import { invocation, parseArgs, TOOLS, type Invocation, type ParsedArgs } from '../shell/args.js';
import type { ShellScript, SimpleCommand, Word } from '../shell/parser.js';
import type { TextEdit } from '../types.js';

export interface RunCommand {
  instruction: Instruction;
  script: ShellScript;
  command: SimpleCommand;
  /** The tool run, seen through sudo/env/python -m. */
  inv: Invocation;
}

/** Every simple command of every POSIX-shell RUN (ONBUILD RUN included), in file order. */
export function runCommands(model: DockerfileModel): RunCommand[] {
  const out: RunCommand[] = [];
  for (const instruction of model.each('RUN')) {
    const script = instruction.shell;
    if (!script || !isPosixShell(model.shellAt(instruction))) continue;
    for (const command of script.commands) out.push({ instruction, script, command, inv: invocation(command) });
  }
  return out;
}

/** The RUN commands of one tool (`apt-get`, `pip`, …). */
export function toolCommands(model: DockerfileModel, ...tools: string[]): RunCommand[] {
  return runCommands(model).filter((c) => tools.includes(c.inv.tool));
}

/** Parsed arguments of a tool invocation, with the tool's flag grammar. */
export function argsOf(inv: Invocation): ParsedArgs {
  return parseArgs(inv.args, TOOLS[inv.tool]);
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
