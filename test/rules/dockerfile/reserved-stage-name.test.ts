import rule from '../../../src/lint/rules/dockerfile/reserved-stage-name.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM alpine:3.20 AS builder\n',
    { name: 'FROM scratch itself', code: 'FROM scratch\nCOPY app /\n' },
    {
      name: 'names that only contain a reserved word',
      code: 'FROM alpine:3.20 AS scratchpad\nFROM alpine:3.20 AS build-context\n',
    },
    {
      name: 'names of Object.prototype keys',
      code: 'FROM alpine:3.20 AS constructor\nFROM alpine:3.20 AS __proto__\nFROM alpine:3.20 AS tostring\n',
    },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20 AS scratch\nFROM alpine:3.20 AS context\n',
      errors: [
        {
          line: 1,
          column: 21,
          message: '`scratch` is a reserved name',
          aliases: ['DL3063', 'ReservedStageName'],
        },
        { line: 2, column: 21, message: 'build context' },
      ],
    },
    {
      name: 'any case',
      code: 'FROM alpine:3.20 as Scratch\n',
      errors: [{ line: 1, message: '`Scratch`' }],
    },
  ],
});
