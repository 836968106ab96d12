import rule from '../../../src/lint/rules/dockerfile/arg-self-reference.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'ARG VERSION=1.2\nFROM debian:12\nARG VERSION\nRUN echo "$VERSION"\n',
    {
      name: 'set before in the stage (ENV or an earlier ARG): the reference has a value',
      code: 'FROM debian:12\nENV MODE=prod\nARG MODE=${MODE}\nARG PORT=80\nARG PORT=$PORT\n',
    },
    { name: 'a default applies', code: 'FROM debian:12\nARG VERSION=${VERSION:-1.2}\n' },
    { name: 'another variable', code: 'ARG BASE=debian\nFROM ${BASE}:12\nARG TAG=${BASE}\n' },
  ],
  invalid: [
    {
      name: 'a global ARG is not visible in the stage until declared',
      code: 'ARG VERSION=1.2\nFROM debian:12\nARG VERSION=${VERSION}\nRUN echo "$VERSION"\n',
      errors: [{ line: 3, column: 5, message: '`ARG VERSION=${VERSION}` refers to itself', aliases: [] }],
      output: 'ARG VERSION=1.2\nFROM debian:12\nARG VERSION\nRUN echo "$VERSION"\n',
    },
    {
      name: 'in the global scope; inside a longer value (no fix)',
      code: 'ARG REGISTRY=$REGISTRY\nFROM debian:12\nARG URL=https://${URL}/x\n',
      errors: [
        { line: 1, column: 5, message: '`ARG REGISTRY=$REGISTRY`' },
        { line: 3, column: 5, message: '`ARG URL=https://${URL}/x` refers to itself' },
      ],
      output: 'ARG REGISTRY\nFROM debian:12\nARG URL=https://${URL}/x\n',
    },
    {
      name: 'severity: warning where the global default is lost, info where the default would be empty anyway',
      code: 'ARG V=1.2\nFROM debian:12\nARG V=$V\nARG API_URL=${API_URL}\n',
      errors: [
        { line: 3, column: 5, severity: 'warning' },
        { line: 4, column: 5, severity: 'info' },
      ],
      output: 'ARG V=1.2\nFROM debian:12\nARG V\nARG API_URL\n',
    },
  ],
});
