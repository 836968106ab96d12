import rule from '../../../src/lint/rules/compose/compose-sensitive-host-mount.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    volumes:\n      - /etc/localtime:/etc/localtime:ro\n      - ./etc:/etc/app\n',
    {
      name: 'a named volume called etc',
      code: 'services:\n  a:\n    image: x:1\n    volumes:\n      - etc:/etc\nvolumes:\n  etc:\n',
    },
    {
      name: 'the container side does not matter',
      code: 'services:\n  a:\n    image: x:1\n    volumes:\n      - ./conf:/etc\n',
    },
  ],
  invalid: [
    {
      code: 'services:\n  a:\n    image: x:1\n    volumes:\n      - /:/host\n',
      errors: [
        {
          line: 5,
          column: 9,
          message: "the host's whole filesystem",
          aliases: ['volume_has_sensitive_host_directory'],
        },
      ],
    },
    {
      name: 'read-only, trailing slash, long syntax',
      code: 'services:\n  a:\n    image: x:1\n    volumes:\n      - /proc/:/host/proc:ro\n      - type: bind\n        source: /var/lib/docker\n        target: /docker\n',
      errors: [
        { line: 5, message: '`/proc` (read-only)' },
        { line: 6, message: '`/var/lib/docker`' },
      ],
    },
  ],
});
