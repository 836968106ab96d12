import rule from '../../src/lint/rules/compose-privileged.js';
import { testRule } from '../rule-tester.js';

testRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    privileged: false\n',
    'services:\n  a:\n    image: x:1\n',
    { name: 'interpolated', code: 'services:\n  a:\n    image: x:1\n    privileged: ${PRIVILEGED:-false}\n' },
    {
      name: 'the build option is about the build, not the container',
      code: 'services:\n  a:\n    build:\n      context: .\n      privileged: true\n',
    },
  ],
  invalid: [
    {
      code: 'services:\n  a:\n    image: x:1\n    privileged: true\n',
      errors: [
        { line: 4, column: 17, message: 'runs privileged', aliases: ['privileged_containers_enabled'] },
      ],
    },
    {
      name: 'as a string',
      code: 'services:\n  a:\n    image: x:1\n    privileged: "true"\n',
      errors: [{ line: 4 }],
    },
  ],
});
