import rule from '../../../src/lint/rules/dockerfile/apk-no-cache.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a tmpfs mount on the cache',
      code: 'FROM alpine:3.20\nRUN --mount=type=tmpfs,target=/var/cache/apk apk add curl\n',
    },
    {
      name: 'rm -rf /var/cache/apk/* (or find … -delete) later in the same RUN',
      code: 'FROM alpine:3.20\nRUN apk update && apk add curl && rm -rf /var/cache/apk/*\nRUN apk add git; find /var/cache/apk -mindepth 1 -delete\n',
    },
    'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    { name: 'flag before the subcommand', code: 'FROM alpine:3.20\nRUN apk --no-cache add curl\n' },
    {
      name: 'virtual package with a value flag',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache -t .build-deps gcc musl-dev\n',
    },
    {
      name: 'cache mount on /var/cache/apk',
      code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n',
    },
    {
      name: 'cache mount on /etc/apk/cache',
      code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/etc/apk/cache apk add --update curl\n',
    },
    { name: 'not an add', code: 'FROM alpine:3.20\nRUN apk del .build-deps && apk info\n' },
    {
      name: '--no-network fetches no index',
      code: 'FROM alpine:3.20\nRUN apk add --no-network --virtual .rundeps $runDeps\n',
    },
    { name: 'a package called add', code: 'FROM alpine:3.20\nRUN echo apk add curl\n' },
    { name: 'exec form is not a shell', code: 'FROM alpine:3.20\nRUN ["apk", "add", "curl"]\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN apk add curl\n',
      errors: [
        { line: 2, column: 5, message: '`--no-cache`', aliases: ['DL3019', 'DS-0025'], severity: 'info' },
      ],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    },
    {
      name: 'rm of the cache in an earlier RUN, or before the add, does not clean it',
      code: 'FROM alpine:3.20\nRUN rm -rf /var/cache/apk/* && apk add curl\n',
      errors: [{ line: 2, column: 32 }],
      output: 'FROM alpine:3.20\nRUN rm -rf /var/cache/apk/* && apk add --no-cache curl\n',
    },
    {
      name: '--update, flags before the subcommand, line continuation, sudo',
      code: 'FROM alpine:3.20\nRUN set -eux \\\n && sudo apk -U add \\\n      curl git\n',
      errors: [{ line: 3, column: 10 }],
      output: 'FROM alpine:3.20\nRUN set -eux \\\n && sudo apk -U add --no-cache \\\n      curl git\n',
    },
    {
      name: 'a cache mount elsewhere does not count',
      code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache apk add curl\n',
      errors: [{ line: 2, column: 44 }],
      output: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache apk add --no-cache curl\n',
    },
    {
      name: 'multi-stage: every stage',
      code: 'FROM alpine:3.20 AS build\nRUN apk add gcc\nFROM alpine:3.20\nRUN apk add --no-cache curl\n',
      errors: [{ line: 2, column: 5 }],
      output:
        'FROM alpine:3.20 AS build\nRUN apk add --no-cache gcc\nFROM alpine:3.20\nRUN apk add --no-cache curl\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM alpine:3.20\nONBUILD RUN apk add curl\n',
      errors: [{ line: 2, column: 13 }],
      output: 'FROM alpine:3.20\nONBUILD RUN apk add --no-cache curl\n',
    },
    {
      name: 'heredoc',
      code: 'FROM alpine:3.20\nRUN <<EOF\napk add curl\nEOF\n',
      errors: [{ line: 3, column: 1 }],
      output: 'FROM alpine:3.20\nRUN <<EOF\napk add --no-cache curl\nEOF\n',
    },
    {
      name: 'after `--` every word is an operand: the flag goes before it',
      code: 'FROM alpine:3.20\nRUN apk -- add curl\n',
      errors: [{ line: 2, column: 5 }],
      output: 'FROM alpine:3.20\nRUN apk --no-cache -- add curl\n',
    },
  ],
});
