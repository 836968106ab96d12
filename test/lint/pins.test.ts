import { describe, expect, it } from 'vitest';
import { reportUnpinned, unpinnedPackages, type UnpinnedPackage } from '../../src/lint/packages/pins.js';
import { toolCommands } from '../../src/lint/dockerfile/run.js';
import type { Span } from '../../src/lint/types.js';
import { parse, useParser } from './dockerfile-helpers.js';

useParser();

const pinned = (spec: string): boolean => spec.includes('=');

/** The unpinned operands of the file's one `apk add`. */
function unpinned(text: string): UnpinnedPackage[] {
  const [c] = toolCommands(parse(text), 'apk');
  return unpinnedPackages(c!, c!.inv.args.slice(1), pinned);
}

describe('unpinnedPackages', () => {
  it('judges plain words by the package manager syntax', () => {
    expect(unpinned('FROM a\nRUN apk add curl git=2.4\n').map((p) => p.spec)).toEqual(['curl']);
  });
  it('judges a whole-word variable item by item', () => {
    expect(unpinned('FROM a\nARG PKGS="curl=1 git"\nRUN apk add $PKGS\n').map((p) => p.spec)).toEqual([
      'git',
    ]);
  });
  it('takes a version from a variable, a default, or reports it empty', () => {
    expect(unpinned('FROM a\nARG V=1\nRUN apk add curl=$V\n')).toEqual([]);
    expect(unpinned('FROM a\nRUN apk add curl=${V:-1}\n')).toEqual([]);
    expect(unpinned('FROM a\nARG V\nRUN apk add curl=$V\n').map((p) => p.emptyVar)).toEqual(['V']);
  });
  it('does not judge what the shell sets or what stays unknown', () => {
    expect(unpinned('FROM a\nARG V\nRUN V=1 && apk add curl=$V\n')).toEqual([]);
    expect(unpinned('FROM a\nRUN apk add $UNKNOWN\n')).toEqual([]);
  });
});

describe('reportUnpinned', () => {
  it('reports plain ones once at the first, and each empty variable on its own', () => {
    const found: { at: Span; message: string }[] = [];
    const list = unpinned('FROM a\nARG V\nRUN apk add curl git curl=$V\n');
    reportUnpinned((r) => found.push(r), 'apk add', list, '`<package>=<version>`');
    expect(found).toHaveLength(2);
    expect(found[0]!.message).toContain('`curl` and `git`');
    expect(found[1]!.message).toContain('`V`');
  });
  it('gives the plain ones as the parts of the finding, each where it is written', () => {
    const text = 'FROM a\nRUN apk add \\\n  curl \\\n  git\n';
    const found: { parts?: { text: string; span: Span }[] }[] = [];
    reportUnpinned((r) => found.push(r), 'apk add', unpinned(text), '`<package>=<version>`');
    expect(found[0]!.parts!.map((p) => [p.text, text.slice(p.span.start, p.span.end)])).toEqual([
      ['curl', 'curl'],
      ['git', 'git'],
    ]);
  });
});
