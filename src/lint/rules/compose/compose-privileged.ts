import { isTrue, servicePath, spanOr } from '../../compose/util.js';
import { composeProject, extendsKeySpan, inheritedFromOtherFile } from '../../compose/project.js';
import { eachService } from '../../compose/services.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/** `privileged: true` turns off every isolation the container had. */
export default defineRule({
  id: 'compose-privileged',
  aliases: ['privileged_containers_enabled'],
  kind: 'compose',
  severity: 'warning',
  fixable: false,
  summary: 'Service runs with `privileged: true`',
  why: 'A privileged container has every capability, all host devices and no seccomp or AppArmor profile: a compromise of it is root on the host.',
  check({ model, related, report }) {
    const project = composeProject(model, related);
    eachService(model, report, (service, report) => {
      const resolved = project.of(service);
      // `privileged` inherited from a base in another file is what runs: reported at `extends`
      const base = inheritedFromOtherFile(resolved, 'privileged');
      if (!isTrue(base ? resolved.data.privileged : service.data.privileged)) return;
      report({
        at: base
          ? extendsKeySpan(model, service)
          : spanOr(model, service, servicePath(service, 'privileged')),
        message: `Service ${code(service.name)} runs privileged${base ? ` (inherited through \`extends\` from ${code(base.service)} in ${code(base.path)})` : ''}, which gives it full control of the host: grant only the capabilities or devices it needs (\`cap_add\`, \`devices\`).`,
      });
    });
  },
});
