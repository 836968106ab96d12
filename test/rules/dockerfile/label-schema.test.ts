import { beforeAll, describe, expect, it } from 'vitest';
import { applyConfigText, defaultConfig } from '../../../src/config/config.js';
import { initLint, lintSource } from '../../../src/lint/engine.js';
import rule from '../../../src/lint/rules/dockerfile/label-schema.js';
import { testRule } from '../../rule-tester.js';

const schema = {
  version: 'semver',
  'org.opencontainers.image.source': 'url',
  created: 'rfc3339',
  license: 'spdx',
  revision: 'hash',
  maintainer: 'email',
  description: 'text',
};
const all =
  'LABEL version="1.4.2" org.opencontainers.image.source="https://github.com/acme/app" \\\n' +
  '      created="2024-05-01T12:00:00+02:00" license="MIT OR Apache-2.0" revision="3f786850e387550fdab836ed7e6dc881de23001b" \\\n' +
  '      maintainer="team@example.com" description="The app"\n';

testRule(rule, {
  valid: [
    { name: 'no schema configured', code: 'FROM alpine:3.20\nLABEL anything=""\n' },
    { name: 'every label valid', code: `FROM alpine:3.20\n${all}`, options: { schema, strict: true } },
    {
      name: 'labels set in the stage the final one is built from',
      code: `FROM alpine:3.20 AS base\n${all}FROM base\nRUN true\n`,
      options: { schema },
    },
    {
      name: 'a stage that only feeds others (copied from, mounted) is a step, not an image: it needs no labels',
      code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM node:20 AS assets\nRUN npm run build\nFROM alpine:3.20\nCOPY --from=build /out/app /app\nRUN --mount=type=bind,from=assets,target=/a cp -r /a/dist /srv\nLABEL version=2.1.0\n',
      options: { schema: { version: 'semver' } },
    },
    {
      name: 'values from build arguments are only known at build time',
      code: 'FROM alpine:3.20\nARG VERSION\nLABEL version=$VERSION created="${BUILD_DATE}"\n',
      options: { schema: { version: 'semver', created: 'rfc3339' } },
    },
    {
      name: 'other formats that pass: short hash, space in a time stamp, SPDX with WITH and +',
      code: 'FROM alpine:3.20\nLABEL revision=3f78685 created="2021-03-23 13:04:29.300508335+01:00" license="GPL-2.0+ WITH Classpath-exception-2.0"\n',
      options: { schema: { revision: 'hash', created: 'rfc3339', license: 'spdx' } },
    },
    {
      name: 'labels outside the schema when not strict',
      code: 'FROM alpine:3.20\nLABEL version=1.0.0 other=x\n',
      options: { schema: { version: 'semver' } },
    },
    {
      name: 'a schema type named like an Object.prototype key is read as text',
      code: 'FROM alpine:3.20\nLABEL version=anything\n',
      options: { schema: { version: 'constructor' } },
    },
  ],
  invalid: [
    {
      name: 'a required label missing (reported at the FROM of each image that lacks it)',
      code: 'FROM golang:1.22 AS build\nLABEL version=1.0.0\nFROM alpine:3.20 AS app\nRUN true\n',
      options: { schema: { version: 'text' } },
      errors: [{ line: 3, column: 1, messageId: 'missing', message: '`version`', aliases: ['DL3049'] }],
    },
    {
      name: 'every image the file can build: a --target stage nothing builds on needs the labels too',
      code: 'FROM alpine:3.20 AS debug\nRUN apk add --no-cache gdb\nFROM alpine:3.20 AS app\nLABEL version=1.4.0\nFROM app AS app-slim\nRUN rm -rf /usr/share/doc\n',
      options: { schema: { version: 'text' } },
      errors: [{ line: 1, column: 1, messageId: 'missing', message: 'in the image "debug"' }],
    },
    {
      name: 'strict: labels outside the schema, ONBUILD included',
      code: 'FROM alpine:3.20\nLABEL required="foo" other="bar"\nONBUILD LABEL extra=1\n',
      options: { schema: { required: 'text' }, strict: true },
      errors: [
        { line: 2, column: 22, messageId: 'notInSchema', message: '`other`', aliases: ['DL3050'] },
        { line: 3, column: 15, messageId: 'notInSchema', message: '`extra`', aliases: ['DL3050'] },
      ],
    },
    {
      name: 'strict with no schema: every label is superfluous',
      code: 'FROM busybox:1.36\nLABEL superfluous="this should not be here"\n',
      options: { strict: true },
      errors: [{ line: 2, column: 7, aliases: ['DL3050'] }],
    },
    {
      name: 'empty values',
      code: 'FROM alpine:3.20\nLABEL description="" version=\n',
      options: { schema: { description: 'text', version: 'semver' } },
      errors: [
        { line: 2, column: 7, messageId: 'empty', message: '`description`', aliases: ['DL3051'] },
        { line: 2, column: 22, messageId: 'empty', message: '`version`', aliases: ['DL3051'] },
      ],
    },
    {
      name: 'one finding per format, each with its own code',
      code:
        'FROM alpine:3.20\n' +
        'LABEL version=v1.0 org.opencontainers.image.source="github.com/acme/app" created=today \\\n' +
        '      license="Thou shall not copyright infringe" revision=abc maintainer="Jane <jane@example.com>" \\\n      description=x\n',
      options: { schema },
      errors: [
        {
          line: 2,
          column: 15,
          messageId: 'malformed',
          message: 'not a semantic version',
          aliases: ['DL3056'],
        },
        { line: 2, column: 52, message: 'not an absolute URL', aliases: ['DL3052'] },
        { line: 2, column: 82, message: 'not an RFC 3339 time stamp', aliases: ['DL3053'] },
        { line: 3, column: 15, message: 'not an SPDX license identifier', aliases: ['DL3054'] },
        { line: 3, column: 60, message: 'not a git commit hash', aliases: ['DL3055'] },
        { line: 3, column: 75, message: 'not an email address', aliases: ['DL3058'] },
      ],
    },
    {
      name: 'an identifier that only looks like SPDX; a time stamp with no zone',
      code: 'FROM alpine:3.20\nLABEL spdxlabel="not-spdx" created="2024-05-01T12:00:00"\n',
      options: { schema: { spdxlabel: 'spdx', created: 'rfc3339' } },
      errors: [
        { line: 2, column: 17, aliases: ['DL3054'] },
        { line: 2, column: 36, aliases: ['DL3053'] },
      ],
    },
  ],
});

describe('label-schema through .hadolint.yaml', () => {
  beforeAll(async () => {
    await initLint();
  });
  const config = applyConfigText(
    defaultConfig(),
    '.hadolint.yaml',
    'label-schema:\n  maintainer: email\nstrict-labels: true\n',
  );
  const lint = (text: string) =>
    lintSource({ path: 'Dockerfile', text }, config).findings.filter((f) => f.rule === 'label-schema');

  it('is switched on with the schema and strict mode', () => {
    expect(lint('FROM alpine:3.20\nLABEL maintainer="team@example.com"\n')).toEqual([]);
  });

  it('reports each violation with its own hadolint code', () => {
    const findings = lint('FROM alpine:3.20\nLABEL maintainer="not an email" vendor=acme\n');
    expect(findings.map((f) => [f.line, f.column, f.aliases, f.severity])).toEqual([
      [2, 18, ['DL3058'], 'warning'],
      [2, 33, ['DL3050'], 'warning'],
    ]);
  });

  it('reports the missing label at the final FROM', () => {
    const findings = lint('FROM alpine:3.20 AS base\nLABEL maintainer=a@example.com\nFROM debian:12\n');
    expect(findings.map((f) => [f.line, f.aliases, f.message])).toEqual([
      [3, ['DL3049'], 'Label `maintainer` required by the label schema is not set in the image.'],
    ]);
  });
});
