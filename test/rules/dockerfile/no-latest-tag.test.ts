import rule from '../../../src/lint/rules/dockerfile/no-latest-tag.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM debian:bookworm\n',
    'FROM debian:bookworm AS builder\n',
    {
      name: 'digest only',
      code: 'FROM docker.io/library/debian@sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb\n',
    },
    {
      name: 'a digest pins the image even next to latest',
      code: 'FROM debian:latest@sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb\n',
    },
    { name: 'untagged is pin-base-image, not this rule', code: 'FROM debian\n' },
    {
      name: 'a tag that only contains latest',
      code: 'FROM acme/app:latest-stable\nFROM acme/app:2-latest\n',
    },
    { name: 'a stage named latest', code: 'FROM node:20 AS latest\nFROM latest\n' },
    { name: 'ARG default that is pinned', code: 'ARG BASE=node:20\nFROM $BASE\n' },
    { name: 'ARG without default', code: 'ARG TAG\nFROM node:$TAG\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:latest\n',
      errors: [
        {
          line: 1,
          column: 6,
          message: '`FROM debian:latest` uses the moving `latest` tag',
          aliases: ['DL3007', 'DS-0001'],
          severity: 'warning', // hadolint's DL3007 case
        },
      ],
    },
    {
      name: 'named stage, builder stages count too, as info: their base does not ship',
      code: 'FROM golang:latest AS build\nRUN go build\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /app /app\n',
      errors: [{ line: 1, column: 6, message: '`golang:<version>`', severity: 'info' }],
    },
    {
      name: 'registry with a port',
      code: 'FROM --platform=linux/amd64 registry.local:5000/team/app:latest\n',
      errors: [
        { line: 1, column: 29, message: '`registry.local:5000/team/app:<version>`', severity: 'warning' },
      ],
    },
    {
      name: 'the whole image from a global ARG default',
      code: 'ARG BASE=node:latest\nFROM $BASE\nRUN node --version\n',
      // the build arg is what CI sets; `latest` as its default is the local build's convenience
      errors: [{ line: 2, column: 6, message: '`FROM $BASE` resolves to `node:latest`', severity: 'info' }],
    },
    {
      name: 'only the tag from a global ARG default',
      code: 'ARG NODE_TAG=latest\nFROM node:${NODE_TAG} AS web\n',
      errors: [{ line: 2, column: 6, message: 'resolves to `node:latest`', severity: 'info' }],
    },
    {
      name: 'latest written out after a registry arg, in the stage that ships: warning',
      code: 'ARG REGISTRY=registry.access.redhat.com\nFROM ${REGISTRY}/ubi9/ubi-micro:latest\n',
      errors: [{ line: 2, severity: 'warning' }],
    },
  ],
});
