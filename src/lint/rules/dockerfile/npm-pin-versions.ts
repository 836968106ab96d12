import { defineRule } from '../../rule.js';
import { subcommandCalls } from '../../dockerfile/run.js';
import { NPM_INSTALL } from '../../packages/npm.js';
import { reportUnpinned, unpinnedPackages } from '../../packages/pins.js';
import { npmPinned } from '../../packages/pin-syntax.js';

/** `npm install express` installs whatever version is newest when the image is built. */
export default defineRule({
  id: 'npm-pin-versions',
  aliases: ['DL3016'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: false,
  summary: '`npm install pkg` without `@version`',
  why: '`npm install name` installs the newest release when the image is built (and for a global tool no lockfile records it), so rebuilds of one commit can ship different code.',
  check({ model, report }) {
    for (const c of subcommandCalls(model, { npm: NPM_INSTALL })) {
      const list = unpinnedPackages(c, c.args.positionals.slice(1), npmPinned);
      reportUnpinned(report, `npm ${c.sub.value}`, list, '`<package>@<version>`');
    }
  },
});
