import rule from '../../../src/lint/rules/compose/compose-resource-limits.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'services:\n  a:\n    image: x:1\n    mem_limit: 512m\n    cpus: 0.5\n    pids_limit: 200\n',
    {
      name: 'deploy limits',
      code: 'services:\n  a:\n    image: x:1\n    deploy:\n      resources:\n        limits: {memory: 512M, cpus: "0.5", pids: 100}\n',
    },
    {
      name: 'limits from an anchor merged into three services: each has them',
      code: 'x-defaults: &defaults\n  image: x:1\n  mem_limit: 512m\n  cpus: 0.5\n  pids_limit: 200\nservices:\n  a:\n    <<: *defaults\n  b:\n    <<: *defaults\n  c:\n    <<: *defaults\n',
    },
  ],
  invalid: [
    {
      code: 'services:\n  a:\n    image: x:1\n',
      errors: [
        {
          line: 2,
          column: 3,
          message: 'no memory, CPU, pids limit',
          aliases: ['memory_not_limited', 'cpus_not_limited', 'pids_limit_not_set'],
        },
      ],
    },
    {
      name: 'only what is missing',
      code: 'services:\n  a:\n    image: x:1\n    mem_limit: 1g\n    deploy: {resources: {limits: {cpus: "1"}}}\n',
      errors: [{ line: 2, message: 'no pids limit: set `pids_limit`', aliases: ['pids_limit_not_set'] }],
    },
    {
      name: 'an anchor without limits merged into three services: one finding per service, at its own key',
      code: 'x-defaults: &defaults\n  image: x:1\nservices:\n  a:\n    <<: *defaults\n  b:\n    <<: *defaults\n  c:\n    <<: *defaults\n',
      errors: [
        { line: 4, column: 3 },
        { line: 6, column: 3 },
        { line: 8, column: 3 },
      ],
    },
  ],
});
