import { beforeAll, describe, expect, it } from 'vitest';
import { applyConfigText, defaultConfig } from '../../../src/config/config.js';
import { initLint, lintSource } from '../../../src/lint/engine.js';
import rule from '../../../src/lint/rules/dockerfile/trusted-registries.js';
import { testRule } from '../../rule-tester.js';

const ghcr = { registries: ['ghcr.io'] };

testRule(rule, {
  valid: [
    { name: 'no registries configured: nothing to check', code: 'FROM random.example/debian:12\n' },
    { name: 'empty list', code: 'FROM random.example/debian:12\n', options: { registries: [] } },
    { name: 'allowed registry', code: 'FROM ghcr.io/acme/app:1.2\n', options: ghcr },
    {
      name: 'one of several',
      code: 'FROM random.example/debian:12\n',
      options: { registries: ['x.example', 'random.example'] },
    },
    { name: 'scratch pulls nothing', code: 'FROM scratch\nCOPY app /\n', options: ghcr },
    {
      name: 'every spelling of Docker Hub counts as docker.io',
      code: 'FROM ubuntu:24.04 AS a\nFROM acme/ubuntu:24.04 AS b\nFROM docker.io/acme/ubuntu:24.04 AS c\nFROM index.docker.io/library/debian:12\n',
      options: { registries: ['docker.io'] },
    },
    {
      name: 'hub.docker.com is accepted for Docker Hub too',
      code: 'FROM node:22-slim\n',
      options: { registries: ['hub.docker.com'] },
    },
    {
      name: 'an earlier stage is not an image',
      code: 'FROM ghcr.io/acme/base:1 AS base\nFROM base AS app\nCOPY --from=base /a /a\nCOPY --from=0 /b /b\nRUN --mount=from=base,target=/m true\n',
      options: ghcr,
    },
    {
      name: 'host wildcard',
      code: 'FROM team1.registry.example/debian:12\n',
      options: { registries: ['*.registry.example'] },
    },
    {
      name: 'a lone * allows everything',
      code: 'FROM ubuntu:24.04\nFROM quay.io/x/y:1\n',
      options: { registries: ['*'] },
    },
    {
      name: 'registry path prefix',
      code: 'FROM gcr.io/distroless/static:nonroot\n',
      options: { registries: ['gcr.io/distroless'] },
    },
    {
      name: 'docker.io/library allows the official images',
      code: 'FROM python:3.12-slim\nFROM docker.io/library/node:22\n',
      options: { registries: ['docker.io/library'] },
    },
    {
      name: 'ARG default from an allowed registry',
      code: 'ARG BASE=ghcr.io/acme/base:2\nFROM $BASE\n',
      options: ghcr,
    },
    {
      name: 'an ARG with no default cannot be judged',
      code: 'ARG BASE\nFROM $BASE\nCOPY --from=$BASE /a /a\n',
      options: ghcr,
    },
    {
      name: 'COPY and RUN --mount from allowed images',
      code: 'FROM ghcr.io/acme/base:1\nCOPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/uv\nRUN --mount=type=bind,from=ghcr.io/acme/tools:3,source=/bin,target=/t /t/run\n',
      options: ghcr,
    },
    {
      name: 'ONBUILD COPY --from a bare name refers to a stage of the downstream build',
      code: 'FROM ghcr.io/acme/base:1\nONBUILD COPY --from=builder /out /app\n',
      options: ghcr,
    },
  ],
  invalid: [
    {
      name: 'registry not in the list',
      code: 'FROM random.example/debian:12\n',
      options: { registries: ['docker.io'] },
      errors: [{ line: 1, column: 6, message: '`random.example`', aliases: ['DL3026'] }],
    },
    {
      name: 'Docker Hub image when only ghcr.io is allowed',
      code: 'FROM ghcr.io/acme/base:1 AS base\nFROM alpine:3.20\n',
      options: ghcr,
      errors: [{ line: 2, column: 6, message: 'The base image `alpine:3.20` comes from `docker.io`' }],
    },
    {
      name: 'wildcard does not match another domain',
      code: 'FROM x.example/debian:12\n',
      options: { registries: ['*.random.example'] },
      errors: [{ line: 1 }],
    },
    {
      name: 'wildcard does not match the bare domain',
      code: 'FROM random.example/debian:12\n',
      options: { registries: ['*.random.example'] },
      errors: [{ line: 1 }],
    },
    {
      name: 'a registry path does not allow its siblings',
      code: 'FROM gcr.io/other-project/app:1\n',
      options: { registries: ['gcr.io/distroless'] },
      errors: [{ line: 1, message: '`gcr.io`' }],
    },
    {
      name: 'docker.io/library does not allow user images',
      code: 'FROM someone/tool:1\n',
      options: { registries: ['docker.io/library'] },
      errors: [{ line: 1 }],
    },
    {
      name: 'base image from an ARG default',
      code: 'ARG BASE=quay.io/acme/base:1\nFROM ${BASE} AS app\n',
      options: ghcr,
      errors: [{ line: 2, column: 6, message: '`quay.io/acme/base:1` with the default build args' }],
    },
    {
      name: 'COPY --from an image',
      code: 'FROM ghcr.io/acme/base:1\nCOPY --from=quay.io/acme/tools:2 /bin/tool /usr/local/bin/\n',
      options: ghcr,
      errors: [{ line: 2, column: 13, message: '`COPY --from`' }],
    },
    {
      name: 'COPY --from an image named through an ARG',
      code: 'FROM ghcr.io/acme/base:1\nARG TOOLS=busybox:1.36\nCOPY --from=$TOOLS /bin/sh /bin/sh\n',
      options: ghcr,
      errors: [{ line: 3, message: '`busybox:1.36`' }],
    },
    {
      name: 'RUN --mount from an image',
      code: 'FROM ghcr.io/acme/base:1\nRUN --mount=type=bind,from=untrusted.example/foo/bar:1.2,target=/x \\\n    /x/install\n',
      options: ghcr,
      errors: [{ line: 2, column: 28, message: '`RUN --mount`' }],
    },
    {
      name: 'ONBUILD COPY from an image reference',
      code: 'FROM ghcr.io/acme/base:1\nONBUILD COPY --from=docker.io/library/busybox:1.36 /bin/busybox /bin/\n',
      options: ghcr,
      errors: [{ line: 2, column: 21 }],
    },
    {
      name: 'a bare name that is not a stage is an image on Docker Hub',
      code: 'FROM ghcr.io/acme/base:1\nCOPY --from=nginx /etc/nginx /etc/nginx\n',
      options: ghcr,
      errors: [{ line: 2, message: '`docker.io`' }],
    },
  ],
});

describe('trusted-registries through the config layer', () => {
  beforeAll(async () => {
    await initLint();
  });

  it('is off unless configured', () => {
    const findings = lintSource({ path: 'Dockerfile', text: 'FROM alpine:3.20\n' }, defaultConfig()).findings;
    expect(findings.filter((f) => f.rule === 'trusted-registries')).toEqual([]);
  });

  it("hadolint's trustedRegistries enables it as an error", () => {
    const config = applyConfigText(defaultConfig(), '.hadolint.yaml', 'trustedRegistries:\n  - ghcr.io\n');
    const text = 'FROM ghcr.io/acme/base:1 AS base\nFROM alpine:3.20\nCOPY --from=base /a /a\n';
    const findings = lintSource({ path: 'Dockerfile', text }, config).findings.filter(
      (f) => f.rule === 'trusted-registries',
    );
    expect(findings.map((f) => [f.line, f.severity])).toEqual([[2, 'error']]);
    expect(findings[0]!.aliases).toEqual(['DL3026']);
  });
});
