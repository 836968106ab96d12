import { expect, it } from 'vitest';
import { initLint, lintSource } from '../../../src/lint/engine.js';
import rule from '../../../src/lint/rules/dockerfile/platform-flag.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'an arm64-only base (JetPack, an l4t image) in a stage that fetches an aarch64 tool (ollama)',
      code: 'ARG JETPACK5VERSION=r35.4.1\nFROM --platform=linux/arm64 nvcr.io/nvidia/l4t-jetpack:${JETPACK5VERSION} AS jetpack-5\nRUN curl -fsSL -o /tmp/ninja.zip https://github.com/ninja-build/ninja/releases/download/v1.12.1/ninja-linux-aarch64.zip\n',
    },
    {
      name: 'an arm32-only file: its path names the pinned architecture, its stage downloads the linux-arm32 package (PowerShell)',
      path: 'release/7-2/ubuntu20.04-arm32v7/docker/Dockerfile',
      code: 'FROM --platform=linux/arm/v7 ubuntu:focal AS installer-env\nENV PS_PACKAGE=powershell-7.2.3-linux-arm32.tar.gz\nFROM --platform=linux/arm/v7 ubuntu:focal AS final-image\nCOPY --from=installer-env /opt/microsoft/powershell /opt/microsoft/powershell\n',
    },
    {
      name: 'an image published for one architecture only (arm64v8/)',
      code: 'FROM --platform=linux/arm64 arm64v8/ubuntu:24.04\n',
    },
    'FROM busybox:1.36\n',
    { name: '$BUILDPLATFORM', code: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n' },
    { name: '${BUILDPLATFORM}', code: 'FROM --platform=${BUILDPLATFORM} golang:1.22 AS build\n' },
    {
      name: 'redundant $TARGETPLATFORM is another rule',
      code: 'FROM --platform=$TARGETPLATFORM alpine:3.20\n',
    },
    {
      name: 'any variable',
      code: 'ARG PLATFORM=linux/amd64\nFROM --platform=${PLATFORM} alpine:3.20\n',
    },
    {
      name: 'per-platform stages named for their platform',
      code: 'FROM --platform=linux/amd64 alpine:3.20 AS build_amd64\nFROM --platform=linux/arm64 alpine:3.20 AS build_arm64\nFROM build_${TARGETARCH} AS build\n',
    },
    {
      name: 'an image named for one architecture, among words named like Object.prototype keys',
      code: 'FROM --platform=linux/arm64 example/constructor-arm64:1\n',
    },
  ],
  invalid: [
    {
      code: 'FROM --platform=x86 busybox\n',
      errors: [{ line: 1, column: 6, message: '`--platform=x86` pins stage 1', aliases: ['DL3029'] }],
      output: 'FROM busybox\n',
    },
    {
      name: 'a stage that names other architectures besides the pin is multi-platform: still judged',
      code: 'FROM --platform=linux/arm64 debian:12 AS tools\nRUN curl -fsSLO https://example.com/tool-$(case $(uname -m) in x86_64) echo amd64 ;; aarch64) echo arm64 ;; esac).tgz\n',
      errors: [{ line: 1, column: 6 }],
      output:
        'FROM debian:12 AS tools\nRUN curl -fsSLO https://example.com/tool-$(case $(uname -m) in x86_64) echo amd64 ;; aarch64) echo arm64 ;; esac).tgz\n',
    },
    {
      name: 'a file path naming another architecture than the pin',
      path: 'images/amd64/Dockerfile',
      code: 'FROM --platform=linux/arm64 debian:12\n',
      errors: [{ line: 1, column: 6 }],
      output: 'FROM debian:12\n',
    },
    {
      name: 'named stage',
      code: 'FROM --platform=linux/amd64 node:22 AS deps\nRUN npm ci\n',
      errors: [{ line: 1, column: 6, message: 'stage "deps"' }],
      output: 'FROM node:22 AS deps\nRUN npm ci\n',
    },
    {
      name: 'several stages, one pinned',
      code: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN go build\nFROM  --platform=linux/arm64   debian:12-slim\nCOPY --from=build /app /app\n',
      errors: [{ line: 3, column: 7, message: 'stage 2' }],
      output:
        'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN go build\nFROM  debian:12-slim\nCOPY --from=build /app /app\n',
    },
    {
      name: 'continuation line after the flag',
      code: 'FROM --platform=linux/amd64 \\\n    python:3.12-slim\n',
      errors: [{ line: 1 }],
      output: 'FROM \\\n    python:3.12-slim\n',
    },
    {
      name: 'a repeated constant `--platform`: every copy removed, or the next one pins the stage',
      code: 'FROM --platform=linux/arm64 --platform=linux/amd64 --platform=$BUILDPLATFORM alpine:3.20\n',
      errors: [{ line: 1, column: 6 }],
      output: 'FROM --platform=$BUILDPLATFORM alpine:3.20\n',
    },
    {
      name: 'a stage name that does not name this platform',
      code: 'FROM --platform=linux/arm64 alpine:3.20 AS build_amd64\n',
      errors: [{ line: 1 }],
      output: 'FROM alpine:3.20 AS build_amd64\n',
    },
  ],
});

// the table above checks that every fix's safety matches the rule's `fixable`; this pins that it is a suggestion:
// whether the image exists for other platforms is not in the file, so removing the flag can break the build
it('removing --platform is never a safe fix', async () => {
  await initLint();
  const { findings } = lintSource(
    { path: 'Dockerfile', text: 'FROM --platform=linux/arm64 debian:12\n' },
    { rules: { 'platform-flag': {} } },
    undefined,
    [rule],
  );
  expect(findings.map((f) => f.fix?.safe)).toEqual([false]);
});
