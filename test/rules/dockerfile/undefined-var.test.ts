import rule from '../../../src/lint/rules/dockerfile/undefined-var.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM alpine:3.20 AS base\nARG foo\nCOPY $foo .\n',
    { name: 'the base image defines it', code: 'FROM python:3.12 AS base\nARG VERSION=$PYTHON_VERSION\n' },
    { name: 'PATH always exists', code: 'FROM alpine:3.20\nENV PATH=$PATH:/app/bin\n' },
    {
      name: 'RUN, CMD and ENTRYPOINT are left to the shell',
      code: 'FROM alpine:3.20\nRUN echo $foo\nCMD echo $bar\nENTRYPOINT ["sh", "-c", "echo $baz"]\n',
    },
    {
      name: 'escaped, single-quoted, or with a default',
      code: 'FROM alpine:3.20\nENV A=\\$foo B=\'$bar\' C=${baz:-x} D=${qux:+y}\nLABEL e="\\$money"\n',
    },
    {
      name: 'ENV inherited from an earlier stage',
      code: 'FROM scratch AS base\nENV app_dir=/srv\nFROM base\nWORKDIR $app_dir\n',
    },
    {
      name: 'ARG handed down from the stage this one is built on, and from its parent',
      code: 'FROM scratch AS base\nARG src_dir=app\nFROM base AS mid\nFROM mid\nCOPY $src_dir /srv\n',
    },
    {
      name: 'global ARG declared again in the stage',
      code: 'ARG version=1\nFROM alpine:3.20\nARG version\nLABEL v=$version\n',
    },
    { name: 'ARG referring to itself or an earlier one', code: 'FROM alpine:3.20\nARG a=$a\nARG c=${a}\n' },
    { name: 'ONBUILD expands downstream', code: 'FROM alpine:3.20\nONBUILD COPY $src /app\n' },
    {
      name: 'heredoc body of COPY is content',
      code: 'FROM alpine:3.20\nCOPY <<EOF /etc/motd\nhello $user\nEOF\n',
    },
  ],
  invalid: [
    {
      name: 'an ARG of a stage this one is not built on',
      code: 'FROM scratch AS one\nARG src_dir=app\nFROM scratch AS two\nCOPY $src_dir /srv\n',
      errors: [{ line: 4, messageId: 'undefined' }],
    },
    {
      name: 'the documented COPY example',
      code: 'FROM alpine:3.20 AS base\nCOPY $foo .\n',
      errors: [
        {
          line: 2,
          column: 6,
          messageId: 'undefined',
          message: '`$foo`',
          aliases: ['UndefinedVar'],
        },
      ],
    },
    {
      name: 'ARG default from an undefined variable',
      code: 'FROM alpine:3.20 AS base\nARG VERSION=$foo\n',
      errors: [{ line: 2, column: 13, messageId: 'undefined', message: '`$foo`' }],
    },
    {
      name: 'typo with did-you-mean',
      code: 'FROM alpine:3.20\nENV PATH=$PAHT:/app/bin\n',
      errors: [{ line: 2, column: 10, messageId: 'typo', message: '`$PATH`' }],
    },
    {
      name: 'typo of a declared ARG, braces, reported once',
      code: 'FROM node:20\nARG APP_VERSION=1.0\nLABEL version=${APP_VERISON} other=$APP_VERISON\n',
      errors: [{ line: 3, column: 15, messageId: 'typo', message: '`$APP_VERSION`' }],
    },
    {
      name: 'global ARG not declared again in the stage',
      code: 'ARG VERSION=1.2\nFROM alpine:3.20\nRUN true\nLABEL version=$VERSION\n',
      errors: [{ line: 4, column: 15, messageId: 'globalArg', message: '`ARG VERSION`' }],
    },
    {
      name: 'BuildKit platform argument not declared',
      code: 'FROM golang:1.22 AS build\nCOPY bin/app-${TARGETARCH} /usr/local/bin/app\n',
      errors: [{ line: 2, column: 14, messageId: 'automaticArg', message: 'stage "build"' }],
    },
    {
      name: 'scratch: every name is known, upper case included',
      code: 'FROM scratch\nCOPY app /app\nUSER $APP_USER\nWORKDIR /srv/$APP_DIR\n',
      errors: [
        { line: 3, column: 6, messageId: 'undefined', message: '`$APP_USER`' },
        { line: 4, column: 14, messageId: 'undefined', message: '`$APP_DIR`' },
      ],
    },
    {
      name: 'ARG is scoped to its stage; flags and continuation lines',
      code: 'FROM alpine:3.20 AS a\nARG owner=app\nFROM alpine:3.20\nCOPY --chown=$owner \\\n    a.txt $dest_dir/\n',
      errors: [
        { line: 4, column: 14, messageId: 'undefined', message: '`$owner`' },
        { line: 5, column: 11, messageId: 'undefined', message: '`$dest_dir`' },
      ],
    },
    {
      name: 'used before its later definition',
      code: 'FROM alpine:3.20\nWORKDIR /home/$user\nARG user=app\nEXPOSE $port\nSTOPSIGNAL $sig\nVOLUME ["/data/$vol"]\n',
      errors: [
        { line: 2, column: 15 },
        { line: 4, column: 8 },
        { line: 5, column: 12 },
        { line: 6, column: 16 },
      ],
    },
  ],
});
