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
    {
      name: 'graded warning: short form, a dependent with no restart policy, waiting for a database',
      code: `services:\n  app:\n    image: acme/app:1\n    restart: "no"\n    depends_on: [db]\n${DB}`,
      output: `services:\n  app:\n    image: acme/app:1\n    restart: "no"\n    depends_on:\n      db:\n        condition: service_healthy\n${DB}`,
      errors: [{ line: 5, severity: 'warning' }],
    },
    {
      name: 'graded info: `condition: service_started` written out is a deliberate choice; a long form without a condition is not',
      code: `services:\n  app:\n    image: acme/app:1\n    depends_on:\n      db:\n        condition: service_started\n  api:\n    image: acme/api:1\n    depends_on:\n      db:\n        required: true\n${DB}`,
      output: `services:\n  app:\n    image: acme/app:1\n    depends_on:\n      db:\n        condition: service_healthy\n  api:\n    image: acme/api:1\n    depends_on:\n      db:\n        condition: service_healthy\n        required: true\n${DB}`,
      errors: [
        { line: 5, severity: 'info' },
        { line: 10, severity: 'warning' },
      ],
    },
    {
      name: 'graded info: a reverse proxy or load balancer in front of the dependency needs it to exist, not to be healthy',
      code: `services:\n  web:\n    build: .\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/health"]\n  lb1:\n    image: nginx:alpine\n    depends_on: [web]\n  lb2:\n    image: traefik:3.6\n    depends_on: [web]\n  lb3:\n    image: docker.io/library/haproxy:2.9\n    depends_on: [web]\n  lb4:\n    image: envoyproxy/envoy:v1.30-latest\n    depends_on: [web]\n  lb5:\n    image: caddy:2\n    depends_on: [web]\n  lb6:\n    image: nginxinc/nginx-unprivileged:1.27\n    depends_on: [web]\n  proxy:\n    build: ./proxy\n    depends_on: [web]\n`,
      output: `services:\n  web:\n    build: .\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/health"]\n  lb1:\n    image: nginx:alpine\n    depends_on:\n      web:\n        condition: service_healthy\n  lb2:\n    image: traefik:3.6\n    depends_on:\n      web:\n        condition: service_healthy\n  lb3:\n    image: docker.io/library/haproxy:2.9\n    depends_on:\n      web:\n        condition: service_healthy\n  lb4:\n    image: envoyproxy/envoy:v1.30-latest\n    depends_on:\n      web:\n        condition: service_healthy\n  lb5:\n    image: caddy:2\n    depends_on:\n      web:\n        condition: service_healthy\n  lb6:\n    image: nginxinc/nginx-unprivileged:1.27\n    depends_on:\n      web:\n        condition: service_healthy\n  proxy:\n    build: ./proxy\n    depends_on:\n      web:\n        condition: service_healthy\n`,
      errors: [
        { line: 8, severity: 'info' },
        { line: 11, severity: 'info' },
        { line: 14, severity: 'info' },
        { line: 17, severity: 'info' },
        { line: 20, severity: 'info' },
        { line: 23, severity: 'info' },
        { line: 26, severity: 'warning' },
      ],
    },
    {
      name: 'graded info: a dependent restarted on failure recovers once the dependency is ready; `restart: "no"`, `condition: none` do not',
      code: `services:\n  a:\n    image: acme/a:1\n    restart: always\n    depends_on: [db]\n  b:\n    image: acme/b:1\n    restart: unless-stopped\n    depends_on: [db]\n  c:\n    image: acme/c:1\n    restart: on-failure:5\n    depends_on: [db]\n  d:\n    image: acme/d:1\n    deploy:\n      restart_policy:\n        condition: on-failure\n    depends_on: [db]\n  e:\n    image: acme/e:1\n    deploy:\n      restart_policy: {max_attempts: 3}\n    depends_on: [db]\n  f:\n    image: acme/f:1\n    deploy:\n      restart_policy:\n        condition: none\n    depends_on: [cache]\n  g:\n    image: acme/g:1\n    restart: "no"\n    depends_on: [queue]\n  cache:\n    image: redis:7\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n  queue:\n    image: rabbitmq:3\n    healthcheck:\n      test: ["CMD", "rabbitmq-diagnostics", "-q", "ping"]\n${DB}`,
      output: `services:\n  a:\n    image: acme/a:1\n    restart: always\n    depends_on:\n      db:\n        condition: service_healthy\n  b:\n    image: acme/b:1\n    restart: unless-stopped\n    depends_on:\n      db:\n        condition: service_healthy\n  c:\n    image: acme/c:1\n    restart: on-failure:5\n    depends_on:\n      db:\n        condition: service_healthy\n  d:\n    image: acme/d:1\n    deploy:\n      restart_policy:\n        condition: on-failure\n    depends_on:\n      db:\n        condition: service_healthy\n  e:\n    image: acme/e:1\n    deploy:\n      restart_policy: {max_attempts: 3}\n    depends_on:\n      db:\n        condition: service_healthy\n  f:\n    image: acme/f:1\n    deploy:\n      restart_policy:\n        condition: none\n    depends_on:\n      cache:\n        condition: service_healthy\n  g:\n    image: acme/g:1\n    restart: "no"\n    depends_on:\n      queue:\n        condition: service_healthy\n  cache:\n    image: redis:7\n    healthcheck:\n      test: ["CMD", "redis-cli", "ping"]\n  queue:\n    image: rabbitmq:3\n    healthcheck:\n      test: ["CMD", "rabbitmq-diagnostics", "-q", "ping"]\n${DB}`,
      errors: [
        { line: 5, severity: 'info' },
        { line: 9, severity: 'info' },
        { line: 13, severity: 'info' },
        { line: 19, severity: 'info' },
        { line: 24, severity: 'info' },
        { line: 30, severity: 'warning' },
        { line: 34, severity: 'warning' },
      ],
    },
    {
      name: 'graded info: a restart policy inherited through `extends` counts',
      code: `services:\n  worker:\n    extends: {service: base}\n    depends_on: [db]\n  base:\n    image: acme/worker:1\n    restart: unless-stopped\n${DB}`,
      output: `services:\n  worker:\n    extends: {service: base}\n    depends_on:\n      db:\n        condition: service_healthy\n  base:\n    image: acme/worker:1\n    restart: unless-stopped\n${DB}`,
      errors: [{ line: 4, severity: 'info' }],
    },
    {
      name: 'graded info: a dependent that is itself a database server does not connect to the dependency to start',
      code: `services:\n  clickhouse:\n    image: clickhouse/clickhouse-server:25.12\n    depends_on: [db]\n${DB}`,
      output: `services:\n  clickhouse:\n    image: clickhouse/clickhouse-server:25.12\n    depends_on:\n      db:\n        condition: service_healthy\n${DB}`,
      errors: [{ line: 4, severity: 'info' }],
    },
    {
      name: 'graded: many dependents of one dependency get one comment, at the first; the others are info',
      code: `services:\n  w1:\n    image: acme/w:1\n    restart: always\n    depends_on: [db]\n  w2:\n    image: acme/w:1\n    depends_on: [db]\n  w3:\n    image: acme/w:1\n    depends_on: [db]\n  w4:\n    image: acme/w:1\n    depends_on: [db]\n${DB}`,
      output: `services:\n  w1:\n    image: acme/w:1\n    restart: always\n    depends_on:\n      db:\n        condition: service_healthy\n  w2:\n    image: acme/w:1\n    depends_on:\n      db:\n        condition: service_healthy\n  w3:\n    image: acme/w:1\n    depends_on:\n      db:\n        condition: service_healthy\n  w4:\n    image: acme/w:1\n    depends_on:\n      db:\n        condition: service_healthy\n${DB}`,
      errors: [
        { line: 5, severity: 'info' },
        {
          line: 8,
          severity: 'warning',
          message: 'The same goes for `w3` and `w4`, which also depend on `db` without waiting for it.',
        },
        { line: 11, severity: 'info', message: 'waits only for `db` to start' },
        { line: 14, severity: 'info' },
      ],
    },
  ],
});
