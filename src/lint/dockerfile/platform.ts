/** Build platforms: the `os/arch[/variant]` strings of `--platform` and the ARGs BuildKit predefines for them. */
import type { DockerfileModel, Flag, Stage } from './model.js';
import { table } from '../table.js';

const KNOWN_OS = new Set([
  'aix',
  'android',
  'darwin',
  'dragonfly',
  'freebsd',
  'illumos',
  'ios',
  'js',
  'linux',
  'netbsd',
  'openbsd',
  'plan9',
  'solaris',
  'wasip1',
  'windows',
]);
const ARCH_ALIASES: Record<string, string> = table({
  x86_64: 'amd64',
  'x86-64': 'amd64',
  amd64: 'amd64',
  aarch64: 'arm64',
  arm64: 'arm64',
  armhf: 'arm',
  armel: 'arm',
  arm: 'arm',
  i386: '386',
  '386': '386',
  ppc64le: 'ppc64le',
  ppc64: 'ppc64',
  s390x: 's390x',
  riscv64: 'riscv64',
  mips64le: 'mips64le',
  mips64: 'mips64',
  loong64: 'loong64',
  wasm: 'wasm',
});

/**
 * A constant platform (`linux/amd64`, `arm64`, `linux/arm/v7`) read as the builder does: null when it would not
 * parse. A lone architecture implies `linux`; a lone OS leaves the architecture unknown (the builder's own).
 */
export function parsePlatform(value: string): { os: string; arch: string | null } | null {
  const parts = value.trim().toLowerCase().split('/');
  if (parts.some((p) => !/^[a-z0-9_.-]+$/.test(p)) || parts.length > 3) return null;
  if (parts.length === 1) {
    const p = parts[0]!;
    if (KNOWN_OS.has(p)) return { os: p, arch: null };
    const arch = ARCH_ALIASES[p];
    return arch ? { os: 'linux', arch } : null;
  }
  return { os: parts[0]!, arch: ARCH_ALIASES[parts[1]!] ?? parts[1]! };
}

/** A stage's `FROM --platform` with a constant value, and what it reads as. */
export interface ConstantPlatform {
  stage: Stage;
  flag: Flag;
  /** The value, trimmed. */
  value: string;
  /** Null when the builder could not parse it. */
  platform: { os: string; arch: string | null } | null;
  /** The stage's name says which platform it is for (`AS build-arm64`): one of a set of per-platform stages. */
  namedFor: boolean;
}

/** Each stage's constant `FROM --platform`: `$BUILDPLATFORM`, `${TARGETARCH}`… follow the build, and are left out. */
export function constantPlatforms(model: DockerfileModel): ConstantPlatform[] {
  const out: ConstantPlatform[] = [];
  for (const stage of model.stages) {
    const flag = stage.from?.flag('platform');
    const value = flag?.value?.trim();
    if (!flag || !value || value.includes('$')) continue;
    const platform = parsePlatform(value);
    const name = stage.name ?? '';
    const namedFor =
      platform !== null &&
      name !== '' &&
      (name.includes(platform.os) || (platform.arch !== null && name.includes(platform.arch)));
    out.push({ stage, flag, value, platform, namedFor });
  }
  return out;
}

/**
 * The ARGs BuildKit defines in the global scope of every build, with typical values (a linux/amd64 build) for
 * judging what a `FROM` resolves to.
 */
export const PREDEFINED_PLATFORM_ARGS: ReadonlyMap<string, string> = new Map([
  ['TARGETPLATFORM', 'linux/amd64'],
  ['TARGETOS', 'linux'],
  ['TARGETARCH', 'amd64'],
  ['TARGETVARIANT', ''],
  ['BUILDPLATFORM', 'linux/amd64'],
  ['BUILDOS', 'linux'],
  ['BUILDARCH', 'amd64'],
  ['BUILDVARIANT', ''],
  ['TARGETSTAGE', ''],
]);
