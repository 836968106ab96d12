import { defineRule } from '../../rule.js';
import { runCommands } from '../../dockerfile/run.js';
import { code } from '../../quote.js';
import type { ShellScript, SimpleCommand } from '../../shell/parser.js';
import { table } from '../../table.js';

/** Commands that make no sense while building an image, and why. */
const IRRELEVANT: ReadonlyMap<string, string> = new Map([
  [
    'ssh',
    'there is no remote session to open during a build; fetch what you need with `COPY` or `RUN --mount=type=ssh`',
  ],
  ['vim', 'nobody can type into an editor during a build; write files with `COPY` or a heredoc'],
  ['shutdown', 'a build container has no machine to shut down'],
  ['service', 'no service of the running container exists during a build'],
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

/** `service <name> start`: the subcommands that start a daemon. */
const STARTS = new Set(['start', 'restart', 'reload', 'force-reload']);

/** What a start script leaves on disk that the image may depend on, and the direct way to get it. */
const LEFT_BEHIND: Readonly<Record<string, string>> = table({
  ssh: ' (for `ssh`, the privilege-separation directory `/run/sshd`, which `sshd -D` needs)',
});
const FIX: Readonly<Record<string, string>> = table({ ssh: 'mkdir -p /run/sshd' });

/** Commands that do nothing with a service: a RUN ending in them does not use it. */
const INERT = new Set(['echo', 'true', ':', 'sleep', 'service', 'printf']);

/** A command after `cmd` in the same RUN that could talk to the service `cmd` started. */
function usedLater(script: ShellScript, cmd: SimpleCommand): boolean {
  return script.commands.some((c) => c.start >= cmd.end && !INERT.has(c.name.value));
}

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
    for (const { inv, script } of runCommands(model)) {
      const reason = IRRELEVANT.get(inv.tool);
      if (!reason) continue;
      if (inv.tool === 'service' && STARTS.has(inv.args[1]?.value ?? '')) {
        // the rest of the RUN talks to the service it started (a database loaded with a schema): it has a use
        if (usedLater(script, inv.command)) continue;
        const name = inv.args[0]?.value ?? '';
        report({
          at: { start: inv.toolWord.start, end: inv.toolWord.end },
          message: `${code(`service ${name} ${inv.args[1]!.value}`)} in \`RUN\` starts a daemon that is stopped when the \`RUN\` ends; only the files its start script leaves behind stay in the image${LEFT_BEHIND[name] ?? ''}. If the image relies on them, create them directly${name in LEFT_BEHIND ? ` (${code(FIX[name]!)})` : ''}, and start the service from \`CMD\`/\`ENTRYPOINT\`.`,
        });
        continue;
      }
      report({
        at: { start: inv.toolWord.start, end: inv.toolWord.end },
        message: `${code(inv.tool)} in \`RUN\` is pointless: ${reason}.`,
      });
    }
  },
});
