import rule from '../../../src/lint/rules/compose/compose-invalid-model.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'services:\n  app:\n    build: .\n    depends_on: [db]\n  db:\n    image: postgres:16\n',
    {
      name: 'extends provides the image',
      code: 'services:\n  base:\n    image: a:1\n  app:\n    extends: base\n',
    },
    { name: 'a provider service', code: 'services:\n  llm:\n    provider:\n      type: model\n' },
    {
      name: 'an override file only patches services',
      code: 'services:\n  app:\n    ports: ["8080:80"]\n',
      path: 'compose.override.yaml',
    },
    {
      name: 'a layer file whose services all patch others',
      code: 'services:\n  app:\n    deploy: {resources: {limits: {memory: 1g}}}\n',
      path: 'ci/compose.yaml',
    },
    {
      name: 'network_mode with an emptied networks',
      code: 'services:\n  app:\n    image: a:1\n    network_mode: host\n    networks:\n',
    },
    {
      name: 'service_healthy on an enabled healthcheck',
      code: 'services:\n  app:\n    image: a:1\n    depends_on: {db: {condition: service_healthy}}\n  db:\n    image: b:1\n    healthcheck: {test: ["CMD", "true"]}\n',
    },
  ],
  invalid: [
    {
      name: 'an extends cycle, through another file',
      code: 'services:\n  a:\n    image: a:1\n    extends: {file: other.yaml, service: b}\n',
      related: { 'other.yaml': 'services:\n  b:\n    extends: {file: compose.yaml, service: a}\n' },
      errors: [{ line: 4, column: 5, messageId: 'extendsCycle', message: '`a` → `b` → `a`' }],
    },
    {
      code: 'services:\n  app:\n    ports: ["8080:80"]\n  db:\n    image: postgres:16\n',
      errors: [{ line: 2, column: 3, messageId: 'nothingToRun' }],
    },
    {
      name: 'network_mode with networks',
      code: 'services:\n  app:\n    image: a:1\n    network_mode: host\n    networks: [back]\nnetworks: {back: {}}\n',
      errors: [{ line: 5, column: 5, messageId: 'networkModeAndNetworks', message: '`network_mode: host`' }],
    },
    {
      name: 'a cycle, reported once',
      code: 'services:\n  a:\n    image: a:1\n    depends_on: [b]\n  b:\n    image: b:1\n    depends_on:\n      c: {condition: service_started}\n  c:\n    image: c:1\n    depends_on: [a]\n',
      errors: [{ line: 4, column: 18, messageId: 'dependencyCycle', message: '(`a` → `b` → `c` → `a`)' }],
    },
    {
      name: 'a service depending on itself',
      code: 'services:\n  a:\n    image: a:1\n    depends_on: [a]\n',
      errors: [{ line: 4, column: 18, messageId: 'dependsOnItself' }],
    },
    {
      name: 'service_healthy on a disabled healthcheck',
      code: 'services:\n  app:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: b:1\n    healthcheck:\n      disable: true\n  cache:\n    image: c:1\n    healthcheck: {test: ["NONE"]}\n  web:\n    image: w:1\n    depends_on: {cache: {condition: service_healthy}}\n',
      errors: [
        { line: 6, column: 20, messageId: 'healthcheckDisabled', message: 'the healthcheck of `db`' },
        { line: 16, column: 37, messageId: 'healthcheckDisabled', message: 'the healthcheck of `cache`' },
      ],
    },
  ],
});
