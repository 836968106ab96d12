import rule from '../../../src/lint/rules/dockerfile/const-platform.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM alpine:3.20 AS base\nRUN apk add --no-cache git\n',
    { name: 'a meta variable', code: 'FROM --platform=${BUILDPLATFORM} alpine:3.20 AS base\n' },
    { name: 'any variable', code: 'ARG P=linux/arm64\nFROM --platform=$P alpine:3.20\n' },
    {
      name: 'stages named for their architecture',
      code: 'FROM --platform=linux/amd64 alpine:3.20 AS build_amd64\nFROM --platform=linux/arm64 alpine:3.20 AS build_arm64\nFROM build_${TARGETARCH} AS build\n',
    },
    {
      name: 'a stage named for its OS',
      code: 'FROM --platform=windows/amd64 nanoserver:ltsc2022 AS windows-tools\n',
    },
    { name: 'a value the builder cannot parse', code: 'FROM --platform=x86 busybox:1.36\n' },
    {
      name: 'names of Object.prototype keys are no architecture aliases: unparsable alone, a plain name after an OS',
      code: 'FROM --platform=constructor busybox:1.36 AS a\nFROM --platform=linux/constructor busybox:1.36 AS build-constructor\n',
    },
  ],
  invalid: [
    {
      code: 'FROM --platform=linux/amd64 alpine:3.20 AS base\nRUN apk add --no-cache git\n',
      errors: [
        {
          line: 1,
          column: 6,
          message: '`--platform=linux/amd64` is a constant',
          aliases: ['FromPlatformFlagConstDisallowed'],
        },
      ],
    },
    {
      name: 'unnamed stage',
      code: 'FROM --platform=linux/arm64 debian:12\n',
      errors: [{ line: 1, message: 'stage 1' }],
    },
    {
      name: 'architecture aliases are normalised',
      code: 'FROM --platform=linux/aarch64 debian:12 AS build_amd64\n',
      errors: [{ line: 1 }],
    },
    {
      name: 'a lone architecture',
      code: 'FROM --platform=arm64 debian:12 AS builder\n',
      errors: [{ line: 1 }],
    },
  ],
});
