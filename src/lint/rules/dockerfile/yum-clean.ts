import { defineRule } from '../../rule.js';
import { NO_FIX_AT_RUN_END } from '../../messages.js';
import { reportUncleanedInstalls } from '../../packages/cleanup.js';
import { CACHE_CLEANUPS } from '../../packages/caches.js';

/** yum keeps repository metadata (and, with keepcache, the packages) in `/var/cache/yum`. */
export default defineRule({
  id: 'yum-clean',
  aliases: ['DL3032', 'DS-0015'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: 'yes',
  summary: '`yum install` without `yum clean all` in the same RUN',
  why: 'yum leaves repository metadata (often 100 MB or more) and downloaded packages in `/var/cache/yum`; unless the same RUN cleans it, the cache is baked into the layer and shipped with every pull.',
  messages: {
    fixable: "{{command}} leaves yum's cache in the image: add `yum clean all` at the end of {{run}}.",
    unsafeEnd: `{{command}} leaves yum's cache in the image: run \`yum clean all\` at the end of {{run}} (${NO_FIX_AT_RUN_END}).`,
  },
  check({ model, report }) {
    reportUncleanedInstalls(model, report, CACHE_CLEANUPS.yum);
  },
});
