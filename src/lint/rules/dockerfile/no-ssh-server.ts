import { defineRule } from '../../rule.js';
import type { Instruction, Stage } from '../../dockerfile/model.js';
import { runCommands } from '../../dockerfile/run.js';
import { imageChain } from '../../dockerfile/stages.js';
import { shellCScript } from '../../dockerfile/run-shell.js';
import { installedPackages, type InstalledPackage, type PackageFamily } from '../../packages/installs.js';
import { invocation } from '../../shell/args.js';
import { parseShell, type SimpleCommand } from '../../shell/parser.js';
import type { Span } from '../../types.js';
import { code } from '../../quote.js';

/**
 * Packages that put an SSH daemon in the image, per package format. `ssh` is Debian's metapackage that pulls in
 * `openssh-server`; `openssh` carries the daemon on Alpine, openSUSE and Arch, but only common files on Fedora/RHEL.
 */
const SERVER_PACKAGES: Readonly<Record<PackageFamily, ReadonlySet<string>>> = {
  deb: new Set(['openssh-server', 'ssh', 'dropbear', 'dropbear-bin', 'tinysshd']),
  apk: new Set(['openssh', 'openssh-server', 'dropbear']),
  rpm: new Set(['openssh-server', 'dropbear']),
  zypper: new Set(['openssh', 'openssh-server', 'dropbear']),
  pacman: new Set(['openssh', 'dropbear']),
};

/** The daemons themselves, run directly. */
const DAEMONS = new Set(['sshd', 'dropbear', 'tinysshd']);
/** Their service names, for `service ssh start`, `rc-service sshd start`, `/etc/init.d/ssh start`. */
const SERVICES = new Set(['ssh', 'sshd', 'dropbear', 'openssh-server']);
const STARTS = new Set(['start', 'restart']);

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** True when the words (program first) start an SSH daemon: the daemon itself, or its service. */
function startsDaemon(words: readonly string[]): boolean {
  const [program, first, second] = words.map(basename);
  if (program === undefined) return false;
  if (DAEMONS.has(program)) return true;
  if ((program === 'service' || program === 'rc-service') && first !== undefined)
    return SERVICES.has(first) && STARTS.has(second ?? '');
  if (words[0]!.startsWith('/etc/init.d/')) return SERVICES.has(program) && STARTS.has(first ?? '');
  return false;
}

/** The first command of a shell script that starts an SSH daemon, seen through `exec`, `nohup`, `gosu`…. */
function daemonCommand(commands: readonly SimpleCommand[]): SimpleCommand | undefined {
  return commands.find((c) => {
    const inv = invocation(c);
    return startsDaemon([inv.toolWord.value, ...inv.args.map((w) => w.value)]);
  });
}

/** Where a `CMD`/`ENTRYPOINT` starts an SSH daemon, or null when it does not (as far as the Dockerfile shows). */
function daemonStart(ins: Instruction): Span | null {
  const json = ins.json;
  if (json === null) {
    const command = ins.shell ? daemonCommand(ins.shell.commands) : undefined;
    return command ? { start: command.start, end: command.end } : null;
  }
  if (startsDaemon(json.map((a) => a.value))) return json[0]!.span;
  // `["sh", "-c", "/usr/sbin/sshd && exec app"]`: the script is the string after the option cluster with `c`
  const script = shellCScript(json);
  if (!script) return null;
  // offsets inside a JSON string are approximate (escapes): the finding points at the whole string
  const map = new Int32Array(script.value.length + 1).fill(script.span.start);
  return daemonCommand(parseShell(script.value, map).commands) ? script.span : null;
}

/** The `CMD` and `ENTRYPOINT` the image runs: the last of each in the final stage or the nearest parent. */
function startInstructions(chain: readonly Stage[]): Instruction[] {
  let entrypoint: { ins: Instruction; depth: number } | undefined;
  let cmd: { ins: Instruction; depth: number } | undefined;
  chain.forEach((stage, depth) => {
    for (const ins of [...stage.instructions].reverse()) {
      if (ins.keyword === 'ENTRYPOINT') entrypoint ??= { ins, depth };
      if (ins.keyword === 'CMD') cmd ??= { ins, depth };
    }
  });
  // an ENTRYPOINT set after the stage that set CMD resets that CMD
  if (cmd && entrypoint && entrypoint.depth < cmd.depth) cmd = undefined;
  return [entrypoint?.ins, cmd?.ins].filter((i): i is Instruction => i !== undefined);
}

/** An SSH daemon installed in the image and started by its `CMD` or `ENTRYPOINT`. */
export default defineRule({
  id: 'no-ssh-server',
  aliases: [],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: false,
  summary: 'The image installs an SSH server (`openssh-server`, `dropbear`) and starts it',
  why: 'An SSH daemon in a container is a second way in, with its own keys or passwords, host keys often baked into the image and shared by every container, and a service to patch; `docker exec` and `kubectl exec` already give a shell.',
  check({ model, report }) {
    const chain = imageChain(model);
    let installed: InstalledPackage | undefined;
    for (const c of runCommands(model)) {
      // an ONBUILD trigger runs in other images, a builder stage's layers never ship
      if (c.instruction.onbuild || !c.instruction.stage || !chain.includes(c.instruction.stage)) continue;
      installed = installedPackages(c).find((p) => SERVER_PACKAGES[p.family].has(p.name));
      if (installed) break;
    }
    if (!installed) return;
    for (const ins of startInstructions(chain)) {
      const at = daemonStart(ins);
      if (!at) continue;
      const line = model.source.positionAt(installed.word.start).line;
      report({
        at,
        message: `${code(ins.keyword)} starts the SSH server that line ${line} installs (${code(installed.spec)}${installed.spec === installed.word.value ? '' : ` from ${code(installed.word.value)}`}): a login service in the container needs keys or passwords and patching of its own; use \`docker exec\` or \`kubectl exec\` for a shell (if serving SSH or SFTP is what this image is for, ignore this finding and say so).`,
      });
      // one finding per image: an ENTRYPOINT and a CMD that both start it are one SSH server
      return;
    }
  },
});
