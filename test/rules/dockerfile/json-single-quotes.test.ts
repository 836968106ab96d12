import rule from '../../../src/lint/rules/dockerfile/json-single-quotes.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM node:20-slim\nCMD ["node", "app.js"]\n',
    { name: 'shell form with single quotes', code: "FROM alpine:3\nCMD echo 'hello world'\n" },
    { name: 'an empty array', code: 'FROM alpine:3\nCMD []\n' },
    { name: 'brackets inside a shell command', code: "FROM alpine:3\nRUN echo ['x']\n" },
    { name: 'not an array of strings', code: "FROM alpine:3\nCMD ['a' 'b']\n" },
    { name: 'VOLUME in JSON', code: 'FROM alpine:3\nVOLUME ["/data", "/logs"]\n' },
    {
      name: 'HEALTHCHECK in JSON',
      code: 'FROM alpine:3\nHEALTHCHECK --interval=5s CMD ["wget", "-q", "localhost"]\n',
    },
    { name: 'LABEL is not an exec form', code: "FROM alpine:3\nLABEL tags=['a','b']\n" },
  ],
  invalid: [
    {
      code: "FROM node:20-slim\nCMD ['node', 'app.js']\n",
      errors: [{ line: 2, column: 5, messageId: 'singleQuotes', aliases: ['DFU:JSON_IN_SINGLE_QUOTES'] }],
      output: 'FROM node:20-slim\nCMD ["node", "app.js"]\n',
    },
    {
      name: 'mixed quotes in ENTRYPOINT',
      code: 'FROM alpine:3\nENTRYPOINT ["tini", \'--\']\n',
      errors: [{ line: 2, column: 12 }],
      output: 'FROM alpine:3\nENTRYPOINT ["tini", "--"]\n',
    },
    {
      name: 'RUN over a line continuation',
      code: "FROM debian:12\nRUN ['apt-get', \\\n     'update']\n",
      errors: [{ line: 2, column: 5 }],
      output: 'FROM debian:12\nRUN ["apt-get", \\\n     "update"]\n',
    },
    {
      name: 'HEALTHCHECK CMD after its flags',
      code: "FROM nginx:1.27\nHEALTHCHECK --interval=30s CMD ['curl', '-f', 'http://localhost/']\n",
      errors: [{ line: 2, column: 32, message: '`HEALTHCHECK CMD`' }],
      output: 'FROM nginx:1.27\nHEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost/"]\n',
    },
    {
      name: 'a double quote inside: no fix',
      code: "FROM alpine:3\nCMD ['sh', '-c', 'echo \"hi\"']\n",
      errors: [{ line: 2, column: 5, messageId: 'needsEscapes', message: 'escape the `"`' }],
    },
    {
      name: 'ONBUILD',
      code: "FROM node:20-slim\nONBUILD CMD ['npm', 'start']\n",
      errors: [{ line: 2, column: 13 }],
      output: 'FROM node:20-slim\nONBUILD CMD ["npm", "start"]\n',
    },
    {
      name: 'VOLUME and SHELL',
      code: "FROM alpine:3\nSHELL ['/bin/ash', '-eo', 'pipefail', '-c']\nVOLUME ['/data']\n",
      errors: [
        { line: 2, column: 7, message: 'the build fails' },
        { line: 3, column: 8, message: 'volume paths' },
      ],
      output: 'FROM alpine:3\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nVOLUME ["/data"]\n',
    },
  ],
});
