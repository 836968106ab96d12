import { describe, expect, it } from 'vitest';
import { interpolations } from '../../../src/lint/compose/interpolation.js';
import rule from '../../../src/lint/rules/compose/compose-secret-default.js';
import { testRule } from '../../rule-tester.js';

describe('interpolations', () => {
  it('reads the forms Compose substitutes, and skips $$', () => {
    expect(interpolations('a $X ${Y} ${Z:-d} ${W-e} ${V:?must} $$U ${T:-${S}} $')).toEqual([
      { name: 'X', modifier: '', rest: '', start: 2, end: 4 },
      { name: 'Y', modifier: '', rest: '', start: 5, end: 9 },
      { name: 'Z', modifier: ':-', rest: 'd', start: 10, end: 17 },
      { name: 'W', modifier: '-', rest: 'e', start: 18, end: 24 },
      { name: 'V', modifier: ':?', rest: 'must', start: 25, end: 35 },
      { name: 'T', modifier: ':-', rest: '${S}', start: 40, end: 50 },
    ]);
    expect(interpolations('${unterminated')).toEqual([]);
  });

  it('is linear on hostile input', () => {
    const value = '${A:-'.repeat(20_000);
    expect(interpolations(value)).toEqual([]);
  });
});

testRule(rule, {
  valid: [
    'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD:?set DB_PASSWORD}\n',
    {
      name: 'no default',
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n',
    },
    {
      name: 'a default for a non-secret',
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: ${DB_USER:-postgres}\n',
    },
    {
      name: 'an empty default',
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD:-}\n',
    },
    {
      name: 'a number given to a setting that mentions a secret, or to a token',
      code: 'services:\n  app:\n    image: acme/app:1\n    environment:\n      SECRET_ROTATION_DAYS: ${SECRET_ROTATION_DAYS:-30}\n      TOKEN_TTL: ${TOKEN_TTL:-3600}\n',
    },
    {
      name: 'a command whose variable with a default is not a credential; a required one',
      code: 'services:\n  redis:\n    image: redis:7\n    command: redis-server --maxmemory ${REDIS_MAXMEMORY:-256mb} --requirepass ${REDIS_PASSWORD:?set it}\n',
    },
  ],
  invalid: [
    {
      name: 'an anchor merged into several services is reported once, where it is written',
      code: 'x-env: &env\n  SECRET_KEY: ${SECRET_KEY:-60gp0byfz2dvffa45}\nservices:\n  a:\n    image: x:1\n    environment: *env\n  b:\n    image: x:1\n    environment: *env\n',
      errors: [{ line: 2, message: '`SECRET_KEY`' }],
    },
    {
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD:-secret}\n',
      errors: [
        {
          line: 5,
          column: 26,
          message: '`POSTGRES_PASSWORD` of service `db` falls back to a password written in the file',
          aliases: [],
        },
      ],
    },
    {
      name: 'a number is a password when the name says password (`123456`)',
      code: 'services:\n  api:\n    image: acme/api:1\n    environment:\n      DB_PASSWORD: ${DB_PASSWORD:-123456}\n',
      errors: [
        { line: 5, message: '`DB_PASSWORD` of service `api` falls back to a password written in the file' },
      ],
    },
    {
      name: 'a command and a healthcheck that pass the default as an argument',
      code: 'services:\n  redis:\n    image: redis:7\n    command: redis-server --requirepass ${REDIS_PASSWORD:-changeme}\n    healthcheck:\n      test: ["CMD", "redis-cli", "-a", "${REDIS_PASSWORD:-changeme}", "ping"]\n',
      errors: [
        { line: 4, message: '`command` of service `redis` falls back to a password written in the file' },
        { line: 6, message: '`healthcheck.test` of service `redis`' },
      ],
    },
    {
      name: 'list form; the variable name says it',
      code: 'services:\n  app:\n    image: acme/app:1\n    environment:\n      - DATABASE_URL=postgres://app:${APP_DB_PASSWORD-changeme}@db/app\n',
      errors: [{ line: 5, message: '`${APP_DB_PASSWORD-…}`' }],
    },
    {
      name: 'a line its author marked `# CHANGEME` (or `# change me`) is info; the same default unmarked stays a warning',
      code: 'services:\n  minio:\n    image: minio/minio:1\n    environment:\n      MINIO_ROOT_PASSWORD: ${MINIO_ROOT_PASSWORD:-miniosecret} # CHANGEME\n      NEXTAUTH_SECRET: "${NEXTAUTH_SECRET:-mysecret}"  # change me before deploying\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-postgres} # the database\n',
      errors: [
        { line: 5, severity: 'info' },
        { line: 6, severity: 'info' },
        { line: 7, severity: 'warning' },
      ],
    },
  ],
});
