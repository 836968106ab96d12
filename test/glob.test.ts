import fc from 'fast-check';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { compileGlob, MAX_GLOB_LENGTH } from '../src/lint/glob.js';
import {
  dockerignoreExcludes,
  dockerignoreMatcher,
  dockerignoreRules,
  MAX_DOCKERIGNORE_WILDCARDS,
} from '../src/lint/dockerfile/dockerignore.js';

const glob = (p: string, s: string): boolean => compileGlob(p).test(s);
const ignore = (p: string, s: string): boolean => compileGlob(p, 'dockerignore').testPathOrParent(s);

describe('glob dialect', () => {
  it('`*` and `?` stay within a segment; dot files match', () => {
    expect(glob('*.md', 'notes.md')).toBe(true);
    expect(glob('*.md', 'docs/notes.md')).toBe(false);
    expect(glob('*', '.env')).toBe(true);
    expect(glob('a?c', 'abc')).toBe(true);
    expect(glob('a?c', 'a/c')).toBe(false);
    expect(glob('a*c', 'a/c')).toBe(false);
    expect(glob('a**c', 'axyc')).toBe(true);
    expect(glob('a**c', 'a/c')).toBe(false);
  });

  it('`**` as a segment: any number of folders, none included', () => {
    expect(glob('**', 'a/b/c')).toBe(true);
    expect(glob('**/Dockerfile', 'Dockerfile')).toBe(true);
    expect(glob('**/Dockerfile', 'a/b/Dockerfile')).toBe(true);
    expect(glob('a/**', 'a')).toBe(true);
    expect(glob('a/**', 'a/b/c')).toBe(true);
    expect(glob('a/**', 'ab')).toBe(false);
    expect(glob('a/**/b', 'a/b')).toBe(true);
    expect(glob('a/**/b', 'a/x/y/b')).toBe(true);
    expect(glob('a/**/b', 'a/xb')).toBe(false);
    expect(glob('a/**/*', 'a')).toBe(false);
    expect(glob('vendor/**', 'vendor/x/Dockerfile')).toBe(true);
    expect(glob('docker/**/*.Dockerfile', 'docker/a/b/api.Dockerfile')).toBe(true);
  });

  it('classes, braces, escapes', () => {
    expect(glob('[abc]', 'b')).toBe(true);
    expect(glob('[a-c]x', 'cx')).toBe(true);
    expect(glob('[!a]', 'a')).toBe(false);
    expect(glob('[^a]', 'b')).toBe(true);
    expect(glob('[]a]', ']')).toBe(true);
    expect(glob('[a-]', '-')).toBe(true);
    expect(glob('[[:digit:]]x', '7x')).toBe(true);
    // a class name is looked up with text from a .dockerignore: Object.prototype's keys are no classes, so the
    // bracket is read as a plain set of characters (`[[:constructor:]` then `]`), as for any unknown name
    expect(glob('[[:constructor:]]', 'c]')).toBe(true);
    expect(glob('[[:constructor:]]', 'x]')).toBe(false);
    expect(glob('[[:__proto__:]]', '_]')).toBe(true);
    expect(glob('[[:__proto__:]]', 'x]')).toBe(false);
    expect(glob('[[:nosuchclass:]]', 'c]')).toBe(true);
    expect(glob('[!a]', '/')).toBe(false);
    expect(glob('[a', '[a')).toBe(true);
    expect(glob('/var/lib/{apt,dpkg}/*', '/var/lib/dpkg/lists')).toBe(true);
    expect(glob('{a,{b,c}d}', 'cd')).toBe(true);
    expect(glob('{a,b/c}', 'b/c')).toBe(true);
    expect(glob('a{,b}', 'a')).toBe(true);
    expect(glob('{a}', '{a}')).toBe(true);
    expect(glob('\\*', '*')).toBe(true);
    expect(glob('\\*', 'x')).toBe(false);
  });

  it('an empty or over-long pattern matches nothing', () => {
    expect(glob('', '')).toBe(false);
    const long = '*'.repeat(MAX_GLOB_LENGTH + 1);
    expect(glob(long, 'a')).toBe(false);
    expect(glob('*'.repeat(MAX_GLOB_LENGTH), 'a')).toBe(true);
  });
});

describe('dockerignore dialect', () => {
  it("Docker's `**`, no braces, `^` negation only", () => {
    expect(ignore('**/dist', 'dist')).toBe(true);
    expect(ignore('**/dist', 'a/b/dist')).toBe(true);
    expect(ignore('**', 'a/b')).toBe(true);
    expect(ignore('a/**', 'a/b/c')).toBe(true);
    expect(ignore('**/*.log', 'a/b.log')).toBe(true);
    expect(ignore('**.log', 'a/.log')).toBe(true);
    expect(ignore('{a,b}', 'a')).toBe(false);
    expect(ignore('{a,b}', '{a,b}')).toBe(true);
    expect(ignore('[^a]', 'b')).toBe(true);
    expect(ignore('[!a]', 'b')).toBe(false);
    expect(ignore('[!a]', '!')).toBe(true);
  });

  it('a pattern matching a parent folder matches what is inside, in one pass', () => {
    expect(ignore('build', 'build/out.bin')).toBe(true);
    expect(ignore('build', 'builder/x')).toBe(false);
    expect(ignore('b*', 'build/out.bin')).toBe(true);
    expect(ignore('*/out', 'build/out/x')).toBe(true);
    expect(ignore('*.md', 'docs/x.md')).toBe(false);
    expect(ignore('docs/*.md', 'docs/x.md')).toBe(true);
  });
});

describe('bounded work', () => {
  // each is a pattern a backtracking or brace-expanding matcher (picomatch among them) does not finish on: here
  // at most pattern × path steps (a few million), well under the generous bound
  it('patterns that make backtracking matchers explode answer at once', () => {
    const t = performance.now();
    const text = 'a'.repeat(2000);
    expect(glob(`${'a*'.repeat(500)}b`, text)).toBe(false);
    expect(glob(`${'**/'.repeat(500)}x`, `${'a/'.repeat(1000)}y`)).toBe(false);
    expect(glob(`${'**/'.repeat(500)}y`, `${'a/'.repeat(1000)}y`)).toBe(true);
    expect(glob(`${'{a,aa}'.repeat(500)}b`, text)).toBe(false);
    expect(glob('{'.repeat(1000) + 'a' + ',b}'.repeat(1000), 'a')).toBe(true);
    expect(ignore(`${'*a'.repeat(500)}b`, `${text}/x`)).toBe(false);
    expect(ignore(`${'**/'.repeat(500)}x`, `${'a/'.repeat(1000)}x/y`)).toBe(true);
    // ~0.2 s on an idle machine; the bound is generous for a loaded CI runner, and minutes away from a regression
    expect(performance.now() - t).toBeLessThan(5000);
  });
});

describe('agrees with picomatch (dot: true) on their shared subset', () => {
  // the subset: non-empty segments, no `.`/`..` segment, no leading `!`, no trailing `/`; and not `[!a]`, which
  // picomatch reads as a class of `!` and `a`, nor a trailing `/**` after a wildcard segment (picomatch: `a/**`
  // matches `a` but `*/**` does not match `b`; here both do)
  const piece = fc.constantFrom('a', 'b', '.', '*', '?', '[ab]', '[^a]', '{a,b}', '{a,*b}', '[a-b]');
  const segment = fc.oneof(
    { weight: 1, arbitrary: fc.constant('**') },
    {
      weight: 5,
      arbitrary: fc
        .array(piece, { minLength: 1, maxLength: 4 })
        .map((p) => p.join(''))
        .filter((s) => s !== '.' && s !== '..' && !s.startsWith('**')),
    },
  );
  const pattern = fc
    .array(segment, { minLength: 1, maxLength: 4 })
    .map((s) => s.join('/'))
    .filter((p) => !p.startsWith('!') && !p.endsWith('/**'));
  // nor a name ending in `.`: picomatch's `*.*` does not match `a.` (while its `?.*` does); `*` may match nothing,
  // so here it does (checked below)
  const name = fc.stringMatching(/^[ab.]{1,3}$/).filter((s) => s !== '.' && s !== '..' && !s.endsWith('.'));
  const path = fc.array(name, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));

  it('`*` may match nothing, also before the end of a name (`*.*` matches `a.`)', () => {
    expect(compileGlob('*.*').test('a.')).toBe(true);
    expect(compileGlob('*.*').test('a')).toBe(false);
  });

  it('on random small patterns and paths', () => {
    fc.assert(
      fc.property(pattern, fc.array(path, { minLength: 1, maxLength: 6 }), (p, paths) => {
        const ours = compileGlob(p);
        const theirs = picomatch(p, { dot: true });
        for (const s of paths) expect(ours.test(s), `${p} on ${s}`).toBe(theirs(s));
      }),
      // a fixed seed: the same cases every run, so a quirk of the reference found one day cannot fail another
      { seed: 20261207, numRuns: 3000 },
    );
  });
});

describe('dockerignoreMatcher', () => {
  it('answers as dockerignoreExcludes does: literal lines in a trie, wildcard lines after the last literal match', () => {
    const segment = fc.constantFrom('a', 'b', 'ab', 'a*', '*', '?', '[ab]', '**', '.');
    const line = fc
      .tuple(fc.boolean(), fc.array(segment, { minLength: 1, maxLength: 3 }))
      .map(([neg, segs]) => `${neg ? '!' : ''}${segs.join('/')}`);
    const path = fc.array(fc.constantFrom('a', 'b', 'ab', 'ba', '.'), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), path, (lines, segs) => {
        const rules = dockerignoreRules(lines);
        const p = segs.join('/');
        expect(dockerignoreMatcher(rules)!.excludes(p)).toBe(dockerignoreExcludes(rules, p));
      }),
      { numRuns: 3000 },
    );
  });

  it('a literal line over the glob length limit matches nothing, as its glob does', () => {
    const long = 'a'.repeat(MAX_GLOB_LENGTH + 1);
    expect(dockerignoreMatcher(dockerignoreRules([long]))!.excludes(long)).toBe(false);
    expect(
      dockerignoreMatcher(dockerignoreRules(['a'.repeat(MAX_GLOB_LENGTH)]))!.excludes(
        `${'a'.repeat(MAX_GLOB_LENGTH)}/x`,
      ),
    ).toBe(true);
  });

  it(`gives no answer past ${MAX_DOCKERIGNORE_WILDCARDS} wildcard lines; literal lines do not count`, () => {
    const wild = Array.from({ length: MAX_DOCKERIGNORE_WILDCARDS }, (_, i) => `*x${i}`);
    const literal = Array.from({ length: 5000 }, (_, i) => `f${i}`);
    expect(dockerignoreMatcher(dockerignoreRules([...wild, ...literal]))!.excludes('f4999/y')).toBe(true);
    expect(dockerignoreMatcher(dockerignoreRules([...wild, '*y', ...literal]))).toBeNull();
  });
});
