import rule from '../../../src/lint/rules/compose/compose-healthcheck-valid.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'services:\n  a:\n    image: a:1\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/"]\n      interval: 1m30s\n      timeout: 10s\n      start_period: 500ms\n      retries: 3\n',
    {
      name: 'string form runs in the shell',
      code: 'services:\n  a:\n    image: a:1\n    healthcheck:\n      test: curl -f http://localhost/ || exit 1\n',
    },
    {
      name: 'CMD-SHELL with one string',
      code: 'services:\n  a:\n    image: a:1\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U $$POSTGRES_USER"]\n',
    },
    {
      name: 'NONE alone, disable alone',
      code: 'services:\n  a:\n    image: a:1\n    healthcheck: {test: ["NONE"]}\n  b:\n    image: b:1\n    healthcheck: {disable: true}\n',
    },
    {
      name: 'no test: the image HEALTHCHECK with new timings',
      code: 'services:\n  a:\n    image: a:1\n    healthcheck:\n      interval: 5s\n',
    },
    {
      name: 'interpolated durations and commands',
      code: 'services:\n  a:\n    image: a:1\n    healthcheck:\n      test: ["CMD", "${CHECK_CMD}"]\n      interval: ${INTERVAL:-30s}\n',
    },
  ],
  invalid: [
    {
      name: 'exec form with the whole command in one item',
      code: 'services:\n  a:\n    image: a:1\n    healthcheck:\n      test: ["CMD", "curl -f http://localhost/"]\n',
      errors: [{ line: 5, column: 21, messageId: 'unsplitCommand' }],
    },
    {
      name: 'a list that does not start with CMD, CMD-SHELL or NONE',
      code: 'services:\n  a:\n    image: a:1\n    healthcheck:\n      test: ["curl", "-f", "http://localhost/"]\n  b:\n    image: b:1\n    healthcheck:\n      test: ["cmd-shell", "true"]\n',
      errors: [
        { line: 5, column: 14, messageId: 'unknownKind', message: 'write `["CMD", "curl", …]`' },
        { line: 9, column: 14, messageId: 'kindCase', message: '`CMD-SHELL`' },
      ],
    },
    {
      name: 'the kind written in the string form',
      code: 'services:\n  a:\n    image: a:1\n    healthcheck:\n      test: CMD curl -f http://localhost/\n',
      errors: [{ line: 5, column: 13, messageId: 'stringWithKind', message: '`CMD` included' }],
    },
    {
      name: 'no command, an empty list, NONE with a command',
      code: 'services:\n  a:\n    image: a:1\n    healthcheck: {test: ["CMD"]}\n  b:\n    image: b:1\n    healthcheck: {test: []}\n  c:\n    image: c:1\n    healthcheck: {test: ["NONE", "true"]}\n',
      errors: [
        { line: 4, messageId: 'noCommand' },
        { line: 7, messageId: 'emptyList' },
        { line: 10, column: 34, messageId: 'noneWithCommand' },
      ],
    },
    {
      name: 'durations Compose cannot read',
      code: 'services:\n  a:\n    image: a:1\n    healthcheck:\n      test: ["CMD", "true"]\n      interval: 30\n      timeout: 10 seconds\n      start_period: 1m 30s\n',
      errors: [
        { line: 7, column: 16, messageId: 'badDuration', message: '`timeout: 10 seconds`' },
        { line: 8, column: 21 },
      ],
    },
    {
      name: 'disable with a test',
      code: 'services:\n  a:\n    image: a:1\n    healthcheck:\n      disable: true\n      test: ["CMD", "true"]\n',
      errors: [{ line: 5, column: 16, messageId: 'disabledWithTest' }],
    },
  ],
});
