import type { Instruction } from '../../dockerfile/model.js';
import { defineRule } from '../../rule.js';
import { argsOf, commandsByRun, type RunCommand } from '../../dockerfile/run.js';
import { runMounts } from '../../dockerfile/mounts.js';
import { code } from '../../quote.js';

const AWS_CREDENTIAL_KEY = /(^|\.)aws_(access_key_id|secret_access_key|session_token)$/;
const REGISTRY_CLIS = new Set(['docker', 'podman', 'buildah', 'nerdctl']);

interface Login {
  /** What the command does, for the message. */
  what: string;
  /** Where the tool keeps the credential, under the home directory. */
  store: string;
}

/** A command that logs in to a cloud or registry and so writes a credential somewhere. */
function loginOf(c: RunCommand): Login | null {
  const args = argsOf(c.inv);
  const pos = args.positionals.map((w) => w.value);
  switch (c.inv.tool) {
    case 'aws':
      return pos[0] === 'configure' && pos[1] === 'set' && AWS_CREDENTIAL_KEY.test(pos[2] ?? '')
        ? { what: code(`aws configure set ${pos[2]}`), store: '.aws' }
        : null;
    case 'gcloud':
      return pos[0] === 'auth' && (pos[1] === 'activate-service-account' || pos[1] === 'login')
        ? { what: code(`gcloud auth ${pos[1]}`), store: '.config/gcloud' }
        : null;
    case 'az':
      return pos[0] === 'login' ? { what: '`az login`', store: '.azure' } : null;
    default:
      if (
        REGISTRY_CLIS.has(c.inv.tool) &&
        pos[0] === 'login' &&
        args.has('-p', '--password', '--password-stdin')
      )
        return {
          what: `${code(`${c.inv.tool} login`)} with a password`,
          store: c.inv.tool === 'docker' ? '.docker' : '.config/containers',
        };
      return null;
  }
}

/** A later `rm -rf ~/.aws`-style command in the same RUN removes what the login stored. */
function removedLater(commands: RunCommand[], after: RunCommand, store: string): boolean {
  return commands.some(
    (c) =>
      c.command.index > after.command.index &&
      c.inv.tool === 'rm' &&
      argsOf(c.inv).positionals.some(
        (w) => w.value.replace(/(?<!\/)\/+$/, '').endsWith(`/${store}`) || w.value === store,
      ),
  );
}

function hasSecretMount(ins: Instruction): boolean {
  return runMounts(ins).some((m) => m.type === 'secret');
}

/** Logging in to a cloud or registry inside a build step: the credential ends up in the Dockerfile, the log or a layer. */
export default defineRule({
  id: 'no-cloud-login-in-run',
  aliases: ['DS-0031'],
  kind: 'dockerfile',
  severity: 'error',
  fixable: false,
  summary:
    'cloud or registry login in `RUN` (`aws configure set`, `gcloud auth`, `az login`, `docker login -p`)',
  why: 'A login in a build step puts the credential where it does not belong: in the Dockerfile or build arguments, in the build log, and in the credentials file the tool writes into the layer. `RUN --mount=type=secret` gives a step a credential without storing it.',
  messages: {
    loginInRun:
      '{{what}} in `RUN` leaves the credential in the build (and {{store}} in the layer): pass it with `RUN --mount=type=secret,id=…,env=…` instead.',
    secretWritten:
      '{{what}} reads a mounted secret but still writes it to {{store}} in this layer: give the tool the secret as an environment variable (`--mount=type=secret,…,env=…`) or remove {{store}} in the same `RUN`.',
  },
  check({ model, report }) {
    for (const [ins, commands] of commandsByRun(model)) {
      const secretMount = hasSecretMount(ins);
      for (const c of commands) {
        const login = loginOf(c);
        if (!login) continue;
        const at = { start: c.inv.toolWord.start, end: c.command.end };
        if (!secretMount) {
          report({
            at,
            messageId: 'loginInRun',
            data: { what: login.what, store: code(`~/${login.store}`) },
          });
        } else if (!removedLater(commands, c, login.store)) {
          // the secret mount keeps the value out of the Dockerfile, but the tool still writes it to disk
          report({
            at,
            severity: 'warning',
            messageId: 'secretWritten',
            data: { what: login.what, store: code(`~/${login.store}`) },
          });
        }
      }
    }
  },
});
