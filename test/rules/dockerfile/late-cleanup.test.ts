import rule from '../../../src/lint/rules/dockerfile/late-cleanup.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a RUN that runs an installer (a script by path, or curl | sh) before cleaning: the installer used apt itself',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN /root/app/scripts/setup/install --hostname=x && apt-get clean && rm -rf /var/lib/apt/lists/*\nRUN curl -fsSL https://x.test/setup.sh | bash - && rm -rf /var/lib/apt/lists/*\n',
    },
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    {
      name: 'the later RUN cleans up after its own update',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'nothing was left behind: the earlier RUN cleaned up',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nRUN rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'the earlier RUN used a cache mount',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'apk --no-cache leaves no index',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN rm -rf /var/cache/apk/*\n',
    },
    {
      name: 'download removed in the same RUN',
      code: 'FROM debian:12\nRUN curl -fsSLo /tmp/app.tgz https://example.com/app.tgz && tar -xzf /tmp/app.tgz -C /opt && rm /tmp/app.tgz\n',
    },
    {
      name: 'deleting something else',
      code: 'FROM debian:12\nRUN curl -fsSLo /tmp/app.tgz https://example.com/app.tgz\nRUN rm -rf /tmp/other.tgz /var/log/*.log\n',
    },
    {
      name: 'a builder stage does not ship',
      code: 'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nRUN rm -rf /var/lib/apt/lists/*\nFROM scratch\nCOPY --from=build /out /out\n',
    },
    {
      name: 'a cleanup in another stage (not built FROM it)',
      code: 'FROM debian:12 AS one\nRUN apt-get update\nFROM debian:12\nRUN rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'exec form is not a shell',
      code: 'FROM debian:12\nRUN apt-get update\nRUN ["rm", "-rf", "/var/lib/apt/lists"]\n',
    },
  ],
  invalid: [
    {
      name: 'npm ic (an alias of npm ci) fills the cache as npm-cache-clean sees it',
      code: 'FROM node:20-slim\nRUN npm ic\nRUN npm cache clean --force\n',
      errors: [{ line: 3, column: 5, message: '`npm cache clean`', severity: 'warning' }],
      output: 'FROM node:20-slim\nRUN npm ic \\\n    && npm cache clean --force\n',
    },
    {
      name: 'yum downgrade and dnf distro-sync fill the cache as yum-clean and dnf-clean see it',
      code: 'FROM rockylinux:9\nRUN yum downgrade -y httpd\nRUN yum clean all\nRUN dnf distro-sync -y\nRUN dnf clean all\n',
      errors: [
        { line: 3, column: 5, message: "`yum clean all` deletes yum's cache" },
        { line: 5, column: 5, message: "`dnf clean all` deletes dnf's cache" },
      ],
      output:
        'FROM rockylinux:9\nRUN yum downgrade -y httpd \\\n    && yum clean all\nRUN dnf distro-sync -y \\\n    && dnf clean all\n',
    },
    {
      name: 'a system binary or an inline sh -c is no installer: the cleanup is still late',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nENV A=1\nRUN /usr/bin/env true && sh -c "echo hi" && rm -rf /var/lib/apt/lists/*\n',
      errors: [{ line: 4 }],
    },
    {
      name: 'apt lists, adjacent RUNs: merged',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n',
      errors: [
        {
          line: 3,
          column: 5,
          message: 'the apt package lists written by the RUN on line 2',
          severity: 'warning',
        },
      ],
      output:
        'FROM debian:12\nRUN apt-get update && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'apt-get clean and rm in one later RUN, continuation lines',
      code: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y curl\nRUN apt-get clean \\\n && rm -rf /var/lib/apt/lists/*\nCMD ["curl"]\n',
      errors: [
        {
          line: 4,
          column: 5,
          message: "`apt-get clean` deletes apt's downloaded packages written by the RUN on line 2",
        },
        { line: 5, column: 5, message: '`rm -rf /var/lib/apt/lists/*`' },
      ],
      output:
        'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y curl \\\n    && apt-get clean \\\n && rm -rf /var/lib/apt/lists/*\nCMD ["curl"]\n',
    },
    {
      name: 'not adjacent: reported without a fix',
      code: 'FROM python:3.12-slim\nRUN pip install flask\nCOPY . /app\nRUN rm -rf /root/.cache\n',
      errors: [{ line: 4, column: 5, message: "pip's download cache written by the RUN on line 2" }],
    },
    {
      name: 'npm cache clean, home written as ~',
      code: 'FROM node:20-slim\nRUN npm ci --omit=dev\nRUN npm cache clean --force && rm -rf ~/.npm\n',
      errors: [
        { line: 3, column: 5, message: '`npm cache clean`' },
        { line: 3, column: 32, message: '`rm -rf ~/.npm`' },
      ],
      output:
        'FROM node:20-slim\nRUN npm ci --omit=dev \\\n    && npm cache clean --force && rm -rf ~/.npm\n',
    },
    {
      name: 'downloaded archive, relative to WORKDIR and cd',
      code: 'FROM debian:12\nWORKDIR /src\nRUN cd /tmp && wget https://example.com/pkg/tool-1.2.tar.gz\nRUN tar -xzf /tmp/tool-1.2.tar.gz -C /opt\nRUN rm /tmp/tool-1.2.tar.gz\n',
      errors: [
        { line: 5, column: 5, message: 'the downloaded `tool-1.2.tar.gz` written by the RUN on line 3' },
      ],
    },
    {
      name: 'curl -O and a /tmp glob',
      code: 'FROM debian:12\nWORKDIR /tmp\nRUN curl -fsSLO https://example.com/app.tgz\nRUN rm -rf /tmp/*\n',
      errors: [{ line: 4, column: 5, message: 'the downloaded `app.tgz`' }],
      output:
        'FROM debian:12\nWORKDIR /tmp\nRUN curl -fsSLO https://example.com/app.tgz \\\n    && rm -rf /tmp/*\n',
    },
    {
      name: 'git checkout removed after the build',
      code: 'FROM debian:12\nRUN git clone --depth 1 https://github.com/acme/tool.git /build/tool\nRUN make -C /build/tool install\nRUN rm -rf /build\n',
      errors: [{ line: 4, column: 5, message: 'the `/build/tool` checkout' }],
    },
    {
      name: 'yum clean all',
      code: 'FROM rockylinux:9\nRUN yum install -y httpd\nRUN yum clean all\n',
      errors: [{ line: 3, column: 5, message: "`yum clean all` deletes yum's cache" }],
      output: 'FROM rockylinux:9\nRUN yum install -y httpd \\\n    && yum clean all\n',
    },
    {
      name: 'a later RUN with `;` is not merged',
      code: 'FROM alpine:3.20\nRUN apk add curl\nRUN rm -rf /var/cache/apk/*; echo done\n',
      errors: [{ line: 3, column: 5, message: 'clean up at the end of that RUN instead' }],
    },
    {
      name: 'a stage built FROM the one that created the files',
      code: 'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl\nFROM base\nRUN rm -rf /var/lib/apt/lists/*\n',
      errors: [{ line: 4, column: 5, message: 'the RUN on line 2' }],
    },
    {
      name: 'several earlier RUNs',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN apt-get update && apt-get install -y git\nRUN rm -rf /var/lib/apt/lists/*\n',
      errors: [{ line: 4, column: 5, message: 'the RUNs on lines 2 and 3' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian:12\nONBUILD RUN apt-get update && apt-get install -y curl\nONBUILD RUN rm -rf /var/lib/apt/lists/*\n',
      errors: [{ line: 3, column: 13 }],
      output:
        'FROM debian:12\nONBUILD RUN apt-get update && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'heredoc RUNs are reported but not merged',
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\nRUN rm -rf /var/lib/apt/lists/*\n',
      errors: [{ line: 6, column: 5 }],
    },
    {
      name: 'a development file: info',
      path: 'docker/Dockerfile.dev',
      code: 'FROM node:20-slim\nRUN npm ic\nRUN npm cache clean --force\n',
      errors: [{ line: 3, severity: 'info' }],
      output: 'FROM node:20-slim\nRUN npm ic \\\n    && npm cache clean --force\n',
    },
  ],
});
