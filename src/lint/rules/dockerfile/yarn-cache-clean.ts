import { argsOf, type RunCommand } from '../../dockerfile/run.js';
import {
  MOVABLE_CACHES,
  PACKAGE_CACHES,
  removesDir,
  reportUncleaned,
  uncleanedInstalls,
} from '../../packages/cleanup.js';
import { defineRule } from '../../rule.js';
import { NO_FIX_AT_RUN_END } from '../../messages.js';

/** `yarn`, `yarn install`, `yarn add x`, `yarn global add x`. */
function installs(c: RunCommand): boolean {
  if (c.inv.tool !== 'yarn') return false;
  const args = argsOf(c.inv);
  const [sub, second] = args.positionals;
  // bare `yarn` installs, unless it only prints something (`yarn --version`)
  if (!sub) return !args.has('--version', '-v', '--help', '-h');
  return (
    sub.value === 'install' || sub.value === 'add' || (sub.value === 'global' && second?.value === 'add')
  );
}

function cleans(c: RunCommand): boolean {
  if (c.inv.tool === 'rm' || c.inv.tool === 'find') return removesDir(c, PACKAGE_CACHES.yarn);
  const [sub, second] = argsOf(c.inv).positionals;
  return sub?.value === 'cache' && second?.value === 'clean';
}

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
    for (const c of uncleanedInstalls(
      model,
      ['yarn', 'rm'],
      installs,
      cleans,
      PACKAGE_CACHES.yarn,
      MOVABLE_CACHES.yarn,
    ))
      reportUncleaned(report, c, {
        clean: 'yarn cache clean',
        description: 'clean the Yarn cache at the end of the RUN',
      });
  },
});
