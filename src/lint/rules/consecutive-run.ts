import { isPosixShell, type DockerfileModel, type Instruction } from '../dockerfile/model.js';
import type { SimpleCommand } from '../shell/parser.js';
import type { TextEdit } from '../types.js';
import { defineRule } from '../rule.js';
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

/** Merging `runs[k]` (and the mergeable ones after it) into `runs[k - 1]`; null with the reason when it cannot be done. */
function mergeFix(
  model: DockerfileModel,
  runs: RunInfo[],
  k: number,
): { edits: TextEdit[] } | { reason: string } {
  const target = runs[k - 1]!;
  if (changesShell(target.single!))
    return { reason: `\`${target.single!.name.value}\` would change the shell the next command runs in` };
  const text = model.source.text;
  const bodies: string[] = [];
  const deletions: TextEdit[] = [];
  for (let j = k; j < runs.length && runs[j]!.flagged; j++) {
    const run = runs[j]!;
    const gap = text.slice(runs[j - 1]!.ins.span.end, run.ins.span.start);
    const body = movableBody(model, run);
    if (gap.trim() !== '' || body === null) {
      if (j === k)
        return {
          reason:
            body === null
              ? 'this RUN ends in a comment or an operator'
              : 'a comment sits between the two RUNs',
        };
      break;
    }
    bodies.push(body);
    deletions.push(deleteInstruction(model, run.ins));
    if (changesShell(run.single!)) break;
  }
  const join = ` ${model.escape}${lineEnding(model)}    && `;
  const append = appendToRun(target.ins, bodies.join(join));
  if (!append) return { reason: 'the end of the earlier RUN cannot be edited safely' };
  return { edits: [append, ...deletions] };
}

/** Each RUN is a layer; a row of one-command RUNs adds layers (and cache entries) for nothing. */
export default defineRule({
  id: 'consecutive-run',
  aliases: ['DL3059'],
  kind: 'dockerfile',
  severity: 'style',
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
        runs.forEach((run, k) => {
          if (!run.flagged) return;
          const fix = mergeFix(model, runs, k);
          const prevLine = runs[k - 1]!.ins.line;
          const base = `This RUN and the one on line ${prevLine} each run a single command: join them with \`&&\` in one RUN to save a layer`;
          report({
            at: { start: run.ins.keywordSpan.start, end: run.ins.keywordSpan.end },
            message: 'edits' in fix ? `${base}.` : `${base} (not merged automatically: ${fix.reason}).`,
            ...('edits' in fix
              ? { fix: { description: `merge into the RUN on line ${prevLine}`, edits: fix.edits } }
              : {}),
          });
        });
      }
    }
  },
});
