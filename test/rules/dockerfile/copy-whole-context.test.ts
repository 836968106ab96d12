import rule from '../../../src/lint/rules/dockerfile/copy-whole-context.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM python:3.12-slim\nWORKDIR /srv\nCOPY requirements.txt ./\nCOPY app/ ./app/\n',
    {
      name: 'a folder of the context, copied into the working directory',
      code: 'FROM nginx:1.27\nCOPY site/ .\n',
    },
    {
      name: 'the whole filesystem of another stage is copy-from-root, not this rule',
      code: 'FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=build . /out\n',
    },
    {
      name: 'a file whose name starts with a dot',
      code: 'FROM alpine:3.20\nCOPY .env.example /etc/app.env\n',
    },
  ],
  invalid: [
    {
      code: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\n',
      errors: [
        { line: 3, column: 6, message: '`COPY . .` copies the whole build context', aliases: ['DL4007'] },
      ],
    },
    {
      name: 'quoted, with a trailing slash, and into another folder',
      code: 'FROM ruby:3.3-slim\nCOPY \'./\' /srv/app\nCOPY "." /srv/copy\n',
      errors: [{ line: 2 }, { line: 3 }],
    },
    {
      name: 'every such copy, ADD and ONBUILD too, in any stage',
      code: 'FROM alpine:3.20 AS base\nADD * /src/\nFROM base\nONBUILD COPY ./* /src/\n',
      errors: [{ line: 2 }, { line: 4 }],
    },
  ],
});
