import rule from '../../src/lint/rules/compose-literal-secrets.js';
import { testRule } from '../rule-tester.js';

testRule(rule, {
  valid: [
    'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n      POSTGRES_USER: app\n',
    {
      name: 'interpolation with defaults, files, flags, empty and pass-through values',
      code: [
        'services:',
        '  app:',
        '    image: a:1',
        '    environment:',
        '      DB_PASSWORD: ${DB_PASSWORD:?set it in .env}',
        '      DB_PASSWORD_FILE: /run/secrets/db_password',
        '      JWT_SECRET:',
        '      API_TOKEN: ""',
        '      REDIS_PASSWORD_ENABLED: "false"',
        '      TLS_KEY: certs/server-key.pem',
        '      AUTH_URL: https://auth.example.com/realms/app',
        '      TOKEN_TTL: 3600',
        '      KEY_CONVERTER: org.apache.kafka.connect.storage.StringConverter',
        '      PASSWORD_MIN_LENGTH: 12',
        '      OAUTH_CLIENT_SECRET: xxx',
        '',
      ].join('\n'),
    },
    {
      name: 'list form, interpolated or passed through',
      code: 'services:\n  app:\n    image: a:1\n    environment:\n      - SECRET_KEY=${SECRET_KEY}\n      - API_TOKEN\n      - PUBLIC_KEY=ssh-ed25519 AAAA\n',
    },
    {
      name: 'not in environment',
      code: 'services:\n  app:\n    image: a:1\n    labels:\n      password: hunter2\n',
    },
  ],
  invalid: [
    {
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: secret\n',
      errors: [
        {
          line: 5,
          column: 26,
          message: '`POSTGRES_PASSWORD` of service `db` is written in the Compose file',
          severity: 'error',
          aliases: ['passwords_and_secrets'],
        },
      ],
    },
    {
      name: 'list form, the value after `=`, quoted',
      code: 'services:\n  app:\n    image: a:1\n    environment:\n      - DEBUG=1\n      - "DJANGO_SECRET_KEY=k3y-v4lue"\n      - MYSQL_PWD=root\n',
      errors: [
        { line: 6, column: 28, message: '`DJANGO_SECRET_KEY`' },
        { line: 7, column: 19, message: '`MYSQL_PWD`' },
      ],
    },
    {
      name: 'numbers, credentials in a URL, `$$` escapes, qualifiers',
      code: 'services:\n  app:\n    image: a:1\n    environment:\n      REDIS_PASSWORD: 123456\n      BROKER_AUTH: amqp://guest:guest@rabbit:5672/\n      ADMIN_PASSWORD: pa$$word\n      SECRET_KEY_BASE: abcdef\n',
      errors: [{ line: 5 }, { line: 6 }, { line: 7 }, { line: 8 }],
    },
    {
      name: 'an environment anchor shared by two services is reported once, at the anchor',
      code: 'x-env: &env\n  API_KEY: sk-live-123\nservices:\n  a:\n    image: a:1\n    environment: *env\n  b:\n    image: b:1\n    environment: *env\n',
      errors: [{ line: 2, column: 12 }],
    },
  ],
});
