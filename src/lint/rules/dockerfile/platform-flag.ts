import { defineRule } from '../../rule.js';
import { deleteFlag } from '../../dockerfile/edits.js';
import { constantPlatforms } from '../../dockerfile/platform.js';
import { stageHead, stageLabel } from '../../dockerfile/stages.js';
import type { Stage } from '../../dockerfile/model.js';
import { code } from '../../quote.js';
import { table } from '../../table.js';

/**
 * Words that name an architecture, in file paths, image names and artifact names (`linux-arm32.tar.gz`,
 * `ninja-linux-aarch64.zip`, `arm32v7/`, NVIDIA's Jetson-only `l4t` images), by the platform architecture they mean.
 */
const ARCH_WORDS: Readonly<Record<string, string>> = table({
  amd64: 'amd64',
  x64: 'amd64',
  arm64: 'arm64',
  aarch64: 'arm64',
  arm64v8: 'arm64',
  armv8: 'arm64',
  l4t: 'arm64',
  jetson: 'arm64',
  arm32: 'arm',
  arm32v7: 'arm',
  arm32v6: 'arm',
  armv7: 'arm',
  armv7l: 'arm',
  armv6: 'arm',
  armv6l: 'arm',
  armhf: 'arm',
  armel: 'arm',
  i386: '386',
  i686: '386',
  ppc64le: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
});

/** The architectures a text names, as whole words (one pass over the text; `x86_64` read as one word). */
function archsNamed(text: string): Set<string> {
  const out = new Set<string>();
  const words = text
    .toLowerCase()
    .replaceAll('x86_64', 'amd64')
    .replaceAll('x86-64', 'amd64')
    .split(/[^a-z0-9]+/);
  for (const w of words) {
    const arch = ARCH_WORDS[w];
    if (arch) out.add(arch);
  }
  return out;
}

/**
 * The file shows the stage is for this architecture only: the file's path, the stage's image, or what the stage
 * itself writes (a download of `linux-arm32` PowerShell, an `aarch64` tool) names the pinned architecture and no
 * other. A stage that names several (`case $(uname -m) in x86_64) … aarch64) …`) is multi-platform and is judged.
 */
function archSpecific(stage: Stage, arch: string, pathArchs: ReadonlySet<string>): boolean {
  const only = (named: ReadonlySet<string>): boolean => named.size === 1 && named.has(arch);
  if (only(pathArchs) || only(archsNamed(stage.resolvedImage.raw))) return true;
  const text = stageHead(stage).model.source.text;
  const body = stage.instructions
    .filter((i) => i !== stage.from)
    .map((i) => text.slice(i.span.start, i.span.end))
    .join('\n');
  return only(archsNamed(body));
}

/** A constant `FROM --platform` pins one architecture and defeats multi-platform builds. */
export default defineRule({
  id: 'platform-flag',
  aliases: ['DL3029'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: 'sugg',
  summary: '`FROM --platform` with a constant platform',
  why: 'A constant `--platform` forces every build of this stage onto one architecture: the Dockerfile can no longer produce a multi-platform image, and on other machines the stage runs under slow emulation.',
  check({ model, source, report }) {
    const pathArchs = archsNamed(source.path);
    // constant only: `$BUILDPLATFORM`, `${TARGETARCH}`… follow the build, which is the point; a stage named for its
    // platform (`AS build-arm64`) is one of a set, picked by `FROM build-$TARGETARCH`
    for (const { stage, flag, value, platform, namedFor } of constantPlatforms(model)) {
      if (namedFor) continue;
      // the file shows the stage is made for the pinned architecture: the pin is what keeps a plain build right
      if (platform?.arch && archSpecific(stage, platform.arch, pathArchs)) continue;
      report({
        at: flag.span,
        message: `${code(`--platform=${value}`)} pins ${stageLabel(stage)} to one platform: drop it (or use \`$BUILDPLATFORM\` in a stage that only runs build tools) so the stage follows the platform being built.`,
        // whether the image exists for other platforms is not in the file (JetPack, `nvcr.io/nvidia/l4t-*` are
        // arm64 only): without the flag such a stage fails to build elsewhere, so this is the author's call
        fix: {
          description: `remove ${code(`--platform=${value}`)}`,
          safe: false,
          // a repeated constant `--platform` would take over once this one is gone: remove them all
          edits: (stage.from?.flags ?? [])
            .filter((f) => f.name.toLowerCase() === 'platform' && !f.value?.includes('$'))
            .map((f) => deleteFlag(model, f)),
        },
      });
    }
  },
});
