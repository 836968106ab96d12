import type { Stage } from '../../dockerfile/model.js';
import { defineRule } from '../../rule.js';
import { stageLabel } from '../../dockerfile/stages.js';
import { code } from '../../quote.js';
import { table } from '../../table.js';

/**
 * The GOOS/GOARCH pairs the OCI image spec points to (Go's `go tool dist list`): an OS or architecture outside
 * them, or a pair Go does not build for, is a platform no registry serves an image for.
 */
const PAIRS: Record<string, readonly string[]> = table({
  aix: ['ppc64'],
  android: ['386', 'amd64', 'arm', 'arm64'],
  darwin: ['amd64', 'arm64'],
  dragonfly: ['amd64'],
  freebsd: ['386', 'amd64', 'arm', 'arm64', 'riscv64'],
  illumos: ['amd64'],
  ios: ['amd64', 'arm64'],
  js: ['wasm'],
  linux: [
    '386',
    'amd64',
    'arm',
    'arm64',
    'loong64',
    'mips',
    'mips64',
    'mips64le',
    'mipsle',
    'ppc64',
    'ppc64le',
    'riscv64',
    's390x',
  ],
  netbsd: ['386', 'amd64', 'arm', 'arm64'],
  openbsd: ['386', 'amd64', 'arm', 'arm64', 'ppc64', 'riscv64'],
  plan9: ['386', 'amd64', 'arm'],
  solaris: ['amd64'],
  wasip1: ['wasm'],
  windows: ['386', 'amd64', 'arm', 'arm64'],
});

/** Names containerd's platform parser accepts for an architecture, with the variant they imply. */
const ARCH_ALIASES: Record<string, { arch: string; variant?: string }> = table({
  x86_64: { arch: 'amd64' },
  'x86-64': { arch: 'amd64' },
  i386: { arch: '386' },
  aarch64: { arch: 'arm64' },
  armhf: { arch: 'arm', variant: 'v7' },
  armel: { arch: 'arm', variant: 'v6' },
});

/** The variants judged (the OCI spec's ARM table, amd64's microarchitecture levels); others are left alone. */
const VARIANTS: Record<string, RegExp> = table({
  arm: /^v[5-8]$/,
  arm64: /^v8(\.[0-9])?$|^v9(\.[0-5])?$/,
  amd64: /^v[1-4]$/,
});

interface Platform {
  os: string;
  arch: string | null;
  variant: string | null;
}

/** A constant platform normalised as containerd does, or why it names no platform an image exists for. */
function readPlatform(value: string): { platform: Platform } | { problem: string } {
  const parts = value.trim().toLowerCase().split('/');
  if (parts.length > 3 || parts.some((p) => p === '')) return { problem: 'is not `os/arch[/variant]`' };
  let [os, arch, variant] = parts as [string, string | undefined, string | undefined];
  if (os === 'macos') os = 'darwin';
  if (parts.length === 1) {
    if (PAIRS[os]) return { platform: { os, arch: null, variant: null } };
    // a lone architecture: the builder's OS (Linux for BuildKit on Linux)
    arch = os;
    os = 'linux';
  }
  if (!PAIRS[os]) return { problem: `names the operating system ${code(os)}, which is not a GOOS value` };
  const alias = ARCH_ALIASES[arch!];
  if (alias) {
    arch = alias.arch;
    variant ??= alias.variant;
  }
  if (!Object.values(PAIRS).some((archs) => archs.includes(arch!)))
    return { problem: `names the architecture ${code(arch!)}, which is not a GOARCH value` };
  if (!PAIRS[os]!.includes(arch!))
    return { problem: `pairs ${code(os)} with ${code(arch!)}, a combination no image is built for` };
  if (variant !== undefined) {
    // containerd reads `arm/7` as `arm/v7` and `arm64/8` as `arm64/v8`
    if (/^\d/.test(variant)) variant = `v${variant}`;
    const known = VARIANTS[arch!];
    if (known && !known.test(variant))
      return { problem: `names the variant ${code(variant)}, which ${code(arch!)} does not have` };
  }
  return { platform: { os, arch: arch!, variant: variant ?? null } };
}

function show(p: Platform): string {
  return [p.os, p.arch, p.variant].filter((x) => x).join('/');
}

/** The two constant platforms cannot be the same one (a part only one of them names is not compared). */
function differ(a: Platform, b: Platform): boolean {
  if (a.os !== b.os) return true;
  if (a.arch && b.arch && a.arch !== b.arch) return true;
  // an unset variant is the architecture's default: only two named ones can be told apart
  return !!(a.arch === b.arch && a.variant && b.variant && a.variant !== b.variant);
}

const WINDOWS_REPOS = /^(windows|windows\/(servercore|nanoserver|server)(\/.*)?)$/;
const WINDOWS_TAG = /(^|[-_.])(windowsservercore|nanoserver)([-_.]|$)/;
/** Images only ever published for Linux: distributions and their codename tags. */
const LINUX_REPOS = new Set([
  'library/alpine',
  'library/debian',
  'library/ubuntu',
  'library/fedora',
  'library/centos',
  'library/rockylinux',
  'library/almalinux',
  'library/amazonlinux',
  'library/archlinux',
  'library/oraclelinux',
  'library/busybox',
]);
const LINUX_TAG = /(^|[-_.])(alpine[0-9.]*|bookworm|bullseye|buster|trixie|focal|jammy|noble)([-_.]|$)/;

/** The OS a base image can only be, from its name alone; null when the name does not say. */
function fixedOs(stage: Stage): 'windows' | 'linux' | null {
  const ref = stage.resolvedImage;
  if (stage.isScratch || ref.dynamic || !ref.name) return null;
  const registry = (ref.registry ?? 'docker.io').toLowerCase();
  const hub = registry === 'docker.io' || registry === 'index.docker.io';
  const name = ref.name.toLowerCase();
  const repo = hub && !name.includes('/') ? `library/${name}` : name;
  const tag = (ref.tag ?? '').toLowerCase();
  if ((registry === 'mcr.microsoft.com' && WINDOWS_REPOS.test(repo)) || WINDOWS_TAG.test(tag))
    return 'windows';
  if (
    (hub && LINUX_REPOS.has(repo)) ||
    (registry === 'gcr.io' && repo.startsWith('distroless/')) ||
    LINUX_TAG.test(tag)
  )
    return 'linux';
  return null;
}

/** BuildKit's InvalidBaseImagePlatform, as far as the Dockerfile alone can tell it. */
export default defineRule({
  id: 'invalid-base-image-platform',
  aliases: ['InvalidBaseImagePlatform'],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: false,
  summary: 'Base image pulled for a platform it does not exist for',
  why: 'BuildKit pulls the base image for the `--platform` given; when the image has no variant for that platform the pull fails, or an image for another platform is used and fails to run (`exec format error`) or is emulated at a fraction of the speed.',
  messages: {
    unreadable:
      '{{flag}} in {{stage}} {{problem}}: no base image is published for it, so the pull fails; write a platform such as `linux/amd64` or `linux/arm64`.',
    parentPlatform:
      '{{stage}} asks for {{parent}} as {{platform}}, but that stage is built for {{parentPlatform}} (its own `--platform`): its files and binaries are for the other platform; build both stages for the same platform.',
    wrongOs:
      '{{image}} is published for {{os}} only, but {{stage}} pulls it for {{platform}}: the pull finds no matching image; use a {{wantedOs}} base image, or {{flag}}.',
  },
  check({ model, report }) {
    const platforms = new Map<Stage, Platform>();
    for (const stage of model.stages) {
      const flag = stage.from?.flag('platform');
      const value = flag?.value?.trim();
      // a variable is known only at build time
      if (!flag || !value || value.includes('$')) continue;
      const at = flag.valueSpan ?? flag.span;
      const read = readPlatform(value);
      if ('problem' in read) {
        report({
          at,
          messageId: 'unreadable',
          data: { flag: code(`--platform=${value}`), stage: stageLabel(stage), problem: read.problem },
        });
        continue;
      }
      const platform = read.platform;
      platforms.set(stage, platform);
      const parent = stage.parent ? platforms.get(stage.parent) : undefined;
      if (stage.parent && parent && differ(platform, parent)) {
        report({
          at,
          messageId: 'parentPlatform',
          data: {
            stage: stageLabel(stage),
            parent: code(stage.parent.name ?? stage.image.raw),
            platform: code(show(platform)),
            parentPlatform: code(show(parent)),
          },
        });
        continue;
      }
      const os = fixedOs(stage);
      // only an explicit OS is judged: a lone architecture takes the builder's OS
      if (os && value.includes('/') && os !== platform.os) {
        report({
          at: stage.imageSpan ?? at,
          messageId: 'wrongOs',
          data: {
            image: code(stage.image.raw),
            os: os === 'windows' ? 'Windows' : 'Linux',
            stage: stageLabel(stage),
            platform: code(show(platform)),
            wantedOs: platform.os === 'windows' ? 'Windows' : 'Linux',
            flag: code(`--platform=${os}/${platform.arch ?? 'amd64'}`),
          },
        });
      }
    }
  },
});
