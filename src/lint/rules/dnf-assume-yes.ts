import { defineRule } from '../rule.js';
import { argsOf, insertAfter, rpmAssumesYes, rpmPromptingSubcommand, toolCommands } from './util.js';

/** A build has no terminal: the confirmation prompt reads end-of-file and the command gives up. */
export default defineRule({
  id: 'dnf-assume-yes',
  aliases: ['DL3038'],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: 'yes',
  summary: '`dnf install` / `microdnf install` without `-y`',
  why: 'A build has no one to answer the "Is this ok [y/N]" prompt: without `-y` the command aborts as soon as it asks, and the build fails.',
  check({ model, report }) {
    for (const { inv } of toolCommands(model, 'dnf', 'microdnf')) {
      const args = argsOf(inv);
      const sub = rpmPromptingSubcommand(args);
      if (!sub || rpmAssumesYes(args)) continue;
      // `group install`, `module enable`: name both words
      const words = sub.value === 'group' || sub.value === 'groups' || sub.value === 'module' ? 2 : 1;
      const what = args.positionals
        .slice(0, words)
        .map((w) => w.value)
        .join(' ');
      report({
        at: { start: inv.toolWord.start, end: sub.end },
        message: `\`${inv.tool} ${what}\` without \`-y\` stops at the confirmation prompt, which a build cannot answer.`,
        fix: { description: 'add `-y`', edits: [insertAfter(sub, ' -y')] },
      });
    }
  },
});
