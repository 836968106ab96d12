/**
 * The plain shell reader (src/lint/shell/plain.ts) against tree-sitter: whenever it answers, its tree is the one
 * tree-sitter gives (the readers downstream then cannot tell them apart); it refuses what lies outside its subset;
 * it never throws. Seeded generated scripts, built from the subset's pieces and from near-misses.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { initShell, treeSitterTree } from '../src/lint/shell/parser.js';
import { PLAIN_MAX_LENGTH, readPlain } from '../src/lint/shell/plain.js';

beforeAll(async () => {
  await initShell();
});

/** The reader's answer, checked against tree-sitter's when it gives one. */
function agrees(text: string): boolean {
  const plain = readPlain(text);
  if (plain === null) return false;
  const ts = treeSitterTree(text);
  expect(ts.hasError, JSON.stringify(text)).toBe(false);
  expect(ts.lost, JSON.stringify(text)).toEqual([]);
  expect(plain, JSON.stringify(text)).toEqual(ts.root);
  return true;
}

describe('plain scripts: the same tree as tree-sitter', () => {
  it.each([
    'apk add curl=8.9.1-r0',
    'apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    'curl https://example.com',
    'curl -fsSL https://example.com/x.tar.gz | tar -xz -C /opt',
    'a || b && c | d',
    'a && b | c | d || e',
    'a | b | c; d | e',
    'a;',
    'a; b\nc',
    '\n\n  a  \n\n',
    'a &&\n  b',
    'A=1 B="x y" C= cmd --flag=$X ${Y}/bin "a $X b" \'q r\' p\'q\' 1 -1 007 0x1F 1a $X-1',
    'pip install --no-cache-dir "requests==2.32.3"',
    'echo done if then in esac',
    'test -f a',
  ])('%j', (text) => {
    expect(agrees(text)).toBe(true);
  });
});

describe('refusals: left to tree-sitter', () => {
  it.each([
    '',
    '   \n ',
    'a # comment',
    '#!/bin/sh',
    'a > out',
    'a 2>&1',
    'a < in',
    'cat <<EOF\nx\nEOF',
    'a &',
    'a |& b',
    'a \\\n b',
    'echo \\$x',
    'echo $(date)',
    'echo `date`',
    'echo ${X:-y}',
    'echo $1',
    'echo $@',
    'echo "$(x)"',
    'echo "it\'s"',
    "echo 'a\nb'",
    'echo "unterminated',
    "echo 'unterminated",
    '(a)',
    '{ a; }',
    'if a; then b; fi',
    'for x in a; do b; done',
    'while a; do b; done',
    'case x in a) b;; esac',
    'export A=1',
    'local a',
    'declare -x A',
    'unset A',
    'function f',
    '! a',
    '[ -f a ]',
    '[[ -f a ]]',
    'a[0]=1 b',
    'a+=1 b',
    'A=1',
    'A=1 B=2',
    'a | b | c && d',
    'a ;; b',
    '; a',
    'a && ; b',
    'a &&',
    'a |',
    'echo é',
    'echo a\r',
    'echo {a,b}',
    'echo a[0]',
    'x ==',
    '1=x',
    'time@x',
    'done.sh',
    'local-x a',
    'a%b',
    '_=x rm',
    'do@x',
    '~/run',
    'x a =~ b',
    'x "  "',
    'x " $X"',
    'x "$X "',
    '-x a',
    `echo ${'a && '.repeat(150)}b`,
    `echo ${'a'.repeat(PLAIN_MAX_LENGTH)}`,
  ])('%j', (text) => {
    expect(readPlain(text)).toBeNull();
  });
});

describe('hostile sizes: one pass, whatever the input', () => {
  // each reads every character at most a few times; quadratic work on these would take minutes, not milliseconds
  const atCap = (unit: string): string => unit.repeat(Math.floor(PLAIN_MAX_LENGTH / unit.length));
  it.each([
    ['one long word', `x ${atCap('a').slice(2)}`, true],
    ['many arguments', `x${atCap(' a')}`.slice(0, PLAIN_MAX_LENGTH), true],
    ['many statements', atCap('a;'), true],
    ['a long pipeline', `a${' | a'.repeat(Math.floor((PLAIN_MAX_LENGTH - 1) / 4))}`, true],
    ['many quoted pieces', `x ${'"a"\'b\''.repeat(Math.floor((PLAIN_MAX_LENGTH - 2) / 6))}`, true],
    ['an unterminated quote at the end of a long word', `x ${atCap('a').slice(3)}"`, false],
    ['over the cap', `x ${'a'.repeat(PLAIN_MAX_LENGTH)}`, false],
  ])('%s', (_name, text, taken) => {
    expect(text.length).toBeLessThanOrEqual(PLAIN_MAX_LENGTH + 2);
    // what it takes, however long, is still tree-sitter's tree
    if (taken) expect(agrees(text)).toBe(true);
    else expect(readPlain(text)).toBeNull();
  });
});

/** Pieces of the subset. */
const WORDS = [
  'apt-get',
  'install',
  '-y',
  '--no-install-recommends',
  'curl=8.9.1-r0',
  '/var/lib/apt/lists/*',
  '*.txt',
  'a?b',
  '?',
  '*',
  '~/a',
  'a:b@c%d+e,f',
  './configure',
  '1',
  '-1',
  '007',
  '-0',
  '0x1F',
  '0x1',
  '-0x10',
  '0x',
  '1a',
  '1-2',
  'a=b',
  '=a',
  'a=',
  '-',
  '--',
  '$X',
  '${X}',
  '$X/bin',
  '$PATH:/usr/local/bin',
  '${A}${B}',
  'a$X',
  '$X-1',
  '$X1',
  '$_',
  '${_}',
  '$_x',
  '_',
  "'q r'",
  "''",
  '\'$X "x" #\'',
  '"a b"',
  '""',
  '"$X"',
  '"a $X b"',
  '"${X}:x"',
  '"a\tb"',
  'a"b"',
  "--x='y'",
  '--x="$Y"',
  'done',
  'if',
  'in',
  'test',
  'export',
  '"a=b"',
  '"~ * ?"',
  '" a"',
  '"a "',
  "'a\tb'",
  "'a\\b'",
  '=',
  '"x:y@z,%+"',
  '~user',
  'a~b',
  '+x',
  '%s',
  '@',
  ',',
  '.',
  '..',
  '/',
  ':',
];
const ASSIGNMENTS = [
  'A=1',
  'B=x',
  'C=',
  'D="x y"',
  "E='z'",
  'F=$X',
  'G=a$Y',
  'H=a=b',
  'I==a',
  'J=1a',
  'K=~',
  'L=-1',
  'M=*',
  "N=''",
  'O=""',
  'P=${X}',
  'Q=a,b',
  '_R=0x1',
  'S==',
  '_a=1',
];
/** Near-misses: what the reader must refuse or prove equal. */
const NEAR = [
  '#',
  'a#b',
  '# c',
  '\\',
  '\\n',
  '\\\n',
  '$(',
  '$(date)',
  '`date`',
  '${X:-y}',
  '${#X}',
  '$1',
  '$@',
  '$?',
  '$',
  '"$"',
  '"',
  "'",
  '"a\'b"',
  '>',
  '2>&1',
  '>>f',
  '<f',
  '<<EOF',
  '&',
  '|&',
  ';;',
  '(',
  ')',
  '{',
  '}',
  '{a,b}',
  '[',
  ']',
  '[[',
  'a[0]',
  '!',
  '!a',
  '^a',
  'é',
  '\r',
  'then',
  'fi',
  'do',
  'local',
  'function',
  'time',
  'a+=b',
  '~',
  '-x',
  '=',
  '==',
  '=~',
  '==a',
  '"  "',
  '_=x',
  '%x',
  '+x',
  '@x',
  'a,b',
  'time%x',
  'done.sh',
  '1=x',
  'a%b',
  'x@y',
  'a+:',
];
const SEPARATORS = [
  ' ',
  '  ',
  '\t',
  ' && ',
  ' || ',
  ' | ',
  '; ',
  ';',
  '\n',
  '\n\n',
  ' &&\n  ',
  ' |\n',
  '&&',
  '||',
  '|',
];

const word = fc.constantFrom(...WORDS);
const command = fc
  .tuple(
    fc.array(fc.constantFrom(...ASSIGNMENTS), { maxLength: 2 }),
    fc.constantFrom(
      'apt-get',
      'apk',
      'curl',
      'rm',
      'echo',
      'test',
      'x',
      './run.sh',
      'a1',
      'npm',
      '.',
      ':',
      '/bin/sh',
      'a.b',
      '1x',
      'true',
      'timex',
      'local_x',
      'in1',
      'fi.x',
      'ifx.sh',
    ),
    fc.array(
      fc.oneof(
        word,
        fc.tuple(word, word).map(([a, b]) => a + b),
      ),
      { maxLength: 5 },
    ),
  )
  .map(([assign, name, args]) => [...assign, name, ...args].join(' '));
const op = fc.constantFrom(' && ', ' || ', ' | ', '; ', '\n', ' &&\n  ', ';\n');
/** Scripts inside the subset, or one near-miss away from it. */
const script = fc
  .tuple(
    fc.constantFrom('', ' ', '\n'),
    command,
    fc.array(fc.tuple(op, command), { maxLength: 5 }),
    fc.constantFrom('', ' ', '\n', ';', ' ;\n'),
  )
  .map(([lead, first, rest, tail]) => lead + first + rest.map(([o, c]) => o + c).join('') + tail);
const nearMiss = fc
  .tuple(script, fc.nat(), fc.constantFrom(...NEAR), fc.boolean())
  .map(([s, at, near, spaced]) => {
    const i = at % (s.length + 1);
    return s.slice(0, i) + (spaced ? ` ${near} ` : near) + s.slice(i);
  });
/** Free token soup: what the structured generators would never build. */
const soup = fc
  .array(fc.tuple(fc.constantFrom(...WORDS, ...NEAR, ...ASSIGNMENTS), fc.constantFrom(...SEPARATORS)), {
    minLength: 1,
    maxLength: 8,
  })
  .map((parts) => parts.map(([w, s]) => w + s).join(''));

/** Character by character, mostly what plain words are made of: the quirks no list of pieces thought of. */
const ALPHABET = [...'aaabbcdeiflnot_01x.-/=:+,@%~*?    \t\n\n;;&&||\'\'""$${}#\\()<>![]é'];
const characters = fc
  .array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 24 })
  .map((a) => a.join(''));
/** Only what the subset is made of, so that most of them are taken. */
const PLAIN_ALPHABET = [...'aaabcdefilnorstx_019.-/=:+,@%~*?      \t\n;&&||\'""$${}'];
const plainCharacters = fc
  .array(fc.constantFrom(...PLAIN_ALPHABET), { minLength: 1, maxLength: 24 })
  .map((a) => a.join(''));

describe('generated scripts', () => {
  const check = (
    name: string,
    arb: fc.Arbitrary<string>,
    seed: number,
    runs: number,
    minAccepted: number,
  ) => {
    it(`${name}: whenever the reader answers, tree-sitter agrees`, () => {
      let accepted = 0;
      fc.assert(
        fc.property(arb, (text) => {
          if (agrees(text)) accepted++;
        }),
        { seed, numRuns: runs },
      );
      // the property is not vacuous: the reader takes a good share of what it is given
      console.log(`${name}: ${accepted} of ${runs} taken by the plain reader`);
      expect(accepted).toBeGreaterThanOrEqual(minAccepted);
    }, 120_000);
  };
  check('plain scripts', script, 14, 3000, 1000);
  check('near-misses', nearMiss, 15, 3000, 200);
  check('token soup', soup, 16, 3000, 5);
  check('characters', characters, 17, 20000, 600);
  check('plain characters', plainCharacters, 18, 20000, 1600);
});
