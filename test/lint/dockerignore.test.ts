import { describe, expect, it } from 'vitest';
import { dockerignoreOf, dockerignoreRules } from '../../src/lint/dockerfile/dockerignore.js';

describe('dockerignoreOf', () => {
  it('prefers `<Dockerfile>.dockerignore` to the context`s `.dockerignore`', () => {
    const both = new Map([
      ['app/.dockerignore', 'node_modules'],
      ['app/Dockerfile.dockerignore', '.git'],
    ]);
    expect(dockerignoreOf('app/Dockerfile', both)).toEqual({
      path: 'app/Dockerfile.dockerignore',
      text: '.git',
    });
    const general = new Map<string, string | null>([
      ['app/.dockerignore', 'node_modules'],
      ['app/Dockerfile.dockerignore', null],
    ]);
    expect(dockerignoreOf('app/Dockerfile', general)).toEqual({
      path: 'app/.dockerignore',
      text: 'node_modules',
    });
  });
  it('is null when both are known to be absent, undefined when not fetched', () => {
    const none = new Map<string, string | null>([
      ['app/.dockerignore', null],
      ['app/Dockerfile.dockerignore', null],
    ]);
    expect(dockerignoreOf('app/Dockerfile', none)).toBeNull();
    expect(dockerignoreOf('app/Dockerfile', new Map())).toBeUndefined();
  });
});

describe('dockerignoreRules', () => {
  it('drops comments and blanks, reads `!`, and trims slashes', () => {
    const rules = dockerignoreRules(['# c', '', '/build/', '!keep', '  dist  ', '/']);
    expect(rules.map((r) => [r.line, r.negate])).toEqual([
      ['build', false],
      ['keep', true],
      ['dist', false],
    ]);
  });
});
