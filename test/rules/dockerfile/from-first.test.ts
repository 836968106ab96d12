import rule from '../../../src/lint/rules/dockerfile/from-first.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN true\n',
    { name: 'global ARGs first', code: 'ARG VERSION=12\nARG VARIANT\nFROM debian:${VERSION}${VARIANT}\n' },
    {
      name: 'parser directives and comments first',
      code: '# syntax=docker/dockerfile:1\n# escape=\\\n# a comment\nARG X=1\nFROM alpine:3.20\n',
    },
    { name: 'instructions after a later FROM', code: 'FROM alpine:3.20 AS a\nRUN true\nFROM a\nENV X=1\n' },
    {
      name: "an unknown word before FROM is valid-syntax's finding, not a second one here",
      code: '{% if base %}\nFROM {{ base }}\n{% endif %}\n',
    },
  ],
  invalid: [
    {
      code: 'LABEL maintainer=me\nFROM debian:12\n',
      errors: [{ line: 1, column: 1, message: '`LABEL` comes before the first `FROM`', aliases: ['DL3061'] }],
    },
    {
      name: 'every instruction before FROM, ARGs aside',
      code: 'ARG BASE=debian:12\nENV A=1\nRUN echo hi\nFROM $BASE\nRUN true\n',
      errors: [
        { line: 2, message: '`ENV`' },
        { line: 3, message: '`RUN`' },
      ],
    },
    {
      name: 'lower-case keyword named as written',
      code: 'workdir /app\nfrom alpine:3.20\n',
      errors: [{ line: 1, message: '`workdir`' }],
    },
    {
      name: 'ONBUILD before FROM',
      code: 'ONBUILD RUN make\nFROM alpine:3.20\n',
      errors: [{ line: 1, column: 1, message: '`ONBUILD`' }],
    },
  ],
});
