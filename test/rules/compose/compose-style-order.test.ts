import rule from '../../../src/lint/rules/compose/compose-style-order.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    [
      'x-common: &common',
      '  restart: always',
      'name: shop',
      'services:',
      '  api:',
      '    image: api:1',
      '    container_name: shop-api',
      '    depends_on: [cache, db]',
      '    volumes: [data:/data]',
      '    environment: {A: "1"}',
      '    ports: ["80:80", "443:443", "8080:8080"]',
      '    command: serve',
      '    labels: [a=b]',
      '    user: "1000"',
      '    stop_grace_period: 5s',
      '  db:',
      '    <<: *common',
      '    image: postgres:16',
      '  web:',
      '    build: .',
      'networks: {}',
      'volumes:',
      '  data: {}',
      '',
    ].join('\n'),
    {
      name: 'topLevelOrder: the configured order is the one kept',
      code: 'services:\n  a:\n    image: a:1\nvolumes:\n  data: {}\nx-meta: {owner: ops}\n',
      options: { topLevelOrder: ['services', 'volumes', 'x-properties'] },
    },
    {
      name: 'topLevelOrder: keys it leaves out follow in the default order',
      code: 'services:\n  a:\n    image: a:1\nx-meta: {owner: ops}\nname: shop\nnetworks: {}\n',
      options: { topLevelOrder: ['services'] },
    },
  ],
  invalid: [
    {
      name: 'top-level sections',
      code: '# stack\nvolumes:\n  data: {}\n\nservices:\n  a:\n    image: a:1\n',
      errors: [
        {
          line: 5,
          column: 1,
          messageId: 'topLevelOrder',
          message: '`services` should come before `volumes`',
          aliases: ['top-level-properties-order'],
        },
      ],
      output: '# stack\nservices:\n  a:\n    image: a:1\nvolumes:\n  data: {}\n\n',
    },
    {
      name: 'services, with the comment above each one',
      code: 'services:\n  web:\n    image: w:1\n  # the database\n  db:\n    image: d:1\n',
      errors: [
        {
          line: 5,
          column: 3,
          messageId: 'servicesOrder',
          message: '`db` should come before `web`',
          aliases: ['services-alphabetical-order'],
        },
      ],
      output: 'services:\n  # the database\n  db:\n    image: d:1\n  web:\n    image: w:1\n',
    },
    {
      name: 'service keys, a multi-line value moving whole',
      code: 'services:\n  app:\n    command:\n      - serve\n      - --port=80\n    environment:\n      A: "1"\n    image: a:1\n',
      errors: [
        {
          line: 6,
          column: 5,
          messageId: 'serviceKeysOrder',
          message: '`environment` of service `app` should come before `command`',
          aliases: ['service-keys-order'],
        },
        { line: 8, column: 5, messageId: 'serviceKeysOrder', message: '`image`' },
      ],
      output:
        'services:\n  app:\n    image: a:1\n    environment:\n      A: "1"\n    command:\n      - serve\n      - --port=80\n',
    },
    {
      name: 'ports and dependencies, block lists',
      code: 'services:\n  app:\n    image: a:1\n    depends_on:\n      - db\n      - cache\n    ports:\n      - "8080:80"\n      - "443:443"\n',
      errors: [
        { line: 6, column: 9, aliases: ['service-dependencies-alphabetical-order'] },
        {
          line: 9,
          column: 9,
          messageId: 'portsOrder',
          message: '`443:443`',
          aliases: ['service-ports-alphabetical-order'],
        },
      ],
      output:
        'services:\n  app:\n    image: a:1\n    depends_on:\n      - cache\n      - db\n    ports:\n      - "443:443"\n      - "8080:80"\n',
    },
    {
      name: 'an unsorted ports list is one finding, at its first misplaced entry; the fix sorts it all',
      code: 'services:\n  proxy:\n    image: p:1\n    ports:\n      - "9443:443"\n      - "8080:80"\n      - "127.0.0.1:2019:2019"\n      - published: 7000\n        target: 7000\n',
      errors: [
        {
          line: 6,
          column: 9,
          messageId: 'portsOrder',
          message:
            'Ports of service `proxy` are not in ascending order: `8080:80` should come before `9443:443`',
          aliases: ['service-ports-alphabetical-order'],
        },
      ],
      output:
        'services:\n  proxy:\n    image: p:1\n    ports:\n      - "127.0.0.1:2019:2019"\n      - published: 7000\n        target: 7000\n      - "8080:80"\n      - "9443:443"\n',
    },
    {
      name: 'an unsorted depends_on mapping is one finding',
      code: 'services:\n  api:\n    image: a:1\n    depends_on:\n      queue: {condition: service_started}\n      db: {condition: service_healthy}\n      cache: {condition: service_started}\n',
      errors: [
        {
          line: 6,
          column: 7,
          messageId: 'dependenciesOrder',
          message:
            '`depends_on` of service `api` is not in alphabetical order: `db` should come before `queue`',
          aliases: ['service-dependencies-alphabetical-order'],
        },
      ],
      output:
        'services:\n  api:\n    image: a:1\n    depends_on:\n      cache: {condition: service_started}\n      db: {condition: service_healthy}\n      queue: {condition: service_started}\n',
    },
    {
      name: 'topLevelOrder: each key out of the configured order is reported, the message names that order',
      code: 'networks: {}\nx-meta: {owner: ops}\nservices:\n  a:\n    image: a:1\nname: shop\n',
      options: { topLevelOrder: ['name', 'services', 'networks', 'x-properties'] },
      errors: [
        {
          line: 3,
          column: 1,
          messageId: 'topLevelOrder',
          message:
            '`services` should come before `x-meta` (name, services, networks, x- extensions, version, include, models, volumes, secrets, configs)',
        },
        { line: 6, column: 1, messageId: 'topLevelOrder', message: '`name` should come before `x-meta`' },
      ],
      output: 'name: shop\nservices:\n  a:\n    image: a:1\nnetworks: {}\nx-meta: {owner: ops}\n',
    },
    {
      name: 'a block scalar and a comment line move with their key',
      code: 'services:\n  app:\n    command: |\n      serve\n\n        --port=80\n    # pinned\n    image: a:1\n',
      errors: [{ line: 8, column: 5, messageId: 'serviceKeysOrder', message: '`image`' }],
      output:
        'services:\n  app:\n    # pinned\n    image: a:1\n    command: |\n      serve\n\n        --port=80\n',
    },
    {
      name: 'flow lists are reported, not reordered',
      code: 'services:\n  app:\n    image: a:1\n    depends_on: [db, cache]\n',
      errors: [{ line: 4, column: 22 }],
    },
    {
      name: 'anchors and aliases inside: no fix',
      code: 'services:\n  web:\n    image: &img a:1\n  db:\n    image: *img\n',
      errors: [{ line: 4, column: 3 }],
    },
    {
      name: 'an invalid container name',
      code: 'services:\n  app:\n    image: a:1\n    container_name: "-app"\n',
      errors: [
        {
          line: 4,
          column: 21,
          messageId: 'containerName',
          aliases: ['service-container-name-regex'],
        },
      ],
    },
  ],
});
