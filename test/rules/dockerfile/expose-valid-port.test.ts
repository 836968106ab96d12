import rule from '../../../src/lint/rules/dockerfile/expose-valid-port.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM alpine:3\nEXPOSE 60000\n',
    {
      name: 'ports, ranges, protocols',
      code: 'FROM alpine:3\nEXPOSE 0 80 443/tcp 8000-8010/udp 65535 3868/sctp\n',
    },
    { name: 'an unknown variable', code: 'FROM alpine:3\nARG PORT\nEXPOSE $PORT\n' },
    { name: 'a variable with a valid default', code: 'FROM alpine:3\nARG PORT=8080\nEXPOSE ${PORT}/tcp\n' },
    { name: 'upper-case protocol is expose-proto-casing’s', code: 'FROM alpine:3\nEXPOSE 80/TCP\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3\nEXPOSE 80000\n',
      errors: [{ line: 2, column: 8, message: 'port 80000 is out of range', aliases: ['DL3011', 'DS-0008'] }],
    },
    {
      name: 'the bad word among good ones, over a continuation',
      code: 'FROM alpine:3\nEXPOSE 80 \\\n    70000/tcp 443\n',
      errors: [{ line: 3, column: 5, message: '70000' }],
    },
    {
      name: 'ranges',
      code: 'FROM alpine:3\nEXPOSE 9000-8000 1000-70000\n',
      errors: [
        { line: 2, column: 8, message: 'runs backwards' },
        { line: 2, column: 18, message: 'port 70000' },
      ],
    },
    {
      name: 'not a number, not a protocol',
      code: 'FROM alpine:3\nEXPOSE http 80/http\n',
      errors: [
        { line: 2, column: 8, message: '`http` is not a port number' },
        { line: 2, column: 13, message: '`tcp`, `udp` or `sctp`' },
      ],
    },
    {
      name: 'through an ARG default',
      code: 'FROM alpine:3\nARG PORT=99999\nEXPOSE ${PORT}\n',
      errors: [{ line: 3, message: '(`${PORT}` is `99999`)' }],
    },
    { name: 'ONBUILD', code: 'FROM alpine:3\nONBUILD EXPOSE 123456\n', errors: [{ line: 2, column: 16 }] },
  ],
});
