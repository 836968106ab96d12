import { defineRule } from '../../rule.js';
import { checkRpmPins } from '../../packages/rpm.js';

/** `yum install pkg` installs whatever version the repositories serve that day. */
export default defineRule({
  id: 'yum-pin-versions',
  aliases: ['DL3033'],
  kind: 'dockerfile',
  severity: 'off',
  fixable: false,
  summary: '`yum install pkg` without `-version`',
  why: 'Without a version `yum install` takes whatever the repositories serve on the day of the build: rebuilds of one commit can ship different packages and break with no change in the repository.',
  check({ model, report }) {
    checkRpmPins(model, report, ['yum']);
  },
});
