import { describe, expect, it } from 'vitest';
import {
  constantPlatforms,
  parsePlatform,
  PREDEFINED_PLATFORM_ARGS,
} from '../../src/lint/dockerfile/platform.js';
import { parse, useParser } from './dockerfile-helpers.js';

useParser();

describe('parsePlatform', () => {
  it('reads os/arch[/variant] and folds architecture aliases', () => {
    expect(parsePlatform('linux/amd64')).toEqual({ os: 'linux', arch: 'amd64' });
    expect(parsePlatform('Linux/x86_64')).toEqual({ os: 'linux', arch: 'amd64' });
    expect(parsePlatform('linux/arm/v7')).toEqual({ os: 'linux', arch: 'arm' });
  });
  it('reads a lone architecture as linux, and a lone OS with no architecture', () => {
    expect(parsePlatform('arm64')).toEqual({ os: 'linux', arch: 'arm64' });
    expect(parsePlatform('windows')).toEqual({ os: 'windows', arch: null });
  });
  it('is null for what the builder would not parse', () => {
    expect(parsePlatform('nonsense')).toBeNull();
    expect(parsePlatform('linux/amd64/v1/extra')).toBeNull();
    expect(parsePlatform('linux/$ARCH')).toBeNull();
  });
});

describe('PREDEFINED_PLATFORM_ARGS', () => {
  it('gives every predefined platform ARG a value consistent with one linux/amd64 build', () => {
    expect(PREDEFINED_PLATFORM_ARGS.get('TARGETPLATFORM')).toBe(
      `${PREDEFINED_PLATFORM_ARGS.get('TARGETOS')}/${PREDEFINED_PLATFORM_ARGS.get('TARGETARCH')}`,
    );
    expect(parsePlatform(PREDEFINED_PLATFORM_ARGS.get('BUILDPLATFORM')!)).toEqual({
      os: 'linux',
      arch: 'amd64',
    });
  });
});

describe('constantPlatforms', () => {
  it('lists constant --platform values with what they read as, and whether the stage is named for them', () => {
    const m = parse(
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS a\nFROM --platform=linux/arm64 alpine:3.20 AS build-arm64\nFROM --platform=linux/amd64 alpine:3.20 AS tools\nFROM --platform=nonsense/x/y/z alpine:3.20\nFROM alpine:3.20\n',
    );
    expect(constantPlatforms(m).map((p) => [p.stage.index, p.value, p.platform, p.namedFor])).toEqual([
      [1, 'linux/arm64', { os: 'linux', arch: 'arm64' }, true],
      [2, 'linux/amd64', { os: 'linux', arch: 'amd64' }, false],
      [3, 'nonsense/x/y/z', null, false],
    ]);
  });
});
