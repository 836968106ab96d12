import rule from '../../../src/lint/rules/dockerfile/single-healthcheck.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM nginx:1.27\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n',
    {
      name: 'one per stage',
      code: 'FROM nginx:1.27 AS a\nHEALTHCHECK NONE\nFROM nginx:1.27\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n',
    },
    {
      name: 'an ONBUILD HEALTHCHECK belongs to the child image',
      code: 'FROM nginx:1.27\nONBUILD HEALTHCHECK NONE\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n',
    },
  ],
  invalid: [
    {
      code: 'FROM nginx:1.27\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\nRUN echo ok\nHEALTHCHECK CMD ["wget", "-q", "localhost"]\n',
      errors: [
        {
          line: 2,
          column: 1,
          message: 'line 4',
          aliases: ['DL3012', 'MultipleInstructionsDisallowed', 'DS-0023'],
        },
      ],
      output: 'FROM nginx:1.27\nRUN echo ok\nHEALTHCHECK CMD ["wget", "-q", "localhost"]\n',
    },
    {
      name: 'NONE is replaced too; a multi-line HEALTHCHECK is deleted whole',
      code: 'FROM nginx:1.27 AS web\nHEALTHCHECK NONE\nHEALTHCHECK --interval=5s \\\n  CMD curl -f http://localhost/\nhealthcheck CMD ["true"]\n',
      errors: [
        { line: 2, message: 'stage "web"' },
        { line: 3, message: 'line 5' },
      ],
      output: 'FROM nginx:1.27 AS web\nhealthcheck CMD ["true"]\n',
    },
    {
      name: 'stages are judged apart',
      code: 'FROM nginx:1.27 AS a\nHEALTHCHECK NONE\nFROM nginx:1.27\nHEALTHCHECK NONE\nHEALTHCHECK CMD ["true"]',
      errors: [{ line: 4, message: 'stage 2' }],
      output: 'FROM nginx:1.27 AS a\nHEALTHCHECK NONE\nFROM nginx:1.27\nHEALTHCHECK CMD ["true"]',
    },
  ],
});
