import rule from '../../../src/lint/rules/dockerfile/no-ssh-port.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM debian:12\nEXPOSE 80 443\n',
    { name: 'other ports with a 22 in them', code: 'FROM debian:12\nEXPOSE 2222 220 122\n' },
    { name: 'udp is not SSH', code: 'FROM debian:12\nEXPOSE 22/udp\n' },
    {
      name: 'a builder stage does not ship',
      code: 'FROM debian:12 AS build\nEXPOSE 22\nRUN make\nFROM debian:12\nEXPOSE 8080\n',
    },
    { name: 'an unknown variable', code: 'FROM debian:12\nARG PORT\nEXPOSE $PORT\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nEXPOSE 22\n',
      errors: [{ line: 2, column: 8, message: 'port 22', aliases: ['CKV_DOCKER_1', 'DS-0004'] }],
    },
    {
      name: 'among others, with tcp',
      code: 'FROM debian:12\nEXPOSE 80 22/tcp\n',
      errors: [{ line: 2, column: 11 }],
    },
    {
      name: 'a range',
      code: 'FROM debian:12\nEXPOSE 20-25\n',
      errors: [{ line: 2, message: 'the range 20-25' }],
    },
    {
      name: 'the container side of a mapping',
      code: 'FROM debian:12\nEXPOSE 2222:22\n',
      errors: [{ line: 2 }],
    },
    {
      name: 'through an ARG, inherited by the final stage',
      code: 'FROM debian:12 AS base\nARG SSH_PORT=22\nEXPOSE $SSH_PORT\nFROM base\nCMD ["app"]\n',
      errors: [{ line: 3, message: '(`$SSH_PORT` is `22`)' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian:12\nONBUILD EXPOSE 22\n',
      errors: [{ line: 2, column: 16, message: 'every image built from this one' }],
    },
  ],
});
