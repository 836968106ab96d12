import { describe, expect, it } from 'vitest';
import {
  referencedNames,
  references,
  replaceExpansions,
  replaceVarRefs,
  substituteVars,
  wholeReference,
} from '../../src/lint/dockerfile/var-syntax.js';

describe('referencedNames', () => {
  it('lists plain and braced names in order, repeats included', () => {
    expect(referencedNames('$A/${B:-x}/$A ${C_1}')).toEqual(['A', 'B', 'A', 'C_1']);
  });
  it('skips what is not a name', () => {
    expect(referencedNames('$1 $- ${} 5$')).toEqual([]);
    expect(referencedNames('no variables')).toEqual([]);
  });
});

describe('references', () => {
  it('gives the offsets of each reference up to the end of its name', () => {
    expect(references('a${B:-x}$C')).toEqual([
      { name: 'B', start: 1, end: 4 },
      { name: 'C', start: 8, end: 10 },
    ]);
  });
});

describe('wholeReference', () => {
  it('names a word that is one reference and nothing else', () => {
    expect(wholeReference('$PACKAGES')).toBe('PACKAGES');
    expect(wholeReference('${PACKAGES}')).toBe('PACKAGES');
  });
  it('is null for anything more', () => {
    expect(wholeReference('curl=$V')).toBeNull();
    expect(wholeReference('${V:-1}')).toBeNull();
    expect(wholeReference('$V$W')).toBeNull();
  });
});

describe('replaceExpansions', () => {
  const show = (text: string, ops: '-+' | '-='): string =>
    replaceExpansions(text, ops, (e) => `<${e.name}|${e.op ?? ''}|${e.word ?? ''}>`);
  it('reads the operators it is given, with or without a colon', () => {
    expect(show('${A:-d} ${B+w} $C', '-+')).toBe('<A|-|d> <B|+|w> <C||>');
    expect(show('${A:=d} ${B-w}', '-=')).toBe('<A|=|d> <B|-|w>');
  });
  it('leaves a reference with another operator whole, and still sees the names inside it', () => {
    expect(show('${A:=d}', '-+')).toBe('${A:=d}');
    expect(show('${A:?$B}', '-+')).toBe('${A:?<B||>}');
  });
  it('stops a word at a nested `${`', () => {
    expect(show('${A:-${B}}', '-+')).toBe('${A:-<B||>}');
  });
});

describe('substituteVars', () => {
  const vars = new Map<string, string | undefined>([
    ['SET', 'v'],
    ['EMPTY', ''],
  ]);
  it('substitutes known names and applies `-` and `+`', () => {
    expect(substituteVars('$SET ${SET:-d} ${EMPTY:-d} ${SET:+alt} ${EMPTY:+alt}', vars)).toBe('v v d alt ');
  });
  it('leaves unknown names as written', () => {
    expect(substituteVars('$NOPE/${NOPE}', vars)).toBe('$NOPE/${NOPE}');
  });
});

describe('replaceVarRefs', () => {
  it('replaces braced references, and bare ones when asked', () => {
    expect(replaceVarRefs('a${X}b$Y', '_', false)).toBe('a_b$Y');
    expect(replaceVarRefs('a${X}b$Y', '_', true)).toBe('a_b_');
  });
  it('keeps an unclosed `${` as written', () => {
    expect(replaceVarRefs('${X ${Y', '_', false)).toBe('${X ${Y');
  });
});
