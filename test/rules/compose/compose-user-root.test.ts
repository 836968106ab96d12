import rule from '../../../src/lint/rules/compose/compose-user-root.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'services:\n  app:\n    image: nginx:1.27\n',
    'services:\n  app:\n    image: nginx:1.27\n    user: "1000:1000"\n',
    {
      name: 'group 0 only is not root',
      code: 'services:\n  app:\n    image: nginx:1.27\n    user: "1000:0"\n',
    },
    { name: 'interpolated', code: 'services:\n  app:\n    image: nginx:1.27\n    user: "${UID:-0}"\n' },
  ],
  invalid: [
    {
      code: 'services:\n  app:\n    image: nginx:1.27\n    user: root\n',
      errors: [
        {
          line: 4,
          column: 11,
          message: 'Service `app` runs as root (`user: root`)',
          aliases: [],
          severity: 'info',
        },
      ],
    },
    {
      name: '"0", 0, root:root, 0:0',
      code: 'services:\n  a:\n    user: "0"\n  b:\n    user: 0\n  c:\n    user: root:root\n  d:\n    user: "0:0"\n',
      errors: [{ line: 3 }, { line: 5 }, { line: 7 }, { line: 9 }],
    },
    {
      name: 'an anchor merged into three services is one place in the file: one finding, naming the first service',
      code: 'x-defaults: &defaults\n  image: x:1\n  user: root\nservices:\n  a:\n    <<: *defaults\n  b:\n    <<: *defaults\n  c:\n    <<: *defaults\n',
      errors: [{ line: 3, column: 9, message: 'Service `a` runs as root (`user: root`)' }],
    },
  ],
});
