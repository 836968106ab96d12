import { isTrue, servicePath, spanOr, oncePerSpan } from '../compose/util.js';
import { defineRule } from '../rule.js';

/** `privileged: true` turns off every isolation the container had. */
export default defineRule({
  id: 'compose-privileged',
  aliases: ['privileged_containers_enabled'],
  kind: 'compose',
  severity: 'error',
  fixable: false,
  summary: 'Service runs with `privileged: true`',
  why: 'A privileged container has every capability, all host devices and no seccomp or AppArmor profile: a compromise of it is root on the host.',
  check({ model, report }) {
    report = oncePerSpan(report);
    for (const service of model.services) {
      if (!isTrue(service.data.privileged)) continue;
      report({
        at: spanOr(model, service, servicePath(service, 'privileged')),
        message: `Service \`${service.name}\` runs privileged, which gives it full control of the host: grant only the capabilities or devices it needs (\`cap_add\`, \`devices\`).`,
      });
    }
  },
});
