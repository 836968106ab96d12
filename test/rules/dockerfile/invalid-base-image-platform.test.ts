import rule from '../../../src/lint/rules/dockerfile/invalid-base-image-platform.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache git\n',
    {
      name: 'a variable is known only at build time',
      code: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n',
    },
    {
      name: 'aliases containerd accepts',
      code: [
        'FROM --platform=linux/x86_64 debian:12 AS a',
        'FROM --platform=linux/aarch64 debian:12 AS b',
        'FROM --platform=linux/armhf debian:12 AS c',
        'FROM --platform=linux/arm/7 debian:12 AS d',
        'FROM --platform=linux/arm64/v8 debian:12 AS e',
        'FROM --platform=LINUX/AMD64/v3 debian:12 AS f',
        'FROM --platform=i386 debian:12 AS g',
        'FROM --platform=windows mcr.microsoft.com/windows/nanoserver:ltsc2022 AS h',
        '',
      ].join('\n'),
    },
    {
      name: 'a Windows image for Windows; a Linux image for Linux',
      code: 'FROM --platform=windows/amd64 mcr.microsoft.com/windows/servercore:ltsc2022 AS win\nFROM --platform=linux/arm64 python:3.12-alpine AS lin\n',
    },
    {
      name: 'an image whose name does not fix its OS is not judged',
      code: 'FROM --platform=windows/amd64 golang:1.22 AS build\n',
    },
    {
      name: 'a lone architecture takes the builder OS: not judged against the image',
      code: 'FROM --platform=amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022\n',
    },
    {
      name: 'a stage built FROM a stage of the same platform (variant left to the default)',
      code: 'FROM --platform=linux/arm64 alpine:3.20 AS base\nFROM --platform=linux/arm64/v8 base AS final\n',
    },
    {
      name: 'ONBUILD: n/a (FROM cannot be an ONBUILD trigger; a downstream build picks its own platform)',
      code: 'FROM --platform=linux/amd64 alpine:3.20 AS base\nONBUILD RUN apk add --no-cache git\n',
    },
  ],
  invalid: [
    {
      name: 'an unknown architecture',
      code: 'FROM --platform=linux/amd46 alpine:3.20\n',
      errors: [
        {
          line: 1,
          column: 17,
          messageId: 'unreadable',
          message: 'names the architecture `amd46`, which is not a GOARCH value',
          aliases: ['InvalidBaseImagePlatform'],
        },
      ],
    },
    {
      name: 'an unknown OS, a pair Go does not build, a variant the architecture lacks',
      code: 'FROM --platform=linxu/amd64 alpine:3.20 AS a\nFROM --platform=windows/s390x alpine:3.20 AS b\nFROM --platform=linux/arm/v9 alpine:3.20 AS c\nFROM --platform=linux/amd64/v8 alpine:3.20 AS d\n',
      errors: [
        { line: 1, messageId: 'unreadable', message: 'the operating system `linxu`' },
        { line: 2, messageId: 'unreadable', message: 'pairs `windows` with `s390x`' },
        { line: 3, messageId: 'unreadable', message: 'the variant `v9`, which `arm` does not have' },
        { line: 4, messageId: 'unreadable', message: 'the variant `v8`, which `amd64` does not have' },
      ],
    },
    {
      name: 'Windows-only images pulled for Linux',
      code: [
        'FROM --platform=linux/amd64 mcr.microsoft.com/windows/servercore:ltsc2022 AS a',
        'FROM --platform=linux/amd64 mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022 AS b',
        'FROM --platform=linux/amd64 python:3.12-windowsservercore-ltsc2022 AS c',
        '',
      ].join('\n'),
      errors: [
        { line: 1, column: 29, messageId: 'wrongOs', message: 'Windows only' },
        { line: 2, column: 29, messageId: 'wrongOs', message: 'Windows only' },
        { line: 3, column: 29, messageId: 'wrongOs', message: 'Windows only' },
      ],
    },
    {
      name: 'Linux-only images pulled for Windows',
      code: 'FROM --platform=windows/amd64 alpine:3.20 AS a\nFROM --platform=windows/amd64 node:20-bookworm-slim AS b\nFROM --platform=windows/amd64 gcr.io/distroless/static:nonroot\n',
      errors: [
        { line: 1, messageId: 'wrongOs', message: '`alpine:3.20`' },
        { line: 2, messageId: 'wrongOs', message: 'Linux only' },
        { line: 3, messageId: 'wrongOs', message: 'Linux only' },
      ],
    },
    {
      name: 'a stage asked for as another platform than it was built for',
      code: 'FROM --platform=linux/arm64 golang:1.22 AS build\nRUN go build -o /app .\nFROM --platform=linux/amd64 build AS final\n',
      errors: [{ line: 3, column: 17, messageId: 'parentPlatform', message: '`linux/arm64`' }],
    },
    {
      name: 'names of Object.prototype keys are no OS or architecture (the tables are looked up with file text)',
      code: 'FROM --platform=constructor alpine:3.20 AS a\nFROM --platform=linux/constructor alpine:3.20 AS b\nFROM --platform=__proto__/amd64 alpine:3.20 AS c\nFROM --platform=linux/__proto__ alpine:3.20 AS d\n',
      errors: [
        {
          line: 1,
          messageId: 'unreadable',
          message: 'names the architecture `constructor`, which is not a GOARCH value',
        },
        {
          line: 2,
          messageId: 'unreadable',
          message: 'names the architecture `constructor`, which is not a GOARCH value',
        },
        {
          line: 3,
          messageId: 'unreadable',
          message: 'names the operating system `__proto__`, which is not a GOOS value',
        },
        {
          line: 4,
          messageId: 'unreadable',
          message: 'names the architecture `__proto__`, which is not a GOARCH value',
        },
      ],
    },
  ],
});
