import { defineRule } from '../../rule.js';
import { constantPlatforms } from '../../dockerfile/platform.js';
import { stageLabel } from '../../dockerfile/stages.js';
import { code } from '../../quote.js';

/** BuildKit's FromPlatformFlagConstDisallowed: a constant `--platform` on a stage not named after that platform. */
export default defineRule({
  id: 'const-platform',
  aliases: ['FromPlatformFlagConstDisallowed'],
  kind: 'dockerfile',
  severity: 'off',
  fixable: false,
  summary: '`FROM --platform` with a constant value on a stage not named for that platform',
  why: 'A constant `--platform` builds the stage for one platform only, so the Dockerfile cannot produce a multi-platform image; per-platform stages should say which platform they are for in their name.',
  check({ model, report }) {
    for (const { stage, flag, value, platform, namedFor } of constantPlatforms(model)) {
      // a value the builder cannot parse fails the build anyway; BuildKit does not warn about it
      if (!platform || namedFor) continue;
      report({
        at: flag.span,
        message: `${code(`--platform=${value}`)} is a constant in ${stageLabel(stage)}: use a variable such as \`$BUILDPLATFORM\`, or name the stage after the platform (e.g. ${code(`build-${platform.arch ?? platform.os}`)}) if it is one of a set of per-platform stages.`,
      });
    }
  },
});
