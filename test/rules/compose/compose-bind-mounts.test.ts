import rule from '../../../src/lint/rules/compose/compose-bind-mounts.js';
import { testRule } from '../../rule-tester.js';

const BIND = 'services:\n  app:\n    image: x:1\n    volumes:\n      - ./src:/app/src\n';

testRule(rule, {
  valid: [
    'services:\n  db:\n    image: postgres:16\n    volumes:\n      - pgdata:/var/lib/postgresql/data\nvolumes:\n  pgdata:\n',
    { name: 'an override file', code: BIND, path: 'compose.override.yaml' },
    { name: 'a dev file', code: BIND, path: 'deploy/docker-compose.dev.yml' },
    { name: 'a local file', code: BIND, path: 'docker-compose.local.yml' },
    {
      name: 'anonymous volume and tmpfs',
      code: 'services:\n  app:\n    image: x:1\n    volumes:\n      - /app/node_modules\n      - type: tmpfs\n        target: /tmp\n',
    },
    {
      name: 'the host time zone',
      code: 'services:\n  app:\n    image: x:1\n    volumes:\n      - /etc/localtime:/etc/localtime:ro\n',
    },
    {
      name: 'the docker socket is another rule',
      code: 'services:\n  app:\n    image: x:1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n',
    },
  ],
  invalid: [
    {
      code: BIND,
      errors: [{ line: 5, column: 9, message: 'bind-mounts the host path `./src` at `/app/src`' }],
    },
    {
      name: 'absolute, home and variable paths, long syntax',
      code: 'services:\n  app:\n    image: x:1\n    volumes:\n      - /srv/data:/data\n      - ~/.cache:/cache\n      - ${PWD}/conf:/conf:ro\n      - type: bind\n        source: ./x\n        target: /x\n',
      path: 'deploy/compose.prod.yaml',
      errors: [{ line: 5 }, { line: 6 }, { line: 7 }, { line: 8 }],
    },
    {
      name: 'a mount merged from an anchor into two services is one finding, at the anchor',
      code: 'x-app: &app\n  image: x:1\n  volumes: [./data:/data]\nservices:\n  a:\n    <<: *app\n  b:\n    <<: *app\n',
      errors: [{ line: 3, column: 13, message: 'Service `a`' }],
    },
  ],
});
