import { defineRule } from '../../rule.js';
import { subcommandCalls } from '../../dockerfile/run.js';
import { reportUnpinned, unpinnedPackages } from '../../packages/pins.js';
import { zypperPinned } from '../../packages/pin-syntax.js';

const INSTALL = new Set(['install', 'in']);

/** `zypper install pkg` installs whatever version the repositories serve that day. */
export default defineRule({
  id: 'zypper-pin-versions',
  aliases: ['DL3037'],
  kind: 'dockerfile',
  severity: 'off',
  fixable: false,
  summary: '`zypper install pkg` without a version',
  why: 'Without a version `zypper install` takes whatever the repositories serve on the day of the build: rebuilds of one commit can ship different packages and break with no change in the repository.',
  check({ model, report }) {
    for (const c of subcommandCalls(model, { zypper: INSTALL })) {
      // patterns, patches and products (`-t pattern devel_basis`) have no version to pin
      const type = c.args.value('-t', '--type');
      if (type !== undefined && type !== 'package') continue;
      const list = unpinnedPackages(c, c.args.positionals.slice(1), zypperPinned);
      reportUnpinned(report, `zypper ${c.sub.value}`, list, '`<package>=<version>`');
    }
  },
});
