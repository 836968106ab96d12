import rule from '../../src/lint/rules/compose-build-and-image.js';
import { testRule } from '../rule-tester.js';

testRule(rule, {
  valid: [
    'services:\n  app:\n    build: .\n',
    'services:\n  db:\n    image: postgres:16\n',
    {
      name: 'pull_policy says which wins',
      code: 'services:\n  app:\n    build: .\n    image: acme/app:1\n    pull_policy: build\n',
    },
  ],
  invalid: [
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
