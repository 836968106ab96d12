import rule from '../../../src/lint/rules/dockerfile/require-user.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM node:20-slim\nUSER node\nCMD ["node", "server.js"]\n',
    {
      name: 'scratch has no users to switch to',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\n',
    },
    {
      name: 'distroless nonroot tag',
      code: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n',
    },
    {
      name: 'distroless debug-nonroot with a digest',
      code: 'FROM gcr.io/distroless/base:debug-nonroot@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
    },
    { name: 'arch-suffixed nonroot tag', code: 'FROM gcr.io/distroless/cc:nonroot-arm64\n' },
    { name: 'chainguard images', code: 'FROM cgr.dev/chainguard/python:latest\n' },
    {
      name: 'USER set in the stage the final one is built FROM',
      code: 'FROM python:3.12-slim AS base\nUSER 10001\nFROM base\nCOPY . /app\n',
    },
    { name: "a root USER is no-root-user's finding", code: 'FROM debian:12\nUSER root\n' },
    {
      name: 'a USER from a variable gets the benefit of the doubt',
      code: 'FROM debian:12\nARG UID\nUSER $UID\n',
    },
    { name: 'base image unknown without build args', code: 'ARG BASE\nFROM $BASE\n' },
    {
      name: 'a base from the nonRootBases option',
      code: 'FROM registry.acme.dev/base/runtime:1.4\n',
      options: { nonRootBases: ['registry.acme.dev/base/*'] },
    },
    {
      name: 'the entrypoint drops privileges with gosu',
      code: 'FROM debian:12\nENTRYPOINT ["/usr/local/bin/gosu", "app", "/app/server"]\n',
    },
    {
      name: 'shell-form CMD with su-exec',
      code: 'FROM alpine:3.19\nCMD su-exec app /app/server\n',
    },
    {
      name: 'base image resolved from the ARG default',
      code: 'ARG BASE=gcr.io/distroless/java21:nonroot\nFROM ${BASE}\n',
    },
  ],
  invalid: [
    {
      code: 'FROM node:20-slim\nCOPY . /app\nCMD ["node", "/app/server.js"]\n',
      errors: [{ line: 1, column: 6, message: 'never sets a non-root `USER`', aliases: ['CKV_DOCKER_3'] }],
    },
    {
      name: 'a USER in a builder stage does not count',
      code: 'FROM node:20 AS build\nUSER node\nRUN npm ci\nFROM node:20-slim\nCOPY --from=build /app /app\n',
      errors: [{ line: 4, column: 6, message: '`FROM node:20-slim`' }],
    },
    {
      name: 'the chain of stages the final one is built from',
      code: 'FROM python:3.12-slim AS base\nRUN pip install flask\nFROM base AS app\nCOPY . /app\n',
      errors: [{ line: 3, column: 6, message: '(nor do the stages it is built from)' }],
    },
    {
      name: 'an ONBUILD USER is not a USER of this image',
      code: 'FROM debian:12\nONBUILD USER app\n',
      errors: [{ line: 1, column: 6 }],
    },
    {
      name: 'an entrypoint script is not a privilege drop the linter can see',
      code: 'FROM postgres:16\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["postgres"]\n',
      errors: [{ line: 1, column: 6 }],
    },
    {
      name: 'distroless without the nonroot tag runs as root',
      code: 'FROM gcr.io/distroless/static-debian12\n',
      errors: [{ line: 1, column: 6, message: 'from `gcr.io/distroless/static-debian12`' }],
    },
    {
      name: 'the option replaces the default list',
      code: 'FROM gcr.io/distroless/static:nonroot\n',
      options: { nonRootBases: ['registry.acme.dev/*'] },
      errors: [{ line: 1, column: 6 }],
    },
    {
      name: 'base image from an ARG default',
      code: 'ARG BASE=python:3.12-slim\nFROM --platform=$TARGETPLATFORM $BASE\n',
      errors: [{ line: 2, column: 33, message: 'from `python:3.12-slim`' }],
    },
  ],
});
