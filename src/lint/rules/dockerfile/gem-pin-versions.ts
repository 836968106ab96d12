import { defineRule } from '../../rule.js';
import { beforeDoubleDash, subcommandCalls } from '../../dockerfile/run.js';
import { reportUnpinned, unpinnedPackages } from '../../packages/pins.js';
import { gemPinned } from '../../packages/pin-syntax.js';

const INSTALL = new Set(['install', 'i']);

/** `gem install name` installs the newest release on rubygems.org at build time. */
export default defineRule({
  id: 'gem-pin-versions',
  aliases: ['DL3028'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: false,
  summary: '`gem install` without `:version` or `-v`',
  why: '`gem install name` installs whatever release is newest when the image is built, so two builds of one commit can ship different gems and a new major release can break the build.',
  check({ model, report }) {
    for (const c of subcommandCalls(model, { gem: INSTALL })) {
      // `-v 1.2` / `--version=1.2` applies to every gem of the command
      if (c.args.has('-v', '--version')) continue;
      // `--use-system-libraries true`: a build option misplaced before `--` takes a boolean word, not a gem
      const gems = beforeDoubleDash(c.inv, c.args.positionals.slice(1)).filter(
        (w) => w.value !== 'true' && w.value !== 'false',
      );
      reportUnpinned(
        report,
        `gem ${c.sub.value}`,
        unpinnedPackages(c, gems, gemPinned),
        '`<gem>:<version>` (or `-v <version>`)',
      );
    }
  },
});
