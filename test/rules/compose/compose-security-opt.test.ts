import rule from '../../../src/lint/rules/compose/compose-security-opt.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n',
    'services:\n  a:\n    image: x:1\n    security_opt:\n      - no-new-privileges:true\n      - seccomp:./profile.json\n',
    {
      name: 'the bare flag means true',
      code: 'services:\n  a:\n    image: x:1\n    security_opt: [no-new-privileges]\n',
    },
  ],
  invalid: [
    {
      code: 'services:\n  a:\n    image: x:1\n    security_opt:\n      - seccomp:unconfined\n      - no-new-privileges:true\n',
      errors: [
        {
          line: 5,
          column: 9,
          messageId: 'unconfined',
          message: 'turns off the seccomp filter',
          severity: 'warning',
          aliases: ['seccomp_disabled'],
        },
      ],
    },
    {
      name: 'AppArmor, with `=`, and no no-new-privileges',
      code: 'services:\n  a:\n    image: x:1\n    security_opt:\n      - apparmor=unconfined\n',
      errors: [
        {
          line: 4,
          column: 5,
          messageId: 'noNewPrivileges',
          severity: 'info',
          aliases: ['no_new_privileges_not_set'],
        },
        {
          line: 5,
          column: 9,
          messageId: 'unconfined',
          message: 'AppArmor',
          severity: 'warning',
          aliases: [],
        },
      ],
    },
    {
      name: 'no-new-privileges set to false',
      code: 'services:\n  a:\n    image: x:1\n    security_opt: ["no-new-privileges:false"]\n',
      errors: [{ line: 4, severity: 'info' }],
    },
    {
      name: 'every service, with the option',
      code: 'services:\n  a:\n    image: x:1\n  b:\n    image: x:1\n    security_opt: [no-new-privileges:true]\n',
      options: { requireNoNewPrivileges: true },
      errors: [{ line: 2, column: 3, severity: 'info' }],
    },
  ],
});
