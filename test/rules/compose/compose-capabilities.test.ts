import rule from '../../../src/lint/rules/compose/compose-capabilities.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    cap_add: [NET_BIND_SERVICE, CHOWN]\n',
    { name: 'dropping is always fine', code: 'services:\n  a:\n    image: x:1\n    cap_drop: [ALL]\n' },
  ],
  invalid: [
    {
      code: 'services:\n  a:\n    image: x:1\n    cap_add:\n      - ALL\n',
      errors: [{ line: 5, column: 9, message: 'adds `ALL`' }],
    },
    {
      name: 'with the CAP_ prefix, lower case, flow list',
      code: 'services:\n  a:\n    image: x:1\n    cap_add: [CHOWN, cap_sys_admin, SYS_PTRACE]\n',
      errors: [
        { line: 4, column: 22, message: 'adds `cap_sys_admin`' },
        { line: 4, column: 37, message: 'tracing' },
      ],
    },
  ],
});
