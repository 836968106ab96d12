import type { ParsedArgs } from '../../shell/args.js';
import { defineRule } from '../../rule.js';
import { argsOf, subcommand, toolCommands } from '../../dockerfile/run.js';
import { assumeYesFix } from '../../dockerfile/edits.js';
import { code } from '../../quote.js';

const ASSUME_YES_OPTION = /^APT::Get::Assume-Yes\s*=\s*("?)(true|yes|1)\1$/i;

/** True when apt will not stop to ask for confirmation. */
export function assumesYes(args: ParsedArgs): boolean {
  if (args.has('-y', '--yes', '--assume-yes')) return true;
  // quiet level 2 implies -y: `-qq`, `-q -q`, `-q=2`, `--quiet=2`
  let quiet = 0;
  for (const f of args.flags) {
    if (f.name !== '-q' && f.name !== '--quiet') continue;
    quiet = f.value === undefined ? quiet + 1 : Number.parseInt(f.value, 10) || 0;
  }
  if (quiet >= 2) return true;
  return args.flags.some(
    (f) => (f.name === '-o' || f.name === '--option') && ASSUME_YES_OPTION.test(f.value ?? ''),
  );
}

/** A RUN has no terminal: apt's confirmation prompt reads end-of-file and aborts the build. */
export default defineRule({
  id: 'apt-assume-yes',
  aliases: ['DL3014', 'DS-0021'],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: 'yes',
  summary: '`apt-get install` without `-y`',
  why: 'A build has no one to answer apt\'s "Do you want to continue?" prompt: without `-y` the install aborts as soon as it needs confirmation.',
  check({ model, report }) {
    for (const { inv, script } of toolCommands(model, 'apt-get', 'apt')) {
      const args = argsOf(inv);
      if (subcommand(args) !== 'install') continue;
      if (assumesYes(args)) continue;
      // a simulation asks nothing
      if (args.has('-s', '--simulate', '--just-print', '--dry-run', '--recon', '--no-act')) continue;
      const install = args.positionals[0]!;
      report({
        at: { start: inv.toolWord.start, end: install.end },
        message: `${code(`${inv.tool} install`)} without \`-y\` stops at the confirmation prompt, which a build cannot answer.`,
        ...assumeYesFix(script, install),
      });
    }
  },
});
