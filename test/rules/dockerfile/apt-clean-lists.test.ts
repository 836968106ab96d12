import rule from '../../../src/lint/rules/dockerfile/apt-clean-lists.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'the cache-mount recipe: docker-clean removed, both apt directories cache mounts (same RUN or earlier)',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt \\\n    rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update && apt-get install -y curl\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked \\\n    apt-get update && apt-get install -y git\n',
    },
    {
      name: 'aptitude with the lists removed',
      code: 'FROM debian:12\nRUN aptitude update && aptitude install -y curl && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'a tmpfs mount on /var/lib/apt: the lists never reach the layer',
      code: 'FROM debian:12\nRUN --mount=type=tmpfs,target=/var/cache/apt --mount=type=tmpfs,target=/var/lib/apt \\\n apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'find … -delete of the lists, and rm of a brace glob over a parent',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && find /var/lib/apt/lists -type f -delete\nRUN apt update && apt install -y git && rm -rf /var/lib/{apt,dpkg,cache,log}/\n',
    },
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    {
      name: 'the directory itself',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -r /var/lib/apt/lists\n',
    },
    {
      name: 'a parent directory',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl; rm -rf /var/lib/apt\n',
    },
    {
      name: 'brace glob',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/{apt,dpkg}/*\n',
    },
    {
      name: 'apt-get distclean',
      code: 'FROM debian:13\nRUN apt-get update && apt-get install -y curl && apt-get distclean\n',
    },
    {
      name: 'cache mount on /var/lib/apt',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked \\\n    --mount=type=cache,target=/var/cache/apt \\\n    apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'cache mount on the lists, dst= spelling',
      code: 'FROM debian:12\nRUN --mount=type=cache,dst=/var/lib/apt/lists/ apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'a builder stage that does not ship',
      code: 'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nRUN make\nFROM debian:12-slim\nCOPY --from=build /out /app\n',
    },
    {
      name: 'install alone (the lists come from an earlier update)',
      code: 'FROM debian:12\nRUN apt-get install -y ./local.deb\n',
    },
    { name: 'exec form is not a shell', code: 'FROM debian:12\nRUN ["apt-get", "update"]\n' },
    {
      name: 'an ONBUILD trigger removing docker-clean runs in the child build, after the RUNs of this one',
      code: 'FROM debian:12\nONBUILD RUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl\n',
    },
    { name: 'other tools', code: 'FROM alpine:3.20\nRUN apk update && apk add curl\n' },
  ],
  invalid: [
    {
      name: 'docker-clean removed in an earlier RUN, only /var/lib/apt a cache mount: the .deb files stay in the layer',
      code: 'FROM debian:12\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN --mount=type=cache,target=/var/lib/apt \\\n    apt-get update && apt-get install -y curl\n',
      errors: [
        {
          line: 4,
          column: 23,
          message: '`docker-clean` was removed',
          aliases: ['DL3009', 'DFL:apt-get_missing_rm'],
        },
      ],
    },
    {
      name: 'ONBUILD: docker-clean removed by an earlier trigger, or by a RUN of this image, before a trigger that mounts only /var/lib/apt',
      code:
        'FROM ubuntu:24.04 AS base\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nFROM base\n' +
        'ONBUILD RUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y jq\n' +
        'FROM ubuntu:24.04\nONBUILD RUN rm /etc/apt/apt.conf.d/docker-clean\n' +
        'ONBUILD RUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y git\n',
      errors: [
        { line: 4, column: 70, messageId: 'debsKept' },
        { line: 7, column: 70, messageId: 'debsKept' },
      ],
    },
    {
      name: 'only /var/cache/apt a cache mount: the lists stay',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt \\\n    rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update && apt-get install -y curl\n',
      errors: [{ line: 3, column: 47, message: '`apt-get update`' }],
      output:
        'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt \\\n    rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'aptitude update',
      code: 'FROM debian:12\nRUN aptitude update && aptitude install -y curl\n',
      errors: [{ line: 2, column: 5, message: '`aptitude update`' }],
      output:
        'FROM debian:12\nRUN aptitude update && aptitude install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
      errors: [
        {
          line: 2,
          column: 5,
          message: '`apt-get update`',
          aliases: ['DL3009', 'DFL:apt-get_missing_rm'],
          severity: 'warning',
        },
      ],
      output:
        'FROM debian:12\nRUN apt-get update && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'apt-get clean alone is not enough',
      code: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y curl && apt-get clean\n',
      errors: [{ line: 2, column: 5 }],
      output:
        'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y curl && apt-get clean \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'rm before the update does not count; line continuations and trailing blanks',
      code: 'FROM debian:12\nRUN rm -rf /var/lib/apt/lists/* \\\n && sudo apt-get -q update \\\n && apt-get install -y curl   \nUSER app\n',
      errors: [{ line: 3, column: 10 }],
      output:
        'FROM debian:12\nRUN rm -rf /var/lib/apt/lists/* \\\n && sudo apt-get -q update \\\n && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*   \nUSER app\n',
    },
    {
      name: 'a RUN ending in `;`',
      code: 'FROM debian:12\nRUN set -eux; apt-get update; apt-get install -y curl;\n',
      errors: [{ line: 2, column: 15 }],
      output:
        'FROM debian:12\nRUN set -eux; apt-get update; apt-get install -y curl; \\\n    rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'an escaped `\\;` after a redirect is a word, not an operator',
      code: 'FROM debian:12\nRUN apt-get update && echo x > /f \\;\n',
      errors: [{ line: 2, column: 5 }],
      output:
        'FROM debian:12\nRUN apt-get update && echo x > /f \\; \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'apt update',
      code: 'FROM debian:12\nRUN apt update && apt install -y curl\n',
      errors: [{ line: 2, column: 5, message: '`apt update`' }],
      output:
        'FROM debian:12\nRUN apt update && apt install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'the final stage of a multi-stage build',
      code: 'FROM golang:1.22 AS build\nRUN apt-get update && apt-get install -y git\nFROM debian:12-slim\nRUN apt-get update && apt-get install -y ca-certificates\n',
      errors: [{ line: 4, column: 5 }],
      output:
        'FROM golang:1.22 AS build\nRUN apt-get update && apt-get install -y git\nFROM debian:12-slim\nRUN apt-get update && apt-get install -y ca-certificates \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'a stage the final stage is built FROM',
      code: 'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl\nFROM base\nCMD ["curl"]\n',
      errors: [{ line: 2, column: 5 }],
      output:
        'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\nFROM base\nCMD ["curl"]\n',
    },
    {
      name: 'a cache mount elsewhere does not count',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl\n',
      errors: [{ line: 2, column: 46 }],
      output:
        'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'ONBUILD, even in a builder stage',
      code: 'FROM debian:12 AS base\nONBUILD RUN apt-get update && apt-get install -y curl\nFROM alpine:3.20\n',
      errors: [{ line: 2, column: 13, message: 'ONBUILD RUN' }],
      output:
        'FROM debian:12 AS base\nONBUILD RUN apt-get update && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\nFROM alpine:3.20\n',
    },
    {
      name: 'heredoc',
      code: 'FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF\n',
      errors: [{ line: 4, column: 1 }],
      output:
        'FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF\n',
    },
    {
      name: 'CRLF line endings',
      code: 'FROM debian:12\r\nRUN apt-get update \\\r\n && apt-get install -y curl\r\n',
      errors: [{ line: 2, column: 5 }],
      output:
        'FROM debian:12\r\nRUN apt-get update \\\r\n && apt-get install -y curl \\\r\n    && rm -rf /var/lib/apt/lists/*\r\n',
    },
    {
      name: 'backtick escape',
      code: '# escape=`\nFROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
      errors: [{ line: 3, column: 5 }],
      output:
        '# escape=`\nFROM debian:12\nRUN apt-get update && apt-get install -y curl `\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'a trailing comment: reported without a fix',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl # tools\n',
      errors: [{ line: 2, column: 5, messageId: 'unsafeEnd' }],
    },
    {
      name: 'a heredoc that is stdin of a command: no fix',
      code: 'FROM debian:12\nRUN apt-get update && cat > /etc/motd <<EOF\nhello\nEOF\n',
      errors: [{ line: 2, column: 5 }],
    },
    {
      name: 'a RUN ending in an escaped `\\;`: it is part of the last word, so the cleanup is joined with `&&`',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl \\;\n',
      errors: [{ line: 2, column: 5 }],
      output:
        'FROM debian:12\nRUN apt-get update && apt-get install -y curl \\; \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'a BOM glued to the last word stays with it',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\uFEFF\n',
      errors: [{ line: 2, column: 5 }],
      output:
        'FROM debian:12\nRUN apt-get update && apt-get install -y curl\uFEFF \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'warning in the stage that ships; info in a stage the last one is built FROM, and in a builder',
      code: 'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl\nFROM golang:1.22 AS build\nRUN apt-get update && apt-get install -y git\nFROM base\nRUN apt-get update && apt-get install -y tini\n',
      errors: [
        { line: 2, messageId: 'fixable', severity: 'info' },
        { line: 6, messageId: 'fixable', severity: 'warning' },
      ],
      output:
        'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\nFROM golang:1.22 AS build\nRUN apt-get update && apt-get install -y git\nFROM base\nRUN apt-get update && apt-get install -y tini \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'a single-stage image that ships: warning',
      code: 'FROM debian:trixie-slim\nRUN DEBIAN_FRONTEND=noninteractive apt-get update \\\n && apt-get install -y --no-install-recommends build-essential\n',
      errors: [{ line: 2, messageId: 'fixable', severity: 'warning' }],
      output:
        'FROM debian:trixie-slim\nRUN DEBIAN_FRONTEND=noninteractive apt-get update \\\n && apt-get install -y --no-install-recommends build-essential \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'a base-image file (others are built FROM it): info',
      path: 'Dockerfile.base',
      code: 'FROM node:20\nRUN apt-get update && apt-get install -y git\n',
      errors: [{ line: 2, messageId: 'fixable', severity: 'info' }],
      output:
        'FROM node:20\nRUN apt-get update && apt-get install -y git \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'a development file: info',
      path: 'docker/devenv/Dockerfile',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y git\n',
      errors: [{ line: 2, messageId: 'fixable', severity: 'info' }],
      output:
        'FROM debian:12\nRUN apt-get update && apt-get install -y git \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'an ONBUILD RUN runs in the child image: info',
      code: 'FROM debian:12\nONBUILD RUN apt-get update && apt-get install -y git\n',
      errors: [{ line: 2, messageId: 'fixable', severity: 'info' }],
      output:
        'FROM debian:12\nONBUILD RUN apt-get update && apt-get install -y git \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
  ],
});
