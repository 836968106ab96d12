import rule from '../../../src/lint/rules/compose/healthy-needs-healthcheck.js';
import { testRule } from '../../rule-tester.js';

const WAITS = `services:
  app:
    image: acme/app:1.0
    depends_on:
      db:
        condition: service_healthy
  db:
    build: ./db
`;

testRule(rule, {
  valid: [
    {
      name: 'the healthcheck is inherited through extends from another file',
      code: 'services:\n  app:\n    image: acme/app:1.0\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    extends: {file: common.yaml, service: db}\n',
      related: {
        'common.yaml':
          'services:\n  db:\n    build: ./db\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n',
        'db/Dockerfile': 'FROM postgres:16\n',
      },
    },
    {
      name: 'the dependency is an included service with a healthcheck',
      code: 'include: [db/compose.yaml]\nservices:\n  app:\n    image: acme/app:1.0\n    depends_on:\n      db:\n        condition: service_healthy\n',
      related: {
        'db/compose.yaml':
          'services:\n  db:\n    build: .\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n',
        'db/Dockerfile': 'FROM postgres:16\n',
      },
    },
    {
      name: 'an extends chain not read in full may hold it',
      code: 'services:\n  app:\n    image: acme/app:1.0\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    build: ./db\n    extends: {file: common.yaml, service: db}\n',
      related: { 'db/Dockerfile': 'FROM postgres:16\n' },
    },
    {
      name: 'the Dockerfile has a HEALTHCHECK',
      code: WAITS,
      related: { 'db/Dockerfile': 'FROM postgres:16\nHEALTHCHECK CMD ["pg_isready"]\n' },
    },
    {
      name: 'a HEALTHCHECK in a stage the built stage comes FROM',
      code: WAITS,
      related: {
        'db/Dockerfile': 'FROM postgres:16 AS base\nHEALTHCHECK CMD ["pg_isready"]\nFROM base\nUSER 999\n',
      },
    },
    {
      name: 'a healthcheck in the Compose file',
      code: `${WAITS}    healthcheck:\n      test: ["CMD", "pg_isready"]\n`,
      related: { 'db/Dockerfile': 'FROM postgres:16\n' },
    },
    { name: 'the Dockerfile was not read: unknown', code: WAITS },
    {
      name: 'an image may bring its own HEALTHCHECK',
      code: 'services:\n  app:\n    image: acme/app:1.0\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:16\n',
    },
    {
      name: 'service_started needs none',
      code: WAITS.replace('service_healthy', 'service_started'),
      related: { 'db/Dockerfile': 'FROM postgres:16\n' },
    },
  ],
  invalid: [
    {
      name: 'an included service built from a Dockerfile without HEALTHCHECK',
      code: 'include: [db/compose.yaml]\nservices:\n  app:\n    image: acme/app:1.0\n    depends_on:\n      db:\n        condition: service_healthy\n',
      related: {
        'db/compose.yaml': 'services:\n  db:\n    build: .\n',
        'db/Dockerfile': 'FROM postgres:16\n',
      },
      errors: [{ line: 7, message: '`db` has no healthcheck in `db/compose.yaml`' }],
    },
    {
      name: 'a base in another file builds a Dockerfile without HEALTHCHECK, its context read from that file',
      code: 'services:\n  app:\n    image: acme/app:1.0\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    extends: {file: common/base.yaml, service: db}\n',
      related: {
        'common/base.yaml': 'services:\n  db:\n    build: ./db\n',
        'common/db/Dockerfile': 'FROM postgres:16\n',
      },
      errors: [{ line: 6, message: '`db` has no healthcheck in this file' }],
    },
    {
      code: WAITS,
      related: { 'db/Dockerfile': 'FROM postgres:16\n' },
      errors: [{ line: 6, message: '`db` has no healthcheck' }],
    },
    {
      name: 'HEALTHCHECK NONE in the built target stage; build with context, dockerfile and target',
      path: 'deploy/compose.yaml',
      code: 'services:\n  app:\n    image: acme/app:1.0\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    build:\n      context: ../db\n      dockerfile: prod.Dockerfile\n      target: runtime\n',
      related: {
        'db/prod.Dockerfile':
          'FROM postgres:16 AS base\nHEALTHCHECK CMD ["pg_isready"]\nFROM base AS runtime\nHEALTHCHECK NONE\nFROM base AS debug\n',
      },
      errors: [{ line: 6 }],
    },
  ],
});
