import { defineRule } from '../../rule.js';
import { subcommandCalls } from '../../dockerfile/run.js';
import { reportUnpinned, unpinnedPackages } from '../../packages/pins.js';
import { pipPinned } from '../../packages/pin-syntax.js';
import { varValue } from '../../dockerfile/vars.js';

/** `pip install flask` installs whatever release is newest when the image is built. */
export default defineRule({
  id: 'pip-pin-versions',
  aliases: ['DL3013'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: false,
  summary: '`pip install pkg` without a version specifier (requirements files are fine)',
  why: '`pip install name` installs the newest release when the image is built, so two builds of one commit can ship different code and a new major release can break the image.',
  check({ model, report }) {
    for (const c of subcommandCalls(model, { pip: ['install'] })) {
      // a constraints file pins every package of the command
      if (c.args.has('-c', '--constraint')) continue;
      if (varValue(model, c.instruction, 'PIP_CONSTRAINT')) continue;
      if (c.command.assignments.some((a) => a.name === 'PIP_CONSTRAINT' && a.value)) continue;
      const list = unpinnedPackages(c, c.args.positionals.slice(1), pipPinned);
      reportUnpinned(
        report,
        'pip install',
        list,
        '`<package>==<version>` (or install from a requirements file)',
      );
    }
  },
});
