import rule from '../../../src/lint/rules/compose/compose-container-var.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: '$$ reaches the container',
      code: 'services:\n  app:\n    image: acme/app:1\n    environment:\n      PORT: "8080"\n    command: sh -c "serve --port $$PORT"\n',
    },
    {
      name: 'a variable the service takes from the host too: meant for Compose',
      code: 'services:\n  app:\n    image: acme/app:1\n    environment:\n      PORT: ${PORT}\n    command: serve --port ${PORT}\n',
    },
    {
      name: 'a variable the service requires from the host, in the list form',
      code: 'services:\n  app:\n    image: acme/app:1\n    environment:\n      - PORT=${PORT:?set PORT}\n    command: serve --port ${PORT}\n',
    },
    {
      name: 'a host variable the service does not set',
      code: 'services:\n  app:\n    image: acme/app:1\n    environment:\n      MODE: prod\n    command: serve --tag ${IMAGE_TAG}\n',
    },
  ],
  invalid: [
    {
      code: 'services:\n  app:\n    image: acme/app:1\n    environment:\n      PORT: "8080"\n    command: sh -c "serve --port $PORT"\n',
      errors: [
        {
          line: 6,
          column: 14,
          message: '`$PORT` in `command` of service `app` is substituted by Compose from the host',
          aliases: [],
        },
      ],
    },
    {
      name: 'the service sets the variable with a default: unset on the host, the command gets nothing',
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: ${POSTGRES_USER:-postgres}\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U $POSTGRES_USER"]\n',
      errors: [{ line: 7, message: '`$POSTGRES_USER` in `healthcheck.test` of service `db`' }],
    },
    {
      name: 'the service sets the variable from a host variable of another name',
      code: 'services:\n  app:\n    image: acme/app:1\n    environment:\n      - PORT=${APP_PORT}\n    command: serve --port ${PORT}\n',
      errors: [{ line: 6 }],
    },
    {
      name: 'a healthcheck test in list form; environment as a list',
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_USER=app\n    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U ${POSTGRES_USER}"]\n',
      errors: [{ line: 7, message: '`${POSTGRES_USER}` in `healthcheck.test`' }],
    },
  ],
});
