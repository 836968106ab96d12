import { defineRule } from '../../rule.js';
import { fromRef, stageLabel } from '../../dockerfile/stages.js';
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
    for (const ins of model.each('COPY')) {
      const stage = ins.stage;
      const flag = ins.flag('from');
      // an ONBUILD COPY runs in another build, whose stages these are not
      if (ins.onbuild || !stage || !flag?.value || !flag.valueSpan) continue;
      const target = fromRef(model, ins, flag.value);
      const own =
        (target.kind === 'stage' && target.stage === stage) ||
        (target.kind === 'index' && target.index === stage.index);
      if (!own) continue;
      report({
        at: flag.span,
        message: `${code(`COPY --from=${flag.value}`)} is inside ${stageLabel(stage)} itself: copy from an earlier stage, or use a path of this stage with \`RUN cp\`.`,
      });
    }
  },
});
