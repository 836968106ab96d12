import rule from '../../../src/lint/rules/compose/compose-privileged.js';
import { testRule } from '../../rule-tester.js';

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
      name: 'privileged inherited from a base in another file: at `extends`',
      code: 'services:\n  agent:\n    image: acme/agent:1\n    extends: {file: base.yaml, service: agent}\n',
      related: { 'base.yaml': 'services:\n  agent:\n    privileged: true\n' },
      errors: [{ line: 4, column: 5, message: 'inherited through `extends`' }],
    },
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
