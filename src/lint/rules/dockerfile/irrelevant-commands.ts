import { defineRule } from '../../rule.js';
import { runCommands } from '../../dockerfile/run.js';
import { code } from '../../quote.js';

/** Commands that make no sense while building an image, and why. */
const IRRELEVANT: ReadonlyMap<string, string> = new Map([
  [
    'ssh',
    'there is no remote session to open during a build; fetch what you need with `COPY` or `RUN --mount=type=ssh`',
  ],
  ['vim', 'nobody can type into an editor during a build; write files with `COPY` or a heredoc'],
  ['shutdown', 'a build container has no machine to shut down'],
  ['service', 'services started in a `RUN` die when that `RUN` ends; start them from `CMD`/`ENTRYPOINT`'],
  ['ps', 'the process list of a build step tells nothing about the running container'],
  ['free', 'the memory of the build host tells nothing about the running container'],
  ['top', 'an interactive monitor has no terminal during a build'],
  ['kill', 'processes of a `RUN` end with that `RUN`; nothing outlives it to be killed'],
  [
    'mount',
    'mounts made in a `RUN` vanish when it ends (and need privileges the build does not have); use `RUN --mount`',
  ],
  ['ifconfig', 'the network of a build step is not the network of the running container'],
]);

/** Interactive or system-management commands in `RUN`: they do nothing useful in a build step. */
export default defineRule({
  id: 'irrelevant-commands',
  aliases: ['DL3001'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: false,
  summary: 'interactive or system commands (`ssh`, `vim`, `service`, `kill`…) in `RUN`',
  why: 'Each `RUN` is a short-lived process in a throw-away container: editors, process tools and service managers either hang the build or affect nothing that ends up in the image.',
  check({ model, report }) {
    for (const { inv } of runCommands(model)) {
      const reason = IRRELEVANT.get(inv.tool);
      if (!reason) continue;
      report({
        at: { start: inv.toolWord.start, end: inv.toolWord.end },
        message: `${code(inv.tool)} in \`RUN\` is pointless: ${reason}.`,
      });
    }
  },
});
