import { describe, expect, it } from 'vitest';
import { factsOf, firstAtOrAfter } from '../../src/lint/dockerfile/layer-contents.js';
import { commandsByRun } from '../../src/lint/dockerfile/run.js';
import { parse, useParser } from './dockerfile-helpers.js';

useParser();

/** What each RUN of the file leaves in its layer: kind and paths per item. */
function leftovers(text: string): [string, string[]][][] {
  const m = parse(text);
  return [...commandsByRun(m)].map(([ins, cmds]) =>
    factsOf(ins, cmds).leftovers.map((l) => [l.kind, l.paths]),
  );
}

describe('factsOf', () => {
  it('sees package caches and lists a RUN leaves, and the cleanups of the same RUN', () => {
    expect(
      leftovers('FROM debian\nRUN apt-get update && apt-get install -y curl\n')[0]!.map(([k]) => k),
    ).toEqual(['apt-lists', 'apt-cache']);
    expect(
      leftovers(
        'FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/* && apt-get clean\n',
      ),
    ).toEqual([[]]);
  });
  it('resolves downloads against WORKDIR and cd', () => {
    const [first] = leftovers('FROM debian\nWORKDIR /src\nRUN cd /tmp && wget https://example.com/a.tgz\n');
    expect(first).toEqual([['download', ['/tmp/a.tgz']]]);
  });
  it('reads every npm and yum/dnf spelling that fills a cache', () => {
    expect(leftovers('FROM node\nRUN npm ic\n')[0]!.map(([k]) => k)).toEqual(['npm-cache']);
    expect(leftovers('FROM fedora\nRUN dnf -y dsync\n')[0]!.map(([k]) => k)).toEqual(['dnf-cache']);
    expect(leftovers('FROM centos\nRUN yum makecache\n')[0]!.map(([k]) => k)).toEqual(['yum-cache']);
  });
});

describe('firstAtOrAfter', () => {
  it('finds the first sorted start at or after an offset', () => {
    expect(firstAtOrAfter([0, 10, 20], 0)).toBe(0);
    expect(firstAtOrAfter([0, 10, 20], 11)).toBe(2);
    expect(firstAtOrAfter([0, 10, 20], 21)).toBe(3);
  });
});
