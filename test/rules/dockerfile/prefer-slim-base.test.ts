import rule from '../../../src/lint/rules/dockerfile/prefer-slim-base.js';
import { testRule } from '../../rule-tester.js';

/** Each official image's own tag scheme for its slim variant. */
const TAG_SCHEMES: [string, string][] = [
  ['python:3', 'python:3-slim'],
  ['python:3.13.0rc1', 'python:3.13.0rc1-slim'],
  ['python:bookworm', 'python:slim-bookworm'],
  ['node:lts', 'node:lts-slim'],
  ['node:iron-bookworm', 'node:iron-bookworm-slim'],
  ['node:bookworm', 'node:bookworm-slim'],
  ['ruby:3.3-bookworm', 'ruby:3.3-slim-bookworm'],
  ['ruby:3.4-rc', 'ruby:3.4-rc-slim'],
  ['perl:5.40', 'perl:5.40-slim'],
  ['perl:5.40-threaded-bookworm', 'perl:5.40-slim-threaded-bookworm'],
  ['perl:threaded', 'perl:slim-threaded'],
  ['rust:1.77', 'rust:1.77-slim'],
  ['rust:1-bookworm', 'rust:1-slim-bookworm'],
  ['debian:12', 'debian:12-slim'],
  ['debian:bookworm-20240311', 'debian:bookworm-20240311-slim'],
  ['debian:stable', 'debian:stable-slim'],
  ['openjdk:11-jre-buster', 'openjdk:11-jre-slim-buster'],
  ['openjdk:8-jdk', 'openjdk:8-jdk-slim'],
];

testRule(rule, {
  valid: [
    'FROM python:3.12-slim\n',
    'FROM python:3.12-slim-bookworm\n',
    'FROM node:20-bookworm-slim\n',
    {
      name: 'alpine is never suggested nor flagged',
      code: 'FROM python:3.12-alpine\nFROM node:20-alpine3.19\n',
    },
    { name: 'windows tags', code: 'FROM python:3.12-windowsservercore-ltsc2022\n' },
    { name: 'images without a slim variant', code: 'FROM golang:1.22\nFROM ubuntu:24.04\n' },
    { name: 'not Docker Hub', code: 'FROM ghcr.io/acme/python:3.12\n' },
    { name: 'a namespaced image on Docker Hub is not the official one', code: 'FROM bitnami/python:3.12\n' },
    {
      name: 'builder stages are never flagged',
      code: 'FROM python:3.12 AS build\nRUN pip wheel -w /w .\nFROM python:3.12-slim\nCOPY --from=build /w /w\n',
    },
    { name: 'debian tags without a slim variant', code: 'FROM debian:bookworm-backports\n' },
    { name: 'tags we do not know stay alone', code: 'FROM node:20-onbuild\nFROM perl:5.40-slim-threaded\n' },
    { name: 'scratch', code: 'FROM scratch\n' },
    {
      name: 'a bare digest may be a slim image',
      code: 'FROM python@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0\n',
    },
    { name: 'ARG with no default', code: 'ARG PY\nFROM python:$PY\n' },
  ],
  invalid: [
    {
      code: 'FROM python:3.11\nCMD ["python", "app.py"]\n',
      errors: [{ line: 1, column: 6, message: '`python:3.11-slim`', aliases: [] }],
      output: 'FROM python:3.11-slim\nCMD ["python", "app.py"]\n',
    },
    {
      name: 'python keeps the Debian release after slim',
      code: 'FROM python:3.11.9-bookworm\n',
      errors: [{ line: 1, message: '`python:3.11.9-slim-bookworm`' }],
      output: 'FROM python:3.11.9-slim-bookworm\n',
    },
    {
      name: 'node puts slim last',
      code: 'FROM node:20-bookworm AS app\n',
      errors: [{ line: 1, message: '`node:20-bookworm-slim`' }],
      output: 'FROM node:20-bookworm-slim AS app\n',
    },
    ...TAG_SCHEMES.map(([from, to]) => ({
      name: `${from} → ${to}`,
      code: `FROM ${from}\n`,
      errors: [{ line: 1, column: 6, message: `\`${to}\`` }],
      output: `FROM ${to}\n`,
    })),
    {
      name: 'platform flag and a line continuation',
      code: 'FROM --platform=$TARGETPLATFORM \\\n    python:3.12 AS runtime\n',
      errors: [{ line: 2, column: 5, message: '`python:3.12-slim`' }],
      output: 'FROM --platform=$TARGETPLATFORM \\\n    python:3.12-slim AS runtime\n',
    },
    {
      name: 'the Docker Hub name written in full',
      code: 'FROM docker.io/library/python:3.12\n',
      errors: [{ line: 1, message: '`docker.io/library/python:3.12-slim`' }],
      output: 'FROM docker.io/library/python:3.12-slim\n',
    },
    {
      name: 'a shipped base stage is flagged, the builder is not',
      code: 'FROM node:20 AS build\nRUN npm ci\nFROM python:3.12 AS base\nFROM base\nCOPY --from=build /app /app\n',
      errors: [{ line: 3, column: 6, message: '`python:3.12-slim`' }],
      output:
        'FROM node:20 AS build\nRUN npm ci\nFROM python:3.12-slim AS base\nFROM base\nCOPY --from=build /app /app\n',
    },
    {
      name: 'digest: no fix, the digest belongs to the full image',
      code: 'FROM python:3.12@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0\n',
      errors: [{ line: 1, messageId: 'notFixable', message: 'pin the digest of the slim tag' }],
    },
    {
      name: 'untagged: message only',
      code: 'FROM python\n',
      errors: [{ line: 1, messageId: 'unpinned', message: '`python:<version>-slim`' }],
    },
    {
      name: 'latest: message only',
      code: 'FROM node:latest\n',
      errors: [{ line: 1, messageId: 'unpinned', message: '`node:<version>-slim`' }],
    },
    {
      name: 'debian latest: message only',
      code: 'FROM debian:latest\n',
      errors: [{ line: 1, messageId: 'unpinned', message: '`debian:<release>-slim`' }],
    },
    {
      name: 'image from a global ARG default: no fix in FROM',
      code: 'ARG PY=3.12\nFROM python:${PY}\n',
      errors: [{ line: 2, column: 6, messageId: 'notFixable', message: 'comes from build args' }],
    },
  ],
});
