import rule from '../../../src/lint/rules/dockerfile/pin-base-image.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM debian:12\n',
    {
      name: 'digest without a tag',
      code: 'FROM ruby@sha256:4d2c1fbbf1b0e2f2a4b8a0c0d8a7a0a5c7b5f4a1e2d3c4b5a6978877665544332\n',
    },
    { name: 'scratch', code: 'FROM scratch\nCOPY app /app\n' },
    {
      name: 'earlier stages need no tag, whatever their case',
      code: 'FROM golang:1.22 AS build\nRUN go build ./...\nFROM build AS test\nRUN go test ./...\nFROM Build\n',
    },
    { name: 'registry with a port and a tag', code: 'FROM localhost:5000/team/app:1.4\n' },
    { name: 'ARG default that is pinned', code: 'ARG BASE=node:20.11-bookworm\nFROM ${BASE}\n' },
    { name: 'ARG with no default: nothing to judge', code: 'ARG BASE\nFROM $BASE\n' },
    { name: 'tag from a variable', code: 'ARG VERSION\nFROM python:${VERSION}\n' },
    { name: 'variable last path component could hold a tag', code: 'ARG IMAGE\nFROM ghcr.io/acme/$IMAGE\n' },
    { name: 'empty default is another rule', code: 'ARG BASE=\nFROM ${BASE}\n' },
  ],
  invalid: [
    {
      code: 'FROM debian\nRUN true\n',
      errors: [
        {
          line: 1,
          column: 6,
          message: '`FROM debian` has no tag or digest',
          aliases: ['DL3006', 'CKV_DOCKER_7', 'DS-0001'],
          severity: 'warning', // hadolint's DL3006 case
        },
      ],
    },
    {
      name: 'named stage',
      code: 'FROM node AS deps\nRUN npm ci\n',
      errors: [{ line: 1, column: 6, message: '`node:<version>`', severity: 'warning' }],
    },
    {
      name: 'platform flag and a registry with a port',
      code: 'FROM --platform=$BUILDPLATFORM localhost:5000/team/app\n',
      errors: [{ line: 1, column: 32, message: '`localhost:5000/team/app:<version>`' }],
    },
    {
      name: 'a stage that is not an earlier stage name',
      code: 'FROM golang:1.22 AS build\nFROM node AS unit-test\nFROM alpine:3.19\n',
      // a stage nothing is copied from (a test target): its base does not ship
      errors: [{ line: 2, column: 6, message: '`FROM node`', severity: 'info' }],
    },
    {
      name: 'ARG default without a tag',
      code: 'ARG BASE=alpine\nFROM $BASE\n',
      errors: [
        {
          line: 2,
          column: 6,
          message: '`FROM $BASE` (which resolves to `alpine` with the default build args)',
          // the build arg is what CI sets; its default stands in for a local build
          severity: 'info',
        },
      ],
    },
    {
      name: 'registry from a variable, repository written out without a tag',
      code: 'ARG REGISTRY\nFROM ${REGISTRY}/python\n',
      errors: [{ line: 2, column: 6, message: '`${REGISTRY}/python:<version>`', severity: 'warning' }],
    },
    {
      name: 'one finding per untagged stage',
      code: 'FROM ubuntu AS a\nFROM a\nFROM centos\n',
      errors: [
        { line: 1, column: 6, severity: 'info' },
        { line: 3, column: 6, severity: 'warning' },
      ],
    },
    {
      name: 'a builder copied out path by path is info; one copied whole (`COPY --from=x / /`) ships its base',
      code: 'FROM alpine AS src\nRUN mkdir /out\nFROM debian AS tools\nRUN true\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=src /out /out\nCOPY --from=tools / /\n',
      errors: [
        { line: 1, severity: 'info' },
        { line: 3, severity: 'warning' },
      ],
    },
    {
      name: 'a registry arg default in front of a repository written out untagged stays a warning',
      code: 'ARG REGISTRY=docker.io\nFROM ${REGISTRY}/python\n',
      errors: [{ line: 2, severity: 'warning' }],
    },
  ],
});
