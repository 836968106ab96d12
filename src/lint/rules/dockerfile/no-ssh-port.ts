import { defineRule } from '../../rule.js';
import { exposeSpecs } from '../../dockerfile/expose.js';
import { shippedInstructions } from '../../dockerfile/stages.js';
import { code } from '../../quote.js';

const SSH = 22;

/** `EXPOSE 22`: a container is managed with `docker exec` / `kubectl exec`, not by running an SSH server in it. */
export default defineRule({
  id: 'no-ssh-port',
  aliases: ['CKV_DOCKER_1', 'DS-0004'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: false,
  summary: 'The image exposes port 22 (SSH)',
  why: 'An SSH server in a container is one more long-running daemon with credentials to manage and a port to attack; `docker exec` and `kubectl exec` already give a shell without it.',
  check({ model, report }) {
    for (const ins of shippedInstructions(model, 'EXPOSE')) {
      for (const spec of exposeSpecs(model, ins)) {
        if (spec.value === null) continue;
        if (spec.proto !== null && spec.proto.toLowerCase() !== 'tcp') continue;
        const m = /^(\d+)(?:-(\d+))?$/.exec(spec.ports);
        if (!m) continue;
        const low = Number(m[1]);
        const high = m[2] === undefined ? low : Number(m[2]);
        if (low > SSH || high < SSH) continue;
        const via = spec.value === spec.raw ? '' : ` (${code(spec.raw)} is ${code(spec.value)})`;
        const what = low === high ? 'port 22' : `the range ${spec.ports}, which includes port 22,`;
        const where = ins.onbuild ? ' of every image built from this one' : '';
        report({
          at: spec.span,
          message: `${code(`EXPOSE ${spec.raw}`)}${via} declares ${what} for SSH${where}: use \`docker exec\` or \`kubectl exec\` instead of an SSH server in the container.`,
        });
      }
    }
  },
});
