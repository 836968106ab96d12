import { describe, expect, it } from 'vitest';
import { parsePlatform, PREDEFINED_PLATFORM_ARGS } from '../../src/lint/dockerfile/platform.js';

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
