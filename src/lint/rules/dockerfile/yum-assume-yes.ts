import { defineRule } from '../../rule.js';
import { checkRpmAssumeYes } from '../../packages/rpm.js';

/** A build has no terminal: the confirmation prompt reads end-of-file and the command gives up. */
export default defineRule({
  id: 'yum-assume-yes',
  aliases: ['DL3030'],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: 'yes',
  summary: '`yum install` without `-y`',
  why: 'A build has no one to answer the "Is this ok [y/N]" prompt: without `-y` the command aborts as soon as it asks, and the build fails.',
  check({ model, report }) {
    checkRpmAssumeYes(model, report, ['yum']);
  },
});
