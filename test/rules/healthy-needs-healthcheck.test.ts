import rule from '../../src/lint/rules/healthy-needs-healthcheck.js';
import { testRule } from '../rule-tester.js';

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
