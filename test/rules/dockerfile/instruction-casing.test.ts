import rule from '../../../src/lint/rules/dockerfile/instruction-casing.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM alpine:3.20\nRUN echo hello > /greeting.txt\nENTRYPOINT ["cat", "/greeting.txt"]\n',
    {
      name: 'all lower case',
      code: 'from alpine:3.20\nrun echo hello > /greeting.txt\nentrypoint ["cat", "/greeting.txt"]\n',
    },
    { name: 'ONBUILD trigger in the same case', code: 'FROM alpine:3.20\nONBUILD RUN make\n' },
    { name: 'unknown words are not keywords', code: 'FROM alpine:3.20\nRUN true\nFooBar baz\n' },
    { name: 'arguments are not keywords', code: 'FROM alpine:3.20 as Build\nRUN Echo Hi\n' },
  ],
  invalid: [
    {
      name: 'mixed-case keywords in an upper-case file',
      code: 'From alpine:3.20\nRUN echo hello > /greeting.txt\nEntRYpOiNT ["cat", "/greeting.txt"]\nCMD ["x"]\n',
      errors: [
        {
          line: 1,
          column: 1,
          messageId: 'mixedCase',
          message: '`From`',
          aliases: ['ConsistentInstructionCasing'],
        },
        { line: 3, column: 1, message: 'write `ENTRYPOINT`' },
      ],
      output:
        'FROM alpine:3.20\nRUN echo hello > /greeting.txt\nENTRYPOINT ["cat", "/greeting.txt"]\nCMD ["x"]\n',
    },
    {
      name: 'no keyword in a consistent case yet',
      code: 'From alpine:3.20\nRun echo hi\n',
      errors: [
        { line: 1, column: 1, messageId: 'mixedCase', message: 'write `FROM`.' },
        { line: 2, column: 1, message: 'write `RUN`.' },
      ],
      output: 'FROM alpine:3.20\nRUN echo hi\n',
    },
    {
      name: 'the majority is lower case',
      code: 'from alpine:3.20\nrun apk add curl\nRUN echo done\nworkdir /app\n',
      errors: [{ line: 3, column: 1, messageId: 'otherCase', message: '`RUN` is uppercase' }],
      output: 'from alpine:3.20\nrun apk add curl\nrun echo done\nworkdir /app\n',
    },
    {
      name: 'a tie goes to upper case; ONBUILD trigger checked',
      code: 'FROM alpine:3.20\nonbuild RUN make\n',
      errors: [{ line: 2, column: 1, message: 'write `ONBUILD`' }],
      output: 'FROM alpine:3.20\nONBUILD RUN make\n',
    },
    {
      name: 'trigger keyword of an ONBUILD, multi-stage',
      code: 'FROM alpine:3.20 AS base\nONBUILD Copy . /src\nFROM base\nRUN true\n',
      errors: [{ line: 2, column: 9, message: '`Copy`' }],
      output: 'FROM alpine:3.20 AS base\nONBUILD COPY . /src\nFROM base\nRUN true\n',
    },
  ],
});
