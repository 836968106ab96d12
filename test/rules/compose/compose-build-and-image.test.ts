import rule from '../../../src/lint/rules/compose/compose-build-and-image.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'services:\n  app:\n    build: .\n',
    'services:\n  db:\n    image: postgres:16\n',
    {
      name: 'pull_policy says which wins',
      code: 'services:\n  app:\n    build: .\n    image: acme/app:1\n    pull_policy: build\n',
    },
    {
      name: 'pull_policy: always decides too (dclint default checkPullPolicy: true)',
      code: 'services:\n  web:\n    build: .\n    image: nginx\n    pull_policy: always\n',
    },
  ],
  invalid: [
    {
      name: 'checkPullPolicy: false reports it whatever the pull_policy',
      code: 'services:\n  web:\n    build: .\n    image: nginx\n    pull_policy: always\n',
      options: { checkPullPolicy: false },
      errors: [{ line: 3, column: 5, message: 'Service `web` has both `build` and `image`' }],
    },
    {
      code: 'services:\n  app:\n    image: acme/app:1\n    build:\n      context: .\n',
      errors: [
        {
          line: 4,
          column: 5,
          message: 'Service `app` has both `build` and `image`',
          aliases: ['no-build-and-image'],
        },
      ],
    },
  ],
});
