import rule from '../../../src/lint/rules/dockerfile/no-maintainer.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="team@example.com"\n',
    { name: 'a comment mentioning it', code: '# MAINTAINER someone\nFROM alpine:3.20\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\nRUN true\n',
      errors: [
        {
          line: 2,
          column: 1,
          message: '`Jane Doe <jane@example.com>`',
          aliases: ['DL4000', 'MaintainerDeprecated', 'CKV_DOCKER_6', 'DS-0022'],
        },
      ],
      output:
        'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\nRUN true\n',
    },
    {
      name: 'lower case; quotes, backslash and $ escaped',
      code: 'FROM alpine:3.20\nmaintainer Bob "the builder" \\o/ $5\n',
      errors: [{ line: 2, column: 1 }],
      output:
        'FROM alpine:3.20\nlabel org.opencontainers.image.authors="Bob \\"the builder\\" \\\\o/ \\$5"\n',
    },
    {
      name: 'surrounding quotes are not part of the name',
      code: 'FROM alpine:3.20\nMaintainer "Ops Team"\n',
      errors: [{ line: 2, column: 1, message: '`Ops Team`' }],
      output: 'FROM alpine:3.20\nLabel org.opencontainers.image.authors="Ops Team"\n',
    },
    {
      name: 'backtick escape directive',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nMAINTAINER C:\\Users\\me "x"\n',
      errors: [{ line: 3, column: 1 }],
      output:
        '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nLABEL org.opencontainers.image.authors="C:\\Users\\me `"x`""\n',
    },
    {
      name: 'line continuation',
      code: 'FROM alpine:3.20\nMAINTAINER Jane \\\n  Doe\nRUN true\n',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe"\nRUN true\n',
    },
    {
      name: 'ONBUILD MAINTAINER (which the builder refuses) becomes ONBUILD LABEL',
      code: 'FROM alpine:3.20\nONBUILD MAINTAINER ops@example.com\n',
      errors: [{ line: 2, column: 9 }],
      output: 'FROM alpine:3.20\nONBUILD LABEL org.opencontainers.image.authors="ops@example.com"\n',
    },
  ],
});
