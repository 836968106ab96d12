import rule from '../../../src/lint/rules/dockerfile/single-entrypoint.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM alpine:3\nENTRYPOINT ["tini", "--"]\nCMD ["my-app"]\n',
    {
      name: 'one ENTRYPOINT per stage',
      code: 'FROM alpine:3 AS test\nENTRYPOINT ["run-tests"]\nFROM alpine:3\nENTRYPOINT ["my-app"]\n',
    },
    {
      name: 'an ONBUILD ENTRYPOINT belongs to the child image',
      code: 'FROM alpine:3\nONBUILD ENTRYPOINT ["child"]\nENTRYPOINT ["parent"]\n',
    },
  ],
  invalid: [
    {
      code: 'FROM alpine:3\nENTRYPOINT ["/docker-entrypoint.sh"]\nCOPY app /app\nENTRYPOINT ["/app/run"]\n',
      errors: [
        {
          line: 2,
          column: 1,
          severity: 'warning',
          message: 'line 4',
          aliases: ['DL4004', 'MultipleInstructionsDisallowed', 'DS-0007'],
        },
      ],
      output: 'FROM alpine:3\nCOPY app /app\nENTRYPOINT ["/app/run"]\n',
    },
    {
      name: 'CRLF line endings and lower case',
      code: 'FROM alpine:3\r\nentrypoint ["a"]\r\nentrypoint ["b"]\r\n',
      errors: [{ line: 2, message: 'stage 1' }],
      output: 'FROM alpine:3\r\nentrypoint ["b"]\r\n',
    },
    {
      name: 'only the stage with two is flagged',
      code: 'FROM alpine:3 AS base\nENTRYPOINT ["a"]\nFROM base\nENTRYPOINT ["b"]\nENTRYPOINT ["c"]\n',
      errors: [{ line: 4, message: 'stage 2' }],
      output: 'FROM alpine:3 AS base\nENTRYPOINT ["a"]\nFROM base\nENTRYPOINT ["c"]\n',
    },
  ],
});
