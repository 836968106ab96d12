import { subcommandCalls } from '../../dockerfile/run.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/**
 * Per tool: the subcommands that upgrade every installed package (distribution upgrades are `no-dist-upgrade`'s).
 * `yum`/`dnf update` with package names updates only those: see `upgradesAll`.
 */
const UPGRADE_ALL: Record<string, Set<string>> = {
  'apt-get': new Set(['upgrade']),
  apt: new Set(['upgrade']),
  apk: new Set(['upgrade']),
  yum: new Set(['update', 'upgrade']),
  dnf: new Set(['update', 'upgrade']),
  microdnf: new Set(['update', 'upgrade']),
  zypper: new Set(['update', 'up', 'patch']),
};

/** `apk upgrade`/`dnf update` with no package named upgrades everything; with names, only those. */
function upgradesAll(tool: string, positionals: readonly { value: string }[]): boolean {
  // apt-get upgrade takes no package names that narrow it (they are installed as well)
  if (tool === 'apt-get' || tool === 'apt') return true;
  return positionals.length <= 1;
}

/** Upgrading every package inside a build: the image is no longer the base it names, and differs every build. */
export default defineRule({
  id: 'no-package-upgrade',
  // hadolint's retired DL3005 (apt-get upgrade) and DL3017 (apk upgrade): their pragmas live on in real files
  aliases: ['DL3005', 'DL3017'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: false,
  summary: '`apt-get upgrade`, `apk upgrade`, `yum`/`dnf`/`zypper update` of every package in a RUN',
  why: 'Upgrading every package makes the image depend on the day it is built, not on the base image it names, and hides that the base is out of date; rebuild on an updated base image instead (or upgrade only the packages a fix needs).',
  check({ model, report }) {
    for (const { inv, args, sub } of subcommandCalls(model, UPGRADE_ALL)) {
      if (!upgradesAll(inv.tool, args.positionals)) continue;
      report({
        at: { start: inv.toolWord.start, end: sub.end },
        aliases:
          inv.tool === 'apt-get' || inv.tool === 'apt' ? ['DL3005'] : inv.tool === 'apk' ? ['DL3017'] : [],
        message: `${code(`${inv.tool} ${sub.value}`)} upgrades every installed package at build time: the image then depends on the day of the build; build FROM an updated base image instead.`,
      });
    }
  },
});
