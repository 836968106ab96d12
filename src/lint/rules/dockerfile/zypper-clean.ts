import { defineRule } from '../../rule.js';
import { appendToRun } from '../../dockerfile/edits.js';
import { argsOf, subcommand, thisRun } from '../../dockerfile/run.js';
import { removesDir, uncleanedInstalls } from '../../packages/cleanup.js';
import { code } from '../../quote.js';
import { NO_FIX_AT_RUN_END } from '../../messages.js';

/** zypper commands that download packages into `/var/cache/zypp`. */
const FETCHING = new Set([
  'install',
  'in',
  'source-install',
  'si',
  'patch',
  'update',
  'up',
  'dist-upgrade',
  'dup',
]);
const CACHES = ['/var/cache/zypp'];

/** zypper keeps repository metadata and packages in `/var/cache/zypp`. */
export default defineRule({
  id: 'zypper-clean',
  aliases: ['DL3036', 'DS-0020'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: 'yes',
  summary: '`zypper install` without `zypper clean` in the same RUN',
  why: 'zypper leaves repository metadata and downloaded packages in `/var/cache/zypp`; unless the same RUN cleans it, the cache is baked into the layer and shipped with every pull.',
  messages: {
    fixable:
      "{{command}} leaves zypper's cache in the image: add `zypper clean --all` at the end of {{run}}.",
    unsafeEnd: `{{command}} leaves zypper's cache in the image: run \`zypper clean --all\` at the end of {{run}} (${NO_FIX_AT_RUN_END}).`,
  },
  check({ model, report }) {
    const uncleaned = uncleanedInstalls(
      model,
      ['zypper', 'rm'],
      (c) => c.inv.tool === 'zypper' && FETCHING.has(subcommand(argsOf(c.inv)) ?? ''),
      (c) => {
        if (c.inv.tool === 'rm' || c.inv.tool === 'find') return removesDir(c, CACHES);
        const sub = subcommand(argsOf(c.inv));
        return sub === 'clean' || sub === 'cc';
      },
      CACHES,
    );
    for (const c of uncleaned) {
      const ins = c.instruction;
      const sub = argsOf(c.inv).positionals[0]!;
      const edit = appendToRun(ins, 'zypper clean --all');
      report({
        at: { start: c.inv.toolWord.start, end: sub.end },
        messageId: edit ? 'fixable' : 'unsafeEnd',
        data: { command: code(`zypper ${sub.value}`), run: thisRun(ins) },
        ...(edit
          ? { fix: { description: 'clean the zypper cache at the end of the RUN', edits: [edit] } }
          : {}),
      });
    }
  },
});
