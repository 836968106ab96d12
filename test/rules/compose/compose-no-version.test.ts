import rule from '../../../src/lint/rules/compose/compose-no-version.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n',
    {
      name: '`version` inside a service is not the top-level key',
      code: 'services:\n  web:\n    image: nginx:1.27\n    labels:\n      version: "2"\n',
    },
    {
      name: 'an x- extension named like it',
      code: 'x-version: "3.9"\nservices:\n  web:\n    image: nginx:1.27\n',
    },
  ],
  invalid: [
    {
      code: 'version: "3.9"\nservices:\n  web:\n    image: nginx:1.27\n',
      errors: [{ line: 1, column: 1, message: '`version: 3.9` is obsolete', aliases: ['no-version-field'] }],
      output: 'services:\n  web:\n    image: nginx:1.27\n',
    },
    {
      name: 'after a comment, with a trailing comment, CRLF line ends',
      code: "# app stack\r\nversion: '2' # legacy\r\nservices:\r\n  web:\r\n    image: nginx:1.27\r\n",
      errors: [{ line: 2, column: 1 }],
      output: '# app stack\r\nservices:\r\n  web:\r\n    image: nginx:1.27\r\n',
    },
    {
      name: 'last line without a newline',
      code: 'services:\n  web:\n    image: nginx:1.27\nversion: "3"',
      errors: [{ line: 4 }],
      output: 'services:\n  web:\n    image: nginx:1.27\n',
    },
    {
      name: 'a duplicated `version`: every copy removed, or the other one takes over',
      code: 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\nversion: "3.8"\n',
      errors: [{ line: 5, column: 1 }],
      output: 'services:\n  web:\n    image: nginx:1.27\n',
    },
    {
      name: 'the next key has its `:` on a later line: valid YAML only after another entry, no fix',
      code: 'version: "3.8"\nservices\n  :\n  web:\n    image: nginx:1.27\n',
      errors: [{ line: 1, column: 1 }],
    },
    {
      name: 'the next entry starts at another column: valid YAML only after `version`, no fix',
      code: 'version: "3.8"\n   :\n  web:\n    image: nginx:1.27\n',
      errors: [{ line: 1, column: 1 }],
    },
    {
      name: 'a top-level merge key may bring a `version` of its own: no fix',
      code: 'x-base: &base\n  version: "3"\n<<: *base\nversion: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n',
      errors: [{ line: 4, column: 1 }],
    },
    {
      name: 'a flow mapping: reported, no fix',
      code: '{version: "3", services: {web: {image: "nginx:1.27"}}}\n',
      errors: [{ line: 1, column: 2 }],
    },
  ],
});
