import rule from '../../../src/lint/rules/dockerfile/single-cmd.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM node:20-slim\nCMD ["node", "server.js"]\n',
    {
      name: 'one CMD per stage',
      code: 'FROM node:20-slim AS build\nCMD ["npm", "test"]\nFROM node:20-slim\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'CMD and ENTRYPOINT are different',
      code: 'FROM alpine:3\nENTRYPOINT ["tini", "--"]\nCMD ["my-app"]\n',
    },
    {
      name: 'an ONBUILD CMD belongs to the child image',
      code: 'FROM node:20-slim\nONBUILD CMD ["npm", "start"]\nCMD ["node", "server.js"]\n',
    },
  ],
  invalid: [
    {
      code: 'FROM node:20-slim\nCMD ["npm", "start"]\nRUN npm ci\nCMD ["node", "server.js"]\n',
      errors: [
        {
          line: 2,
          column: 1,
          message: 'line 4',
          aliases: ['DL4003', 'MultipleInstructionsDisallowed', 'DS-0016'],
        },
      ],
      output: 'FROM node:20-slim\nRUN npm ci\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'three CMDs: the first two are flagged; multi-line instruction deleted whole',
      code: 'FROM alpine:3 AS app\n  CMD echo one \\\n    two\nCMD ["a"]\n# the real one\ncmd ["b"]\n',
      errors: [
        { line: 2, column: 3, message: 'stage "app"' },
        { line: 4, column: 1, message: 'line 6' },
      ],
      output: 'FROM alpine:3 AS app\n# the real one\ncmd ["b"]\n',
    },
    {
      name: 'stages are separate',
      code: 'FROM alpine:3 AS one\nCMD ["a"]\nFROM alpine:3\nCMD ["b"]\nCMD ["c"]',
      errors: [{ line: 4, message: 'stage 2' }],
      output: 'FROM alpine:3 AS one\nCMD ["a"]\nFROM alpine:3\nCMD ["c"]',
    },
  ],
});
