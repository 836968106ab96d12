import rule from '../../../src/lint/rules/dockerfile/numeric-user.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM alpine:3\nUSER 10001\n',
    { name: 'numeric uid, named group', code: 'FROM alpine:3\nUSER 10001:app\n' },
    { name: 'no USER at all', code: 'FROM alpine:3\nCMD ["app"]\n' },
    { name: 'root is no-root-user’s finding', code: 'FROM alpine:3\nUSER root\n' },
    {
      name: 'a builder stage’s user does not ship',
      code: 'FROM alpine:3 AS build\nUSER builder\nRUN make\nFROM alpine:3\nUSER 10001\n',
    },
    { name: 'overridden by a numeric USER', code: 'FROM alpine:3\nUSER app\nRUN make\nUSER 10001\n' },
    { name: 'an ARG with no default', code: 'FROM alpine:3\nARG APP_USER\nUSER $APP_USER\n' },
    { name: 'a numeric ARG', code: 'FROM alpine:3\nARG UID=10001\nUSER ${UID}:${UID}\n' },
    {
      name: 'Windows images name their users',
      code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser\n',
    },
  ],
  invalid: [
    {
      code: 'FROM alpine:3\nUSER app\n',
      errors: [{ line: 2, column: 6, message: '`app` is a name', aliases: ['DL3066'] }],
    },
    { name: 'user and group names', code: 'FROM alpine:3\nUSER app:app\n', errors: [{ line: 2, column: 6 }] },
    {
      name: 'through an ARG',
      code: 'FROM alpine:3\nARG RUN_AS=node\nUSER $RUN_AS\n',
      errors: [{ line: 3, message: '(`$RUN_AS` is `node`)' }],
    },
    {
      name: 'inherited from the stage the final stage is built FROM',
      code: 'FROM node:20-slim AS base\nUSER node\nFROM base\nCMD ["node", "app.js"]\n',
      errors: [{ line: 2, message: 'inherits from stage "base"' }],
    },
    {
      name: 'ONBUILD USER',
      code: 'FROM alpine:3\nONBUILD USER app\nUSER 10001\n',
      errors: [{ line: 2, column: 14, message: 'every image built from this one' }],
    },
  ],
});
