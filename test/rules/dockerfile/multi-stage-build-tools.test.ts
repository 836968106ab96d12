import rule from '../../../src/lint/rules/dockerfile/multi-stage-build-tools.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates\n',
    {
      name: 'an earlier stage exists: the build tools are in the builder',
      code: 'FROM python:3.12 AS build\nRUN apt-get install -y gcc libpq-dev\nFROM python:3.12-slim\nRUN apt-get install -y libpq5\n',
    },
    {
      name: 'two stages, even when the last installs a compiler (another stage is there to build in)',
      code: 'FROM alpine:3.19 AS fetch\nRUN wget -O /x https://example.com/x\nFROM alpine:3.19\nRUN apk add --no-cache gcc\n',
    },
    {
      name: 'near misses: runtime libraries and look-alike names',
      code: 'FROM debian:12\nRUN apt-get install -y libpq5 makedepend-doc gcc-12-base golang-doc udev devscripts-el libdevel\n',
    },
    { name: 'removing is not installing', code: 'FROM debian:12\nRUN apt-get purge -y gcc make\n' },
    {
      name: 'apk virtual group deleted in the same RUN',
      code: 'FROM alpine:3.19\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev \\\n && pip install uwsgi \\\n && apk del .build-deps\n',
    },
    {
      name: 'apt packages purged in the same RUN',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y build-essential \\\n && make -C /src install \\\n && apt-get purge -y --auto-remove build-essential\n',
    },
    {
      name: "apt-mark auto '.*' then purge --auto-remove in the same RUN (the docker-library pattern)",
      code: 'FROM debian:12-slim\nRUN set -eux; savedAptMark="$(apt-mark showmanual)"; \\\n apt-get update; apt-get install -y --no-install-recommends gcc make libssl-dev; \\\n make install; \\\n apt-mark auto \'.*\' > /dev/null; apt-mark manual $savedAptMark; \\\n apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false\n',
    },
    {
      name: 'apt-mark auto of named packages, then apt-get autoremove',
      code: 'FROM debian:12\nRUN apt-get install -y gcc && make && apt-mark auto gcc && apt-get autoremove -y\n',
    },
    {
      name: 'variables are not judged',
      code: 'FROM debian:12\nRUN apt-get install -y $BUILD_DEPS "${EXTRA}"\n',
    },
    { name: 'exec form is not a shell', code: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "gcc"]\n' },
    { name: 'package search is not install', code: 'FROM fedora:40\nRUN dnf search gcc && dnf info make\n' },
    {
      name: 'commands named like Object.prototype keys are no package managers',
      code: 'FROM debian:12\nRUN constructor install gcc && __proto__ remove gcc && toString install make\n',
    },
  ],
  invalid: [
    {
      name: 'apt-mark auto before the install, or a purge that does not autoremove: the tools stay',
      code: "FROM debian:12\nRUN apt-mark auto '.*' && apt-get install -y gcc && apt-get purge -y --auto-remove\nRUN apt-get install -y make && apt-mark auto '.*' && apt-get purge -y curl\n",
      errors: [{ line: 2 }, { line: 3 }],
    },
    {
      code: 'FROM python:3.12\nRUN apt-get update && apt-get install -y gcc libpq-dev\nCOPY . /app\n',
      errors: [
        { line: 2, column: 42, message: '`gcc` (build tool) ships in the only stage' },
        { line: 2, column: 46, message: '`libpq-dev` (development headers)' },
      ],
    },
    {
      name: 'each offending package once, continuation lines, version pins',
      code: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends \\\n      build-essential=12.9 \\\n      python3-dev \\\n      curl \\\n      cmake:amd64\n',
      errors: [
        { line: 3, column: 7, message: '`build-essential=12.9`' },
        { line: 4, column: 7, message: '`python3-dev`' },
        { line: 6, column: 7, message: '`cmake:amd64`' },
      ],
    },
    {
      name: 'apk add, alpine toolchain names',
      code: 'FROM alpine:3.19\nRUN apk add --no-cache build-base linux-headers go cargo\n',
      errors: [
        { line: 2, column: 24 },
        { line: 2, column: 35 },
        { line: 2, column: 49 },
        { line: 2, column: 52 },
      ],
    },
    {
      name: 'yum, dnf and microdnf (no flag grammar needed), with sudo',
      code: 'FROM registry.access.redhat.com/ubi9/ubi:9.3\nRUN yum install -y gcc-c++ openssl-devel && dnf -y install make && sudo microdnf install --nodocs rust\n',
      errors: [
        { line: 2, column: 20, message: '`gcc-c++`' },
        { line: 2, column: 28, message: '`openssl-devel`' },
        { line: 2, column: 60, message: '`make`' },
        { line: 2, column: 99, message: '`rust`' },
      ],
    },
    {
      name: 'yum group install of the development tools',
      code: 'FROM centos:7\nRUN yum groupinstall -y "Development Tools" && dnf group install -y c-development\n',
      errors: [
        { line: 2, column: 25, message: '`Development Tools`' },
        { line: 2, column: 69, message: '`c-development`' },
      ],
    },
    {
      name: 'removed only in a later RUN: the layer still ships',
      code: 'FROM debian:12\nRUN apt-get install -y gcc\nRUN make\nRUN apt-get purge -y gcc\n',
      errors: [{ line: 2, column: 24, message: 'removed only in a later `RUN`' }],
    },
    {
      name: 'a virtual group deleted before the install does not count',
      code: 'FROM alpine:3.19\nRUN apk del .tmp; apk add --virtual .tmp clang\n',
      errors: [{ line: 2, column: 42, message: '`clang`' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM node:20\nONBUILD RUN apt-get install -y g++ make\n',
      errors: [
        { line: 2, column: 32, message: 'in an `ONBUILD` trigger' },
        { line: 2, column: 36, message: '`make`' },
      ],
    },
    {
      name: 'heredoc',
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y golang-go\nEOF\n',
      errors: [{ line: 4, column: 20, message: '`golang-go`' }],
    },
    {
      name: 'warning on a runtime base, once per RUN and on its compiler; the rest of the RUN stays info',
      code: 'FROM debian:trixie-slim\nRUN apt-get update && apt-get install -y make \\\n && make -C /src && apt-get install -y build-essential libperl-dev\nRUN apt-get install -y libpq-dev\n',
      errors: [
        { line: 2, message: '`make`', severity: 'info' },
        { line: 3, message: '`build-essential`', severity: 'warning' },
        { line: 3, message: '`libperl-dev`', severity: 'info' },
        { line: 4, message: '`libpq-dev`', severity: 'warning' },
      ],
    },
    {
      name: 'info on an SDK or devel base (it carries a compiler already), and for a removal in a later RUN',
      code: 'FROM nvidia/cuda:12.1.0-devel-ubuntu22.04\nRUN apt-get install -y gcc g++\n',
      errors: [
        { line: 2, message: '`gcc`', severity: 'info' },
        { line: 2, message: '`g++`', severity: 'info' },
      ],
    },
    {
      name: 'info on a dotnet/sdk base',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN apt-get install -y clang\n',
      errors: [{ line: 2, severity: 'info' }],
    },
    {
      name: 'info on buildpack-deps',
      code: 'FROM buildpack-deps:bookworm\nRUN apt-get install -y cmake\n',
      errors: [{ line: 2, severity: 'info' }],
    },
    {
      name: 'the full python image is built on buildpack-deps (gcc included)',
      code: 'FROM python:3.12\nRUN apt-get install -y gcc\n',
      errors: [{ line: 2, severity: 'info' }],
    },
    {
      name: 'python slim has no compiler: warning',
      code: 'FROM python:3.12-slim\nRUN apt-get install -y gcc\n',
      errors: [{ line: 2, severity: 'warning' }],
    },
    {
      name: 'info when removed only in a later RUN (the layer ships, but the author meant to remove it)',
      code: 'FROM alpine:3.19\nRUN apk add gcc\nRUN apk del gcc\n',
      errors: [{ line: 2, severity: 'info', message: 'removed only in a later' }],
    },
    {
      name: 'info in a development file',
      path: 'docker/Dockerfile.dev',
      code: 'FROM debian:12\nRUN apt-get install -y gcc\n',
      errors: [{ line: 2, severity: 'info' }],
    },
  ],
});
