import { defineRule } from '../../rule.js';
import { deleteFlag } from '../../dockerfile/edits.js';
import { parsePlatform } from '../../dockerfile/platform.js';
import { stageLabel } from '../../dockerfile/stages.js';
import { code } from '../../quote.js';

/** A constant `FROM --platform` pins one architecture and defeats multi-platform builds. */
export default defineRule({
  id: 'platform-flag',
  aliases: ['DL3029'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: 'sugg',
  summary: '`FROM --platform` with a constant platform',
  why: 'A constant `--platform` forces every build of this stage onto one architecture: the Dockerfile can no longer produce a multi-platform image, and on other machines the stage runs under slow emulation.',
  check({ model, report }) {
    for (const stage of model.stages) {
      const flag = stage.from.flag('platform');
      const value = flag?.value?.trim();
      // `$BUILDPLATFORM`, `${TARGETARCH}`…: the platform follows the build, which is the point
      if (!flag || !value || value.includes('$')) continue;
      // `FROM --platform=linux/arm64 … AS build-arm64`: one stage per platform, picked by `FROM build-$TARGETARCH`
      const platform = parsePlatform(value);
      const name = stage.name ?? '';
      if (platform && name && (name.includes(platform.os) || (platform.arch && name.includes(platform.arch))))
        continue;
      report({
        at: flag.span,
        message: `${code(`--platform=${value}`)} pins ${stageLabel(stage)} to one platform: drop it (or use \`$BUILDPLATFORM\` in a stage that only runs build tools) so the stage follows the platform being built.`,
        // whether the image exists for other platforms is not in the file (JetPack, `nvcr.io/nvidia/l4t-*` are
        // arm64 only): without the flag such a stage fails to build elsewhere, so this is the author's call
        fix: {
          description: `remove ${code(`--platform=${value}`)}`,
          safe: false,
          // a repeated constant `--platform` would take over once this one is gone: remove them all
          edits: stage.from.flags
            .filter((f) => f.name.toLowerCase() === 'platform' && !f.value?.includes('$'))
            .map((f) => deleteFlag(model, f)),
        },
      });
    }
  },
});
