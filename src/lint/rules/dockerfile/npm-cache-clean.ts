import { defineRule } from '../../rule.js';
import { NO_FIX_AT_RUN_END } from '../../messages.js';
import { reportUncleanedInstalls } from '../../packages/cleanup.js';
import { CACHE_CLEANUPS } from '../../packages/caches.js';

/** npm keeps a copy of every tarball it downloads; in an image nothing reads it again. */
export default defineRule({
  id: 'npm-cache-clean',
  aliases: [],
  kind: 'dockerfile',
  severity: 'info',
  fixable: 'yes',
  summary: '`npm install`/`npm ci` in the shipped image without `npm cache clean --force` or a cache mount',
  why: 'npm keeps a copy of every package tarball it downloads in `~/.npm`, often tens or hundreds of MB; unless the same RUN cleans it (or it lives on a cache mount) that copy ships in the image.',
  messages: {
    fixable:
      "{{command}} leaves npm's download cache (`~/.npm`) in the image: add `npm cache clean --force` at the end of {{run}}, or use `RUN --mount=type=cache,target=/root/.npm`.",
    unsafeEnd: `{{command}} leaves npm's download cache (\`~/.npm\`) in the image: run \`npm cache clean --force\` at the end of {{run}} or use a cache mount (${NO_FIX_AT_RUN_END}).`,
  },
  check({ model, report }) {
    reportUncleanedInstalls(model, report, CACHE_CLEANUPS.npm);
  },
});
