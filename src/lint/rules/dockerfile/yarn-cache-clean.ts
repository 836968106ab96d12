import { defineRule } from '../../rule.js';
import { NO_FIX_AT_RUN_END } from '../../messages.js';
import { reportUncleanedInstalls } from '../../packages/cleanup.js';
import { CACHE_CLEANUPS } from '../../packages/caches.js';

/** Yarn keeps a copy of every package it downloads; in an image nothing reads it again. */
export default defineRule({
  id: 'yarn-cache-clean',
  aliases: ['DL3060'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: 'yes',
  summary: '`yarn install` without `yarn cache clean` in the same RUN',
  why: 'Yarn keeps a copy of every package it downloads in its cache, often as large as `node_modules` itself; unless the same RUN cleans it, that copy ships in the image.',
  messages: {
    fixable:
      "{{command}} leaves Yarn's package cache in the image: add `yarn cache clean` at the end of {{run}}.",
    unsafeEnd: `{{command}} leaves Yarn's package cache in the image: run \`yarn cache clean\` at the end of {{run}} (${NO_FIX_AT_RUN_END}).`,
  },
  check({ model, report }) {
    reportUncleanedInstalls(model, report, CACHE_CLEANUPS.yarn);
  },
});
