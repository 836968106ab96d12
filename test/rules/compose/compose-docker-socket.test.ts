import rule from '../../../src/lint/rules/compose/compose-docker-socket.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    volumes:\n      - ./data:/data\n',
    {
      name: 'a named volume that happens to be called so',
      code: 'services:\n  a:\n    image: x:1\n    volumes:\n      - docker:/var/run/docker.sock\nvolumes:\n  docker:\n',
    },
    {
      name: 'the socket path as the target only',
      code: 'services:\n  a:\n    image: x:1\n    volumes:\n      - ./fake.sock:/var/run/docker.sock\n',
    },
  ],
  invalid: [
    {
      code: 'services:\n  a:\n    image: x:1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n',
      errors: [
        {
          line: 5,
          column: 9,
          message: 'mounts the Docker socket `/var/run/docker.sock`',
          aliases: ['docker_socket_mounted_in_container'],
        },
      ],
    },
    {
      name: 'read-only does not help',
      code: 'services:\n  a:\n    image: x:1\n    volumes:\n      - "/run/docker.sock:/tmp/docker.sock:ro"\n',
      errors: [{ line: 5, message: 'read-only does not help' }],
    },
    {
      name: 'long syntax',
      code: 'services:\n  a:\n    image: x:1\n    volumes:\n      - type: bind\n        source: /var/run/docker.sock\n        target: /var/run/docker.sock\n',
      errors: [{ line: 5, column: 9 }],
    },
  ],
});
