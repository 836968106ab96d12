import rule from '../../../src/lint/rules/compose/compose-literal-secrets.js';
import { testRule } from '../../rule-tester.js';

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
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2\n',
      errors: [
        {
          line: 5,
          column: 26,
          message: '`POSTGRES_PASSWORD` of service `db` is written in the Compose file',
          // a password someone chose, not shaped like a generated one: a defect to fix, not a leaked credential
          severity: 'warning',
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
    {
      name: 'the obvious defaults of examples and quick-starts are info: they say so, or anyone would guess them',
      code: [
        'services:',
        '  umami:',
        '    image: a:1',
        '    environment:',
        '      POSTGRES_PASSWORD: umami',
        '      APP_SECRET: replace-me-with-a-random-string',
        '      SECRET_KEY: change-this-insecure-key-2024',
        '      MARIADB_PASSWORD: "insecure"',
        '      DB_PASSWORD: postgres',
        '      ADMIN_PASSWORD: s3cr3t-value # CHANGEME',
        '      SMTP_PASSWORD: hunter2',
        '',
      ].join('\n'),
      errors: [
        { line: 5, severity: 'info', message: "it repeats the service's name" },
        { line: 6, severity: 'info', message: 'it says it is a placeholder' },
        { line: 7, severity: 'info' },
        { line: 8, severity: 'info' },
        { line: 9, severity: 'info', message: 'it is a well-known default' },
        { line: 10, severity: 'info', message: 'its line is marked to change' },
        { line: 11, severity: 'warning', message: 'so everyone with the repository can read it' },
      ],
    },
    {
      name: "a password equal to the service's user name is a default; one the author chose stays a warning",
      code: 'services:\n  dashboard:\n    image: a:1\n    environment:\n      - DASHBOARD_USERNAME=kibanaserver\n      - DASHBOARD_PASSWORD=kibanaserver\n      - MYSQL_ROOT_PASSWORD=whalehello\n',
      errors: [
        { line: 6, severity: 'info', message: 'it repeats `DASHBOARD_USERNAME`' },
        { line: 7, severity: 'warning' },
      ],
    },
    {
      name: 'a value shaped like a real credential stays an error: a token prefix, a long random string, a UUID',
      code: [
        'services:',
        '  app:',
        '    image: a:1',
        '    environment:',
        // built from pieces so that no secret scanner takes the test for a leak
        `      GITHUB_TOKEN: ${'ghp_' + 'A1b2'.repeat(9)}`,
        `      AWS_ACCESS_KEY: ${'AKIA' + 'Q7ZP'.repeat(4)}`,
        '      SECRET_KEY_BASE: yQ3kP9vLw2ZxT7mNa4Rb8Hc1Dj6Fg0Es',
        '      OIDC_CLIENT_SECRET: 9d8351a0-ca01-4556-9c37-85eb634869b9',
        '      BROKER_AUTH: amqp://app:Zt4Lq9Xw2Mv7Np1Rk8@rabbit:5672/',
        '',
      ].join('\n'),
      errors: [
        { line: 5, severity: 'error' },
        { line: 6, severity: 'error' },
        { line: 7, severity: 'error' },
        { line: 8, severity: 'error' },
        { line: 9, severity: 'error' },
      ],
    },
    {
      name: 'list form: the value after `=` is judged, and a URL with a default password is info',
      code: 'services:\n  app:\n    image: a:1\n    environment:\n      - MYSQL_PWD=root\n      - "JWT_SECRET=Hx8vN2qLr5Tz9Wk3Yp6M"\n      - BROKER_AUTH=amqp://guest:guest@rabbit:5672/\n      - CACHE_AUTH=redis://app:Kq2wZ@cache:6379/\n',
      errors: [
        { line: 5, severity: 'info' },
        { line: 6, severity: 'error' },
        { line: 7, severity: 'info' },
        { line: 8, severity: 'warning' },
      ],
    },
  ],
});
