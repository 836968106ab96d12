import { defineRule } from '../../rule.js';
import { deleteFlag } from '../../dockerfile/edits.js';
import { stageLabel } from '../../dockerfile/stages.js';
import { code } from '../../quote.js';

/** `$TARGETPLATFORM`, written alone (optionally with a default); `${TARGETPLATFORM:+x}` is something else. */
const TARGET_ONLY = /^\$(?:TARGETPLATFORM|\{TARGETPLATFORM(?::?-[^}]*)?\})$/;

/** `FROM --platform=$TARGETPLATFORM` asks for what the builder does anyway. */
export default defineRule({
  id: 'redundant-target-platform',
  aliases: ['DL3065', 'RedundantTargetPlatform'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: 'yes',
  summary: '`FROM --platform=$TARGETPLATFORM` is the default',
  why: 'A stage is built for the target platform unless told otherwise, so `--platform=$TARGETPLATFORM` adds nothing but noise and suggests to readers that the platform is being changed.',
  check({ model, report }) {
    // a global `ARG TARGETPLATFORM=…` with a default replaces the automatic value: then the flag does something
    if (model.globalArgs.some((a) => a.name === 'TARGETPLATFORM' && a.value !== null)) return;
    for (const stage of model.stages) {
      const flag = stage.from?.flag('platform');
      const value = flag?.value?.trim();
      if (!flag || !value || !TARGET_ONLY.test(value)) continue;
      report({
        at: flag.span,
        message: `${code(`--platform=${value}`)} in ${stageLabel(stage)} is redundant: stages are built for the target platform by default.`,
        fix: { description: `remove ${code(`--platform=${value}`)}`, edits: [deleteFlag(model, flag)] },
      });
    }
  },
});
