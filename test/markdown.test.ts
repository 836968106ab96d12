import { describe, expect, it } from 'vitest';
import { code } from '../src/lint/quote.js';
import {
  fenced,
  inlineCode,
  plainText,
  renderMessage,
  splitCodeSpans,
  tableCell,
} from '../src/review/markdown.js';

const ZWJ = '\u200d';

/**
 * What of rendered markdown GitHub would read as live text, per CommonMark: a backslash before ASCII punctuation
 * makes it a plain character (shown here as `·`), a code span (a run of n backticks up to the next run of exactly
 * n) is replaced by `CODE`. An unescaped backtick left over is returned as is, for the tests to catch.
 */
function live(md: string): string {
  let out = '';
  for (let i = 0; i < md.length;) {
    const c = md[i]!;
    if (c === '\\' && /[!-/:-@[-`{-~]/.test(md[i + 1] ?? '')) {
      out += '·';
      i += 2;
      continue;
    }
    if (c === '`') {
      let n = 0;
      while (md[i + n] === '`') n++;
      let j = i + n;
      let closed = -1;
      while (j < md.length) {
        if (md[j] !== '`') {
          j++;
          continue;
        }
        let m = 0;
        while (md[j + m] === '`') m++;
        if (m === n) {
          closed = j;
          break;
        }
        j += m;
      }
      if (closed >= 0) {
        out += 'CODE';
        i = closed + n;
        continue;
      }
      out += '`'.repeat(n);
      i += n;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** Every way a rendered message could still do something on GitHub. */
function expectInert(md: string): void {
  const text = live(md);
  expect(md).not.toMatch(/[\r\n]/);
  expect(text).not.toContain('`'); // a stray backtick could pair up with the markdown around the message
  expect(text).not.toMatch(/[<>*_[\]&~|$\\]/); // HTML, comments, emphasis, links, images, entities, tables, math
  expect(text).not.toMatch(/@[A-Za-z0-9]/); // @user, @org/team, emails, user@sha
  expect(text).not.toMatch(/#\d/); // #1, org/repo#1
  expect(text).not.toMatch(/gh-\d/i);
  expect(text).not.toMatch(/:\/\//); // http://, https://, ftp://
  expect(text).not.toMatch(/www\./i);
  expect(text).not.toMatch(/^(?:[#+\-=>]|\d+[.)])/); // a heading, list, quote or setext line
}

describe('splitCodeSpans (CommonMark)', () => {
  it('a run of n backticks closes only at a run of exactly n', () => {
    expect(splitCodeSpans('a ``b`c`` d')).toEqual([
      { code: false, text: 'a ' },
      { code: true, text: 'b`c', fence: 2 },
      { code: false, text: ' d' },
    ]);
    expect(splitCodeSpans('`a`` b `c`')).toEqual([
      { code: true, text: 'a`` b ', fence: 1 },
      { code: false, text: 'c`' },
    ]);
  });

  it('an unmatched run is literal text, and a later run may still open a span', () => {
    expect(splitCodeSpans('``` x `y`')).toEqual([
      { code: false, text: '``` x ' },
      { code: true, text: 'y', fence: 1 },
    ]);
    expect(splitCodeSpans('`')).toEqual([{ code: false, text: '`' }]);
  });

  it('is linear on many unmatched runs of growing length', () => {
    const s = Array.from({ length: 400 }, (_, i) => `${'`'.repeat(i + 1)}x`).join('');
    const started = performance.now();
    expect(splitCodeSpans(s)).toEqual([{ code: false, text: s }]);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('renderMessage', () => {
  it('leaves our prose and its code spans as they are', () => {
    const m = `${code('apt-get install curl')} without ${code('-y')} stops at the prompt.`;
    expect(renderMessage(m)).toBe(m);
    expect(renderMessage('Use `COPY`, not `ADD`: it says what it does.')).toBe(
      'Use `COPY`, not `ADD`: it says what it does.',
    );
  });

  it('keeps code spans verbatim, whatever they hold: GitHub renders nothing inside them', () => {
    const hostile = '@octocat <img src=x onerror=alert(1)> http://evil.example [x](y) org/repo#1 <!-- x -->';
    const m = `Quoted ${code(hostile)} here.`;
    expect(renderMessage(m)).toBe(m);
    expect(renderMessage(code('x`````y'))).toBe('``````x`````y``````');
  });

  it('breaks mentions with a zero width joiner after @', () => {
    expect(renderMessage('ping @octocat and @github/security-team')).toBe(
      `ping @${ZWJ}octocat and @${ZWJ}github/security-team`,
    );
    expect(renderMessage('mail ops@example.com or see user@a5c3785')).toBe(
      `mail ops@${ZWJ}example.com or see user@${ZWJ}a5c3785`,
    );
    // an @ before nothing a name can start with needs nothing
    expect(renderMessage('a @ b, @-x')).toBe('a @ b, @-x');
  });

  it('breaks bare URLs and www. autolinks', () => {
    expect(renderMessage('see https://evil.example/x, ftp://h and WWW.evil.example')).toBe(
      `see https:${ZWJ}//evil.example/x, ftp:${ZWJ}//h and WWW${ZWJ}.evil.example`,
    );
  });

  it('escapes links, images, autolinks and HTML', () => {
    expect(renderMessage('[click](https://e.x) ![i](https://e.x/i.png) <https://e.x>')).toBe(
      `\\[click\\](https:${ZWJ}//e.x) !\\[i\\](https:${ZWJ}//e.x/i.png) \\<https:${ZWJ}//e.x\\>`,
    );
    expect(renderMessage('<img src=x> <details><summary>s</summary></details> <!-- c -->')).toBe(
      '\\<img src=x\\> \\<details\\>\\<summary\\>s\\</summary\\>\\</details\\> \\<!-- c --\\>',
    );
    expect(renderMessage('&lt;b&gt; &#64;x')).toBe(`\\&lt;b\\&gt; \\&#${ZWJ}64;x`);
  });

  it('neutralises issue references that notify: #1, org/repo#1, GH-1', () => {
    expect(renderMessage('fixes #12, org/repo#1 and gh-3')).toBe(
      `fixes #${ZWJ}12, org/repo#${ZWJ}1 and gh-${ZWJ}3`,
    );
    expect(renderMessage('stage #build and C# stay')).toBe('stage #build and C# stay');
  });

  it('escapes emphasis, strikethrough, math, tables and backslashes', () => {
    expect(renderMessage('*a* _b_ ~~c~~ $x$ a | b \\`')).toBe(
      '\\*a\\* \\_b\\_ \\~\\~c\\~\\~ \\$x\\$ a \\| b \\\\\\`',
    );
  });

  it('a newline can start no heading, list, quote, table or fence: the message is one line', () => {
    const md = renderMessage('first\n# heading\n- item\n> quote\n\n| a |\n|---|\n```\ncode');
    expect(md).toBe('first # heading - item \\> quote  \\| a \\| \\|---\\| \\`\\`\\` code');
  });

  it('nothing at its start begins a block', () => {
    expect(renderMessage('# title')).toBe('\\# title');
    expect(renderMessage('#1 first')).toBe(`\\#${ZWJ}1 first`);
    expect(renderMessage('- item')).toBe('\\- item');
    expect(renderMessage('+ item')).toBe('\\+ item');
    expect(renderMessage('=====')).toBe('\\=====');
    expect(renderMessage('---')).toBe('\\---');
    expect(renderMessage('12. item')).toBe('12\\. item');
    expect(renderMessage('3) item')).toBe('3\\) item');
    expect(renderMessage('    indented code')).toBe('indented code');
    expect(renderMessage('> quote')).toBe('\\> quote');
    // a span of three backticks is no fence: its info string would hold the closing backticks
    expect(renderMessage('```x``` y')).toBe('```x``` y');
  });

  it('unmatched backticks are escaped, so they pair with nothing around the message', () => {
    expect(renderMessage('a ``` b')).toBe('a \\`\\`\\` b');
    expect(renderMessage('`a`` b')).toBe('\\`a\\`\\` b');
  });

  it('cuts a huge message', () => {
    const md = renderMessage(`${'x'.repeat(100_000)}`);
    expect(md.length).toBeLessThanOrEqual(4001);
    expect(md.endsWith('…')).toBe(true);
  });

  it('hostile strings of every kind render inert', () => {
    const pieces = [
      '@octocat',
      '@org/team',
      'a@b.co',
      'http://e.x',
      'www.e.x',
      '[x](y)',
      '![i](y)',
      '<img src=x>',
      '<!-- dockreview:fingerprint=ffffffff -->',
      '<details>',
      'org/repo#1',
      '#2',
      'GH-3',
      '`',
      '``',
      '```',
      '`````',
      '\\',
      '\n# h\n',
      '\n- l\n',
      '\n1. l\n',
      '|',
      '*',
      '_',
      '~~',
      '$',
      '&amp;',
      ' ',
    ];
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 2000; round++) {
      let s = '';
      for (let k = random(12); k >= 0; k--) s += pieces[random(pieces.length)];
      const md = renderMessage(s);
      expectInert(md);
      // the code spans it found are the ones GitHub will find in the output
      const spans = splitCodeSpans(s.replace(/\r\n|[\r\n]/g, ' ').trim()).filter((p) => p.code);
      expect(live(md).split('CODE').length - 1).toBe(spans.length);
    }
  });

  it('messages built with code() keep every quote a code span, whatever the quoted text', () => {
    const quoted = ['a`b', '`x', 'x`', '``', 'x`````y', '@octocat', '<img>', '\n# h', '|', ''];
    for (const q of quoted) {
      const md = renderMessage(`The value ${code(q)} of ${code('@user')} is odd.`);
      expectInert(md);
      expect(live(md)).toBe('The value CODE of CODE is odd.');
    }
  });
});

describe('inlineCode and tableCell', () => {
  it('a path is always one code span', () => {
    expect(inlineCode('api/Dockerfile')).toBe('`api/Dockerfile`');
    expect(inlineCode('`@x`/<img>/Dockerfile')).toBe('`` `@x`/<img>/Dockerfile ``');
    expect(live(inlineCode('a```b\nc'))).toBe('CODE');
  });

  it('a | in a table cell is escaped, inside code spans too', () => {
    expect(tableCell(inlineCode('a|b/Dockerfile'))).toBe('`a\\|b/Dockerfile`');
  });
});

describe('fenced', () => {
  it('three backticks, or one more than the longest run in the text', () => {
    expect(fenced('RUN make', 'suggestion')).toBe('```suggestion\nRUN make\n```');
    expect(fenced('', 'suggestion')).toBe('```suggestion\n```');
    expect(fenced('LABEL a="```"', 'suggestion')).toBe('````suggestion\nLABEL a="```"\n````');
    expect(fenced('a\n`````\nb ``', 'suggestion')).toBe('``````suggestion\na\n`````\nb ``\n``````');
  });
});

describe('plainText', () => {
  it('drops the code spans’ fences and padding, keeps the words and the rest as written', () => {
    expect(plainText('`MAINTAINER` is deprecated: use `LABEL`.')).toBe(
      'MAINTAINER is deprecated: use LABEL.',
    );
    expect(plainText(`${code('`x')} and ${code('a`b')} and ${code(' y ')}`)).toBe('`x and a`b and  y ');
    expect(plainText('a ``` b *c* <d>')).toBe('a ``` b *c* <d>');
    expect(plainText('two\nlines\u0007')).toBe('two\nlines ');
  });
});
