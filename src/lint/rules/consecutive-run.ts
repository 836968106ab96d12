import { isPosixShell, type DockerfileModel, type Instruction } from '../dockerfile/model.js';
import type { SimpleCommand } from '../shell/parser.js';
import type { TextEdit } from '../types.js';
import { defineRule, type Report } from '../rule.js';
import { appendToRun, deleteInstruction, lineEnding } from './util.js';

/** Builtins whose effect (directory, variables, options, the shell itself) would reach the commands merged after them. */
const CHANGES_SHELL = new Set([
  'cd',
  'pushd',
  'popd',
  'export',
  'set',
  'unset',
  'source',
  '.',
  'alias',
  'unalias',
  'umask',
  'shopt',
  'ulimit',
  'trap',
  'exec',
  'exit',
  'readonly',
  'declare',
  'typeset',
  'local',
  'eval',
  'enable',
  'hash',
]);

interface RunInfo {
  ins: Instruction;
  /** The one simple command of the RUN, or null when it has more, or is exec form, a heredoc, not POSIX. */
  single: SimpleCommand | null;
  /** Its flags, normalised: only RUNs with identical flags can merge. */
  flagKey: string;
  /** Flagged: the RUN before it in the row is also a single command with the same flags. */
  flagged: boolean;
}

function infoOf(model: DockerfileModel, ins: Instruction): RunInfo {
  const flagKey = ins.flags
    .map((f) => `${f.name.toLowerCase()}=${f.value ?? ''}`)
    .sort()
    .join('\n');
  const script = ins.shell;
  let single: SimpleCommand | null = null;
  if (
    script &&
    !script.hasError &&
    !ins.json &&
    ins.heredocs.length === 0 &&
    isPosixShell(model.shellAt(ins))
  ) {
    const top = script.commands.filter((c) => !c.inSubstitution);
    if (top.length === 1 && !top[0]!.nested && top[0]!.nextOp === null) single = top[0]!;
  }
  return { ins, single, flagKey, flagged: false };
}

/** The RUN's text to append after `&&`, or null when it cannot be moved as is (a trailing comment, operator). */
function movableBody(model: DockerfileModel, info: RunInfo): string | null {
  const ins = info.ins;
  if (!ins.argsSpan || !info.single) return null;
  const text = model.source.text;
  const body = text.slice(ins.argsSpan.start, ins.argsSpan.end).trimEnd();
  const tail = text.slice(info.single.end, ins.argsSpan.start + body.length);
  if (tail.includes('#') || /(&&|\|\||[|;&\\`])$/.test(body)) return null;
  return body;
}

function changesShell(c: SimpleCommand): boolean {
  return c.name.value === '' || CHANGES_SHELL.has(c.name.value);
}

/**
 * The fix for a chain of single-command RUNs (`chain[0]` and the flagged ones after it): each group of RUNs that can
 * be joined is appended to the first RUN of the group, the others deleted. Every RUN's text appears at most once in
 * the edits, so the fix is never larger than the chain. `merged` counts the RUNs moved; `reason` says why one stayed.
 */
function chainFix(
  model: DockerfileModel,
  chain: RunInfo[],
): { edits: TextEdit[]; merged: number; reason?: string } {
  const text = model.source.text;
  const join = ` ${model.escape}${lineEnding(model)}    && `;
  const edits: TextEdit[] = [];
  let merged = 0;
  let reason: string | undefined;
  let target = chain[0]!;
  let bodies: string[] = [];
  let deletions: TextEdit[] = [];
  // whether the target (with what was appended to it) would carry shell state into a command appended next
  let closed = changesShell(target.single!);
  if (closed) reason = `\`${target.single!.name.value}\` would change the shell the next command runs in`;
  const flush = (): void => {
    if (bodies.length === 0) return;
    const append = appendToRun(target.ins, bodies.join(join));
    if (append) {
      edits.push(append, ...deletions);
      merged += bodies.length;
    } else reason ??= 'the end of the earlier RUN cannot be edited safely';
  };
  for (let j = 1; j < chain.length; j++) {
    const run = chain[j]!;
    const gap = text.slice(chain[j - 1]!.ins.span.end, run.ins.span.start);
    const body = closed ? null : movableBody(model, run);
    if (closed || gap.trim() !== '' || body === null) {
      if (!closed)
        reason ??=
          body === null ? 'a RUN ends in a comment or an operator' : 'a comment sits between two of the RUNs';
      // this RUN stays: it becomes the one the RUNs after it are joined to
      flush();
      target = run;
      bodies = [];
      deletions = [];
      closed = changesShell(run.single!);
      if (closed) reason ??= `\`${run.single!.name.value}\` would change the shell the next command runs in`;
      continue;
    }
    bodies.push(body);
    deletions.push(deleteInstruction(model, run.ins));
    if (changesShell(run.single!)) {
      closed = true;
      reason ??= `\`${run.single!.name.value}\` would change the shell the next command runs in`;
    }
  }
  flush();
  return { edits, merged, ...(reason ? { reason } : {}) };
}

function findingFor(model: DockerfileModel, chain: RunInfo[]): Report {
  const first = chain[0]!.ins.line;
  const flagged = chain[1]!.ins;
  const layers = chain.length - 1;
  const last = chain[chain.length - 1]!.ins.line;
  const after =
    chain.length === 2
      ? ''
      : chain.length === 3
        ? `, as does the one after it (line ${last})`
        : `, as do the ${chain.length - 2} after it (through line ${last})`;
  const base = `This RUN and the one on line ${first} each run a single command${after}: join them with \`&&\` in one RUN to save ${layers === 1 ? 'a layer' : `${layers} layers`}`;
  const fix = chainFix(model, chain);
  const note = fix.reason
    ? fix.merged === 0
      ? ` (not merged automatically: ${fix.reason})`
      : ` (not all merged automatically: ${fix.reason})`
    : '';
  return {
    at: { start: flagged.keywordSpan.start, end: flagged.keywordSpan.end },
    message: `${base}${note}.`,
    ...(fix.merged > 0
      ? {
          fix: {
            description:
              chain.length === 2
                ? `merge into the RUN on line ${first}`
                : `merge the RUNs of lines ${first}–${last}`,
            edits: fix.edits,
          },
        }
      : {}),
  };
}

/** Each RUN is a layer; a row of one-command RUNs adds layers (and cache entries) for nothing. */
export default defineRule({
  id: 'consecutive-run',
  aliases: ['DL3059'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: 'yes',
  summary: 'consecutive RUNs with one simple command each',
  why: 'Every RUN adds a layer to the image and a step to the build; consecutive one-command RUNs are usually one step of setup and read as well, with fewer layers, joined by `&&`.',
  check({ model, report }) {
    for (const stage of model.stages) {
      // rows of adjacent RUNs (comments between them do not count as instructions)
      let row: RunInfo[] = [];
      const rows: RunInfo[][] = [];
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'RUN') {
          if (row.length > 1) rows.push(row);
          row = [];
          continue;
        }
        const info = infoOf(model, ins);
        const prev = row[row.length - 1];
        info.flagged =
          !!prev && prev.single !== null && info.single !== null && prev.flagKey === info.flagKey;
        row.push(info);
      }
      if (row.length > 1) rows.push(row);
      for (const runs of rows) {
        // one finding and one fix per chain: the RUN before the first flagged one and the flagged ones after it
        for (let k = 0; k < runs.length; k++) {
          if (!runs[k]!.flagged) continue;
          let end = k;
          while (end + 1 < runs.length && runs[end + 1]!.flagged) end++;
          const chain = runs.slice(k - 1, end + 1);
          k = end;
          report(findingFor(model, chain));
        }
      }
    }
  },
});
