import { defineRule } from '../../rule.js';
import { NO_FIX_AT_RUN_END } from '../../messages.js';
import { reportUncleanedInstalls } from '../../packages/cleanup.js';
import { CACHE_CLEANUPS } from '../../packages/caches.js';

/** dnf and microdnf keep repository metadata in their caches; each cleans only its own. */
export default defineRule({
  id: 'dnf-clean',
  aliases: ['DL3040', 'DS-0019', 'DS-0027'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: 'yes',
  summary:
    '`dnf install` / `microdnf install` without `dnf clean all` / `microdnf clean all` in the same RUN',
  why: 'dnf and microdnf leave repository metadata (often 100 MB or more) in their caches under `/var/cache`; unless the same RUN cleans it with the same tool, the cache is baked into the layer and shipped with every pull.',
  messages: {
    fixable: '{{command}} leaves the package cache in the image: add {{clean}} at the end of {{run}}.',
    unsafeEnd: `{{command}} leaves the package cache in the image: run {{clean}} at the end of {{run}} (${NO_FIX_AT_RUN_END}).`,
  },
  check({ model, report }) {
    reportUncleanedInstalls(model, report, CACHE_CLEANUPS.dnf);
  },
});
