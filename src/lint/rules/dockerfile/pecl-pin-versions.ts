import { defineRule } from '../../rule.js';
import { subcommandCalls } from '../../dockerfile/run.js';
import { reportUnpinned, unpinnedPackages } from '../../packages/pins.js';
import { PECL_STATES, peclPinned } from '../../packages/pin-syntax.js';

/** `i` is PEAR's own shortcut for `install`. */
const INSTALL = new Set(['install', 'i']);

/** The state an operand asks for (`redis-beta` → `beta`), if it names one instead of a version. */
function stateOf(spec: string): string | undefined {
  const name = spec.slice(spec.lastIndexOf('/') + 1);
  const state = name.slice(name.indexOf('-') + 1).toLowerCase();
  return name.includes('-') && PECL_STATES.has(state) ? state : undefined;
}

/** `pecl install redis` builds whatever release pecl.php.net serves as newest on the day of the build. */
export default defineRule({
  id: 'pecl-pin-versions',
  aliases: ['DL3068'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: false,
  summary: '`pecl install` without `-version` (or with a state such as `-stable`)',
  why: '`pecl install name` downloads and compiles the newest release on pecl.php.net when the image is built, so two builds of one commit can ship different extensions and a new major release can break the build.',
  check({ model, report }) {
    for (const c of subcommandCalls(model, { pecl: INSTALL })) {
      const list = unpinnedPackages(c, c.args.positionals.slice(1), peclPinned);
      // a state (`-beta`) looks like a pin to a reader: say that it is not one
      const state = list.map((p) => stateOf(p.spec)).find((s) => s !== undefined);
      const form =
        state === undefined
          ? '`<extension>-<version>`'
          : `\`<extension>-<version>\` (\`-${state}\` is a state: it installs the newest ${state} release)`;
      reportUnpinned(report, `pecl ${c.sub.value}`, list, form);
    }
  },
});
