import { defineRule } from '../../rule.js';
import { NO_FIX_AT_RUN_END } from '../../messages.js';
import { reportUncleanedInstalls } from '../../packages/cleanup.js';
import { CACHE_CLEANUPS } from '../../packages/caches.js';

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
    reportUncleanedInstalls(model, report, CACHE_CLEANUPS.zypper);
  },
});
