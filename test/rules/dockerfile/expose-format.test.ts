import rule from '../../../src/lint/rules/dockerfile/expose-format.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM alpine\nEXPOSE 80\n',
    { name: 'protocols and ranges', code: 'FROM alpine\nEXPOSE 80/tcp 443 8000-8010/udp\n' },
    { name: 'an unknown variable', code: 'FROM alpine\nARG PORTS\nEXPOSE $PORTS\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine\nEXPOSE 127.0.0.1:80:80\n',
      errors: [
        {
          line: 2,
          column: 8,
          messageId: 'hostMapping',
          message: '`EXPOSE 80`',
          aliases: ['ExposeInvalidFormat'],
        },
      ],
      output: 'FROM alpine\nEXPOSE 80\n',
    },
    {
      code: 'FROM alpine\nEXPOSE 80:80\n',
      errors: [{ line: 2, column: 8 }],
      output: 'FROM alpine\nEXPOSE 80\n',
    },
    {
      name: 'a mapping among other ports keeps its protocol; quotes kept',
      code: 'FROM alpine\nEXPOSE 443 8080:80/tcp "[::1]:5353:53/udp"\n',
      errors: [
        { line: 2, column: 12, message: '`EXPOSE 80/tcp`' },
        { line: 2, column: 24, message: '`EXPOSE 53/udp`' },
      ],
      output: 'FROM alpine\nEXPOSE 443 80/tcp "53/udp"\n',
    },
    {
      name: 'the host port comes from a variable: reported, not rewritten',
      code: 'FROM alpine\nARG HOST_PORT=8080\nEXPOSE ${HOST_PORT}:80\n',
      errors: [{ line: 3, message: 'is `8080:80`' }],
    },
    {
      name: 'an escape in the host part (`\\8080:80` reads `8080:80`): reported, not rewritten',
      code: 'FROM alpine\nEXPOSE \\8080:80\n',
      errors: [{ line: 2, message: '`EXPOSE 8080:80`' }],
    },
    {
      name: 'an address with no container port',
      code: 'FROM alpine\nEXPOSE 10.0.0.1:\n',
      errors: [{ line: 2, messageId: 'noContainerPort' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM alpine\nONBUILD EXPOSE 3000:3000\n',
      errors: [{ line: 2, column: 16 }],
      output: 'FROM alpine\nONBUILD EXPOSE 3000\n',
    },
  ],
});
