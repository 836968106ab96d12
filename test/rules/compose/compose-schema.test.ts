import rule from '../../../src/lint/rules/compose/compose-schema.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n',
    {
      name: 'anchors, merges, x- extensions and interpolation',
      code: [
        'x-common: &common',
        '  restart: unless-stopped',
        '  environment:',
        '    TZ: ${TZ:-UTC}',
        'services:',
        '  web:',
        '    <<: *common',
        '    image: ${IMAGE:-nginx:1.27}',
        '    cpus: ${CPUS:-0.5}',
        '    x-notes: anything goes here',
        'volumes:',
        '  data:',
        '',
      ].join('\n'),
    },
    {
      name: 'long syntax everywhere',
      code: [
        'services:',
        '  app:',
        '    build: {context: ., target: runtime}',
        '    depends_on:',
        '      db: {condition: service_healthy, restart: true}',
        '    ports: [{target: 80, published: "8080", host_ip: 127.0.0.1}]',
        '    healthcheck: {test: ["CMD", "true"], interval: 10s}',
        '  db:',
        '    image: postgres:16',
        '',
      ].join('\n'),
    },
    { name: 'an empty file', code: '' },
    {
      name: 'Go template braces in a valid file are linted as usual',
      code: 'services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: ["CMD", "docker", "inspect", "--format", "{{.State}}"]\n',
    },
  ],
  invalid: [
    {
      name: 'a Jinja template that is not YAML yet: one info finding, not the parser error',
      code: "volumes:\n  {{ cookiecutter.slug }}_data: {}\n  {% if x == 'y' %}redis: {}{% endif %}\nservices:\n  web:\n    image: {{ cookiecutter.slug }}_web\n",
      errors: [{ line: 2, column: 1, messageId: 'template', severity: 'info' }],
    },
    {
      name: 'a symbolic link checked out as a file',
      code: '../compose.yaml',
      errors: [{ line: 1, messageId: 'symlink', severity: 'info' }],
    },
    {
      name: 'a wrong type',
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports: "8080:80"\n',
      errors: [
        {
          line: 4,
          column: 12,
          messageId: 'invalid',
          message: '`services.web.ports` must be a list',
          severity: 'error',
        },
      ],
    },
    {
      name: 'an unknown key is a warning at the key',
      code: 'services:\n  web:\n    image: nginx:1.27\n    restrat: always\n',
      errors: [
        {
          line: 4,
          column: 5,
          messageId: 'unknownKey',
          message: '`restrat` in `services.web`',
          severity: 'warning',
        },
      ],
    },
    {
      name: 'an unknown top-level key',
      code: 'servics:\n  web:\n    image: nginx:1.27\n',
      errors: [{ line: 1, column: 1, messageId: 'unknownKey', message: '`servics` at the top level' }],
    },
    {
      name: 'an enum',
      code: 'services:\n  app:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_ready\n  db:\n    image: b:1\n',
      errors: [
        {
          line: 6,
          column: 20,
          messageId: 'invalid',
          message: 'must be one of `service_started`, `service_healthy`',
        },
      ],
    },
    {
      name: 'an empty key where a mapping is needed',
      code: 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      # FOO: bar\n',
      errors: [{ line: 4, messageId: 'emptyValue', message: '`services.web.environment`' }],
    },
    {
      name: 'the error of a merged key is found at its anchor',
      code: 'x-base: &base\n  restart: [always]\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n',
      errors: [
        { line: 2, column: 12, messageId: 'invalid', message: '`services.web.restart` must be a string' },
      ],
    },
    {
      name: 'a duplicate key',
      code: 'services:\n  web:\n    image: nginx:1.27\n    image: nginx:1.28\n',
      errors: [{ line: 4, column: 5, messageId: 'syntax', message: 'Duplicate key' }],
    },
    {
      name: 'a syntax error is reported once, not with every complaint after it',
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports: [80\n    command: {\n',
      errors: [{ line: 5, messageId: 'syntax', message: 'Not valid YAML' }],
    },
    {
      name: 'the legacy v1 format',
      code: 'web:\n  image: nginx:1.27\ndb:\n  image: postgres:16\n',
      errors: [{ line: 1, column: 1, messageId: 'legacyFormat', message: '(`web`, `db`)' }],
    },
    {
      name: 'an alias bomb is refused, not expanded',
      code: [
        'a: &a [x, x, x, x, x, x, x, x, x, x]',
        'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
        'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
        'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
        'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
        'services: {web: {image: "nginx:1.27", command: *e}}',
        '',
      ].join('\n'),
      // at the alias whose expansion is largest: where the bomb goes off
      errors: [{ line: 6, column: 48, messageId: 'syntax', message: 'Refused to expand the YAML aliases' }],
    },
  ],
});
