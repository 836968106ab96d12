import rule from '../../../src/lint/rules/dockerfile/oci-labels.js';
import { testRule } from '../../rule-tester.js';

const labelled =
  'ARG VCS_URL\nARG VCS_REF\nARG BUILD_DATE\n' +
  'LABEL org.opencontainers.image.source=$VCS_URL \\\n' +
  '      org.opencontainers.image.revision=$VCS_REF \\\n' +
  '      org.opencontainers.image.created=$BUILD_DATE\n';

testRule(rule, {
  valid: [
    `FROM alpine:3.20\nRUN true\n${labelled}`,
    {
      name: 'set in the stage the final one is built from',
      code: `FROM alpine:3.20 AS base\n${labelled}FROM base\nCMD ["sh"]\n`,
    },
    {
      name: 'a configured list',
      code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="team@example.com"\n',
      options: { required: ['org.opencontainers.image.authors'] },
    },
    { name: 'nothing required', code: 'FROM alpine:3.20\n', options: { required: [] } },
  ],
  invalid: [
    {
      name: 'none of the default labels',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nCMD ["sh"]\n',
      errors: [{ line: 1, column: 1, message: '`--build-arg VCS_REF=…` (`git rev-parse HEAD`)' }],
      output: `FROM alpine:3.20\nRUN apk add --no-cache curl\nCMD ["sh"]\n${labelled}`,
    },
    {
      name: 'labels in a builder stage do not ship; an ARG already declared is not repeated',
      code: `FROM golang:1.22 AS build\n${labelled}RUN go build\nFROM alpine:3.20 AS app\nARG VCS_REF\nLABEL org.opencontainers.image.source=https://github.com/acme/app\nCOPY --from=build /app /app\n`,
      errors: [
        {
          line: 9,
          column: 1,
          message:
            'The image "app" has no `org.opencontainers.image.revision`, `org.opencontainers.image.created` labels',
        },
      ],
      output:
        `FROM golang:1.22 AS build\n${labelled}RUN go build\nFROM alpine:3.20 AS app\nARG VCS_REF\nLABEL org.opencontainers.image.source=https://github.com/acme/app\nCOPY --from=build /app /app\n` +
        'ARG BUILD_DATE\nLABEL org.opencontainers.image.revision=$VCS_REF \\\n      org.opencontainers.image.created=$BUILD_DATE\n',
    },
    {
      name: 'an empty label and an ONBUILD LABEL do not count; lower-case file; CRLF',
      code: 'from alpine:3.20\r\nonbuild label org.opencontainers.image.version=1\r\nlabel org.opencontainers.image.version=""\r\n',
      options: { required: ['org.opencontainers.image.version', 'com.example.build-id'] },
      errors: [{ line: 1, column: 1, message: '`org.opencontainers.image.version`, `com.example.build-id`' }],
      output:
        'from alpine:3.20\r\nonbuild label org.opencontainers.image.version=1\r\nlabel org.opencontainers.image.version=""\r\n' +
        'arg VERSION\r\narg OCI_BUILD_ID\r\nlabel org.opencontainers.image.version=$VERSION \\\r\n      com.example.build-id=$OCI_BUILD_ID\r\n',
    },
    {
      name: 'a stage with nothing but FROM',
      code: 'FROM alpine:3.20',
      options: { required: ['org.opencontainers.image.source'] },
      errors: [{ line: 1, column: 1, message: 'has no `org.opencontainers.image.source` label: set it' }],
      output: 'FROM alpine:3.20\nARG VCS_URL\nLABEL org.opencontainers.image.source=$VCS_URL',
    },
    {
      name: 'a heredoc never closed: no fix (added lines would be more of its body)',
      code: 'FROM alpine:3.20\nRUN <<EOF\nmake\n  EOF\n',
      options: { required: ['org.opencontainers.image.source'] },
      errors: [{ line: 1, column: 1 }],
    },
    {
      name: 'a required label named like an Object.prototype key gets a build argument named after it',
      code: 'FROM alpine:3.20',
      options: { required: ['constructor'] },
      errors: [{ line: 1, column: 1, message: 'has no `constructor` label: set it' }],
      output: 'FROM alpine:3.20\nARG OCI_CONSTRUCTOR\nLABEL constructor=$OCI_CONSTRUCTOR',
    },
  ],
});
