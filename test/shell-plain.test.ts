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
    'a > out',
    'a 2>&1',
    'a < in',
    'a > /dev/null 2>&1',
    'a >> /etc/x.conf',
    'a 2>/dev/null || true',
    'a 1>&2 >&2 2> err 2>>log <in >"f" >\'f\' > $X > ${X}/f > a$X > 1 >> -1',
    'echo "$TZ" > /etc/timezone && b',
    'a && b | c > f',
    'a | b > f | c && d',
    'a > f | b',
    'a > f && b > g && c > h',
    'a >f|b',
    'a >f&& b',
    'a > f; b > g;',
    'a > f\nb',
    'a 2 > f',
    'cat - > f',
    'cat -- 2>&1',
    'a | b | c > f',
    'a | b | c > f;',
    'a > f | b | c > g',
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
    'cat <<EOF\nx\nEOF',
    'cat <<-EOF\nx\nEOF',
    'a <<< x',
    'a >&-',
    'a 2>&-',
    'a >| f',
    'a <> f',
    'a &> f',
    'a &>> f',
    'a 2>>&1',
    'a 0<f',
    'a 1<f',
    'a 3>f',
    'a 10>f',
    'a >&10',
    'a >& f',
    'a >&1x',
    'a >&$X',
    'a 2>& 1',
    'a > f x',
    'a > f 2>&1 x',
    '> f a',
    'A=1 > f a',
    '2>f a',
    'a>f',
    'a x>f',
    'a "x">f',
    'a >\nf',
    'a >',
    'a > ;',
    'a > f>g',
    'a > >(x)',
    'a <(x)',
    'a > f &',
    'a | b | c > f\nd',
    'a | b | c > f | d && e',
    'a | b | c | d > f && e',
    'a > f | b | c > g | d',
    'a > f | b | c | d > g && e',
    'a > f && b | c | d && e',
    'a > f && b | c | d || e',
    'cat - 2>err',
    'cat - 1>&2',
    'a > f | b | c && d',
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
  'b-',
  '+',
  '$X-',
  '"a"-',
  '2',
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
/** Redirects after a command's words. */
const REDIRECTS = [
  '> f',
  '>f',
  '>  f',
  '>\tf',
  '>> /etc/x.conf',
  '>>f',
  '< in',
  '<in',
  '2>&1',
  '1>&2',
  '>&2',
  '>&1',
  '> /dev/null',
  '2>/dev/null',
  '2> err',
  '1>out',
  '2>>log',
  '> $X',
  '> ${X}',
  '>"f"',
  '> "a $X b"',
  ">'f'",
  '> a$X',
  '> ${X}/f',
  '> 1',
  '> 2',
  '>> -1',
  '> 0x1',
  '> done',
  '> if',
  '> =x',
  '> ~',
  '> *.txt',
  '> a=b',
  '> -',
  '> f"g"',
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
  '<<-EOF',
  '<<',
  '<<<',
  '<<< x',
  '>&-',
  '2>&-',
  '>|',
  '>| f',
  '<>',
  '<> f',
  '2>',
  '2>f',
  '&>',
  '&> f',
  '&>>',
  '&>> f',
  '> $X',
  '>"f"',
  '1>&2',
  '0<f',
  '1<f',
  '3>f',
  '10>f',
  '>&10',
  '>& f',
  '>&1x',
  '>&$X',
  '2>>&1',
  '>(x)',
  '<(x)',
  '> f',
  '< ',
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
/** A listed redirect, or an operator with any word as its target. */
const redirect = fc.oneof(
  fc.constantFrom(...REDIRECTS),
  fc
    .tuple(fc.constantFrom('>', '>>', '<', '2>', '1>', '2>>', '> ', '>> ', '< ', '2> ', '>&', '2>&'), word)
    .map(([o, w]) => o + w),
);
/** A command with redirects after its words. */
const redirected = fc
  .tuple(command, fc.array(redirect, { minLength: 1, maxLength: 3 }))
  .map(([cmd, redirects]) => `${cmd} ${redirects.join(' ')}`);
/** Redirects where tree-sitter reads them otherwise: before the command name, against a word, followed by one. */
const misplaced = fc
  .tuple(
    command,
    fc.array(redirect, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('before', 'after-assignments', 'then-word', 'against'),
    word,
  )
  .map(([cmd, redirects, where, w]) => {
    const r = redirects.join(' ');
    if (where === 'before') return `${r} ${cmd}`;
    if (where === 'after-assignments') return `A=1 ${r} ${cmd}`;
    if (where === 'then-word') return `${cmd} ${r} ${w}`;
    // against a word: a trailing digit would make it a file descriptor (`x 2>f`), so a letter ends the word
    return `${cmd}x${r}`;
  });
const anyCommand = fc.oneof({ arbitrary: command, weight: 2 }, { arbitrary: redirected, weight: 1 });
const op = fc.constantFrom(' && ', ' || ', ' | ', '; ', '\n', ' &&\n  ', ';\n');
/** Scripts inside the subset, or one near-miss away from it. */
const script = fc
  .tuple(
    fc.constantFrom('', ' ', '\n'),
    anyCommand,
    fc.array(fc.tuple(op, anyCommand), { maxLength: 5 }),
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
  .array(
    fc.tuple(
      fc.constantFrom(...WORDS, ...NEAR, ...ASSIGNMENTS, ...REDIRECTS),
      fc.constantFrom(...SEPARATORS),
    ),
    {
      minLength: 1,
      maxLength: 8,
    },
  )
  .map((parts) => parts.map(([w, s]) => w + s).join(''));

/** Character by character, mostly what plain words are made of: the quirks no list of pieces thought of. */
const ALPHABET = [...'aaabbcdeiflnot_012x.-/=:+,@%~*?    \t\n\n;;&&||\'\'""$${}#\\()<>><![]é'];
const characters = fc
  .array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 24 })
  .map((a) => a.join(''));
/** Only what the subset is made of, so that most of them are taken. */
const PLAIN_ALPHABET = [...'aaabcdefilnorstx_0129.-/=:+,@%~*?      \t\n;&&||\'""$${}>><'];
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
  check(
    'redirected commands',
    fc.tuple(redirected, op, redirected).map((p) => p.join('')),
    19,
    3000,
    1200,
  );

  it('misplaced redirects, anywhere in a plain script: refused', () => {
    fc.assert(
      fc.property(script, op, misplaced, fc.boolean(), (s, o, m, first) => {
        const text = first ? m + o + s : s + o + m;
        expect(readPlain(text), JSON.stringify(text)).toBeNull();
      }),
      { seed: 20, numRuns: 3000 },
    );
  }, 120_000);
});
