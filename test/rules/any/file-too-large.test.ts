import rule from '../../../src/lint/rules/any/file-too-large.js';
import { testRule } from '../../rule-tester.js';

// the default limit, 1 MiB of UTF-8: the engine refuses the file before parsing it (src/lint/limits.ts)
const MiB = 1024 * 1024;
const padded = (head: string, bytes: number): string => head + '#'.repeat(bytes - head.length - 1) + '\n';

testRule(rule, {
  valid: [
    'FROM alpine:3.20\n',
    { name: 'exactly at the limit', code: padded('FROM alpine:3.20\n', MiB) },
    { name: 'a Compose file', path: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n' },
  ],
  invalid: [
    {
      name: 'one byte over',
      code: padded('FROM alpine:3.20\n', MiB + 1),
      errors: [
        { line: 1, column: 1, severity: 'error', message: 'over the 1 MiB limit, so it was not linted' },
      ],
    },
    {
      name: 'multi-byte characters count as their UTF-8 bytes',
      code: `FROM alpine:3.20\n# ${'ü'.repeat(MiB / 2)}\n`,
      errors: [{ line: 1, message: 'This file is 1.0 MiB, over the 1 MiB limit' }],
    },
    {
      name: 'a Compose file',
      path: 'compose.yaml',
      code: `services:\n  web:\n    image: nginx:1.27\n${'# x\n'.repeat(MiB / 4)}`,
      errors: [{ line: 1, column: 1, message: 'raise `limits.max_file_size`' }],
    },
  ],
});
