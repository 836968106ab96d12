import { describe, expect, it } from 'vitest';
import {
  apkPinned,
  aptPinned,
  gemPinned,
  goPinned,
  npmPinned,
  peclPinned,
  pipPinned,
  zypperPinned,
} from '../../src/lint/packages/pin-syntax.js';

/** Each package manager's pinned and floating spellings of an install operand. */
const CASES: [string, (spec: string) => boolean, string[], string[]][] = [
  ['apt', aptPinned, ['curl=7.88.1-10', 'curl/bookworm-backports', './pkg.deb'], ['curl', 'curl-7']],
  ['apk', apkPinned, ['curl=8.5.0-r0', 'curl~8.5', 'curl>8', 'curl<9', 'local.apk'], ['curl']],
  ['gem', gemPinned, ['rails:7.1.3', 'pkg.gem', 'vendor/x'], ['rails']],
  [
    'npm',
    npmPinned,
    ['express@4.18.2', '@scope/x@1.2', 'x@^1', 'github:u/r#v1', 'u/r#abc', 'x.tgz', './local', 'file:../x'],
    ['express', 'express@latest', 'express@', '@scope/x', 'u/r', 'git+https://h/r.git'],
  ],
  [
    'pip',
    pipPinned,
    [
      'flask==3.0',
      'flask>=2',
      'x~=1.2',
      'x @ https://h/x.whl',
      'git+https://h/o/r.git@v1#egg=x',
      'x.whl',
      './src',
    ],
    ['flask', 'git+https://h/o/r.git#egg=x'],
  ],
  [
    'pecl',
    peclPinned,
    [
      'apcu-5.1.24',
      'swoole-5',
      'mongodb-1.20.0RC1',
      'ch.example.org/ds-1.5.0',
      'channel://pecl.php.net/ds-1.5.0',
      'ds.tgz',
      'src/package.xml',
      './ext/ds',
      'https://h/ds.tgz',
    ],
    ['apcu', 'apcu-', 'apcu-beta', 'apcu-stable', 'pecl.php.net/apcu', 'channel://pecl.php.net/apcu-alpha'],
  ],
  ['zypper', zypperPinned, ['curl=8.0', 'curl>=8', 'x.rpm', 'https://h/x'], ['curl']],
  [
    'go',
    goPinned,
    ['example.com/t@v1.2.3', './cmd/app', '/src/app', 'main.go', 'all'],
    ['example.com/t', 'example.com/t@latest', 'example.com/t@main', 'example.com/t@'],
  ],
];

describe('pin syntax per package manager', () => {
  for (const [name, pinned, yes, no] of CASES) {
    it(`${name}: tells a pinned operand from a floating one`, () => {
      expect(yes.filter((s) => !pinned(s))).toEqual([]);
      expect(no.filter((s) => pinned(s))).toEqual([]);
    });
  }
});
