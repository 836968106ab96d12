import type { Stage } from '../../dockerfile/model.js';
import { defineRule } from '../../rule.js';
import { argsOf, subcommand, toolCommands } from '../../dockerfile/run.js';
import { baseKind, stageChain, stageHead } from '../../dockerfile/stages.js';
import { insertAfter } from '../../dockerfile/edits.js';

/** Options that already keep wget's output short: a progress style, quiet modes, or output sent to a log file. */
const QUIET = ['--progress', '-q', '--quiet', '--no-verbose', '-o', '--output-file', '-a', '--append-output'];

/**
 * A stage whose wget is BusyBox's (no `--progress` option): an Alpine/BusyBox base (`node:22-alpine` too), with no
 * GNU wget installed by `apk add wget` earlier.
 */
function busyboxWget(stage: Stage | null, before: number): boolean {
  if (!stage || baseKind(stage) !== 'ash') return false;
  const chain = stageChain(stage);
  for (const c of toolCommands(stageHead(stage).model, 'apk')) {
    const ins = c.instruction.onbuild ?? c.instruction;
    if (!ins.stage || !chain.includes(ins.stage) || ins.span.start >= before) continue;
    const args = argsOf(c.inv);
    if (
      subcommand(args) === 'add' &&
      args.positionals.some((w) => w.value === 'wget' || w.value.startsWith('wget='))
    )
      return false;
  }
  return true;
}

/** wget's default progress output writes a line for every few kilobytes when the log is not a terminal. */
export default defineRule({
  id: 'wget-progress',
  aliases: ['DL3047'],
  kind: 'dockerfile',
  severity: 'style',
  fixable: 'yes',
  summary: '`wget` without `--progress=dot:giga`, `-q` or `-nv`',
  why: "In a build log wget's default progress display prints a line for each small chunk it downloads: a large file turns into thousands of lines that bury the build's real output.",
  messages: {
    progress: '`wget` without `--progress=dot:giga` (or `-q`/`-nv`) fills the build log with progress lines.',
    busybox:
      'BusyBox `wget` without `-q` fills the build log with progress output (it has no `--progress` option).',
  },
  check({ model, report }) {
    for (const { inv, instruction } of toolCommands(model, 'wget')) {
      const args = argsOf(inv);
      if (args.has(...QUIET) || inv.args.some((w) => w.value === '-nv')) continue;
      const host = instruction.onbuild ?? instruction;
      const busybox = busyboxWget(host.stage, host.span.start);
      report({
        at: { start: inv.toolWord.start, end: inv.toolWord.end },
        messageId: busybox ? 'busybox' : 'progress',
        fix: busybox
          ? { description: 'add `-q`', edits: [insertAfter(inv.toolWord, ' -q')] }
          : {
              description: 'add `--progress=dot:giga`',
              edits: [insertAfter(inv.toolWord, ' --progress=dot:giga')],
            },
      });
    }
  },
});
