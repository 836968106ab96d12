import rule from '../../../src/lint/rules/dockerfile/exec-form.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM node:20-slim\nCMD ["node", "server.js"]\n',
    'FROM node:20-slim\nENTRYPOINT ["/usr/bin/tini", "--"]\nCMD ["node", "server.js"]\n',
    {
      name: 'an init in exec form is PID 1 and forwards signals to a shell-form CMD (langfuse)',
      code: 'FROM node:20-slim\nENTRYPOINT ["dumb-init", "--", "./entrypoint.sh"]\nCMD if [ -n "$X" ]; then node a.js; else node b.js; fi\n',
    },
    {
      name: 'the init ENTRYPOINT of the stage it is built FROM',
      code: 'FROM node:20-slim AS base\nENTRYPOINT ["/sbin/tini", "--"]\nFROM base\nCMD node server.js\n',
    },
    {
      name: 'exec-form health probe',
      code: 'FROM nginx:1\nHEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost/"]\n',
    },
    { name: 'HEALTHCHECK NONE', code: 'FROM nginx:1\nHEALTHCHECK NONE\n' },
    {
      name: 'a health probe that needs the shell is left alone',
      code: 'FROM nginx:1\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n',
    },
    {
      name: 'SHELL set earlier in the stage',
      code: 'FROM alpine:3\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nCMD my-app start\n',
    },
    {
      name: 'SHELL set in the stage this one is built FROM',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base\nSHELL ["powershell", "-Command"]\nFROM base\nCMD Write-Host hi\n',
    },
    {
      name: 'the shell execs the app',
      code: 'FROM python:3.12-slim\nCMD exec gunicorn --bind "0.0.0.0:$PORT" app:app\n',
    },
    { name: 'setup, then exec', code: 'FROM python:3.12-slim\nCMD ./migrate.sh && exec gunicorn app:app\n' },
    { name: 'malformed JSON is another rule', code: "FROM alpine:3\nCMD ['echo', 'hi']\n" },
  ],
  invalid: [
    {
      name: 'a lone command: busybox ash execs it, so node is PID 1; info, with what shell form really costs',
      code: 'ARG NODE_VERSION=18.0.0\nFROM node:${NODE_VERSION}-alpine AS base\nFROM base AS prod\nCMD node src/index.js\n',
      errors: [
        {
          line: 4,
          severity: 'info',
          message:
            '`CMD` in shell form starts `node` through `/bin/sh -c`; the shell execs a lone command (bash, BusyBox ash, dash 0.5.11 on), so `node` gets SIGTERM itself, but the image needs `/bin/sh` to start: write it as `["node", "src/index.js"]`.',
        },
      ],
      output:
        'ARG NODE_VERSION=18.0.0\nFROM node:${NODE_VERSION}-alpine AS base\nFROM base AS prod\nCMD ["node", "src/index.js"]\n',
    },
    {
      name: 'a lone command with an expansion: info, exec advised, no fix',
      code: 'FROM python:3.12-slim\nCMD gunicorn --bind "0.0.0.0:$PORT" app:app\n',
      errors: [{ line: 2, severity: 'info', message: 'write `exec` before it' }],
    },
    {
      name: 'dash before 0.5.11 (Debian 10, Ubuntu 18.04) forks even a lone command: the shell stays PID 1',
      code: 'FROM node:14-buster\nCMD node server.js\nFROM ubuntu:18.04\nCMD my-app\nFROM debian:10-slim\nCMD my-app\n',
      errors: [
        { line: 2, severity: 'warning', message: 'which becomes PID 1' },
        { line: 4, severity: 'warning', message: 'which becomes PID 1' },
        { line: 6, severity: 'warning', message: 'which becomes PID 1' },
      ],
      output:
        'FROM node:14-buster\nCMD ["node", "server.js"]\nFROM ubuntu:18.04\nCMD ["my-app"]\nFROM debian:10-slim\nCMD ["my-app"]\n',
    },
    {
      name: 'a background job, a subshell or a trap keeps the shell as PID 1',
      code: "FROM alpine:3\nCMD my-app &\nFROM alpine:3\nCMD (my-app)\nFROM alpine:3\nCMD trap 'exit 0' TERM; my-app\n",
      errors: [
        { line: 2, severity: 'warning', message: 'PID 1' },
        { line: 4, severity: 'warning', message: 'PID 1' },
        { line: 6, severity: 'warning', message: 'PID 1' },
      ],
    },
    {
      name: 'a lone shell-form ENTRYPOINT ignores the CMD of the image: warning; with no CMD, info',
      code: 'FROM alpine:3 AS base\nCMD ["--help"]\nFROM base\nENTRYPOINT my-app --verbose\nFROM alpine:3\nENTRYPOINT my-app\n',
      errors: [
        { line: 4, severity: 'warning', message: 'which ignores the `CMD` of this image' },
        { line: 6, severity: 'info', message: 'which ignores `CMD` and the arguments of `docker run`' },
      ],
      output:
        'FROM alpine:3 AS base\nCMD ["--help"]\nFROM base\nENTRYPOINT ["my-app", "--verbose"]\nFROM alpine:3\nENTRYPOINT ["my-app"]\n',
    },
    {
      name: 'an exec-form ENTRYPOINT that is not an init does not help',
      code: 'FROM node:20-slim\nENTRYPOINT ["./entrypoint.sh"]\nCMD node server.js\n',
      errors: [
        { line: 3, severity: 'info', message: "the `ENTRYPOINT` receives `/bin/sh -c '…'` as its arguments" },
      ],
      output: 'FROM node:20-slim\nENTRYPOINT ["./entrypoint.sh"]\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'a later ENTRYPOINT replaces the init',
      code: 'FROM node:20-slim AS base\nENTRYPOINT ["tini", "--"]\nFROM base\nENTRYPOINT ["./run.sh"]\nCMD node server.js\n',
      errors: [{ line: 5, severity: 'info', message: 'as its arguments' }],
      output:
        'FROM node:20-slim AS base\nENTRYPOINT ["tini", "--"]\nFROM base\nENTRYPOINT ["./run.sh"]\nCMD ["node", "server.js"]\n',
    },
    {
      code: 'FROM node:20-slim\nCMD node server.js\n',
      errors: [
        {
          line: 2,
          column: 5,
          severity: 'info',
          message: '`["node", "server.js"]`',
          aliases: ['DL3025', 'JSONArgsRecommended'],
        },
      ],
      output: 'FROM node:20-slim\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'ENTRYPOINT, quoted words and JSON escaping',
      code: 'FROM alpine:3\nENTRYPOINT my-program --greeting "say \'hi\'" \'a "b"\'\n',
      errors: [{ line: 2, column: 12, message: 'SIGTERM' }],
      output: 'FROM alpine:3\nENTRYPOINT ["my-program", "--greeting", "say \'hi\'", "a \\"b\\""]\n',
    },
    {
      name: 'line continuation, lower-case keyword',
      code: 'FROM node:20-slim\ncmd node \\\n    server.js --port 8080\n',
      errors: [{ line: 2, column: 5 }],
      output: 'FROM node:20-slim\ncmd ["node", "server.js", "--port", "8080"]\n',
    },
    {
      name: 'simple health probe: info, no DL3025 alias',
      code: 'FROM nginx:1\nHEALTHCHECK --interval=5s --timeout=3s CMD curl -f http://localhost/\n',
      errors: [{ line: 2, column: 44, severity: 'info', aliases: [], message: 'without a shell' }],
      output:
        'FROM nginx:1\nHEALTHCHECK --interval=5s --timeout=3s CMD ["curl", "-f", "http://localhost/"]\n',
    },
    {
      name: 'ONBUILD CMD',
      code: 'FROM node:20-slim\nONBUILD CMD npm start\n',
      errors: [{ line: 2, column: 13 }],
      output: 'FROM node:20-slim\nONBUILD CMD ["npm", "start"]\n',
    },
    {
      name: 'chained commands: no fix, suggest exec',
      code: 'FROM python:3.12-slim\nCMD python manage.py migrate && gunicorn app:app\n',
      errors: [{ line: 2, column: 5, message: '`&&`' }],
    },
    {
      name: 'variable expansion: no fix',
      code: 'FROM python:3.12-slim\nCMD gunicorn --bind 0.0.0.0:$PORT app:app\n',
      errors: [{ line: 2, column: 5, message: '`0.0.0.0:$PORT`' }],
    },
    {
      name: 'redirect and glob: no fix',
      code: 'FROM alpine:3\nENTRYPOINT run-all > /var/log/jobs.log\nCMD ls *.txt\n',
      errors: [
        { line: 2, column: 12, message: 'start the last command with `exec`' },
        { line: 3, column: 5, message: '`*.txt`' },
      ],
    },
    {
      name: 'a shell builtin has no executable: no fix',
      code: 'FROM alpine:3\nCMD cd /app\n',
      errors: [{ line: 2, message: 'builtin `cd`' }],
    },
    {
      name: 'SHELL in another stage does not count',
      code: 'FROM alpine:3 AS tools\nSHELL ["/bin/ash", "-c"]\nFROM alpine:3\nCMD my-app\nSHELL ["/bin/ash", "-c"]\n',
      errors: [{ line: 4, column: 5 }],
      output:
        'FROM alpine:3 AS tools\nSHELL ["/bin/ash", "-c"]\nFROM alpine:3\nCMD ["my-app"]\nSHELL ["/bin/ash", "-c"]\n',
    },
    {
      name: 'exec in the middle is not the last command',
      code: 'FROM alpine:3\nCMD exec my-app | tee /log\n',
      errors: [{ line: 2, message: 'a pipe' }],
    },
    {
      name: 'a base image named like an Object.prototype key is no old Debian or Ubuntu release',
      code: 'FROM constructor:10\nCMD node src/index.js\n',
      errors: [{ line: 2, severity: 'info', message: 'the shell execs a lone command' }],
      output: 'FROM constructor:10\nCMD ["node", "src/index.js"]\n',
    },
  ],
});
