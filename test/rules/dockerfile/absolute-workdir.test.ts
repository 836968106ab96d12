import rule from '../../../src/lint/rules/dockerfile/absolute-workdir.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM alpine:3.20\nWORKDIR /app\n',
    { name: 'variables', code: 'FROM alpine:3.20\nARG DIR=/srv\nWORKDIR $DIR\nWORKDIR ${HOME}/app\n' },
    {
      name: 'Windows paths',
      code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR C:\\\\app\nWORKDIR c:/tools\n',
    },
    { name: 'quoted absolute path', code: 'FROM alpine:3.20\nWORKDIR "/my app"\n' },
    {
      name: 'relative to an absolute WORKDIR earlier in the stage',
      code: 'FROM alpine:3.20\nWORKDIR /app\nWORKDIR src\n',
    },
    {
      name: 'relative to the WORKDIR of the stage it is built FROM',
      code: 'FROM alpine:3.20 AS base\nWORKDIR /app\nFROM base\nWORKDIR src\n',
    },
    {
      name: 'ONBUILD trigger runs after the stage set an absolute WORKDIR',
      code: 'FROM alpine:3.20\nONBUILD WORKDIR src\nWORKDIR /app\n',
    },
  ],
  invalid: [
    {
      code: 'FROM nginx:1.27\nWORKDIR usr/share/nginx/html\nCOPY public .\n',
      errors: [
        {
          line: 2,
          column: 9,
          message: '`/usr/share/nginx/html`',
          aliases: ['DL3000', 'WorkdirRelativePath', 'CKV_DOCKER_10', 'DS-0009'],
        },
      ],
      output: 'FROM nginx:1.27\nWORKDIR /usr/share/nginx/html\nCOPY public .\n',
    },
    {
      name: 'quoted, lower-case keyword',
      code: 'FROM alpine:3.20\nworkdir "app"\n',
      errors: [{ line: 2, column: 9 }],
      output: 'FROM alpine:3.20\nworkdir "/app"\n',
    },
    {
      name: './ prefix; only the first WORKDIR of the stage is reported',
      code: 'FROM alpine:3.20\nWORKDIR ./app\nWORKDIR src\n',
      errors: [{ line: 2, column: 9, message: '`/app`' }],
      output: 'FROM alpine:3.20\nWORKDIR /app\nWORKDIR src\n',
    },
    {
      name: 'an absolute WORKDIR in another (unrelated) stage does not count',
      code: 'FROM alpine:3.20 AS build\nWORKDIR /src\nFROM alpine:3.20\nWORKDIR app\n',
      errors: [{ line: 4, column: 9 }],
      output: 'FROM alpine:3.20 AS build\nWORKDIR /src\nFROM alpine:3.20\nWORKDIR /app\n',
    },
    {
      name: 'parent directory: no fix',
      code: 'FROM alpine:3.20\nWORKDIR ../data\n',
      errors: [{ line: 2, column: 9, message: 'give the full path.' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM alpine:3.20\nONBUILD WORKDIR app\n',
      errors: [{ line: 2, column: 17 }],
      output: 'FROM alpine:3.20\nONBUILD WORKDIR /app\n',
    },
  ],
});
