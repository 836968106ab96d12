import { defineRule } from '../../rule.js';
import { subcommandCalls } from '../../dockerfile/run.js';
import { ZYPPER_PROMPTING } from '../../packages/zypper.js';
import { insertAfter } from '../../dockerfile/edits.js';
import { code } from '../../quote.js';

/** A build has no terminal: zypper's "Continue? [y/n/...]" prompt cannot be answered. */
export default defineRule({
  id: 'zypper-non-interactive',
  aliases: ['DL3034'],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: 'yes',
  summary: '`zypper install` without `--non-interactive` / `-y`',
  why: 'A build has no one to answer zypper\'s "Continue?" prompt: without `--non-interactive` (or `-y`) the command aborts as soon as it asks, and the build fails.',
  check({ model, report }) {
    for (const { inv, args, sub } of subcommandCalls(model, { zypper: ZYPPER_PROMPTING })) {
      if (args.has('--non-interactive', '-y', '--no-confirm')) continue;
      // `-n` is `--non-interactive` only as a global option; after `install` it means `--name`
      if (args.flags.some((f) => f.name === '-n' && f.word.start < sub.start)) continue;
      // hadolint takes a `-n` after the subcommand too: say why it does not answer the prompt
      const late = args.flags.some((f) => f.name === '-n');
      report({
        at: { start: inv.toolWord.start, end: sub.end },
        message: `${code(`zypper ${sub.value}`)} without \`--non-interactive\` stops at the confirmation prompt, which a build cannot answer.${late ? ` The \`-n\` after ${code(sub.value)} is its \`--name\` option: the global \`-n\` goes before the subcommand.` : ''}`,
        fix: {
          description: 'add `--non-interactive`',
          edits: [insertAfter(inv.toolWord, ' --non-interactive')],
        },
      });
    }
  },
});
