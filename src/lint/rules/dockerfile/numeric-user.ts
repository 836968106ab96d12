import { isPosixShell, type Instruction } from '../../dockerfile/model.js';
import { defineRule } from '../../rule.js';
import { effectiveUser, isRootUser, stageLabel, userOf } from '../../dockerfile/stages.js';
import { code } from '../../quote.js';

/** The image runs as a user name: a runtime that must prove the user is not root cannot resolve names. */
export default defineRule({
  id: 'numeric-user',
  aliases: ['DL3066'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: false,
  summary: 'The image runs as a user name rather than a numeric UID',
  why: "Kubernetes' `runAsNonRoot` (and other admission checks) can only prove that a numeric UID is not root; with a user name the pod is refused, or the check is skipped.",
  check({ model, report }) {
    const candidates: Instruction[] = [];
    const effective = effectiveUser(model);
    if (effective) candidates.push(effective);
    // an ONBUILD USER sets the user of every image built FROM this one
    for (const ins of model.each('USER')) if (ins.onbuild) candidates.push(ins);
    for (const ins of candidates) {
      const stage = ins.stage;
      const arg = ins.args[0];
      // Windows images name their users (`ContainerUser`); runAsNonRoot is a Linux check
      if (!stage || !arg || !isPosixShell(stage.shell)) continue;
      const user = userOf(model, ins);
      if (user === null) continue;
      const name = user.split(':')[0]!.trim();
      // root is root whatever its spelling: no-root-user reports it
      if (/^\d+$/.test(name) || isRootUser(user)) continue;
      const via = arg.value === user ? '' : ` (${code(arg.value)} is ${code(user)})`;
      const where = ins.onbuild
        ? 'sets the user of every image built from this one'
        : stage === model.finalStage
          ? 'is the user the image runs as'
          : `is the user the image inherits from ${stageLabel(stage)}`;
      report({
        at: arg.span,
        message: `${code(`USER ${arg.value}`)}${via} ${where}, but ${code(name)} is a name: runtimes that must prove the user is not root (Kubernetes \`runAsNonRoot\`) need its numeric UID, e.g. \`USER 10001\`.`,
      });
    }
  },
});
