import type { Instruction, Stage } from '../../dockerfile/model.js';
import type { Word } from '../../shell/parser.js';
import { defineRule } from '../../rule.js';
import type { TextEdit } from '../../types.js';
import { commandsByRun, type RunCommand } from '../../dockerfile/run.js';
import { appendToRun, deleteInstruction } from '../../dockerfile/edits.js';
import { inShippedImage, stageChain } from '../../dockerfile/stages.js';
import { code } from '../../quote.js';
import { POSIX_SHELLS } from '../../shell/shells.js';
import { fileRole } from '../../file-role.js';
import {
  deletes,
  factsOf,
  firstAtOrAfter,
  type Cleanup,
  type Leftover,
  type RunFacts,
} from '../../dockerfile/layer-contents.js';

/**
 * The command runs an installer whose own commands are hidden from us: a script by path (`./install.sh`,
 * `/root/app/scripts/setup/install`, not a system binary), or a shell reading a file or a pipe. Such an installer
 * commonly uses the package manager itself, so a cache cleanup after it in the same RUN is on time.
 */
function runsInstaller(c: RunCommand): boolean {
  const name = c.command.name.value;
  if (name.includes('/')) return !/^\/(?:usr\/)?s?bin\//.test(name);
  // a shell running a script file (`sh install.sh`) or a piped one (`curl … | sh`)
  if (!POSIX_SHELLS.has(name)) return false;
  if (c.command.prevOp === '|') return true;
  const first = c.command.args.find((w) => !w.value.startsWith('-'));
  return first !== undefined && !c.command.args.some((w) => w.value === '-c');
}

function outer(ins: Instruction): Instruction {
  return ins.onbuild ?? ins;
}

/** The RUNs that leave something behind, per stage in file order, with their (outer) starts for lookups. */
type LeftoverIndex = Map<Stage, { facts: RunFacts[]; starts: number[] }>;

function leftoverIndex(all: readonly RunFacts[]): LeftoverIndex {
  const index: LeftoverIndex = new Map();
  for (const f of all) {
    if (f.leftovers.length === 0 || !f.ins.stage) continue;
    let entry = index.get(f.ins.stage);
    if (!entry) index.set(f.ins.stage, (entry = { facts: [], starts: [] }));
    entry.facts.push(f);
    entry.starts.push(outer(f.ins).span.start);
  }
  return index;
}

/** The RUNs whose layers lie below `ins` in the same image: earlier RUNs of its stage chain (and ONBUILD siblings). */
function earlierRuns(ins: Instruction, index: LeftoverIndex): RunFacts[] {
  const stage = ins.stage;
  if (!stage) return [];
  const start = outer(ins).span.start;
  const out: RunFacts[] = [];
  for (const s of stageChain(stage)) {
    const entry = index.get(s);
    if (!entry) continue;
    const end = firstAtOrAfter(entry.starts, start);
    for (let i = 0; i < end; i++) {
      const f = entry.facts[i]!;
      if (f.ins === ins) continue;
      // ONBUILD triggers run in a later build: only other triggers of the same stage come before one
      if (f.ins.onbuild && !(ins.onbuild !== null && f.ins.stage === stage)) continue;
      out.push(f);
    }
  }
  // file order, as the stages of the chain were visited child first
  return out.sort((a, b) => outer(a.ins).span.start - outer(b.ins).span.start);
}

/** The instruction just before `ins` in its stage (for a trigger: the trigger of the ONBUILD before its ONBUILD). */
function previous(ins: Instruction): Instruction | null {
  const stage = ins.stage;
  if (!stage) return null;
  const list = stage.instructions;
  const i = list.indexOf(outer(ins));
  if (i <= 0) return null;
  const prev = list[i - 1]!;
  return ins.onbuild ? prev.trigger : prev;
}

/** Merging `later` into `earlier`: its commands appended with `&&`, its instruction removed. */
function mergeEdits(earlier: Instruction, later: Instruction): TextEdit[] | null {
  if (
    later.flags.length > 0 ||
    later.heredocs.length > 0 ||
    earlier.heredocs.length > 0 ||
    !later.argsSpan ||
    later.json
  )
    return null;
  const script = later.shell;
  if (!script || script.hasError) return null;
  // only a plain `a && b && c` chain keeps its meaning after `earlier &&`
  if (
    script.commands.some(
      (c) => c.nested || c.inSubstitution || (c.prevOp !== null && c.prevOp !== '&&' && c.prevOp !== '|'),
    )
  )
    return null;
  const text = later.model.source.text;
  const body = text.slice(later.argsSpan.start, later.argsSpan.end).trimEnd();
  const lastEnd = script.commands.reduce((m, c) => Math.max(m, c.end), later.argsSpan.start);
  if (
    text.slice(lastEnd, later.argsSpan.start + body.length).includes('#') ||
    /(&&|\|\||[|;&\\])$/.test(body)
  )
    return null;
  const append = appendToRun(earlier, body);
  if (!append) return null;
  return [append, deleteInstruction(later.model, outer(later))];
}

function lines(runs: Instruction[]): string {
  const ns = [...new Set(runs.map((r) => outer(r).line))].sort((a, b) => a - b);
  return ns.length === 1
    ? `the RUN on line ${ns[0]}`
    : `the RUNs on lines ${ns.slice(0, -1).join(', ')} and ${ns[ns.length - 1]}`;
}

/** Deleting files in a later layer hides them but does not remove them from the image. */
export default defineRule({
  id: 'late-cleanup',
  aliases: [],
  kind: 'dockerfile',
  severity: 'warning',
  severityNote: 'info in a test, example or development file',
  fixable: 'sugg',
  summary: 'a RUN deletes what an earlier RUN created (caches, package lists, downloads, checkouts)',
  why: 'Every RUN is a layer: files deleted in a later RUN stay in the earlier layer and are still pulled with the image. Clean up in the RUN that creates them.',
  check({ model, source, report }) {
    // in a test, example or development image the layer size is nobody's concern: advice, not a fix to ask for
    const devFile = fileRole(source.path, source.text) !== null;
    const byRun = commandsByRun(model);
    const facts = [...byRun].map(([ins, cmds]) => factsOf(ins, cmds));
    const index = leftoverIndex(facts);
    for (const f of facts) {
      if (!inShippedImage(f.ins) || !f.steps.some((s) => s.cleanup)) continue;
      const before = earlierRuns(f.ins, index);
      const pending = before.flatMap((b) => b.leftovers);
      if (pending.length === 0) continue;
      const reportCleanup = (
        cleanup: Cleanup,
        ownBefore: ReadonlySet<string>,
        judged: (item: Leftover) => boolean = () => true,
      ): void => {
        const hits: { item: Leftover; word: Word | true }[] = [];
        for (const item of pending) {
          if (!judged(item)) continue;
          const word = deletes(cleanup, item);
          if (!word) continue;
          if (ownBefore.has(`${item.kind}\0${item.paths[0]}`)) continue;
          hits.push({ item, word });
        }
        if (hits.length === 0) return;
        const runs = [...new Set(hits.map((h) => h.item.run))];
        const labels = [...new Set(hits.map((h) => h.item.label))];
        const firstWord = hits.find((h) => h.word !== true)?.word;
        const at =
          firstWord && firstWord !== true ? { start: cleanup.at.start, end: firstWord.end } : cleanup.at;
        const shown = model.source.text.slice(at.start, at.end).replace(/\\\r?\n\s*/g, '');
        const prev = previous(f.ins);
        const edits = runs.length === 1 && prev === runs[0] ? mergeEdits(runs[0]!, f.ins) : null;
        const target = lines(runs);
        report({
          at,
          ...(devFile ? { severity: 'info' as const } : {}),
          message:
            `${code(shown)} deletes ${labels.join(' and ')} written by ${target}, whose ${runs.length === 1 ? 'layer still holds' : 'layers still hold'} the files, so the image gets no smaller: ` +
            (edits
              ? `merge this RUN into that one.`
              : `clean up at the end of ${runs.length === 1 ? 'that RUN' : 'each of those RUNs'} instead.`),
          ...(edits ? { fix: { description: `merge into ${target}`, edits } } : {}),
        });
      };
      // items this RUN (re)creates before a cleanup are its own business
      const own = new Set<string>();
      let installer = false;
      f.steps.forEach((step) => {
        // after an installer ran, the package caches the cleanup deletes may be its own: only downloads and
        // clones we can see are judged
        if (installer && step.cleanup)
          reportCleanup(step.cleanup, own, (item) => item.kind === 'download' || item.kind === 'clone');
        // `own` holds what the steps before this one created
        else if (step.cleanup) reportCleanup(step.cleanup, own);
        if (runsInstaller(step.cmd)) installer = true;
        for (const o of step.created) own.add(`${o.kind}\0${o.paths[0]}`);
      });
    }
  },
});
