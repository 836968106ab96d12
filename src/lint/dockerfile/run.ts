/** The shell commands of RUN instructions, each with its tool and parsed arguments: what most RUN rules walk. */
import { isPosixShell, type DockerfileModel, type Instruction } from './model.js';
import { invocation, parseArgs, type Invocation, type ParsedArgs } from '../shell/args.js';
import { TOOLS } from '../shell/tools.js';
import type { ShellScript, SimpleCommand, Word } from '../shell/parser.js';

export interface RunCommand {
  instruction: Instruction;
  script: ShellScript;
  command: SimpleCommand;
  /** The tool run, seen through sudo/env/python -m. */
  inv: Invocation;
}

/** Every simple command of every POSIX-shell RUN (ONBUILD RUN included), in file order. */
const runCommandsCache = new WeakMap<DockerfileModel, RunCommand[]>();

export function runCommands(model: DockerfileModel): readonly RunCommand[] {
  const cached = runCommandsCache.get(model);
  if (cached) return cached;
  const out: RunCommand[] = [];
  runCommandsCache.set(model, out);
  for (const instruction of model.each('RUN')) {
    const script = instruction.shell;
    if (!script || !isPosixShell(model.shellAt(instruction))) continue;
    for (const command of script.commands)
      out.push({ instruction, script, command, inv: invocation(command) });
  }
  return out;
}

/** The RUN commands of one tool (`apt-get`, `pip`, …). */
export function toolCommands(model: DockerfileModel, ...tools: string[]): RunCommand[] {
  return runCommands(model).filter((c) => tools.includes(c.inv.tool));
}

/** Parsed arguments of a tool invocation, with the tool's flag grammar. */
const parsedArgs = new WeakMap<Invocation, ParsedArgs>();

/** Parsed once per invocation and shared by every rule that asks. */
export function argsOf(inv: Invocation): ParsedArgs {
  let args = parsedArgs.get(inv);
  if (!args) parsedArgs.set(inv, (args = parseArgs(inv.args, TOOLS[inv.tool])));
  return args;
}

/** The sub-command (first positional): `install` in `apt-get -y install x`. */
export function subcommand(args: ParsedArgs): string | undefined {
  return args.positionals[0]?.value;
}

/** A command whose sub-command a rule asks about, with its parsed arguments and the sub-command word. */
export interface SubcommandCall extends RunCommand {
  args: ParsedArgs;
  sub: Word;
}

/**
 * The commands of each tool named in `subcommands` whose sub-command is one listed for it (`{ 'apt-get':
 * ['install'] }`: every `apt-get install`), in file order: the loop most package-manager rules start with.
 */
export function subcommandCalls(
  model: DockerfileModel,
  subcommands: Readonly<Record<string, ReadonlySet<string> | readonly string[]>>,
): SubcommandCall[] {
  const out: SubcommandCall[] = [];
  for (const c of toolCommands(model, ...Object.keys(subcommands))) {
    const args = argsOf(c.inv);
    const sub = args.positionals[0];
    const wanted = subcommands[c.inv.tool]!;
    if (sub && ('has' in wanted ? wanted.has(sub.value) : wanted.includes(sub.value)))
      out.push({ ...c, args, sub });
  }
  return out;
}

/** The commands of each RUN, grouped per instruction in file order. */
export function groupByRun(commands: readonly RunCommand[]): Map<Instruction, RunCommand[]> {
  const byRun = new Map<Instruction, RunCommand[]>();
  for (const c of commands) {
    const list = byRun.get(c.instruction);
    if (list) list.push(c);
    else byRun.set(c.instruction, [c]);
  }
  return byRun;
}

/** Every RUN's commands, grouped per instruction in file order: what the rules that judge a RUN as a whole walk. */
export function commandsByRun(model: DockerfileModel): Map<Instruction, RunCommand[]> {
  return groupByRun(runCommands(model));
}

/** Positionals of a command that come before a `--` word (what follows `--` belongs to something else). */
export function beforeDoubleDash(inv: Invocation, words: readonly Word[]): Word[] {
  const dd = inv.args.find((w) => w.value === '--' && w.raw === '--');
  return dd ? words.filter((w) => w.start < dd.start) : [...words];
}

/** `this RUN` / `this ONBUILD RUN`, for messages. */
export function thisRun(ins: Instruction): string {
  return ins.onbuild ? 'this ONBUILD RUN' : 'this RUN';
}
