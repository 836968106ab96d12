import { defineRule } from '../../rule.js';
import { subcommandCalls } from '../../dockerfile/run.js';
import { RPM_DISTRO_SYNC } from '../../packages/rpm.js';
import { code } from '../../quote.js';

/** Per tool: the subcommands that upgrade the whole distribution. */
const DIST_UPGRADE: Record<string, ReadonlySet<string>> = {
  'apt-get': new Set(['dist-upgrade', 'full-upgrade']),
  apt: new Set(['dist-upgrade', 'full-upgrade']),
  zypper: new Set(['dist-upgrade', 'dup']),
  ...RPM_DISTRO_SYNC,
};

/** A distribution upgrade inside a build turns the base image into something nobody tested. */
export default defineRule({
  id: 'no-dist-upgrade',
  // DL3005 (apt-get dist-upgrade) is retired in hadolint but its ignore pragmas live on in real files
  aliases: ['DL3005', 'DL3035', 'DS-0024'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: false,
  summary: '`apt-get dist-upgrade`, `zypper dist-upgrade` and the like in a RUN',
  why: 'A distribution upgrade may move the image to new major versions of core packages, removing and replacing them: the result is neither the base image its maintainers tested nor reproducible. Use a newer base image instead.',
  check({ model, report }) {
    for (const { inv, sub } of subcommandCalls(model, DIST_UPGRADE)) {
      report({
        at: { start: inv.toolWord.start, end: sub.end },
        message: `${code(`${inv.tool} ${sub.value}`)} upgrades the whole distribution inside the image: build FROM a newer base image instead.`,
        aliases:
          inv.tool === 'apt-get' || inv.tool === 'apt'
            ? ['DL3005', 'DL3035', 'DS-0024']
            : ['DL3035', 'DS-0024'],
      });
    }
  },
});
