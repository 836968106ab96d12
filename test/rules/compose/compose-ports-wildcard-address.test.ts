import rule from '../../../src/lint/rules/compose/compose-ports-wildcard-address.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    ports:\n      - "127.0.0.1:8080:80"\n      - "[::1]:9090:90"\n      - "10.0.0.5:53:53/udp"\n',
    {
      name: 'no address is compose-ports-interface’s',
      code: 'services:\n  a:\n    image: x:1\n    ports: ["8080:80", "443"]\n',
    },
    {
      name: 'an address from a variable, even with a wildcard default',
      code: 'services:\n  a:\n    image: x:1\n    ports:\n      - "${BIND:-0.0.0.0}:80:80"\n',
    },
    {
      name: 'network_mode host ignores ports',
      code: 'services:\n  a:\n    image: x:1\n    network_mode: host\n    ports: ["0.0.0.0:80:80"]\n',
    },
    {
      name: 'long syntax with a loopback host_ip',
      code: 'services:\n  a:\n    image: x:1\n    ports:\n      - target: 80\n        host_ip: 127.0.0.1\n',
    },
  ],
  invalid: [
    {
      code: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "0.0.0.0:5432:5432"\n',
      errors: [
        {
          line: 5,
          column: 9,
          message: 'publishes `0.0.0.0:5432:5432` on `0.0.0.0`, every interface',
          aliases: [],
        },
      ],
      output: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n',
    },
    {
      name: 'plain, a protocol, IPv6 bracketed and not',
      code: 'services:\n  a:\n    image: x:1\n    ports:\n      - 0.0.0.0:80:80\n      - \'0.0.0.0:53:53/udp\'\n      - "[::]:443:443"\n      - ":::8443:443"\n',
      errors: [{ line: 5 }, { line: 6 }, { line: 7, message: 'on `::`' }, { line: 8 }],
      output:
        'services:\n  a:\n    image: x:1\n    ports:\n      - 127.0.0.1:80:80\n      - \'127.0.0.1:53:53/udp\'\n      - "[::1]:443:443"\n      - "[::1]:8443:443"\n',
    },
    {
      name: 'long syntax, block and flow',
      code: 'services:\n  a:\n    image: x:1\n    ports:\n      - target: 80\n        published: "8080"\n        host_ip: 0.0.0.0\n      - {target: 443, host_ip: "::"}\n',
      errors: [
        { line: 5, column: 9, message: '`host_ip: 0.0.0.0`' },
        { line: 8, column: 9 },
      ],
      output:
        'services:\n  a:\n    image: x:1\n    ports:\n      - target: 80\n        published: "8080"\n        host_ip: 127.0.0.1\n      - {target: 443, host_ip: "::1"}\n',
    },
    {
      name: 'a port list shared through an anchor is reported but not edited there',
      code: 'x-ports: &ports\n  - "0.0.0.0:80:80"\nservices:\n  app:\n    image: x:1\n    ports: *ports\n',
      errors: [{ line: 2, column: 5 }],
    },
  ],
});
