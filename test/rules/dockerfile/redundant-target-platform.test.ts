import rule from '../../../src/lint/rules/dockerfile/redundant-target-platform.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM alpine:3.20 AS builder\nRUN apk add --no-cache git\n',
    { name: 'build platform', code: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n' },
    { name: 'a constant is another rule', code: 'FROM --platform=linux/amd64 alpine:3.20\n' },
    {
      name: 'part of a longer value',
      code: 'FROM --platform=${TARGETPLATFORM:+linux/amd64} alpine:3.20\n',
    },
    {
      name: 'TARGETPLATFORM given a default by a global ARG',
      code: 'ARG TARGETPLATFORM=linux/arm64\nFROM --platform=$TARGETPLATFORM alpine:3.20\n',
    },
  ],
  invalid: [
    {
      code: 'FROM --platform=$TARGETPLATFORM alpine:3.20 AS builder\nRUN apk add --no-cache git\n',
      errors: [{ line: 1, column: 6, message: 'redundant', aliases: ['DL3065', 'RedundantTargetPlatform'] }],
      output: 'FROM alpine:3.20 AS builder\nRUN apk add --no-cache git\n',
    },
    {
      name: 'braces, lower-case keyword, later stage',
      code: 'from golang:1.22 as build\nfrom --platform=${TARGETPLATFORM} gcr.io/distroless/static:nonroot\n',
      errors: [{ line: 2, column: 6, message: '`--platform=${TARGETPLATFORM}` in stage 2' }],
      output: 'from golang:1.22 as build\nfrom gcr.io/distroless/static:nonroot\n',
    },
    {
      name: 'with a default value',
      code: 'FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine:3.20\n',
      errors: [{ line: 1 }],
      output: 'FROM alpine:3.20\n',
    },
  ],
});
