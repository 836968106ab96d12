import { argsOf, type RunCommand, subcommand } from '../../dockerfile/run.js';
import { NPM_FETCHING } from '../../packages/npm.js';
import {
  MOVABLE_CACHES,
  PACKAGE_CACHES,
  removesDir,
  reportUncleaned,
  uncleanedInstalls,
} from '../../packages/cleanup.js';
import { defineRule } from '../../rule.js';
import { NO_FIX_AT_RUN_END } from '../../messages.js';

function installs(c: RunCommand): boolean {
  return c.inv.tool === 'npm' && NPM_FETCHING.has(subcommand(argsOf(c.inv)) ?? '');
}

function cleans(c: RunCommand): boolean {
  if (c.inv.tool === 'rm' || c.inv.tool === 'find') return removesDir(c, PACKAGE_CACHES.npm);
  const args = argsOf(c.inv);
  return c.inv.tool === 'npm' && subcommand(args) === 'cache' && args.positionals[1]?.value === 'clean';
}

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
    for (const c of uncleanedInstalls(
      model,
      ['npm', 'rm'],
      installs,
      cleans,
      PACKAGE_CACHES.npm,
      MOVABLE_CACHES.npm,
    ))
      reportUncleaned(report, c, {
        clean: 'npm cache clean --force',
        description: 'clean the npm cache at the end of the RUN',
      });
  },
});
