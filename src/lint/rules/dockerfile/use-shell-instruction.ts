import type { Instruction } from '../../dockerfile/model.js';
import { defineRule } from '../../rule.js';
import { argsOf, toolCommands } from '../../dockerfile/run.js';
import { stageChain } from '../../dockerfile/stages.js';
import { code } from '../../quote.js';

/** The paths the builder runs `RUN` through by default (`/usr/bin/sh` on merged-/usr images). */
const DEFAULT_SHELL_PATHS = new Set(['/bin/sh', '/usr/bin/sh']);

/**
 * The stage (or one it is built FROM) already declares `SHELL` before this RUN: the Dockerfile says which shell
 * runs the build, so the link only serves what runs later (tools and scripts in the container calling `/bin/sh`).
 */
function declaresShell(ins: Instruction): boolean {
  const at = (ins.onbuild ?? ins).span.start;
  const chain = ins.stage ? stageChain(ins.stage) : [];
  return chain.some((stage) =>
    stage.instructions.some((i) => i.keyword === 'SHELL' && (stage !== ins.stage || i.span.start < at)),
  );
}

/**
 * Replacing `/bin/sh` behind the builder's back: every later `RUN` silently runs in another shell, and anyone
 * reading the Dockerfile still sees `sh` semantics.
 */
export default defineRule({
  id: 'use-shell-instruction',
  aliases: ['DL4005'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: false,
  summary: 'RUN re-links `/bin/sh` instead of using `SHELL`',
  why: 'Re-linking `/bin/sh` changes the shell of every later `RUN` (and of the running container) without the Dockerfile saying so; `SHELL` declares the shell for the build only, visibly.',
  messages: {
    dpkgReconfigure:
      '`dpkg-reconfigure dash` re-points `/bin/sh` for the whole image: declare the shell with `SHELL ["/bin/bash", "-c"]` instead.',
    shellLink:
      "{{command}} swaps the default shell behind the builder's back: declare it with {{instruction}} instead.",
  },
  check({ model, report }) {
    for (const { inv, command, instruction } of toolCommands(model, 'ln', 'dpkg-reconfigure')) {
      if (declaresShell(instruction)) continue;
      const args = argsOf(inv);
      if (inv.tool === 'dpkg-reconfigure') {
        // `dpkg-reconfigure dash` answering "no" re-points /bin/sh at bash on Debian and Ubuntu
        if (!args.positionals.some((w) => w.value === 'dash')) continue;
        report({
          at: { start: inv.toolWord.start, end: command.end },
          messageId: 'dpkgReconfigure',
          aliases: [],
        });
        continue;
      }
      // the link is the last operand (`ln [-sf] TARGET LINK`); a `-t DIR` form never names /bin/sh as the link
      if (args.has('-t', '--target-directory')) continue;
      const link = args.positionals[args.positionals.length - 1];
      if (!link || args.positionals.length < 2 || !DEFAULT_SHELL_PATHS.has(link.value)) continue;
      const target = args.positionals[0]!.value;
      report({
        at: { start: inv.toolWord.start, end: command.end },
        messageId: 'shellLink',
        data: {
          command: code(`ln … ${target} ${link.value}`),
          instruction: code(`SHELL ["${target}", "-c"]`),
        },
      });
    }
  },
});
