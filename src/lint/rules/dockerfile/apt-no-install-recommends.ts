import { defineRule } from '../../rule.js';
import { subcommandCalls } from '../../dockerfile/run.js';
import { insertAfter } from '../../dockerfile/edits.js';

const APT_OPTION = /^APT::Install-Recommends\s*=\s*("?)(false|0)\1$/i;

/** Recommended packages are extras the image does not need. */
export default defineRule({
  id: 'apt-no-install-recommends',
  aliases: ['DL3015', 'DS-0029'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: 'sugg',
  summary: '`apt-get install` without `--no-install-recommends`',
  why: 'Without `--no-install-recommends`, apt also installs every recommended package: often tens or hundreds of MB the image never uses.',
  check({ model, report }) {
    for (const { inv, args, sub: install } of subcommandCalls(model, { 'apt-get': ['install'] })) {
      if (args.has('--no-install-recommends')) continue;
      if (
        args.flags.some((f) => (f.name === '-o' || f.name === '--option') && APT_OPTION.test(f.value ?? ''))
      )
        continue;
      report({
        at: { start: inv.toolWord.start, end: install.end },
        message: '`apt-get install` without `--no-install-recommends` also pulls in recommended packages.',
        fix: {
          description: 'add `--no-install-recommends`',
          edits: [insertAfter(install, ' --no-install-recommends')],
        },
      });
    }
  },
});
