/**
 * Which shell `/bin/sh` really is in a RUN's image (dash on Debian and Ubuntu, BusyBox ash on Alpine, bash on the
 * Red Hat family, openSUSE and Arch), and which POSIX-only notes that shell makes moot: ShellCheck has no dialect
 * for dash or ash, so it checks strict `sh` and the `shellcheck` rule drops what the real shell has.
 */
import type { Instruction, Stage } from './model.js';
import { imageShortName } from './image-ref.js';
import { baseKind, rootStage } from './stages.js';
import type { ShellScript } from '../shell/parser.js';
import { table } from '../table.js';

/** Official images whose default tags are Debian or Ubuntu based (their `-alpine` tags are found by `baseKind`). */
const DEBIAN_IMAGES = new Set([
  'debian',
  'ubuntu',
  'buildpack-deps',
  'python',
  'node',
  'golang',
  'ruby',
  'php',
  'perl',
  'rust',
  'gcc',
  'openjdk',
  'eclipse-temurin',
  'maven',
  'gradle',
  'tomcat',
  'httpd',
  'nginx',
  'postgres',
  'redis',
  'haproxy',
  'rabbitmq',
  'mongo',
  'wordpress',
  'nextcloud',
  'elixir',
  'erlang',
  'haskell',
  'julia',
  'r-base',
]);
const DEBIAN_TAG =
  /(?:^|[-.])(?:debian|ubuntu|bookworm|bullseye|buster|trixie|stretch|jammy|noble|focal|bionic|xenial)(?:$|[-.\d])/;

/**
 * POSIX-only notes that do not apply to the `/bin/sh` the base image really has. Debian and Ubuntu link it to dash,
 * which has `local` (SC3043) but neither `set -o pipefail` (dash 0.5.12) nor `echo -e`; Alpine and BusyBox link it
 * to BusyBox ash, which also has `set -o pipefail` (SC3040), `echo -e`/`-n` (SC3037), `${v:1:2}` (SC3057),
 * `${v/a/b}` (SC3060) and `==` in `[` (SC3014). ShellCheck 0.9 has no dialect for either, so it checks strict `sh`
 * and these are dropped. Where `/bin/sh` is bash (the Red Hat family, Fedora, openSUSE, Arch) the script is checked
 * as bash.
 */
export const SYSTEM_SH_HAS: Record<'dash' | 'ash', ReadonlySet<number>> = {
  dash: new Set([3043]),
  ash: new Set([3014, 3037, 3040, 3043, 3057, 3060]),
};

/** Images whose `/bin/sh` is bash: the Red Hat family, Fedora, Amazon Linux, openSUSE, Arch. */
const BASH_SH_IMAGES = new Set([
  'fedora',
  'centos',
  'almalinux',
  'rockylinux',
  'rhel',
  'ubi',
  'ubi8',
  'ubi9',
  'ubi10',
  'ubi-minimal',
  'ubi8-minimal',
  'ubi9-minimal',
  'amazonlinux',
  'oraclelinux',
  'tumbleweed',
  'leap',
  'archlinux',
  'photon',
]);

/** The package managers of a distribution, and the shell its `/bin/sh` is. */
const SH_OF_PACKAGE_MANAGER: Record<string, SystemSh> = table({
  apk: 'ash',
  'apt-get': 'dash',
  apt: 'dash',
  dnf: 'bash',
  microdnf: 'bash',
  yum: 'bash',
  zypper: 'bash',
  pacman: 'bash',
});

export type SystemSh = 'dash' | 'ash' | 'bash';

/**
 * Which shell `/bin/sh` is for this RUN: from the stage's base image when it says so, else from the package manager
 * the RUN itself calls (a base image given by a build arg, or the project's own: `apk add` only runs on Alpine).
 */
export function systemSh(stage: Stage, ins: Instruction): SystemSh | null {
  // the base image mostly says, and reading it needs no parse of the script: ShellCheck can start before the shell
  // parser's first call, which is its slowest
  return imageSh(stage) ?? packageManagerSh(ins.shell);
}

function imageSh(stage: Stage): SystemSh | null {
  const kind = baseKind(stage);
  if (kind === 'ash') return 'ash';
  if (kind !== 'bash') return null;
  const ref = rootStage(stage).resolvedImage;
  const short = imageShortName(ref).toLowerCase();
  const tag = (ref.tag ?? '').toLowerCase();
  if (DEBIAN_IMAGES.has(short) || DEBIAN_TAG.test(tag) || DEBIAN_TAG.test(ref.name.toLowerCase()))
    return 'dash';
  if (BASH_SH_IMAGES.has(short)) return 'bash';
  return null;
}

function packageManagerSh(script: ShellScript | null): SystemSh | null {
  for (const c of script?.commands ?? []) {
    const sh = SH_OF_PACKAGE_MANAGER[c.name.value];
    if (sh) return sh;
  }
  return null;
}
