import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/** `RUN --security=insecure`: the command runs without the build sandbox, like a privileged container. */
export default defineRule({
  id: 'run-security-insecure',
  aliases: [],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: false,
  summary: '`RUN --security=insecure` (the step runs as a privileged container)',
  why: 'An insecure `RUN` has every capability and the host devices, with no seccomp or AppArmor profile: a compromised package or script in that step can take over the build host. It needs an entitlement the builder must grant; make sure the step really needs it.',
  check({ model, report }) {
    for (const ins of model.each('RUN')) {
      for (const flag of ins.flags) {
        if (flag.name.toLowerCase() !== 'security' || flag.value?.trim().toLowerCase() !== 'insecure')
          continue;
        report({
          at: flag.span,
          message: `${code('--security=insecure')} runs this step as a privileged container, with every capability and the host's devices: a malicious dependency installed or run here can take over the build host. Keep it only for a step that cannot work otherwise, and grant the \`security.insecure\` entitlement to that build only.`,
        });
      }
    }
  },
});
