import rule from '../../../src/lint/rules/dockerfile/wget-progress.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN wget --progress=dot:giga https://example.com/a.tgz\n',
    'FROM debian:12\nRUN wget -q https://example.com/a.tgz\n',
    'FROM debian:12\nRUN wget -nv https://example.com/a.tgz\n',
    {
      name: 'quiet inside a cluster',
      code: 'FROM debian:12\nRUN wget -qO- https://example.com/a.tgz | tar xz\n',
    },
    {
      name: 'output to a log file',
      code: 'FROM debian:12\nRUN wget -o /tmp/wget.log https://example.com/a.tgz\n',
    },
    {
      name: 'long forms',
      code: 'FROM debian:12\nRUN wget --no-verbose https://example.com/a && wget --quiet https://example.com/b\n',
    },
    {
      name: 'any progress style',
      code: 'FROM debian:12\nRUN wget --progress=bar:force https://example.com/a\n',
    },
    {
      name: '-q written against a shell heredoc',
      code: 'FROM alpine:3.20\nRUN wget -q<<EOF\n-O /tmp/a https://example.com/a\nEOF\n',
    },
    { name: 'exec form is not read', code: 'FROM debian:12\nRUN ["wget", "https://example.com/a"]\n' },
  ],
  invalid: [
    {
      code: 'FROM node AS foo\nRUN wget my.xyz\n',
      errors: [{ line: 2, column: 5, messageId: 'progress', aliases: ['DL3047'] }],
      output: 'FROM node AS foo\nRUN wget --progress=dot:giga my.xyz\n',
    },
    {
      name: 'line continuation and sudo',
      code: 'FROM debian:12\nRUN apt-get update \\\n && sudo wget -O /tmp/a.tgz \\\n      https://example.com/a.tgz\n',
      errors: [{ line: 3, column: 10 }],
      output:
        'FROM debian:12\nRUN apt-get update \\\n && sudo wget --progress=dot:giga -O /tmp/a.tgz \\\n      https://example.com/a.tgz\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian:12\nONBUILD RUN wget https://example.com/a\n',
      errors: [{ line: 2, column: 13 }],
      output: 'FROM debian:12\nONBUILD RUN wget --progress=dot:giga https://example.com/a\n',
    },
    {
      name: 'BusyBox wget on Alpine gets -q (no --progress option there)',
      code: 'FROM alpine:3.20\nRUN wget https://example.com/a\n',
      errors: [{ line: 2, column: 5, messageId: 'busybox' }],
      output: 'FROM alpine:3.20\nRUN wget -q https://example.com/a\n',
    },
    {
      name: 'an Alpine variant of another image has BusyBox wget too',
      code: 'FROM node:22-alpine\nRUN wget https://example.com/a\n',
      errors: [{ line: 2, column: 5, messageId: 'busybox' }],
      output: 'FROM node:22-alpine\nRUN wget -q https://example.com/a\n',
    },
    {
      name: 'GNU wget installed on Alpine, in a stage built from that stage',
      code: 'FROM alpine:3.20 AS base\nRUN apk add --no-cache wget\nFROM base\nRUN wget https://example.com/a\n',
      errors: [{ line: 4, column: 5, messageId: 'progress' }],
      output:
        'FROM alpine:3.20 AS base\nRUN apk add --no-cache wget\nFROM base\nRUN wget --progress=dot:giga https://example.com/a\n',
    },
    {
      name: 'two downloads in a heredoc',
      code: 'FROM debian:12\nRUN <<EOF\nwget https://example.com/a\nwget -q https://example.com/b\nwget -c https://example.com/c\nEOF\n',
      errors: [
        { line: 3, column: 1 },
        { line: 5, column: 1 },
      ],
      output:
        'FROM debian:12\nRUN <<EOF\nwget --progress=dot:giga https://example.com/a\nwget -q https://example.com/b\nwget --progress=dot:giga -c https://example.com/c\nEOF\n',
    },
  ],
});
