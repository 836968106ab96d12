import rule from '../../../src/lint/rules/compose/compose-quote-ports.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    ports:\n      - "22:22"\n      - \'8080:80\'\n',
    {
      name: 'a single port, an address, a range and a protocol are not numbers',
      code: 'services:\n  a:\n    image: x:1\n    ports:\n      - 8080\n      - 127.0.0.1:80:80\n      - 8000-8010:8000-8010\n      - 53:53/udp\n',
    },
    {
      name: 'a container port of 60 or more is no base-60 number in YAML 1.1 either',
      code: 'services:\n  a:\n    image: x:1\n    ports:\n      - 8080:80\n      - 3000:3000\n      - 5000:5060\n',
    },
    {
      name: 'expose is left alone by default',
      code: 'services:\n  a:\n    image: x:1\n    expose:\n      - 22\n      - 9000\n',
    },
    {
      name: 'every: quoted entries of either quote pass',
      code: 'services:\n  a:\n    image: x:1\n    ports:\n      - "443:443"\n      - \'8443\'\n    expose: ["9000"]\n',
      options: { every: true },
    },
    {
      name: 'long syntax',
      code: 'services:\n  a:\n    image: x:1\n    ports:\n      - target: 22\n        published: 2222\n',
    },
  ],
  invalid: [
    {
      code: 'services:\n  sftp:\n    image: x:1\n    ports:\n      - 22:22\n',
      errors: [
        { line: 5, column: 9, message: 'reads it as the number 1342', aliases: ['require-quotes-in-ports'] },
      ],
      output: 'services:\n  sftp:\n    image: x:1\n    ports:\n      - "22:22"\n',
    },
    {
      name: "a flow list, with the file's single quotes; 8080:80 beside it is left alone",
      code: "services:\n  a:\n    image: x:1\n    ports: [2222:22, 8080:80, '9090:90']\n",
      errors: [{ line: 4, column: 13, message: 'reads it as the number 133342' }],
      output: "services:\n  a:\n    image: x:1\n    ports: ['2222:22', 8080:80, '9090:90']\n",
    },
    {
      name: 'quote style from the option',
      code: 'services:\n  a:\n    image: x:1\n    ports:\n      - 21:21 # ftp\n',
      options: { quote: 'single' },
      errors: [{ line: 5 }],
      output: "services:\n  a:\n    image: x:1\n    ports:\n      - '21:21' # ftp\n",
    },
    {
      name: 'every: each unquoted port and exposed port, in the quote the file already uses',
      code: "services:\n  api:\n    image: x:1\n    ports:\n      - 2222:22\n      - 8443\n      - '9000:9000'\n    expose:\n      - 7000\n      - '7001'\n",
      options: { every: true },
      errors: [
        { line: 5, column: 9, message: 'reads it as the number 133342' },
        {
          line: 6,
          column: 9,
          message: 'Port `8443` of service `api` is unquoted, and this configuration quotes',
        },
        { line: 9, column: 9, message: 'Exposed port `7000` of service `api`' },
      ],
      output:
        "services:\n  api:\n    image: x:1\n    ports:\n      - '2222:22'\n      - '8443'\n      - '9000:9000'\n    expose:\n      - '7000'\n      - '7001'\n",
    },
    {
      name: 'every: a flow list, with the quote from the option',
      code: 'services:\n  api:\n    image: x:1\n    ports: [80:80]\n    expose: [9000]\n',
      options: { every: true, quote: 'double' },
      errors: [
        { line: 4, column: 13 },
        { line: 5, column: 14 },
      ],
      output: 'services:\n  api:\n    image: x:1\n    ports: ["80:80"]\n    expose: ["9000"]\n',
    },
  ],
});
