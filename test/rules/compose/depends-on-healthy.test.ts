import rule from '../../../src/lint/rules/compose/depends-on-healthy.js';
import { testRule } from '../../rule-tester.js';

const DB =
  '  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres"]\n';

testRule(rule, {
  valid: [
    {
      name: 'cluster peers: the dependency lists itself and the dependent among its initial cluster members (wazuh indexers)',
      code: 'services:\n  es1:\n    image: opensearch:2\n    hostname: es1.indexer\n    environment:\n      - node.name=es1.indexer\n      - cluster.initial_cluster_manager_nodes=es1.indexer,es2.indexer,es3.indexer\n    healthcheck:\n      test: ["CMD-SHELL", "curl -fs localhost:9200"]\n  es2:\n    image: opensearch:2\n    hostname: es2.indexer\n    depends_on:\n      - es1\n  es3:\n    image: opensearch:2\n    container_name: es3.indexer\n    depends_on: [es1]\n',
    },
    {
      name: 'cluster peers named in the command (mapping environment too)',
      code: 'services:\n  node1:\n    image: cockroachdb/cockroach:v24.1.0\n    command: start --join=node1,node2,node3\n    environment: {COCKROACH_LOG: info}\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8080/health?ready=1"]\n  node2:\n    image: cockroachdb/cockroach:v24.1.0\n    depends_on: [node1]\n',
    },
    `services:\n  app:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_healthy\n${DB}`,
    {
      name: 'the dependency has no healthcheck',
      code: 'services:\n  app:\n    image: a:1\n    depends_on: [cache]\n  cache:\n    image: redis:7\n',
    },
    {
      name: 'the healthcheck is disabled',
      code: 'services:\n  app:\n    image: a:1\n    depends_on: [db]\n  db:\n    image: postgres:16\n    healthcheck:\n      disable: true\n',
    },
    {
      name: 'a one-shot job waited for to complete',
      code: `services:\n  app:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_completed_successfully\n${DB}`,
    },
    {
      name: 'an undefined dependency is another rule',
      code: 'services:\n  app:\n    image: a:1\n    depends_on: [nope]\n',
    },
  ],
  invalid: [
    {
      name: 'not peers: the dependency names the dependent, but not with itself (a client it allows), or only itself',
      code: `services:\n  app:\n    image: a:1\n    depends_on: [db, cache]\n  db:\n    image: postgres:16\n    environment:\n      - ALLOWED_CLIENT=app\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres"]\n  cache:\n    image: redis:7\n    command: redis-server --replica-announce-ip cache\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n`,
      errors: [
        { line: 4, column: 18, message: '`db` has a healthcheck' },
        { line: 4, column: 22, message: '`cache` has a healthcheck' },
      ],
      output:
        'services:\n  app:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_healthy\n      cache:\n        condition: service_healthy\n  db:\n    image: postgres:16\n    environment:\n      - ALLOWED_CLIENT=app\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres"]\n  cache:\n    image: redis:7\n    command: redis-server --replica-announce-ip cache\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n',
    },
    {
      name: 'an interpolated entry in the list: no fix, since a key is not interpolated and the dependency would go',
      code: `services:\n  app:\n    image: a:1\n    depends_on:\n      - db\n      - \${CACHE_HOST:-cache}\n  cache:\n    image: redis:7\n${DB}`,
      errors: [{ line: 5 }],
    },
    {
      name: 'the dependency inherits a healthcheck through extends, or is an included service with one',
      code: 'include: [cache.yaml]\nservices:\n  app:\n    image: a:1\n    depends_on: [db, cache]\n  db:\n    extends: {file: common.yaml, service: db}\n',
      related: {
        'common.yaml':
          'services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n',
        'cache.yaml':
          'services:\n  cache:\n    image: redis:7\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n',
      },
      errors: [
        { line: 5, column: 18, message: '`db` has a healthcheck' },
        { line: 5, column: 22, message: '`cache` has a healthcheck' },
      ],
      output:
        'include: [cache.yaml]\nservices:\n  app:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_healthy\n      cache:\n        condition: service_healthy\n  db:\n    extends: {file: common.yaml, service: db}\n',
    },
    {
      name: 'the dependency builds a Dockerfile that has a HEALTHCHECK',
      code: 'services:\n  app:\n    image: acme/app:1.0\n    depends_on:\n      - db\n  db:\n    build: ./db\n',
      related: { 'db/Dockerfile': 'FROM postgres:16\nHEALTHCHECK CMD ["pg_isready"]\n' },
      errors: [{ line: 5, message: 'has a healthcheck' }],
      output:
        'services:\n  app:\n    image: acme/app:1.0\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    build: ./db\n',
    },
    {
      name: 'short form, block list, other entries and comments kept',
      code: `services:\n  app:\n    image: a:1\n    depends_on:\n      # start order\n      - db  # the database\n      - cache\n  cache:\n    image: redis:7\n${DB}`,
      errors: [{ line: 6, column: 9, message: 'waits only for `db` to start, not to be ready' }],
      output: `services:\n  app:\n    image: a:1\n    depends_on:\n      # start order\n      db:  # the database\n        condition: service_healthy\n      cache:\n        condition: service_started\n  cache:\n    image: redis:7\n${DB}`,
    },
    {
      name: 'short form, flow list',
      code: `services:\n  app:\n    image: a:1\n    depends_on: [db, cache]\n  cache:\n    image: redis:7\n${DB}`,
      errors: [{ line: 4, column: 18 }],
      output: `services:\n  app:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_healthy\n      cache:\n        condition: service_started\n  cache:\n    image: redis:7\n${DB}`,
    },
    {
      name: 'four-space indentation, quoted names, two healthy dependencies',
      code: 'services:\n    app:\n        image: a:1\n        depends_on:\n            - "db"\n            - cache\n    cache:\n        image: redis:7\n        healthcheck:\n            test: redis-cli ping\n    db:\n        image: postgres:16\n        healthcheck:\n            test: ["CMD", "pg_isready"]\n',
      errors: [
        { line: 5, column: 15 },
        { line: 6, column: 15 },
      ],
      output:
        'services:\n    app:\n        image: a:1\n        depends_on:\n            "db":\n                condition: service_healthy\n            cache:\n                condition: service_healthy\n    cache:\n        image: redis:7\n        healthcheck:\n            test: redis-cli ping\n    db:\n        image: postgres:16\n        healthcheck:\n            test: ["CMD", "pg_isready"]\n',
    },
    {
      name: 'long form with service_started, quoted',
      code: `services:\n  app:\n    image: a:1\n    depends_on:\n      db:\n        condition: "service_started"\n        restart: true\n${DB}`,
      errors: [{ line: 5, column: 7 }],
      output: `services:\n  app:\n    image: a:1\n    depends_on:\n      db:\n        condition: "service_healthy"\n        restart: true\n${DB}`,
    },
    {
      name: 'long form without a condition, block and flow',
      code: `services:\n  app:\n    image: a:1\n    depends_on:\n      db:\n        required: true\n  web:\n    image: w:1\n    depends_on: {db: {restart: true}}\n${DB}`,
      errors: [
        { line: 5, column: 7 },
        { line: 9, column: 18 },
      ],
      output: `services:\n  app:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_healthy\n        required: true\n  web:\n    image: w:1\n    depends_on: {db: {condition: service_healthy, restart: true}}\n${DB}`,
    },
    {
      name: 'a tag before the first key (`!reset condition:` resets the condition): reported, no fix',
      code: `services:\n  app:\n    image: a:1\n    depends_on:\n      db:\n        !reset condition: service_healthy\n${DB}`,
      errors: [{ line: 5, column: 7 }],
    },
    {
      name: 'a flow list inside a flow service: rewritten as a flow mapping',
      code: `services:\n  app: {image: "a:1", depends_on: [db]}\n${DB}`,
      errors: [{ line: 2, column: 36 }],
      output: `services:\n  app: {image: "a:1", depends_on: {db: {condition: service_healthy}}}\n${DB}`,
    },
    {
      name: 'a list at the column of its key',
      code: `services:\n  app:\n    image: a:1\n    depends_on:\n    - db\n${DB}`,
      errors: [{ line: 5, column: 7 }],
      output: `services:\n  app:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_healthy\n${DB}`,
    },
    {
      name: 'CRLF line ends',
      code: `services:\r\n  app:\r\n    image: a:1\r\n    depends_on:\r\n      - db\r\n${DB.replace(/\n/g, '\r\n')}`,
      errors: [{ line: 5 }],
      output: `services:\r\n  app:\r\n    image: a:1\r\n    depends_on:\r\n      db:\r\n        condition: service_healthy\r\n${DB.replace(/\n/g, '\r\n')}`,
    },
    {
      name: 'an item folded over two lines is one name that cannot become a key: reported, no fix',
      code: `services:\n  app:\n    image: a:1\n    depends_on:\n      - db\n      - cache\n        - cache\n${DB}`,
      errors: [{ line: 5, column: 9 }],
    },
    {
      name: 'a depends_on list shared through an anchor is reported, not edited',
      code: `x-deps: &deps\n  depends_on: [db]\nservices:\n  app:\n    <<: *deps\n    image: a:1\n${DB}`,
      errors: [{ line: 2, column: 16 }],
    },
  ],
});
