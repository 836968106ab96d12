import rule from '../../../src/lint/rules/dockerfile/apt-update-with-install.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends mysql-client \\\n && rm -rf /var/lib/apt/lists/*\n',
    {
      name: 'heredoc',
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install --no-install-recommends -y gettext\nEOF\n',
    },
    { name: 'upgrade uses the index', code: 'FROM debian:12\nRUN apt-get update && apt-get -y upgrade\n' },
    { name: 'apk', code: 'FROM alpine:3.20\nRUN apk update && apk add curl=8.9.1-r0\n' },
    { name: 'no update', code: 'FROM debian:12\nRUN apt-get install -y curl\n' },
  ],
  invalid: [
    {
      code: 'FROM ubuntu:24.04\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends mysql-client\n',
      errors: [
        {
          line: 2,
          column: 5,
          message: '`apt-get update` is not followed by `apt-get install`',
          aliases: ['CKV_DOCKER_5', 'DS-0017'],
        },
      ],
    },
    {
      name: 'an install before the update does not count; continuation',
      code: 'FROM debian:12\nRUN apt-get install -y ca-certificates \\\n && apt-get update\n',
      errors: [{ line: 3, column: 5 }],
    },
    {
      name: 'apk update alone',
      code: 'FROM alpine:3.20\nRUN apk update\n',
      errors: [{ line: 2, column: 5, message: '`apk add`' }],
    },
    {
      name: 'an apk install does not use the apt index',
      code: 'FROM debian:12\nRUN apt update && apk add x\n',
      errors: [{ line: 2, column: 5, message: '`apt update`' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian:12\nONBUILD RUN apt-get update\n',
      errors: [{ line: 2, column: 13, message: 'this ONBUILD RUN' }],
    },
  ],
});
