import { defineRule } from '../../rule.js';
import { stageCopies, stageLabel } from '../../dockerfile/stages.js';
import { code } from '../../quote.js';

/** `COPY --from=<this stage>`: a stage cannot copy from itself. */
export default defineRule({
  id: 'copy-from-own-stage',
  aliases: ['DL3023', 'DS-0006'],
  kind: 'dockerfile',
  severity: 'error',
  fixable: false,
  summary: '`COPY --from` names the stage it is in',
  why: 'A stage cannot copy from itself: its files are not built yet when the `COPY` runs, so the builder reports a circular dependency and the build fails.',
  check({ model, report }) {
    // an ONBUILD COPY runs in another build, whose stages these are not: stageCopies leaves it out
    for (const { stage, value, flagSpan, target } of stageCopies(model)) {
      const own =
        (target.kind === 'stage' && target.stage === stage) ||
        (target.kind === 'index' && target.index === stage.index);
      if (!own) continue;
      report({
        at: flagSpan,
        message: `${code(`COPY --from=${value}`)} is inside ${stageLabel(stage)} itself: copy from an earlier stage, or use a path of this stage with \`RUN cp\`.`,
      });
    }
  },
});
