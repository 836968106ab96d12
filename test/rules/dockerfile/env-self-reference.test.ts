import rule from '../../../src/lint/rules/dockerfile/env-self-reference.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM alpine:3.20\nENV FOO=bar\nENV BAZ=${FOO}/bla\n',
    { name: 'own right-hand side', code: 'FROM alpine:3.20\nENV PATH=/opt/bin:${PATH}\n' },
    {
      name: 'names that only start or end alike',
      code: 'FROM alpine:3.20\nENV BLA="blubb" BLUBB="${FOOBLA}/$BLAFOO/blubb"\n',
    },
    { name: 'escaped and single-quoted', code: "FROM alpine:3.20\nENV A=1 B=\\$A C='$A'\n" },
    { name: 'a later key is not set yet either way', code: 'FROM alpine:3.20\nENV A=$B B=2\n' },
    { name: 'ARG is not ENV', code: 'FROM alpine:3.20\nARG A=1\nARG B=$A\n' },
    {
      name: 'an escaped blank mid-line: the parsed pairs overlap, so nothing is reported (a fix ran backwards)',
      code: 'FROM alpine:3.20\nENV A=1 B=$A \\  C=2\n',
    },
  ],
  invalid: [
    {
      name: 'the documented example',
      code: 'FROM alpine:3.20\nENV FOO=bar \\\n    BAZ=${FOO}/bla\n',
      errors: [
        {
          line: 3,
          column: 9,
          message: '`$FOO` in `BAZ` expands to its value from before this `ENV`',
          aliases: ['DL3044'],
        },
      ],
      output: 'FROM alpine:3.20\nENV FOO=bar\nENV BAZ=${FOO}/bla\n',
    },
    {
      name: 'the same key twice on one line; an earlier value is what it expands to',
      code: 'FROM alpine:3.20\nENV PATH=/a:$PATH PATH=/b:$PATH\n',
      errors: [{ line: 2, column: 27, message: 'empty unless the base image sets it' }],
      output: 'FROM alpine:3.20\nENV PATH=/a:$PATH\nENV PATH=/b:$PATH\n',
    },
    {
      name: 'defined before: the old value wins',
      code: 'FROM alpine:3.20\nENV VERSION=1\nENV VERSION=2 URL=https://example.com/v$VERSION\n',
      errors: [{ line: 3, column: 40, message: '(line 2)' }],
      output: 'FROM alpine:3.20\nENV VERSION=1\nENV VERSION=2\nENV URL=https://example.com/v$VERSION\n',
    },
    {
      name: 'two splits, ONBUILD, in a later stage',
      code: 'FROM alpine:3.20 AS a\nRUN true\nFROM a\nONBUILD ENV A=1 B=$A C=${B}x\n',
      errors: [
        { line: 4, column: 19, message: 'not to `1` set earlier in the same `ENV`' },
        { line: 4, column: 24 },
      ],
      output:
        'FROM alpine:3.20 AS a\nRUN true\nFROM a\nONBUILD ENV A=1\nONBUILD ENV B=$A\nONBUILD ENV C=${B}x\n',
    },
  ],
});
