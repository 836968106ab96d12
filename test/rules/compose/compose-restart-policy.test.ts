import rule from '../../../src/lint/rules/compose/compose-restart-policy.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    restart: unless-stopped\n',
    {
      name: 'deploy.restart_policy',
      code: 'services:\n  a:\n    image: x:1\n    deploy:\n      restart_policy:\n        condition: on-failure\n',
    },
    {
      name: 'a restart policy from an anchor merged into three services: each has one',
      code: 'x-defaults: &defaults\n  image: x:1\n  restart: unless-stopped\nservices:\n  a:\n    <<: *defaults\n  b:\n    <<: *defaults\n  c:\n    <<: *defaults\n',
    },
  ],
  invalid: [
    {
      code: 'services:\n  a:\n    image: x:1\n  b:\n    image: x:1\n    restart: always\n',
      errors: [
        {
          line: 2,
          column: 3,
          message: 'Service `a` has no restart policy',
          aliases: ['restart_policy_on_failure_not_set_to_5'],
        },
      ],
    },
    {
      name: 'a service name with backticks stays one code span in the message',
      code: 'services:\n  "x`@y`":\n    image: x:1\n  "`b":\n    image: x:1\n',
      errors: [
        { line: 2, message: 'Service `` x`@y` `` has no restart policy' },
        { line: 4, message: 'Service `` `b `` has no restart policy' },
      ],
    },
    {
      name: 'no restart policy in an anchor merged into three services: one finding per service, at its own key',
      code: 'x-defaults: &defaults\n  image: x:1\nservices:\n  a:\n    <<: *defaults\n  b:\n    <<: *defaults\n  c:\n    <<: *defaults\n',
      errors: [
        { line: 4, message: 'Service `a` has no restart policy' },
        { line: 6, message: 'Service `b`' },
        { line: 8, message: 'Service `c`' },
      ],
    },
  ],
});
