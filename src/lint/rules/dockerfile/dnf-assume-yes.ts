import { defineRule } from '../../rule.js';
import { checkRpmAssumeYes } from '../../packages/rpm.js';

/** A build has no terminal: the confirmation prompt reads end-of-file and the command gives up. */
export default defineRule({
  id: 'dnf-assume-yes',
  aliases: ['DL3038'],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: 'yes',
  summary: '`dnf install` / `microdnf install` without `-y`',
  why: 'A build has no one to answer the "Is this ok [y/N]" prompt: without `-y` the command aborts as soon as it asks, and the build fails.',
  check({ model, report }) {
    checkRpmAssumeYes(model, report, ['dnf', 'microdnf']);
  },
});
