import rule from '../../../src/lint/rules/compose/compose-ports-interface.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    ports:\n      - "127.0.0.1:8080:80"\n      - "[::1]:9090:90"\n',
    {
      name: 'long syntax with host_ip',
      code: 'services:\n  a:\n    image: x:1\n    ports:\n      - target: 80\n        published: "8080"\n        host_ip: 127.0.0.1\n',
    },
    { name: '`expose` publishes nothing', code: 'services:\n  a:\n    image: x:1\n    expose: ["80"]\n' },
    {
      name: 'network_mode host ignores ports',
      code: 'services:\n  a:\n    image: x:1\n    network_mode: host\n    ports: ["80:80"]\n',
    },
    {
      name: 'the address may come from a variable',
      code: 'services:\n  a:\n    image: x:1\n    ports:\n      - "${BIND_ADDR}:80"\n      - "${HOST_IP:-127.0.0.1}:${PORT:-8080}:80"\n      - "${PORTS}"\n',
    },
  ],
  invalid: [
    {
      code: 'services:\n  app:\n    image: x:1\n    ports:\n      - "8080:8080"\n',
      errors: [
        {
          line: 5,
          column: 9,
          message: 'publishes `8080:8080` on all host interfaces',
          aliases: ['no-unbound-port-interfaces', 'container_traffic_not_bound_to_host_interface'],
        },
      ],
      output: 'services:\n  app:\n    image: x:1\n    ports:\n      - "127.0.0.1:8080:8080"\n',
    },
    {
      name: 'plain, single quotes, a bare container port, interpolation, a protocol',
      code: 'services:\n  app:\n    image: x:1\n    ports:\n      - 5432:5432 # db\n      - \'9000\'\n      - 3000\n      - ${PORT:-8080}:8080\n      - "53:53/udp"\n',
      errors: [{ line: 5 }, { line: 6 }, { line: 7 }, { line: 8 }, { line: 9 }],
      output:
        'services:\n  app:\n    image: x:1\n    ports:\n      - 127.0.0.1:5432:5432 # db\n      - \'127.0.0.1::9000\'\n      - 127.0.0.1::3000\n      - 127.0.0.1:${PORT:-8080}:8080\n      - "127.0.0.1:53:53/udp"\n',
    },
    {
      name: 'long syntax, block and flow',
      code: 'services:\n  app:\n    image: x:1\n    ports:\n      - target: 80\n        published: "8080"\n      - {target: 443, published: "8443"}\n',
      errors: [
        { line: 5, column: 9 },
        { line: 7, column: 9 },
      ],
      output:
        'services:\n  app:\n    image: x:1\n    ports:\n      - host_ip: 127.0.0.1\n        target: 80\n        published: "8080"\n      - {host_ip: 127.0.0.1, target: 443, published: "8443"}\n',
    },
    {
      name: 'explicit `? key` entries: `host_ip` goes before the `?`, not between it and its key',
      code: 'services:\n  app:\n    image: x:1\n    ports:\n      - ? 80:80\n      - {? "443:443"}\n',
      errors: [
        { line: 5, column: 9 },
        { line: 6, column: 9 },
      ],
      output:
        'services:\n  app:\n    image: x:1\n    ports:\n      - host_ip: 127.0.0.1\n        ? 80:80\n      - {host_ip: 127.0.0.1, ? "443:443"}\n',
    },
    {
      name: 'a pair written in a flow list is a mapping without braces: reported, no fix',
      code: 'services:\n  app:\n    image: x:1\n    ports: [target: 80]\n',
      errors: [{ line: 4, column: 13 }],
    },
    {
      name: 'such a pair whose key is a flow mapping: reported, no fix',
      code: 'services:\n  app:\n    image: x:1\n    ports: [{target: 80}: 1]\n',
      errors: [{ line: 4, column: 13 }],
    },
    {
      name: 'a port list shared through an anchor is reported but not edited there',
      code: 'x-ports: &ports\n  - "80:80"\nservices:\n  app:\n    image: x:1\n    ports: *ports\n',
      errors: [{ line: 2, column: 5 }],
    },
  ],
});
