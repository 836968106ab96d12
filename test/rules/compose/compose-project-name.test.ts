import rule from '../../../src/lint/rules/compose/compose-project-name.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'name: shop\nservices:\n  a:\n    image: x:1\n',
    { name: 'not valid YAML: nothing to judge', code: 'services: [\n' },
  ],
  invalid: [
    {
      code: '# the shop\nservices:\n  a:\n    image: x:1\n',
      errors: [
        { line: 2, column: 1, message: 'no top-level `name:`', aliases: ['require-project-name-field'] },
      ],
    },
  ],
});
