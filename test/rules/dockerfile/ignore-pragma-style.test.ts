import rule from '../../../src/lint/rules/dockerfile/ignore-pragma-style.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM alpine:3.20\n# install the tools\nRUN apk add --no-cache curl\n',
    {
      name: 'shell pragma is not an ignore',
      code: '# hadolint shell=powershell\nFROM alpine:3.20\nRUN foo bar\n',
    },
    { name: 'check directive without skip', code: '# check=error=true\nFROM alpine:3.20\n' },
    {
      name: 'mentioning pragmas in prose',
      code: 'FROM alpine:3.20\n# do not add hadolint ignore comments here\nRUN true\n',
    },
  ],
  invalid: [
    {
      name: 'hadolint inline ignore',
      code: 'FROM alpine:3.20\n# hadolint ignore=DL3018\nRUN apk add curl\n',
      errors: [
        { line: 2, column: 1, message: '`# hadolint ignore` silences DL3018 inline', aliases: ['DL1001'] },
      ],
    },
    {
      name: 'every form the engine honours',
      code: [
        '# hadolint global ignore=DL3006',
        'FROM alpine',
        '# dockreview ignore=apk-no-cache, DL3018',
        'RUN apk add curl',
        '  # dockreview global ignore=pin-base-image',
        '# check=skip=JSONArgsRecommended',
        'CMD node server.js',
        '',
      ].join('\n'),
      errors: [
        { line: 1, column: 1, message: 'silences DL3006 in the whole file' },
        { line: 3, column: 1, message: '`# dockreview ignore` silences apk-no-cache, DL3018' },
        { line: 5, column: 3, message: '`# dockreview global ignore`' },
        { line: 6, column: 1, message: '`# check=skip` silences JSONArgsRecommended' },
      ],
    },
    {
      name: 'BuildKit check directive at the top',
      code: '# check=skip=StageNameCasing;error=true\nFROM alpine:3.20 AS Build\n',
      errors: [{ line: 1, column: 1, message: 'StageNameCasing' }],
    },
  ],
});
