import rule from '../../../src/lint/rules/dockerfile/label-key-format.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM alpine:3.20\nLABEL org.opencontainers.image.source="https://github.com/acme/app" com.example.team=core\n',
    {
      name: 'plain word, digits, dashes',
      code: 'FROM alpine:3.20\nLABEL validlabel="x" org.valid-key.label3="y"\n',
    },
    { name: 'quoted key', code: 'FROM alpine:3.20\nLABEL "com.example.vendor"="ACME"\n' },
    { name: 'legacy form with a valid key', code: 'FROM alpine:3.20\nLABEL version 1.0\n' },
  ],
  invalid: [
    {
      name: 'reserved namespaces',
      code: 'FROM alpine:3.20\nLABEL com.docker.label="foo" io.docker.x=1\nLABEL org.dockerproject.label="foo"\n',
      errors: [
        { line: 2, column: 7, message: '`com.docker` namespace is reserved', aliases: ['DL3048'] },
        { line: 2, column: 30, message: '`io.docker`' },
        { line: 3, column: 7, message: '`org.dockerproject`' },
      ],
    },
    {
      name: 'upper case and bad characters',
      code: 'FROM alpine:3.20\nLABEL Maintainer="me" invalid$character="foo" my_label=1\n',
      errors: [
        { line: 2, column: 7, message: 'keys are lowercase' },
        { line: 2, column: 23, message: '`$` is not allowed' },
        { line: 2, column: 47, message: '`_` is not allowed' },
      ],
    },
    {
      name: 'start, end and doubled separators',
      code: 'FROM alpine:3.20\nLABEL .invalid=1 -invalid=2 1invalid=3 invalid.=4 invalid..character=5 invalid--character=6\n',
      errors: [
        { line: 2, column: 7, message: 'start with a lowercase letter' },
        { line: 2, column: 18, message: 'start with a lowercase letter' },
        { line: 2, column: 29, message: 'start with a lowercase letter' },
        { line: 2, column: 40, message: 'end with a letter or digit' },
        { line: 2, column: 51, message: 'not doubled' },
        { line: 2, column: 72, message: 'not doubled' },
      ],
    },
    {
      name: 'ONBUILD LABEL in a later stage',
      code: 'FROM alpine:3.20 AS a\nRUN true\nFROM a\nONBUILD LABEL Version=1\n',
      errors: [{ line: 4, column: 15, message: '`Version`' }],
    },
  ],
});
