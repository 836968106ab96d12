import { defineRule } from '../../rule.js';
import { effectiveUser, isRootUser, stageLabel, userOf } from '../../dockerfile/stages.js';
import { code } from '../../quote.js';

/** The image's last `USER` switches (back) to root. */
export default defineRule({
  id: 'no-root-user',
  aliases: ['DL3002', 'CKV_DOCKER_8', 'DS-0002'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: false,
  summary: 'The last `USER` of the image is root',
  why: 'A container that runs as root turns any bug in the application, or a container escape, into root access; switch back to an unprivileged user once the steps that need root are done.',
  check({ model, report }) {
    const ins = effectiveUser(model);
    if (!ins || ins.args.length === 0) return;
    const user = userOf(model, ins);
    if (user === null || !isRootUser(user)) return;
    const stage = ins.stage!;
    const written = ins.args.map((a) => a.value).join(' ');
    const via = written === user ? '' : ` (${code(written)} resolves to ${code(user)})`;
    const where =
      stage === model.finalStage
        ? 'the last `USER` of the final stage'
        : `the last \`USER\` of ${stageLabel(stage)}, which the final stage inherits`;
    report({
      at: { start: ins.args[0]!.span.start, end: ins.args[ins.args.length - 1]!.span.end },
      message: `The image runs as root: ${code(`USER ${written}`)}${via} is ${where}; switch to an unprivileged user (e.g. \`USER 10001\`) once the steps that need root are done.`,
    });
  },
});
