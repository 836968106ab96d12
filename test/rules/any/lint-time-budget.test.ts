import rule from '../../../src/lint/rules/any/lint-time-budget.js';
import { testRule } from '../../rule-tester.js';

// Files that lint within the default budget (2 s) have no such finding. Going over it is tested with a fake clock
// in test/limits.test.ts: a real slow file here would make a timed test.
testRule(rule, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    { name: 'a Compose file', path: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n' },
  ],
  invalid: [],
});
