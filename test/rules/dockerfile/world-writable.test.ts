import { describe, expect, it } from 'vitest';
import rule, { worldWritable } from '../../../src/lint/rules/dockerfile/world-writable.js';
import { testRule } from '../../rule-tester.js';

describe('worldWritable', () => {
  it('reads octal and symbolic modes', () => {
    for (const yes of ['777', '0777', '666', '0666', '772', 'o+w', 'a+rwx', 'u+x,o+w', 'a=rwx', 'go+w'])
      expect(worldWritable(yes), yes).toBe(true);
    for (const no of [
      '755',
      '0644',
      '1777',
      '01777',
      '775',
      'u+w',
      'g+w',
      '+w',
      'o-w',
      'a+rwxt',
      '+x',
      '$MODE',
      'abc',
    ])
      expect(worldWritable(no), no).toBe(false);
  });
});

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN chmod 755 /usr/local/bin/app && chmod -R g+w /srv\n',
    {
      name: 'the /tmp pattern: sticky bit',
      code: 'FROM debian:12\nRUN mkdir -p /scratch && chmod 1777 /scratch\n',
    },
    {
      name: 'a mode from a variable is not judged',
      code: 'FROM debian:12\nARG MODE=755\nRUN chmod "$MODE" /app\n',
    },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN chmod -R 777 /app\n',
      errors: [
        {
          line: 2,
          column: 5,
          message: '`chmod 777` lets every user in the container write there',
          aliases: [],
        },
      ],
    },
    {
      name: 'symbolic, after other commands, ONBUILD',
      code: 'FROM debian:12\nRUN mkdir /data && chmod -R o+w /data\nONBUILD RUN chmod a+rwx /srv\n',
      errors: [
        { line: 2, column: 20, message: '`chmod o+w`' },
        { line: 3, column: 13, message: '`chmod a+rwx`' },
      ],
    },
  ],
});
