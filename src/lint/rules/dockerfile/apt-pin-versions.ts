import { defineRule } from '../../rule.js';
import { subcommandCalls } from '../../dockerfile/run.js';
import { reportUnpinned, unpinnedPackages } from '../../packages/pins.js';
import { aptPinned } from '../../packages/pin-syntax.js';

/** An unpinned `apt-get install` installs whatever version the mirror has on the day of the build. */
export default defineRule({
  id: 'apt-pin-versions',
  aliases: ['DL3008'],
  kind: 'dockerfile',
  severity: 'off',
  fixable: false,
  summary: '`apt-get install pkg` without `=version`',
  why: 'Without a version, `apt-get install` takes whatever the mirror serves that day: two builds of the same commit can ship different packages, and an upstream update can break the build with no change in the repository.',
  check({ model, report }) {
    for (const c of subcommandCalls(model, { 'apt-get': ['install'], apt: ['install'] })) {
      const list = unpinnedPackages(c, c.args.positionals.slice(1), aptPinned);
      reportUnpinned(report, `${c.inv.tool} install`, list, '`<package>=<version>`');
    }
  },
});
