import rule from '../../../src/lint/rules/dockerfile/no-root-user.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a builder stage runs as root, the final stage switches back to a user',
      code: 'FROM debian:12 AS build\nUSER root\nRUN make\nFROM debian:12\nUSER 1000\n',
    },
    {
      name: 'the final stage, built FROM a root stage, switches back',
      code: 'FROM debian:12 AS base\nUSER root\nFROM base\nRUN id\nUSER app\n',
    },
    'FROM debian:12\nUSER app\n',
    {
      name: 'switching back after root work',
      code: 'FROM debian:12\nUSER root\nRUN apt-get update\nUSER 10001:10001\nCMD ["app"]\n',
    },
    { name: 'no USER at all is require-user, not this rule', code: 'FROM debian:12\nCMD ["app"]\n' },
    { name: 'a root group with a non-root user', code: 'FROM debian:12\nUSER 1001:0\n' },
    { name: 'names that only start like root', code: 'FROM debian:12\nUSER rootless\n' },
    {
      name: 'a builder stage may stay root (deliberately unlike DL3002)',
      code: 'FROM debian:12 AS build\nUSER root\nRUN make\nFROM debian:12-slim\nUSER app\n',
    },
    {
      name: 'a shipped base stage that the final stage switches away from',
      code: 'FROM debian:12 AS base\nUSER root\nFROM base\nUSER app\n',
    },
    {
      name: 'switching in the base stage is inherited',
      code: 'FROM debian:12 AS base\nUSER root\nRUN something\nUSER foo\nFROM base\nRUN something else\n',
    },
    { name: 'a variable with no value stays unjudged', code: 'FROM debian:12\nARG RUN_AS\nUSER $RUN_AS\n' },
    {
      name: 'ONBUILD USER applies to downstream builds',
      code: 'FROM debian:12\nUSER app\nONBUILD USER root\n',
    },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nUSER root\n',
      errors: [
        {
          line: 2,
          column: 6,
          message: '`USER root` is the last `USER` of the final stage',
          aliases: ['DL3002', 'CKV_DOCKER_8', 'DS-0002'],
        },
      ],
    },
    { name: 'uid 0', code: 'FROM debian:12\nUSER 0\n', errors: [{ line: 2, column: 6 }] },
    {
      name: 'root:root',
      code: 'FROM debian:12\nUSER root:root\n',
      errors: [{ line: 2, column: 6, message: '`USER root:root`' }],
    },
    { name: '0:0', code: 'FROM debian:12\nUSER 0:0\n', errors: [{ line: 2, column: 6 }] },
    { name: 'root with a group', code: 'FROM debian:12\nUSER root:0\n', errors: [{ line: 2, column: 6 }] },
    {
      name: 'back to root after a non-root user',
      code: 'FROM debian:12\nUSER app\nRUN id\nuser root\n',
      errors: [{ line: 4, column: 6 }],
    },
    {
      name: 'inherited from the stage the final one is built FROM',
      code: 'FROM debian:12 AS base\nUSER root\nRUN something\nFROM base\nRUN something else\n',
      errors: [
        { line: 2, column: 6, message: 'the last `USER` of stage "base", which the final stage inherits' },
      ],
    },
    {
      name: 'only the final stage is reported in a multi-stage build',
      code: 'FROM debian:12 AS build\nUSER root\nFROM debian:12-slim\nUSER 0\n',
      errors: [{ line: 4, column: 6 }],
    },
    {
      name: 'root through a variable',
      code: 'FROM debian:12\nARG RUN_AS=root\nUSER ${RUN_AS}\n',
      errors: [{ line: 3, column: 6, message: '(`${RUN_AS}` resolves to `root`)' }],
    },
    {
      name: 'root through an ENV of the parent stage',
      code: 'FROM debian:12 AS base\nENV APP_UID=0\nFROM base\nUSER $APP_UID\n',
      errors: [{ line: 4, column: 6, message: 'resolves to `0`' }],
    },
  ],
});
