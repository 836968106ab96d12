/** Image references (`[registry/]name[:tag][@digest]`) and ARG substitution in them. */
import { describe, expect, it } from 'vitest';
import { imageShortName, parseImageRef, removeQuotes } from '../src/lint/dockerfile/image-ref.js';
import { substituteVars } from '../src/lint/dockerfile/var-syntax.js';

const DIGEST = 'sha256:4c2dcbd8c8d4d9b1f2a1e8e0c9e3d2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5';

describe('parseImageRef', () => {
  it.each([
    ['python', null, 'python', null, null],
    ['python:3.11-slim', null, 'python', '3.11-slim', null],
    ['docker.io/library/python:3.11', 'docker.io', 'library/python', '3.11', null],
    [`ghcr.io/acme/app@${DIGEST}`, 'ghcr.io', 'acme/app', null, DIGEST],
    ['localhost:5000/app:1', 'localhost:5000', 'app', '1', null],
    ['registry:5000/ns/app', 'registry:5000', 'ns/app', null, null],
    [`name:tag@${DIGEST}`, null, 'name', 'tag', DIGEST],
    ['localhost/app', 'localhost', 'app', null, null],
    ['acme/app:v2', null, 'acme/app', 'v2', null],
    [
      'my.registry.example.com:443/team/sub/app:1.2.3',
      'my.registry.example.com:443',
      'team/sub/app',
      '1.2.3',
      null,
    ],
    ['  alpine:3.20  ', null, 'alpine', '3.20', null],
    ['scratch', null, 'scratch', null, null],
  ] as const)('%s', (raw, registry, name, tag, digest) => {
    const ref = parseImageRef(raw);
    expect(ref).toEqual({ raw, registry, name, tag, digest, dynamic: false });
  });

  it('an empty tag or digest reads as none', () => {
    expect(parseImageRef('python:')).toMatchObject({ name: 'python', tag: null, digest: null });
    expect(parseImageRef('python@')).toMatchObject({ name: 'python', tag: null, digest: null });
  });

  it('marks references that still hold a variable as dynamic', () => {
    expect(parseImageRef('$BASE')).toMatchObject({ name: '$BASE', dynamic: true });
    expect(parseImageRef('python:${PY_VERSION}-slim')).toMatchObject({
      name: 'python',
      tag: '${PY_VERSION}-slim',
      dynamic: true,
    });
    expect(parseImageRef('${REGISTRY}/app:1')).toMatchObject({
      registry: null,
      name: '${REGISTRY}/app',
      tag: '1',
    });
  });

  it('imageShortName is the last path component, lower-cased', () => {
    expect(imageShortName(parseImageRef('docker.io/library/Python:3.11'))).toBe('python');
    expect(imageShortName(parseImageRef('node'))).toBe('node');
    expect(imageShortName(parseImageRef('ghcr.io/acme/tools/builder@sha256:abc'))).toBe('builder');
  });
});

describe('substituteVars', () => {
  const vars = new Map<string, string | undefined>([
    ['X', 'ex'],
    ['EMPTY', ''],
    ['UNSET', undefined],
    ['TAG', '3.11'],
  ]);

  it.each([
    ['$X', 'ex'],
    ['${X}', 'ex'],
    ['a$X-b', 'aex-b'],
    ['${X}${X}', 'exex'],
    ['python:${TAG}-slim', 'python:3.11-slim'],
    // defaults
    ['${X:-d}', 'ex'],
    ['${NOPE:-d}', 'd'],
    ['${EMPTY:-d}', 'd'],
    ['${UNSET:-d}', 'd'],
    ['${NOPE:-}', ''],
    // alternatives
    ['${X:+alt}', 'alt'],
    ['${NOPE:+alt}', ''],
    ['${EMPTY:+alt}', ''],
    // unknown names stay as written
    ['$NOPE', '$NOPE'],
    ['${NOPE}', '${NOPE}'],
    ['$UNSET', '$UNSET'],
    ['$X/$NOPE', 'ex/$NOPE'],
    // not a variable
    ['$1 $ ${ $$', '$1 $ ${ $$'],
    ['no vars', 'no vars'],
  ])('%s → %s', (text, expected) => {
    expect(substituteVars(text, vars)).toBe(expected);
  });

  it('an empty value substitutes as empty', () => {
    expect(substituteVars('a${EMPTY}b$EMPTY', vars)).toBe('ab');
  });

  it('takes the longest name: `$XY` is not `$X` followed by Y', () => {
    expect(substituteVars('$XY', vars)).toBe('$XY');
    expect(substituteVars('${X}Y', vars)).toBe('exY');
  });
});

describe('removeQuotes', () => {
  it('removes shell quotes as the builder reads a FROM word', () => {
    expect(removeQuotes('servercore:"ltsc2022"')).toBe('servercore:ltsc2022');
    expect(removeQuotes(`'a b'"c"d`)).toBe('a bcd');
    expect(removeQuotes(`"it's"`)).toBe("it's");
    expect(removeQuotes(`'say "hi"'`)).toBe('say "hi"');
    expect(removeQuotes('a\\"b')).toBe('a"b');
    expect(removeQuotes(`'a\\b'`)).toBe('a\\b');
    expect(removeQuotes('unclosed"quote')).toBe('unclosedquote');
    expect(removeQuotes('trailing\\')).toBe('trailing\\');
  });
});
