import rule from '../../../src/lint/rules/dockerfile/curl-or-wget.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN curl -fsSLO https://example.com/a && curl -fsSLO https://example.com/b\n',
    'FROM debian:12\nRUN wget -q https://example.com/a\nRUN wget -q https://example.com/b\n',
    {
      name: 'installing a downloader is not using it',
      code: 'FROM debian:12\nRUN apt-get install -y wget && curl -fsSLO https://example.com/a\n',
    },
    {
      name: 'builder and final stage use different tools: each image has one',
      code: 'FROM debian:12 AS fetch\nRUN wget -q https://example.com/a\nFROM debian:12\nCOPY --from=fetch /a /a\nRUN curl -fsSLO https://example.com/b\n',
    },
    {
      name: 'both in a builder stage that does not ship',
      code: 'FROM debian:12 AS fetch\nRUN wget -q https://example.com/a && curl -fsSLO https://example.com/b\nFROM gcr.io/distroless/static\nCOPY --from=fetch /a /a\n',
    },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN wget http://google.com\nRUN curl http://bing.com\n',
      errors: [{ line: 3, column: 5, message: '`curl` is used here', aliases: ['DL4001', 'DS-0014'] }],
    },
    {
      name: 'the less used tool is flagged, through sudo and a continuation',
      code: 'FROM debian:12\nRUN curl -fsSLO https://example.com/a \\\n && sudo wget -q https://example.com/b \\\n && curl -fsSLO https://example.com/c\n',
      errors: [{ line: 3, column: 10, message: 'already uses `curl` (line 2)' }],
    },
    {
      name: 'a stage built FROM another shipped stage',
      code: 'FROM debian:12 AS base\nRUN curl -fsSLO https://example.com/a\nFROM base\nRUN ["wget", "-q", "https://example.com/b"]\n',
      errors: [{ line: 4, column: 6, message: '`wget`' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian:12\nRUN curl -fsSLO https://example.com/a\nONBUILD RUN wget -q https://example.com/b\n',
      errors: [{ line: 3, column: 13 }],
    },
  ],
});
