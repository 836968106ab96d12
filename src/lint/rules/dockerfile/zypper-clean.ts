import { defineRule } from '../../rule.js';
import { argsOf, subcommand } from '../../dockerfile/run.js';
import { PACKAGE_CACHES, removesDir, reportUncleaned, uncleanedInstalls } from '../../packages/cleanup.js';
import { ZYPPER_FETCHING } from '../../packages/zypper.js';
import { NO_FIX_AT_RUN_END } from '../../messages.js';

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
      (c) => c.inv.tool === 'zypper' && ZYPPER_FETCHING.has(subcommand(argsOf(c.inv)) ?? ''),
      (c) => {
        if (c.inv.tool === 'rm' || c.inv.tool === 'find') return removesDir(c, PACKAGE_CACHES.zypper);
        const sub = subcommand(argsOf(c.inv));
        return sub === 'clean' || sub === 'cc';
      },
      PACKAGE_CACHES.zypper,
    );
    for (const c of uncleaned)
      reportUncleaned(report, c, {
        clean: 'zypper clean --all',
        description: 'clean the zypper cache at the end of the RUN',
      });
  },
});
