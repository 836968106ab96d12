import { defineRule } from '../../rule.js';
import { subcommandCalls } from '../../dockerfile/run.js';
import { reportUnpinned, unpinnedPackages } from '../../packages/pins.js';
import { apkPinned } from '../../packages/pin-syntax.js';

/** `apk add pkg` installs whatever version the Alpine mirror has that day. */
export default defineRule({
  id: 'apk-pin-versions',
  aliases: ['DL3018'],
  kind: 'dockerfile',
  severity: 'off',
  fixable: false,
  summary: '`apk add pkg` without a version',
  why: 'Without a version constraint `apk add` installs whatever the mirror serves on the day of the build, so rebuilds of one commit can differ and break without any change in the repository.',
  check({ model, report }) {
    for (const c of subcommandCalls(model, { apk: ['add'] })) {
      const list = unpinnedPackages(c, c.args.positionals.slice(1), apkPinned);
      reportUnpinned(report, 'apk add', list, '`<package>=<version>` (or `<package>~<major.minor>`)');
    }
  },
});
