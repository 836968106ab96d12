/** The fix applier: one pass of non-overlapping edits, and passes repeated to a fixed point. */
import { beforeAll, describe, expect, it } from 'vitest';
import { initLint, lintSource, type LintConfig } from '../src/lint/engine.js';
import { applyEdits, fixSource } from '../src/lint/fix.js';
import { parseDockerfile } from '../src/lint/dockerfile/model.js';
import { defineRule, type DockerfileRule, type Rule } from '../src/lint/rule.js';
import type { Finding, TextEdit } from '../src/lint/types.js';
import { EXAMPLE, EXAMPLE_FIXED, EXAMPLE_FIXED_UNSAFE } from './helpers/example.js';

beforeAll(async () => {
  await initLint();
});

// ShellCheck is an external binary that may or may not be installed: its own tests cover it
const NONE: LintConfig = { rules: { shellcheck: { severity: 'off' } } };

/** A finding that carries only what `applyEdits` reads. */
function finding(rule: string, edits: TextEdit[], safe = true): Finding {
  return {
    rule,
    aliases: [],
    severity: 'warning',
    message: rule,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    span: { start: 0, end: 0 },
    fix: { description: rule, safe, edits },
  };
}

function fakeRule(rule: Partial<DockerfileRule> & Pick<DockerfileRule, 'id' | 'check'>): Rule {
  return defineRule({
    aliases: [],
    kind: 'dockerfile',
    severity: 'warning',
    fixable: 'yes',
    summary: 'test rule',
    why: 'test rule',
    ...rule,
  });
}

/** Reports every match of `pattern` (global) with a fix that replaces the match by `replace(match)`. */
function regexRule(
  id: string,
  pattern: RegExp,
  replace: (m: RegExpExecArray) => TextEdit,
  safe?: boolean,
): Rule {
  return fakeRule({
    id,
    check({ source, report }) {
      for (const m of source.text.matchAll(pattern)) {
        const start = m.index;
        report({
          at: { start, end: start + m[0].length },
          message: `${id}: ${m[0]}`,
          fix: { description: id, edits: [replace(m as RegExpExecArray)], safe },
        });
      }
    },
  });
}

describe('applyEdits', () => {
  const text = 'abcdefghij';

  it('applies non-overlapping edits of several findings together', () => {
    const r = applyEdits(text, [
      finding('a', [{ start: 0, end: 1, text: 'A' }]),
      finding('b', [
        { start: 3, end: 5, text: 'DE!' },
        { start: 9, end: 10, text: '' },
      ]),
      finding('c', [{ start: 10, end: 10, text: '+' }]),
    ]);
    expect(r.text).toBe('AbcDE!fghi+');
    expect(r.applied.map((f) => f.rule)).toEqual(['a', 'b', 'c']);
  });

  it('touching ranges are not overlapping', () => {
    const r = applyEdits(text, [
      finding('a', [{ start: 0, end: 3, text: 'X' }]),
      finding('b', [{ start: 3, end: 6, text: 'Y' }]),
    ]);
    expect(r.text).toBe('XYghij');
    expect(r.applied.length).toBe(2);
  });

  it('of two overlapping fixes takes the first, whole', () => {
    const r = applyEdits(text, [
      finding('a', [{ start: 1, end: 4, text: '1' }]),
      finding('b', [
        { start: 0, end: 0, text: '>' },
        { start: 3, end: 6, text: '2' },
      ]),
    ]);
    expect(r.text).toBe('a1efghij');
    expect(r.applied.map((f) => f.rule)).toEqual(['a']);
  });

  it('two insertions at the same point clash: the first is applied', () => {
    const r = applyEdits(text, [
      finding('a', [{ start: 2, end: 2, text: '<a>' }]),
      finding('b', [{ start: 2, end: 2, text: '<b>' }]),
    ]);
    expect(r.text).toBe('ab<a>cdefghij');
    expect(r.applied.map((f) => f.rule)).toEqual(['a']);
  });

  it('an insertion inside a replaced range clashes; one at its boundary does not', () => {
    const inside = applyEdits(text, [
      finding('a', [{ start: 2, end: 5, text: 'R' }]),
      finding('b', [{ start: 3, end: 3, text: 'I' }]),
    ]);
    expect(inside.text).toBe('abRfghij');
    expect(inside.applied.map((f) => f.rule)).toEqual(['a']);
    const atStart = applyEdits(text, [
      finding('a', [{ start: 2, end: 5, text: 'R' }]),
      finding('b', [{ start: 2, end: 2, text: 'I' }]),
      finding('c', [{ start: 5, end: 5, text: 'J' }]),
    ]);
    // an insertion at the start of a replacement lands before the replacement text
    expect(atStart.text).toBe('abIRJfghij');
    expect(atStart.applied.map((f) => f.rule)).toEqual(['a', 'b', 'c']);
  });

  it('applies suggestions only when unsafe', () => {
    const fs = [
      finding('safe', [{ start: 0, end: 1, text: 'S' }]),
      finding('sugg', [{ start: 5, end: 6, text: 'U' }], false),
    ];
    expect(applyEdits(text, fs).text).toBe('Sbcdefghij');
    expect(applyEdits(text, fs, false).applied.map((f) => f.rule)).toEqual(['safe']);
    expect(applyEdits(text, fs, true).text).toBe('SbcdeUghij');
  });

  it('findings without a fix are skipped, and no fix leaves the text as is', () => {
    const plain: Finding = { ...finding('x', []), fix: undefined };
    expect(applyEdits(text, [plain])).toEqual({ text, applied: [] });
    expect(applyEdits(text, [])).toEqual({ text, applied: [] });
  });
});

describe('fixSource', () => {
  const dockerfile = 'FROM alpine\nRUN echo foo\n';

  it('fixes overlapping findings over successive passes', () => {
    const upper = regexRule('a-upper', /\bfoo\b/g, (m) => ({
      start: m.index,
      end: m.index + 3,
      text: 'FOO',
    }));
    const quote = regexRule('b-quote', /(?<!")\b(foo|FOO)\b(?!")/g, (m) => ({
      start: m.index,
      end: m.index + 3,
      text: `"${m[0]}"`,
    }));
    const r = fixSource({ path: 'Dockerfile', text: dockerfile }, NONE, { rules: [quote, upper] });
    // pass 1: both fire on `foo`, a-upper sorts first; pass 2: b-quote on `FOO`; pass 3: nothing left
    expect(r.text).toBe('FROM alpine\nRUN echo "FOO"\n');
    expect(r.passes).toBe(2);
    expect(r.applied.map((f) => f.rule)).toEqual(['a-upper', 'b-quote']);
    expect(r.result.findings).toEqual([]);
  });

  it('insertions at the same point land over two passes, in order', () => {
    const flag = (id: string, f: string): Rule =>
      regexRule(id, new RegExp(`echo(?!.* ${f}\\b)`, 'g'), (m) => ({
        start: m.index + 4,
        end: m.index + 4,
        text: ` ${f}`,
      }));
    const r = fixSource({ path: 'Dockerfile', text: dockerfile }, NONE, {
      rules: [flag('x-n', '-n'), flag('y-e', '-e')],
    });
    expect(r.text).toBe('FROM alpine\nRUN echo -e -n foo\n');
    expect(r.passes).toBe(2);
    expect(r.applied.map((f) => f.rule)).toEqual(['x-n', 'y-e']);
  });

  it('a fix that keeps re-firing stops at maxPasses', () => {
    const forever = fakeRule({
      id: 'forever',
      check({ report }) {
        report({
          at: { start: 0, end: 0 },
          message: 'again',
          fix: { description: 'more', edits: [{ start: 0, end: 0, text: '#x\n' }] },
        });
      },
    });
    const three = fixSource({ path: 'Dockerfile', text: dockerfile }, NONE, {
      rules: [forever],
      maxPasses: 3,
    });
    expect(three.passes).toBe(3);
    expect(three.text).toBe(`#x\n#x\n#x\n${dockerfile}`);
    expect(three.applied.length).toBe(3);
    // the findings on the last text are still there
    expect(three.result.findings.map((f) => f.rule)).toEqual(['forever']);
    const dflt = fixSource({ path: 'Dockerfile', text: dockerfile }, NONE, { rules: [forever] });
    expect(dflt.passes).toBe(10);
    expect(dflt.text.startsWith('#x\n'.repeat(10) + 'FROM')).toBe(true);
    expect(
      fixSource({ path: 'Dockerfile', text: dockerfile }, NONE, { rules: [forever], maxPasses: 0 }).passes,
    ).toBe(0);
  });

  it('a fix that changes nothing ends the loop at once', () => {
    const noop = regexRule('noop', /alpine/g, (m) => ({ start: m.index, end: m.index + 6, text: 'alpine' }));
    const r = fixSource({ path: 'Dockerfile', text: dockerfile }, NONE, { rules: [noop] });
    expect(r).toMatchObject({ text: dockerfile, passes: 0, applied: [] });
  });

  it('`unsafe` controls suggestion fixes', () => {
    const sugg = regexRule(
      'sugg',
      /alpine\b(?!:)/g,
      (m) => ({ start: m.index + 6, end: m.index + 6, text: ':3.20' }),
      false,
    );
    const safeOnly = fixSource({ path: 'Dockerfile', text: dockerfile }, NONE, { rules: [sugg] });
    expect(safeOnly).toMatchObject({ text: dockerfile, passes: 0, applied: [] });
    expect(safeOnly.result.findings.map((f) => [f.rule, f.fix?.safe])).toEqual([['sugg', false]]);
    const unsafe = fixSource({ path: 'Dockerfile', text: dockerfile }, NONE, { rules: [sugg], unsafe: true });
    expect(unsafe.text).toBe('FROM alpine:3.20\nRUN echo foo\n');
    expect(unsafe.passes).toBe(1);
    expect(unsafe.result.findings).toEqual([]);
  });

  it('a severity set to off removes that rule from fixing', () => {
    const upper = regexRule('a-upper', /\bfoo\b/g, (m) => ({
      start: m.index,
      end: m.index + 3,
      text: 'FOO',
    }));
    const r = fixSource(
      { path: 'Dockerfile', text: dockerfile },
      { rules: { 'a-upper': { severity: 'off' } } },
      { rules: [upper] },
    );
    expect(r.text).toBe(dockerfile);
  });
});

describe('the issue example', () => {
  it('with safe fixes only', () => {
    const r = fixSource({ path: 'Dockerfile', text: EXAMPLE }, NONE);
    expect(r.text).toBe(EXAMPLE_FIXED);
    expect(r.applied.map((f) => f.rule).sort()).toEqual(['apt-clean-lists', 'exec-form', 'pip-no-cache-dir']);
    expect(r.passes).toBe(1);
    // what is left: the suggestions and the findings without a fix
    expect(r.result.findings.filter((f) => f.fix).map((f) => [f.rule, f.fix!.safe])).toEqual([
      ['prefer-slim-base', false],
      ['apt-no-install-recommends', false],
    ]);
  });

  it('with suggestions too (`unsafe: true`)', () => {
    const r = fixSource({ path: 'Dockerfile', text: EXAMPLE }, NONE, { unsafe: true });
    expect(r.text).toBe(EXAMPLE_FIXED_UNSAFE);
    expect(r.applied.map((f) => f.rule).sort()).toEqual([
      'apt-clean-lists',
      'apt-no-install-recommends',
      'exec-form',
      'pip-no-cache-dir',
      'prefer-slim-base',
    ]);
    expect(r.result.findings.filter((f) => f.fix)).toEqual([]);
    expect(r.result.findings.map((f) => f.rule).sort()).toEqual([
      'dependency-layer-order',
      'multi-stage-build-tools',
      'no-secrets-in-arg-env',
      'no-secrets-in-arg-env',
      'require-user',
    ]);
    expect(() => parseDockerfile('Dockerfile', r.text)).not.toThrow();
    // the fixed text lints to exactly what fixSource reports for it, and fixing it again changes nothing
    expect(lintSource({ path: 'Dockerfile', text: r.text }, NONE)).toEqual(r.result);
    expect(fixSource({ path: 'Dockerfile', text: r.text }, NONE, { unsafe: true })).toMatchObject({
      text: r.text,
      passes: 0,
    });
  });

  it('keeps CRLF line endings in inserted lines', () => {
    const crlf = EXAMPLE.replace(/\n/g, '\r\n');
    const r = fixSource({ path: 'Dockerfile', text: crlf }, NONE);
    expect(r.text).toContain(
      'RUN apt-get update && apt-get install -y gcc \\\r\n    && rm -rf /var/lib/apt/lists/*\r\n',
    );
    expect(r.text.replace(/\r\n/g, '')).not.toContain('\n');
  });
});

describe('regressions found by test/fuzz.test.ts', () => {
  it('no clean-up is appended to a RUN whose shell has an unterminated quote (the fix re-fired forever)', () => {
    const text = 'FROM python:3.11-slim\nRUN apt-get update && echo "unterminated\n';
    const [f] = lintSource({ path: 'Dockerfile', text }, NONE).findings.filter(
      (x) => x.rule === 'apt-clean-lists',
    );
    expect(f!.fix).toBeUndefined();
    const r = fixSource({ path: 'Dockerfile', text }, NONE, { unsafe: true });
    expect(r.passes).toBe(0);
    expect(r.text).toBe(text);
  });
});
