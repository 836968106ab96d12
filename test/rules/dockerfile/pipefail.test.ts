import rule from '../../../src/lint/rules/dockerfile/pipefail.js';
import { testRule } from '../../rule-tester.js';

const SHELL = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl || true\n',
    {
      name: 'SHELL with pipefail',
      code: `FROM debian:12\n${SHELL}\nRUN curl -fsSL https://x.test/a.tgz | tar xz\n`,
    },
    {
      name: 'SHELL with combined flags',
      code: 'FROM debian:12\nSHELL ["bash", "-euxo", "pipefail", "-c"]\nRUN a | b\n',
    },
    {
      name: 'set -o pipefail first',
      code: 'FROM alpine:3.20\nRUN set -o pipefail && wget -qO- https://x.test/i.sh | sh\n',
    },
    {
      name: 'set -eo pipefail; and -o errexit -o pipefail',
      code: 'FROM alpine:3.20\nRUN set -eo pipefail; a | b\nRUN set -o errexit -o pipefail; c | d\n',
    },
    {
      name: 'pipe only inside quotes',
      code: 'FROM debian:12\nRUN bash -o pipefail -c "a | b" && echo "x | y"\n',
    },
    {
      name: 'SHELL inherited through FROM <stage>',
      code: `FROM debian:12 AS base\n${SHELL}\nFROM base\nRUN a | b\n`,
    },
    {
      name: 'PowerShell and cmd stages are not POSIX shells',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Get-ChildItem | Select-Object Name\n',
    },
    {
      name: 'alternatives in a case pattern are not a pipe',
      code: 'FROM debian:12\nRUN case "$a" in x86_64|arm64) make ;; esac\n',
    },
    {
      name: 'Windows base: the default shell is cmd',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-ltsc2022\nRUN dir | findstr sdk\n',
    },
    { name: 'exec form', code: 'FROM debian:12\nRUN ["sh", "-c", "a | b"]\n' },
    { name: 'a non-shell SHELL', code: 'FROM python:3.12\nSHELL ["python3", "-c"]\nRUN print(1 | 2)\n' },
    {
      name: 'left side that cannot fail: echo (even of a substitution), printf of constants, a { echo; } group',
      code: 'FROM debian:12\nRUN echo "$SUM *x.tgz" | sha256sum -c -\nRUN printf \'%s\\n\' a b | tee /etc/x\nRUN { echo a; echo b; } | tee /etc/y\nRUN echo -n "$(cat /tags)" | tee /tmp/t\n',
    },
    {
      name: 'a pipeline that is a test: if/while condition, $(…) as an operand of [ ], [[ ]] and test',
      code: 'FROM debian:12\nRUN if head -n1 .git | grep -q gitdir; then a; fi\nRUN while curl -s x | grep -q wait; do sleep 1; done\nRUN [ "$(ls /a | wc -l)" -eq 2 ] && b\nRUN [[ $(c | d) ]] || e\nRUN test $(magick -version | grep -o png | wc -l) -eq 1\n',
    },
    {
      name: 'yes | … is never reported: pipefail would fail the step once yes gets SIGPIPE',
      code: 'FROM archlinux:base\nRUN yes | pacman -Scc\n',
    },
  ],
  invalid: [
    {
      name: 'echo with a command that can fail later in the pipe; the substitution in an assignment is reported',
      code: 'FROM alpine:3.20\nRUN echo a | sed s/a/b/ | sh\nRUN v="$(dpkg --print-architecture | awk -F- \'{print $NF}\')"\n',
      errors: [
        {
          line: 2,
          message: '`echo | … | sh` only fails when `sh` fails, so an error in `sed` goes unnoticed',
        },
        { line: 3, message: '`dpkg | awk`' },
      ],
      output:
        'FROM alpine:3.20\nRUN set -o pipefail && echo a | sed s/a/b/ | sh\nRUN set -o pipefail && v="$(dpkg --print-architecture | awk -F- \'{print $NF}\')"\n',
    },
    {
      name: 'a stage that also pipes yes: no fix, since pipefail would fail the yes RUN',
      code: 'FROM debian:12\nRUN curl -sL https://x.test/i.sh | sh\nRUN yes | apt-get install foo\nFROM alpine:3.20\nRUN yes | apk add x && wget -qO- y | sh\n',
      errors: [{ line: 2 }, { line: 5 }],
    },
    {
      name: 'a script the shell parser cannot read: reported, with no prefix that might land mid-statement',
      code: 'FROM alpine:3.20\nRUN curl -sL https://example.com | sh; echo $(\n',
      errors: [{ line: 2, message: '`curl | sh`' }],
    },
    {
      name: 'debian base: a SHELL line before the RUN',
      code: 'FROM debian:12\nRUN curl -fsSL https://x.test/a.tgz | tar xz\n',
      errors: [
        {
          line: 2,
          column: 5,
          message: '`curl | tar` only fails when `tar` fails, so an error in `curl` goes unnoticed',
          aliases: ['DL4006'],
        },
      ],
      output: `FROM debian:12\n${SHELL}\nRUN curl -fsSL https://x.test/a.tgz | tar xz\n`,
    },
    {
      name: 'alpine base: set -o pipefail in the RUN',
      code: 'FROM python:3.12-alpine\nRUN wget -qO- https://x.test/i.sh | sh\n',
      errors: [{ line: 2, column: 5 }],
      output: 'FROM python:3.12-alpine\nRUN set -o pipefail && wget -qO- https://x.test/i.sh | sh\n',
    },
    {
      name: 'alpine base, the command after a continuation and a comment line: set -o pipefail before the command',
      code: 'FROM alpine:3.20\nRUN \\\n  # fetch\n  wget -qO- https://x.test/i.sh | sh\n',
      errors: [{ line: 4, column: 3 }],
      output:
        'FROM alpine:3.20\nRUN \\\n  # fetch\n  set -o pipefail && wget -qO- https://x.test/i.sh | sh\n',
    },
    {
      name: 'a no-break space or BOM glued to the first word is part of it: the prefix goes before it',
      code: 'FROM alpine:3.20\nRUN \ufeffa | b\n',
      errors: [{ line: 2 }],
      output: 'FROM alpine:3.20\nRUN set -o pipefail && \ufeffa | b\n',
    },
    {
      name: 'one SHELL line for the whole stage, before its first offending RUN; longer pipeline',
      code: 'FROM ubuntu:24.04\nRUN apt-get update\nRUN a | b | c\nRUN d | e\n',
      errors: [
        { line: 3, column: 5, message: '`a | … | c`' },
        { line: 4, column: 5 },
      ],
      output: `FROM ubuntu:24.04\nRUN apt-get update\n${SHELL}\nRUN a | b | c\nRUN d | e\n`,
    },
    {
      name: 'set after the pipe does not help; +o turns it off again',
      code: 'FROM alpine:3.20\nRUN a | b && set -o pipefail\nRUN set -o pipefail; set +o pipefail; c | d\n',
      errors: [
        { line: 2, column: 5 },
        { line: 3, column: 39 },
      ],
      output:
        'FROM alpine:3.20\nRUN set -o pipefail && a | b && set -o pipefail\nRUN set -o pipefail; set +o pipefail; c | d\n',
    },
    {
      name: 'line continuation with a comment line, RUN flags',
      code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache \\\n    cat list.txt \\\n    # keep comments\n    | xargs pip install\n',
      errors: [{ line: 3, column: 5, message: '`cat | xargs`' }],
      output:
        'FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache \\\n    set -o pipefail && cat list.txt \\\n    # keep comments\n    | xargs pip install\n',
    },
    {
      name: 'multi-stage: the base of each stage decides the fix; FROM <stage> resolves to the real base',
      code: 'FROM node:20 AS build\nRUN a | b\nFROM alpine:3.20\nRUN c | d\nFROM build AS test\nRUN e | f\n',
      errors: [
        { line: 2, column: 5 },
        { line: 4, column: 5 },
        { line: 6, column: 5 },
      ],
      output: `FROM node:20 AS build\n${SHELL}\nRUN a | b\nFROM alpine:3.20\nRUN set -o pipefail && c | d\nFROM build AS test\nRUN e | f\n`,
    },
    {
      name: 'ONBUILD: the SHELL line goes before the ONBUILD',
      code: 'FROM debian:12\nONBUILD RUN a | b\n',
      errors: [{ line: 2, column: 13 }],
      output: `FROM debian:12\n${SHELL}\nONBUILD RUN a | b\n`,
    },
    {
      name: 'ONBUILD on alpine: set -o pipefail inside the trigger',
      code: 'FROM alpine:3.20\nONBUILD RUN a | b\n',
      errors: [{ line: 2, column: 13 }],
      output: 'FROM alpine:3.20\nONBUILD RUN set -o pipefail && a | b\n',
    },
    {
      name: 'heredoc body on alpine',
      code: 'FROM alpine:3.20\nRUN <<EOF\nset -e\nwget -qO- https://x.test | tar x\nEOF\n',
      errors: [{ line: 4, column: 1 }],
      output: 'FROM alpine:3.20\nRUN <<EOF\nset -o pipefail\nset -e\nwget -qO- https://x.test | tar x\nEOF\n',
    },
    {
      name: 'a bash SHELL without pipefail: fixed in the RUN; SHELL without -o pipefail does not count',
      code: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN a | b\n',
      errors: [{ line: 3, column: 5 }],
      output: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN set -o pipefail && a | b\n',
    },
    {
      name: 'a pipe inside a command substitution; indented instruction',
      code: 'FROM debian:12\n  RUN v="$(curl -s https://x.test | jq -r .v)" && echo $v\n',
      errors: [{ line: 2, column: 12, message: '`curl | jq`' }],
      output: `FROM debian:12\n  ${SHELL}\n  RUN v="$(curl -s https://x.test | jq -r .v)" && echo $v\n`,
    },
    {
      name: 'unknown or shell-less bases get no fix',
      code: 'ARG BASE\nFROM $BASE\nRUN a | b\nFROM gcr.io/distroless/base-debian12\nRUN c | d\n',
      errors: [
        { line: 3, column: 5 },
        { line: 5, column: 5 },
      ],
    },
    {
      name: 'Windows escape, busybox base',
      code: '# escape=`\nFROM busybox:1.36\nRUN a `\n  | b\n',
      errors: [{ line: 3, column: 5 }],
      output: '# escape=`\nFROM busybox:1.36\nRUN set -o pipefail && a `\n  | b\n',
    },
    {
      name: 'a lone `\\r` earlier in the file: the SHELL line still goes right before the RUN',
      code: 'FROM debian:12 AS base\r\u0000\nRUN curl -sSL https://x/install.sh | sh\n',
      errors: [{ line: 2, column: 5 }],
      output:
        'FROM debian:12 AS base\r\u0000\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -sSL https://x/install.sh | sh\n',
    },
  ],
});
