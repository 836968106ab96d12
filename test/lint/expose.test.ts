import { describe, expect, it } from 'vitest';
import { exposeSpecs } from '../../src/lint/dockerfile/expose.js';
import { parse, useParser } from './dockerfile-helpers.js';

useParser();

describe('exposeSpecs', () => {
  it('splits prefix, ports and protocol, with variables substituted', () => {
    const m = parse('FROM a\nARG P=8080\nEXPOSE 80 "443/tcp" 127.0.0.1:5000:5000/UDP $P 9000-9010 $NOPE\n');
    const ins = m.each('EXPOSE')[0]!;
    const specs = exposeSpecs(m, ins);
    expect(specs.map((s) => [s.raw, s.quoted, s.value, s.prefix, s.ports, s.proto])).toEqual([
      ['80', false, '80', '', '80', null],
      ['443/tcp', true, '443/tcp', '', '443', 'tcp'],
      ['127.0.0.1:5000:5000/UDP', false, '127.0.0.1:5000:5000/UDP', '127.0.0.1:5000:', '5000', 'UDP'],
      ['$P', false, '8080', '', '8080', null],
      ['9000-9010', false, '9000-9010', '', '9000-9010', null],
      ['$NOPE', false, null, '', '', null],
    ]);
    expect(exposeSpecs(m, ins)).toBe(specs);
  });
});
