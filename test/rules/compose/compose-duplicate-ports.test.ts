import rule from '../../../src/lint/rules/compose/compose-duplicate-ports.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    ports: ["8080:80"]\n  b:\n    image: x:1\n    ports: ["8081:80"]\n',
    {
      name: 'same container port, random host ports',
      code: 'services:\n  a:\n    image: x:1\n    ports: ["80"]\n  b:\n    image: x:1\n    ports: ["80"]\n',
    },
    {
      name: 'tcp and udp are different ports',
      code: 'services:\n  a:\n    image: x:1\n    ports: ["53:53/tcp", "53:53/udp"]\n',
    },
    {
      name: 'different host addresses',
      code: 'services:\n  a:\n    image: x:1\n    ports: ["127.0.0.1:80:80"]\n  b:\n    image: x:1\n    ports: ["192.168.1.2:80:80"]\n',
    },
    {
      name: 'services in different profiles never run together',
      code: 'services:\n  a:\n    image: x:1\n    profiles: [dev]\n    ports: ["80:80"]\n  b:\n    image: x:1\n    profiles: [prod]\n    ports: ["80:80"]\n',
    },
    {
      name: 'a service that must complete before the other starts (directly or through a dependency) never clashes',
      code: 'services:\n  init:\n    image: x:1\n    ports: ["8050:8050"]\n  web:\n    image: x:1\n    ports: ["8050:8050"]\n    depends_on:\n      init:\n        condition: service_completed_successfully\n  seed:\n    image: x:1\n    ports: ["9000:9000"]\n  migrate:\n    image: x:1\n    depends_on:\n      seed:\n        condition: service_completed_successfully\n  api:\n    image: x:1\n    ports: ["9000:9000"]\n    depends_on: [migrate]\n',
    },
    {
      name: 'interpolated ports are not judged',
      code: 'services:\n  a:\n    image: x:1\n    ports: ["${PORT}:80"]\n  b:\n    image: x:1\n    ports: ["${PORT}:80"]\n',
    },
  ],
  invalid: [
    {
      name: 'a dependency that only has to start (or be healthy) runs alongside',
      code: 'services:\n  db:\n    image: x:1\n    ports: ["80:80"]\n  web:\n    image: x:1\n    ports: ["80:80"]\n    depends_on:\n      db:\n        condition: service_healthy\n',
      errors: [{ line: 7 }],
    },
    {
      name: 'a host port an included service already publishes',
      code: 'include: [db.yaml]\nservices:\n  app:\n    image: a:1\n    ports: ["5432:5432"]\n',
      related: { 'db.yaml': 'services:\n  db:\n    image: postgres:16\n    ports: ["5432:5432"]\n' },
      errors: [{ line: 5, message: 'by service `db` of `db.yaml`' }],
    },
    {
      code: 'services:\n  a:\n    image: x:1\n    ports:\n      - "8080:80"\n  b:\n    image: x:1\n    ports:\n      - "8080:8080"\n',
      errors: [
        {
          line: 9,
          column: 9,
          message: 'host port `8080/tcp`, already published by service `a`',
          aliases: ['no-duplicate-exported-ports'],
        },
      ],
    },
    {
      name: 'long syntax against a range, and the wildcard address against a specific one',
      code: 'services:\n  a:\n    image: x:1\n    ports: ["127.0.0.1:8000-8010:8000-8010"]\n  b:\n    image: x:1\n    ports:\n      - target: 80\n        published: "8005"\n',
      errors: [{ line: 8, column: 9, message: '`8005/tcp`' }],
    },
    {
      name: 'twice in one service',
      code: 'services:\n  a:\n    image: x:1\n    ports: ["80:80", "80:8080"]\n',
      errors: [{ line: 4, column: 22, message: 'earlier in the same service' }],
    },
  ],
});
