import { describe, expect, it } from 'vitest';
import {
  cacheMountCovers,
  flagFields,
  keepsOutOfLayer,
  mountFromRefs,
  runMounts,
} from '../../src/lint/dockerfile/mounts.js';
import { parse, useParser } from './dockerfile-helpers.js';

useParser();

describe('runMounts', () => {
  it('reads BuildKit CSV values: default type, target aliases, quoted fields, bare keys', () => {
    const m = parse(
      'FROM a\nRUN --mount=type=cache,dst=/root/.cache//pip/ --mount=target=/src,"from=build",ro --mount=type=TMPFS,destination=/tmp x\n',
    );
    const mounts = runMounts(m.each('RUN')[0]!);
    expect(mounts.map((x) => [x.type, x.target])).toEqual([
      ['cache', '/root/.cache/pip'],
      ['bind', '/src'],
      ['tmpfs', '/tmp'],
    ]);
    expect(mounts[1]!.options.get('from')).toBe('build');
    expect(mounts[1]!.options.get('ro')).toBe('true');
    expect(mounts.map(keepsOutOfLayer)).toEqual([true, false, true]);
  });
  it('sees a directory under a cache or tmpfs target as out of the layer', () => {
    const m = parse('FROM a\nRUN --mount=type=cache,target=/var/cache/apt --mount=target=/src x\n');
    const ins = m.each('RUN')[0]!;
    expect(cacheMountCovers(ins, '/var/cache/apt/archives')).toBe(true);
    expect(cacheMountCovers(ins, '/var/cache/apt')).toBe(true);
    expect(cacheMountCovers(ins, '/var/cache/aptitude')).toBe(false);
    expect(cacheMountCovers(ins, '/src')).toBe(false);
  });
});

describe('flagFields and mountFromRefs', () => {
  it('gives each value its exact span, quotes removed', () => {
    const text = 'FROM a\nRUN --mount=type=bind,from="builder",target=/x y\n';
    const m = parse(text);
    const ins = m.each('RUN')[0]!;
    const fields = flagFields(m, ins.flags[0]!);
    expect(fields.map((f) => [f.key, f.value, text.slice(f.span.start, f.span.end)])).toEqual([
      ['type', 'bind', 'bind'],
      ['from', 'builder', 'builder'],
      ['target', '/x', '/x'],
    ]);
    expect(mountFromRefs(ins).map((f) => f.value)).toEqual(['builder']);
  });
});
