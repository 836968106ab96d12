import rule from '../../../src/lint/rules/compose/compose-no-quotes-in-volumes.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    volumes:\n      - ./data:/data\n',
    {
      name: 'quotes that are needed stay',
      code: 'services:\n  a:\n    image: x:1\n    volumes:\n      - "./my dir #1:/data"\n      - "*.log:/logs"\n      - "C:\\\\data:/data"\n',
    },
    {
      name: 'top-level volumes are not entries',
      code: 'services:\n  a:\n    image: x:1\nvolumes:\n  "data": {}\n',
    },
  ],
  invalid: [
    {
      code: 'services:\n  a:\n    image: x:1\n    volumes:\n      - "./data:/data:ro"\n      - \'db:/var/lib/db\' # named\n',
      errors: [
        {
          line: 5,
          column: 9,
          message: '`./data:/data:ro`',
          severity: 'style',
          aliases: ['no-quotes-in-volumes'],
        },
        { line: 6, column: 9 },
      ],
      output:
        'services:\n  a:\n    image: x:1\n    volumes:\n      - ./data:/data:ro\n      - db:/var/lib/db # named\n',
    },
    {
      name: 'interpolation in a block list',
      code: 'services:\n  a:\n    image: x:1\n    volumes:\n      - "${DATA_DIR:-./data}:/data"\n',
      errors: [{ line: 5, column: 9 }],
      output: 'services:\n  a:\n    image: x:1\n    volumes:\n      - ${DATA_DIR:-./data}:/data\n',
    },
    {
      name: 'a flow list: braces would break it, so interpolated entries keep their quotes',
      code: 'services:\n  a:\n    image: x:1\n    volumes: ["./a:/a", "${B}:/b"]\n',
      errors: [{ line: 4, column: 15 }],
      output: 'services:\n  a:\n    image: x:1\n    volumes: [./a:/a, "${B}:/b"]\n',
    },
  ],
});
