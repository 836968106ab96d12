import rule from '../../../src/lint/rules/dockerfile/run-security-insecure.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN --security=sandbox make\n',
    'FROM debian:12\nRUN --network=none make\n',
    {
      name: 'the word in the command is not the flag',
      code: 'FROM debian:12\nRUN echo --security=insecure\n',
    },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN --security=insecure mount -t tmpfs none /mnt\n',
      errors: [
        {
          line: 2,
          column: 5,
          message: '`--security=insecure` runs this step as a privileged container',
          aliases: [],
        },
      ],
    },
    {
      name: 'any case, with other flags, ONBUILD',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/root/.cache --security=INSECURE make\nONBUILD RUN --security=insecure make\n',
      errors: [
        { line: 2, column: 44 },
        { line: 3, column: 13 },
      ],
    },
  ],
});
