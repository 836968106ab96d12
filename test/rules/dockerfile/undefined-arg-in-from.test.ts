import rule from '../../../src/lint/rules/dockerfile/undefined-arg-in-from.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM alpine:3.20\n',
    {
      name: 'declared with a default',
      code: 'ARG VARIANT="-alpine3.20"\nFROM node:22${VARIANT} AS jsbuilder\n',
    },
    { name: 'declared without a default', code: 'ARG TAG\nFROM alpine:${TAG:-3.20}\n' },
    {
      name: "BuildKit's platform ARGs are predefined",
      code: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build_amd64\nFROM build_${TARGETARCH} AS build\nFROM --platform=${TARGETPLATFORM} alpine:3.20\n',
    },
    {
      name: 'a global ARG serves every FROM',
      code: 'ARG DEBIAN=12\nFROM debian:${DEBIAN} AS a\nRUN true\nFROM debian:${DEBIAN}-slim\n',
    },
    { name: 'variables outside FROM are not this rule', code: 'FROM alpine:3.20\nRUN echo $UNDECLARED\n' },
  ],
  invalid: [
    {
      code: 'FROM node:22${VARIANT} AS jsbuilder\n',
      errors: [
        {
          line: 1,
          column: 13,
          message: '`FROM` uses `VARIANT`, which no global `ARG` declares',
          aliases: ['UndefinedArgInFrom'],
        },
      ],
    },
    {
      name: 'a typo of a declared ARG',
      code: 'ARG ALPINE_VERSION=3.20\nFROM alpine:${ALPINE_VERSOIN}\n',
      errors: [{ line: 2, column: 13, message: 'Did you mean `ALPINE_VERSION`?' }],
    },
    {
      name: 'a misspelt predefined ARG in --platform',
      code: 'FROM --platform=$BUILDPLATFROM golang:1.22 AS build\n',
      errors: [{ line: 1, column: 17, message: '`FROM --platform` uses `BUILDPLATFROM`' }],
    },
    {
      name: 'different case',
      code: 'ARG base_image=debian:12\nFROM $BASE_IMAGE\n',
      errors: [{ line: 2, column: 6, message: 'Did you mean `base_image`?' }],
    },
    {
      name: 'an ARG declared inside a stage does not reach a later FROM',
      code: 'FROM alpine:3.20 AS first\nARG TAG=3.19\nFROM alpine:$TAG\n',
      errors: [{ line: 3, column: 13, message: '`ARG TAG` on line 2 is inside a stage' }],
    },
    {
      name: 'each variable once per FROM, in several stages',
      code: 'FROM $REGISTRY/base:$REGISTRY AS a\nFROM $REGISTRY/other:1\n',
      errors: [
        { line: 1, column: 6, message: '`REGISTRY`' },
        { line: 2, column: 6, message: '`REGISTRY`' },
      ],
    },
  ],
});
