import rule from '../../../src/lint/rules/dockerfile/expose-proto-casing.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM alpine\nEXPOSE 80/tcp\n',
    { name: 'no protocol', code: 'FROM alpine\nEXPOSE 80 443\n' },
    { name: 'udp range', code: 'FROM alpine\nEXPOSE 53/udp 8000-8010/udp\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine\nEXPOSE 80/TcP\n',
      errors: [{ line: 2, column: 11, message: '`tcp`, not `TcP`', aliases: ['ExposeProtoCasing'] }],
      output: 'FROM alpine\nEXPOSE 80/tcp\n',
    },
    {
      name: 'several words, a range, quotes',
      code: 'FROM alpine\nEXPOSE 80/tcp 53/UDP "8000-8010/TCP"\n',
      errors: [
        { line: 2, column: 18 },
        { line: 2, column: 33 },
      ],
      output: 'FROM alpine\nEXPOSE 80/tcp 53/udp "8000-8010/tcp"\n',
    },
    {
      name: 'from a variable: reported, not rewritten',
      code: 'FROM alpine\nARG PORT=80/TCP\nEXPOSE $PORT\n',
      errors: [{ line: 3, column: 8 }],
    },
    {
      name: 'an escape character inside the protocol: reported, not rewritten',
      code: 'FROM alpine\nEXPOSE 8443/T\\CP\n',
      errors: [{ line: 2, column: 8, message: '`tcp`, not `TCP`' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM alpine\nONBUILD EXPOSE 9090/UDP\n',
      errors: [{ line: 2, column: 21 }],
      output: 'FROM alpine\nONBUILD EXPOSE 9090/udp\n',
    },
  ],
});
