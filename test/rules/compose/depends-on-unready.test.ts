import rule from '../../../src/lint/rules/compose/depends-on-unready.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { slowToBeReady } from '../../../src/lint/compose/readiness.js';
import { lintSource } from '../../../src/lint/engine.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'the database has a healthcheck (depends-on-healthy asks for the condition)',
      code: 'services:\n  app:\n    image: acme/app:1.0\n    depends_on: [db]\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres"]\n',
    },
    {
      name: 'already waits for it to be healthy (healthy-needs-healthcheck says the rest)',
      code: 'services:\n  app:\n    image: acme/app:1.0\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:16\n',
    },
    {
      name: 'waits for a one-shot job to complete',
      code: 'services:\n  app:\n    image: acme/app:1.0\n    depends_on:\n      migrate:\n        condition: service_completed_successfully\n  migrate:\n    image: postgres:16\n',
    },
    {
      name: 'a service that is not a slow-starting server',
      code: 'services:\n  web:\n    image: nginx:1.27\n    depends_on: [api]\n  api:\n    image: acme/api:1.0\n',
    },
    {
      name: 'an image built here may bring its own HEALTHCHECK',
      code: 'services:\n  app:\n    image: acme/app:1.0\n    depends_on: [db]\n  db:\n    image: postgres:16\n    build: ./db\n',
    },
    {
      name: 'an image from a variable is not judged',
      code: 'services:\n  app:\n    image: acme/app:1.0\n    depends_on: [db]\n  db:\n    image: ${DB_IMAGE:-postgres:16}\n',
    },
    {
      name: 'an extends chain not read in full may hold the healthcheck',
      code: 'services:\n  app:\n    image: acme/app:1.0\n    depends_on: [db]\n  db:\n    image: postgres:16\n    extends: {file: common.yaml, service: db}\n',
    },
  ],
  invalid: [
    {
      name: 'the short form on postgres without a healthcheck',
      code: 'services:\n  app:\n    image: acme/app:1.0\n    depends_on: [db]\n  db:\n    image: postgres:16\n',
      errors: [
        {
          line: 4,
          message:
            'Service `app` waits only for `db` (`postgres:16`) to start, and `db` has no healthcheck, so nothing tells Compose when postgres accepts connections: give `db` a `healthcheck:` (for example `test: ["CMD-SHELL", "pg_isready -U postgres"]`) and depend on it with `condition: service_healthy`.',
        },
      ],
    },
    {
      name: 'service_started in the long form, a registry-qualified redis and a bitnami mariadb',
      code: 'services:\n  app:\n    image: acme/app:1.0\n    depends_on:\n      cache:\n        condition: service_started\n      sql:\n        condition: service_started\n  cache:\n    image: docker.io/library/redis:7\n  sql:\n    image: bitnami/mariadb:11\n',
      errors: [{ line: 6 }, { line: 8 }],
    },
    {
      name: 'images that name the server in full: Bitnami postgresql, Confluent kafka, SQL Server',
      code: 'services:\n  app:\n    image: acme/app:1.0\n    depends_on: [pg, broker, mssql]\n  pg:\n    image: bitnami/postgresql:16\n  broker:\n    image: confluentinc/cp-kafka:7.5.3\n  mssql:\n    image: mcr.microsoft.com/mssql/server:2022-latest\n',
      errors: [
        { line: 4, message: 'when postgresql accepts connections' },
        { line: 4, message: 'when cp-kafka accepts connections' },
        { line: 4, message: 'when SQL Server accepts connections' },
      ],
    },
    {
      name: 'one finding per dependency, at its first dependent, naming the others',
      code: 'services:\n  api:\n    image: acme/api:1.0\n    depends_on: [db]\n  worker:\n    image: acme/worker:1.0\n    depends_on: [db]\n  cron:\n    image: acme/cron:1.0\n    depends_on: [db]\n  db:\n    image: mongo:7\n',
      errors: [{ line: 4, message: 'The same goes for `worker` and `cron`, which also depend on it.' }],
    },
    {
      name: 'a healthcheck only on the base it extends counts (here there is none)',
      code: 'services:\n  app:\n    image: acme/app:1.0\n    depends_on: [db]\n  base:\n    image: mysql:8\n  db:\n    extends: base\n',
      errors: [{ line: 4 }],
    },
  ],
});

describe('the healthcheck it suggests', () => {
  // commands with double quotes of their own (mongo, cassandra, clickhouse) must stay valid YAML once pasted
  it.each([
    'mongo:7',
    'cassandra:5',
    'clickhouse/clickhouse-server:24',
    // the password is the container's: `$$` in the file, so Compose leaves it alone
    'mcr.microsoft.com/mssql/server:2022-latest',
  ])('is valid YAML for %s', (image) => {
    const text = `services:\n  app:\n    image: acme/app:1.0\n    depends_on: [db]\n  db:\n    image: ${image}\n`;
    const [finding] = lintSource({ path: 'compose.yaml', text }, { rules: {} }, 'compose', [rule]).findings;
    const example = /\(for example `(test: .*?)`\)/.exec(finding!.message)![1]!;
    const check = slowToBeReady(image)!.check;
    expect(parse(example)).toEqual({ test: ['CMD-SHELL', check] });
  });
});
