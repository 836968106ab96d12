import rule from '../../../src/lint/rules/dockerfile/copy-from-unknown-stage.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM scratch AS build\nRUN foo\nFROM node:22\nCOPY --from=build foo .\nRUN baz\n',
    {
      name: 'an earlier stage index',
      code: 'FROM golang:1.22\nRUN go build\nFROM alpine:3.20\nCOPY --from=0 /app /app\n',
    },
    {
      name: 'case-insensitive name',
      code: 'FROM golang:1.22 AS Build\nFROM alpine:3.20\nCOPY --from=build /app /app\n',
    },
    {
      name: 'image references',
      code: 'FROM alpine:3.20\nCOPY --from=docker:27.1 /usr/local/bin/docker /usr/local/bin/\nCOPY --from=ghcr.io/astral-sh/uv /uv /bin/\nCOPY --from=hadolint/hadolint /bin/hadolint /bin/\nCOPY --from=busybox@sha256:0123456789abcdef0123456789abcdef /bin/sh /bin/sh\n',
    },
    {
      name: 'a well-known image without tag',
      code: 'FROM scratch\nCOPY --from=busybox /bin/busybox /busybox\n',
    },
    {
      name: 'a stage named through an ARG',
      code: 'ARG SRC=builder\nFROM alpine:3.20 AS builder\nFROM alpine:3.20\nARG SRC\nCOPY --from=$SRC foo.txt bar.txt\n',
    },
    {
      name: 'an ARG with no value cannot be judged',
      code: 'FROM alpine:3.20\nARG SRC\nCOPY --from=$SRC /a /b\n',
    },
    { name: 'its own stage is copy-from-own-stage', code: 'FROM alpine:3.20 AS a\nCOPY --from=a /x /y\n' },
    { name: 'ONBUILD names stages of another build', code: 'FROM node:22\nONBUILD COPY --from=deps /a /a\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nCOPY --from=foo bar .\n',
      errors: [{ line: 2, column: 13, messageId: 'pulledImage', aliases: ['DL3022'] }],
    },
    {
      name: 'a stage number before any FROM: the stages are numbered from the first FROM, and none comes first',
      code: 'WORKDIR /srv\nCOPY --from=0 /build/out ./\nFROM debian:12\nCOPY --from=0 /etc/os-release /tmp/\n',
      errors: [
        { line: 2, column: 13, messageId: 'noStage', message: 'no `FROM` comes before this instruction' },
      ],
    },
    {
      name: 'a stage defined after',
      code: 'FROM scratch\nCOPY --from=build foo .\nFROM node:22 AS build\nRUN baz\n',
      errors: [{ line: 2, column: 13, messageId: 'laterStage', message: 'on line 3' }],
    },
    {
      name: 'a typo of a stage name',
      code: 'FROM golang:1.22 AS builder\nRUN go build\nFROM alpine:3.20\nCOPY --from=biulder /app /app\n',
      errors: [{ line: 4, messageId: 'typo', message: '`builder`?' }],
    },
    {
      name: 'an index past the current stage',
      code: 'FROM golang:1.22\nCOPY --from=1 /a /a\nFROM alpine:3.20\n',
      errors: [{ line: 2, messageId: 'laterIndex' }],
    },
    {
      name: 'a name resolved from an ARG',
      code: 'FROM alpine:3.20\nARG SRC=bulid\nCOPY --from=${SRC} /a /b\n',
      errors: [{ line: 3, messageId: 'pulledImage', message: '`bulid`' }],
    },
  ],
});
