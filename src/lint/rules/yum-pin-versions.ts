import { defineRule } from '../rule.js';
import {
  argsOf,
  reportUnpinned,
  rpmInstallOperands,
  rpmPinned,
  toolCommands,
  unpinnedPackages,
} from './util.js';

/** A module is pinned by its stream: `nodejs:20`. */
function modulePinned(spec: string): boolean {
  return spec.includes(':');
}

/** `yum install pkg` installs whatever version the repositories serve that day. */
export default defineRule({
  id: 'yum-pin-versions',
  aliases: ['DL3033'],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: false,
  summary: '`yum install pkg` without `-version`',
  why: 'Without a version `yum install` takes whatever the repositories serve on the day of the build: rebuilds of one commit can ship different packages and break with no change in the repository.',
  check({ model, report }) {
    for (const c of toolCommands(model, 'yum')) {
      const ops = rpmInstallOperands(argsOf(c.inv));
      if (!ops) continue;
      const tool = c.inv.tool;
      reportUnpinned(
        report,
        `${tool} install`,
        unpinnedPackages(c, ops.packages, rpmPinned),
        '`<package>-<version>`',
      );
      reportUnpinned(
        report,
        `${tool} module install`,
        unpinnedPackages(c, ops.modules, modulePinned),
        '`<module>:<stream>`',
      );
    }
  },
});
