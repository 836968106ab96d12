import rule from '../../../src/lint/rules/dockerfile/invalid-definition-description.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    '# base-builder the stage that compiles\nFROM golang:1.23 AS base-builder\n# VERSION the release to build\nARG VERSION=1.0\n',
    {
      name: 'an empty line separates a plain comment',
      code: '# builds things\n\nFROM golang:1.23 AS build\n',
    },
    { name: 'unnamed stages and no comment', code: 'FROM alpine:3.20\nARG X=1\n' },
    {
      name: 'a bare # is a spacer, not a description',
      code: 'FROM alpine:3.20\nARG A=1\n#\nARG B=2\n',
    },
    {
      name: 'an ARG of several names is described by any of them',
      code: 'FROM alpine:3.20\n# MINOR the second part of the version\nARG MAJOR=1 MINOR=2\n',
    },
    {
      name: 'directives and pragmas are not descriptions',
      code: '# syntax=docker/dockerfile:1\nFROM alpine:3.20 AS base\n# hadolint ignore=DL3008\nARG X=1\n',
    },
  ],
  invalid: [
    {
      code: '# compiles the app\nFROM golang:1.23 AS build\n',
      errors: [
        {
          line: 2,
          column: 1,
          message: 'does not start with `build`',
          aliases: ['InvalidDefinitionDescription'],
        },
      ],
    },
    {
      name: 'an ARG',
      code: 'FROM alpine:3.20\n# the version to install\nARG VERSION=1.0\n',
      errors: [{ line: 3, message: '`# VERSION <description>`' }],
    },
    {
      name: 'an ARG of several names, none of them first in the comment',
      code: 'FROM alpine:3.20\n# pinned versions\nARG MAJOR=1 MINOR=2\n',
      errors: [{ line: 3, message: 'one of its names (`MAJOR`, `MINOR`)' }],
    },
  ],
});
