import rule from '../../../src/lint/rules/compose/compose-host-namespaces.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    network_mode: bridge\n',
    {
      name: 'sharing with another service',
      code: 'services:\n  a:\n    image: x:1\n    pid: "service:b"\n    network_mode: "service:b"\n  b:\n    image: x:1\n',
    },
    {
      name: 'a network named host in `networks`',
      code: 'services:\n  a:\n    image: x:1\n    ipc: private\n',
    },
  ],
  invalid: [
    {
      code: 'services:\n  a:\n    image: x:1\n    network_mode: host\n',
      errors: [
        { line: 4, column: 19, message: '`network_mode: host`', aliases: ['network_mode_host_exists'] },
      ],
    },
    {
      name: 'each namespace once',
      code: 'services:\n  a:\n    image: x:1\n    pid: host\n    ipc: host\n    userns_mode: host\n    uts: host\n',
      errors: [
        { line: 4, aliases: ['host_namespace_is_shared'] },
        { line: 5, aliases: ['ipc_set_to_host'] },
        { line: 6, aliases: ['userns_set_to_host'] },
        { line: 7, message: 'hostname' },
      ],
    },
  ],
});
