import rule from '../../../src/lint/rules/compose/compose-duplicate-container-names.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    container_name: one\n  b:\n    image: x:1\n    container_name: two\n',
    { name: 'no container names', code: 'services:\n  a:\n    image: x:1\n  b:\n    image: x:1\n' },
  ],
  invalid: [
    {
      name: 'a name an included service already takes',
      code: 'include: [db.yaml]\nservices:\n  app:\n    image: a:1\n    container_name: db\n',
      related: { 'db.yaml': 'services:\n  db:\n    image: postgres:16\n    container_name: db\n' },
      errors: [{ line: 5, message: 'already taken by service `db` of `db.yaml`' }],
    },
    {
      code: 'services:\n  a:\n    image: x:1\n    container_name: web\n  b:\n    image: x:1\n    container_name: web\n',
      errors: [
        {
          line: 7,
          column: 21,
          message: 'already taken by service `a`',
          aliases: ['no-duplicate-container-names'],
        },
      ],
    },
    {
      name: 'three services, the later two reported',
      code: 'services:\n  a: {image: "x:1", container_name: db}\n  b: {image: "x:1", container_name: db}\n  c: {image: "x:1", container_name: db}\n',
      errors: [
        { line: 3, message: 'service `a`' },
        { line: 4, message: 'service `a`' },
      ],
    },
  ],
});
