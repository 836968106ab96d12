import { describe, expect, it } from 'vitest';
import { resolveVars, varRefs, varValue } from '../../src/lint/dockerfile/vars.js';
import { parse, useParser } from './dockerfile-helpers.js';

useParser();

describe('varValue and resolveVars', () => {
  const m = parse(
    'ARG BASE=/opt\nFROM a\nARG BASE\nARG EMPTY\nENV APP=$BASE/app NODE_ENV=production\nRUN x\n',
  );
  const run = m.each('RUN')[0]!;
  it('resolves a value through the references it was declared with', () => {
    expect(varValue(m, run, 'APP')).toBe('/opt/app');
    expect(varValue(m, run, 'NODE_ENV')).toBe('production');
  });
  it('is null when unset, without a value, or never declared', () => {
    expect(varValue(m, run, 'EMPTY')).toBeNull();
    expect(varValue(m, run, 'NEVER')).toBeNull();
  });
  it('substitutes every reference in a text, or gives up', () => {
    expect(resolveVars(m, run, '${APP}/bin:$NODE_ENV')).toBe('/opt/app/bin:production');
    expect(resolveVars(m, run, '$APP/$NEVER')).toBeNull();
    expect(resolveVars(m, run, 'plain')).toBe('plain');
  });
});

describe('varRefs', () => {
  const refs = (text: string): [string, string, string][] => {
    const m = parse(text);
    const ins = m.instructions[1]!;
    return varRefs(m, ins.span.start, ins.span.end).map((r) => [
      r.name,
      r.modifier,
      m.source.text.slice(r.span.start, r.span.end),
    ]);
  };
  it('reads names and modifiers, and names inside a modifier word', () => {
    expect(refs('FROM a\nRUN echo $A ${B:-$C} ${D#x}\n')).toEqual([
      ['A', '', '$A'],
      ['B', ':-', '${B'],
      ['C', '', '$C'],
      ['D', '#', '${D'],
    ]);
  });
  it('skips single quotes and escaped dollars', () => {
    expect(refs('FROM a\nRUN echo \'$A\' \\$B "$C"\n')).toEqual([['C', '', '$C']]);
  });
  it('follows line continuations to the file offsets', () => {
    expect(refs('FROM a\nRUN echo $A\\\nB\n')).toEqual([['AB', '', '$A\\\nB']]);
  });
});
