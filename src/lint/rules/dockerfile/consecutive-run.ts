import { isPosixShell, type DockerfileModel, type Instruction } from '../../dockerfile/model.js';
import type { SimpleCommand } from '../../shell/parser.js';
import type { TextEdit } from '../../types.js';
import { defineRule, type Report } from '../../rule.js';
import { code } from '../../quote.js';
import { appendToRun, deleteInstruction, lineEnding } from '../../dockerfile/edits.js';

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

/** RUNs that can be joined into one (the first of them keeps its place), and why it could not join the one before. */
interface Group {
  runs: RunInfo[];
  reason?: string;
}

/**
 * A chain of single-command RUNs (`chain[0]` and the flagged ones after it) cut where two RUNs cannot be joined:
 * a comment between them, a RUN ending in a comment or an operator, or a command before that changes the shell.
 */
function groupsOf(model: DockerfileModel, chain: RunInfo[]): Group[] {
  const text = model.source.text;
  const shellReason = (r: RunInfo): string =>
    `${code(r.single!.name.value)} would change the shell the next command runs in`;
  const groups: Group[] = [{ runs: [chain[0]!] }];
  // whether the group so far would carry shell state into a command appended next
  let closed = changesShell(chain[0]!.single!);
  for (let j = 1; j < chain.length; j++) {
    const run = chain[j]!;
    const prev = chain[j - 1]!;
    const gap = text.slice(prev.ins.span.end, run.ins.span.start);
    let reason: string | undefined;
    if (closed) reason = shellReason(groups[groups.length - 1]!.runs.find((r) => changesShell(r.single!))!);
    else if (gap.trim() !== '') reason = 'a comment sits between the two RUNs';
    else if (movableBody(model, run) === null) reason = 'this RUN ends in a comment or an operator';
    if (reason) groups.push({ runs: [run], reason });
    else groups[groups.length - 1]!.runs.push(run);
    closed = reason ? changesShell(run.single!) : closed || changesShell(run.single!);
  }
  return groups;
}

/** The edits joining a group into its first RUN (each RUN's text once: never larger than the group), or null. */
function groupEdits(model: DockerfileModel, group: Group): TextEdit[] | null {
  const join = ` ${model.escape}${lineEnding(model)}    && `;
  const rest = group.runs.slice(1);
  const append = appendToRun(group.runs[0]!.ins, rest.map((r) => movableBody(model, r)!).join(join));
  return append ? [append, ...rest.map((r) => deleteInstruction(model, r.ins))] : null;
}

/**
 * One finding per group of two or more RUNs, with the fix joining the whole group; and one without a fix for a RUN
 * left alone between two cuts, as hadolint would report it. Applying a fix leaves no finding at its place: the
 * joined RUN no longer runs a single command.
 */
function findingsFor(model: DockerfileModel, chain: RunInfo[]): Report[] {
  const out: Report[] = [];
  let prevLine = chain[0]!.ins.line;
  for (const group of groupsOf(model, chain)) {
    const runs = group.runs;
    const first = runs[0]!.ins.line;
    const last = runs[runs.length - 1]!.ins.line;
    if (runs.length === 1) {
      if (group.reason)
        out.push({
          at: { start: runs[0]!.ins.keywordSpan.start, end: runs[0]!.ins.keywordSpan.end },
          messageId: 'notMergeable',
          data: { line: prevLine, reason: group.reason },
        });
      prevLine = last;
      continue;
    }
    const layers = runs.length - 1;
    const after =
      runs.length === 2
        ? ''
        : runs.length === 3
          ? `, as does the one after it (line ${last})`
          : `, as do the ${runs.length - 2} after it (through line ${last})`;
    const edits = groupEdits(model, group);
    const at = runs[1]!.ins.keywordSpan;
    out.push({
      at: { start: at.start, end: at.end },
      messageId: edits ? 'join' : 'joinUnsafeEnd',
      data: { line: first, after, layers: layers === 1 ? 'a layer' : `${layers} layers` },
      ...(edits
        ? {
            fix: {
              description:
                runs.length === 2
                  ? `merge into the RUN on line ${first}`
                  : `merge the RUNs of lines ${first}–${last}`,
              edits,
            },
          }
        : {}),
    });
    prevLine = last;
  }
  return out;
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
  messages: {
    notMergeable:
      'This RUN and the one on line {{line}} each run a single command: join them with `&&` in one RUN to save a layer (not merged automatically: {{reason}}).',
    join: 'This RUN and the one on line {{line}} each run a single command{{after}}: join them with `&&` in one RUN to save {{layers}}.',
    joinUnsafeEnd:
      'This RUN and the one on line {{line}} each run a single command{{after}}: join them with `&&` in one RUN to save {{layers}} (not merged automatically: the end of the earlier RUN cannot be edited safely).',
  },
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
        // a chain: the RUN before the first flagged one and the flagged ones after it; one finding per group of it
        for (let k = 0; k < runs.length; k++) {
          if (!runs[k]!.flagged) continue;
          let end = k;
          while (end + 1 < runs.length && runs[end + 1]!.flagged) end++;
          const chain = runs.slice(k - 1, end + 1);
          k = end;
          for (const r of findingsFor(model, chain)) report(r);
        }
      }
    }
  },
});
