import { describe, expect, it } from 'vitest';
import { SYSTEM_SH_HAS, systemSh } from '../../src/lint/dockerfile/system-sh.js';
import { parse, useParser } from './dockerfile-helpers.js';

useParser();

/** The shell `/bin/sh` is for the last RUN of a one-stage Dockerfile. */
function shOfLastRun(text: string): string | null {
  const model = parse(text);
  const run = [...model.each('RUN')].at(-1)!;
  return systemSh(run.stage!, run);
}

describe('systemSh: which shell /bin/sh is where a RUN runs', () => {
  it('from the base image: dash on Debian and Ubuntu (official images too), ash on Alpine, bash on the Red Hat family', () => {
    expect(shOfLastRun('FROM debian:12\nRUN true\n')).toBe('dash');
    expect(shOfLastRun('FROM python:3.12-slim\nRUN true\n')).toBe('dash');
    expect(shOfLastRun('FROM myorg/tool:1.0-bookworm\nRUN true\n')).toBe('dash');
    expect(shOfLastRun('FROM alpine:3.20\nRUN true\n')).toBe('ash');
    expect(shOfLastRun('FROM node:22-alpine\nRUN true\n')).toBe('ash');
    expect(shOfLastRun('FROM registry.fedoraproject.org/fedora:40\nRUN true\n')).toBe('bash');
    expect(shOfLastRun('FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN true\n')).toBe('bash');
  });

  it("through the stage's parent stage", () => {
    expect(shOfLastRun('FROM alpine:3.20 AS base\nFROM base\nRUN true\n')).toBe('ash');
  });

  it('from the package manager the RUN calls when the image does not say', () => {
    expect(shOfLastRun('ARG BASE\nFROM ${BASE}\nRUN apk add --no-cache git\n')).toBe('ash');
    expect(shOfLastRun('FROM myorg/base:1\nRUN apt-get update\n')).toBe('dash');
    expect(shOfLastRun('FROM myorg/base:1\nRUN dnf install -y make\n')).toBe('bash');
  });

  it('unknown: an image of unknown family and no package manager, or a package manager name from Object.prototype', () => {
    expect(shOfLastRun('FROM myorg/base:1\nRUN make\n')).toBeNull();
    expect(shOfLastRun('FROM myorg/base:1\nRUN constructor install x\n')).toBeNull();
  });
});

describe('SYSTEM_SH_HAS: the POSIX notes the real /bin/sh makes moot', () => {
  it('dash has local (SC3043) only; BusyBox ash also has pipefail, echo flags, substrings, replacements and ==', () => {
    expect([...SYSTEM_SH_HAS.dash]).toEqual([3043]);
    for (const code of [3014, 3037, 3040, 3043, 3057, 3060]) expect(SYSTEM_SH_HAS.ash.has(code)).toBe(true);
    expect(SYSTEM_SH_HAS.dash.has(3040)).toBe(false);
  });
});
