import rule from '../../../src/lint/rules/compose/compose-undefined-reference.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'include read: the names it declares are defined',
      code: 'include:\n  - db/compose.yaml\nservices:\n  app:\n    image: a:1\n    depends_on: [db]\n    networks: [back]\n    volumes: [data:/data]\n',
      related: {
        'db/compose.yaml':
          'services:\n  db:\n    image: postgres:16\nnetworks:\n  back: {}\nvolumes:\n  data: {}\n',
      },
    },
    {
      name: 'a base in another file whose references are declared here',
      code: 'services:\n  app:\n    extends: {file: base.yaml, service: app}\n  db:\n    image: postgres:16\n',
      related: { 'base.yaml': 'services:\n  app:\n    image: a:1\n    depends_on: [db]\n' },
    },
    [
      'services:',
      '  app:',
      '    image: a:1',
      '    depends_on: [db]',
      '    links: ["db:database"]',
      '    volumes: [data:/data, ./src:/src, /cache]',
      '    networks: [back, default]',
      '    secrets: [db_password, {source: api_key, target: key}]',
      '    configs: [app_conf]',
      '    volumes_from: ["db:ro", "container:legacy"]',
      '  db:',
      '    image: postgres:16',
      '    network_mode: "service:app"',
      '  worker:',
      '    extends: app',
      'volumes: {data: {}}',
      'networks: {back: {external: true}}',
      'secrets: {db_password: {file: ./pw.txt}, api_key: {environment: API_KEY}}',
      'configs: {app_conf: {file: ./app.conf}}',
      '',
    ].join('\n'),
    {
      name: 'an optional dependency, interpolated names, extends from another file',
      code: 'services:\n  app:\n    image: a:1\n    depends_on:\n      cache: {condition: service_started, required: false}\n    volumes: ["${DATA_VOLUME}:/data"]\n    extends: {file: base.yaml, service: app}\n',
    },
    {
      name: 'an override file completes the base file',
      code: 'services:\n  app:\n    image: a:1\n    networks: [front]\n',
      path: 'compose.override.yaml',
    },
    {
      name: 'a file that includes others',
      code: 'include: [./db.yaml]\nservices:\n  app:\n    image: a:1\n    depends_on: [db]\n',
    },
    {
      name: 'a layer file: some service only patches one from the base file',
      code: 'services:\n  app:\n    environment: {DEBUG: "1"}\n  admin:\n    image: b:1\n    depends_on: [app, db]\n',
      path: 'compose.debug.yaml',
    },
  ],
  invalid: [
    {
      name: 'include read, and it does not declare the dependency',
      code: 'include:\n  - db/compose.yaml\nservices:\n  app:\n    image: a:1\n    depends_on: [cache]\n',
      related: { 'db/compose.yaml': 'services:\n  db:\n    image: postgres:16\n' },
      errors: [{ line: 6, column: 18, messageId: 'undefined', message: 'the service `cache`' }],
    },
    {
      name: 'extends a file that does not exist, and a service another file does not define',
      code: 'services:\n  a:\n    extends: {file: gone.yaml, service: a}\n  b:\n    extends: {file: base.yaml, service: nope}\n',
      related: { 'gone.yaml': null, 'base.yaml': 'services:\n  web:\n    image: a:1\n' },
      errors: [
        {
          line: 3,
          column: 21,
          messageId: 'projectProblem',
          message: 'from `gone.yaml`, which does not exist',
        },
        { line: 5, column: 41, messageId: 'projectProblem', message: 'which `base.yaml` does not define' },
      ],
    },
    {
      name: 'an include that does not exist',
      code: 'include:\n  - path: ./gone.yaml\nservices:\n  app:\n    image: a:1\n',
      related: { 'gone.yaml': null },
      errors: [
        { line: 2, column: 11, messageId: 'projectProblem', message: '`include` names `./gone.yaml`' },
      ],
    },
    {
      name: 'a reference inherited from a base in another file, undeclared here: at `extends`',
      code: 'services:\n  app:\n    extends: {file: base.yaml, service: app}\n    networks: [default]\n',
      related: {
        'base.yaml':
          'services:\n  app:\n    image: a:1\n    depends_on: [db]\n    networks: [back]\n  db:\n    image: postgres:16\nnetworks:\n  back: {}\n',
      },
      errors: [
        {
          line: 3,
          column: 5,
          messageId: 'inheritedUndefined',
          message: '`app` in `base.yaml` a reference in `depends_on` to the service `db`',
        },
        { line: 3, column: 5, message: 'to the network `back`' },
      ],
    },
    {
      code: 'services:\n  app:\n    image: a:1\n    depends_on:\n      - dbb\n  db:\n    image: postgres:16\n',
      errors: [
        {
          line: 5,
          column: 9,
          message:
            'refers in `depends_on` to the service `dbb`, which is not a service of this file (did you mean `db`?)',
        },
      ],
    },
    {
      name: 'each kind, long forms at their keys',
      code: [
        'services:',
        '  app:',
        '    image: a:1',
        '    depends_on:',
        '      cache: {condition: service_started}',
        '    volumes:',
        '      - type: volume',
        '        source: data',
        '        target: /data',
        '    networks:',
        '      front: {}',
        '    secrets: [{source: token}]',
        '    configs: [conf]',
        '    network_mode: "service:proxy"',
        '',
      ].join('\n'),
      errors: [
        { line: 5, column: 7, message: 'the service `cache`' },
        {
          line: 8,
          column: 17,
          message: 'the volume `data`, which is not declared under the top-level `volumes:`',
        },
        { line: 11, column: 7, message: 'the network `front`' },
        { line: 12, column: 24, message: 'the secret `token`' },
        { line: 13, column: 15, message: 'the config `conf`' },
        { line: 14, column: 19, message: 'in `network_mode` to the service `proxy`' },
      ],
    },
    {
      name: 'a file with another name reports only likely typos',
      code: 'services:\n  app:\n    image: a:1\n    networks: [backend, frontnet]\nnetworks:\n  backend: {}\n  front-net: {}\n',
      path: 'docker-compose.prod.yml',
      errors: [{ line: 4, column: 25, messageId: 'undefined', message: 'did you mean `front-net`?' }],
    },
  ],
});
