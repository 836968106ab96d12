import rule from '../../../src/lint/rules/dockerfile/apk-pin-versions.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a version computed in the same RUN (if [ -z ${V+x} ]; then V=$(…)) is a version, not an empty ARG',
      code: 'FROM alpine:3.20\nARG NGINX_VERSION\nRUN if [ -z ${NGINX_VERSION+x} ]; then \\\n    NGINX_VERSION=$(wget -qO- https://x.test/v | cut -d- -f1); fi && \\\n  apk add --no-cache nginx==${NGINX_VERSION} nginx-mod-http-dav-ext==${NGINX_VERSION}\n',
    },
    'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0 git~2.45\n',
    { name: 'range constraints', code: "FROM alpine:3.20\nRUN apk add --no-cache 'openssl>3.1' 'bash<6'\n" },
    {
      name: 'a local .apk file',
      code: 'FROM alpine:3.20\nRUN apk add --allow-untrusted /tmp/glibc-2.35-r1.apk\n',
    },
    {
      name: 'the name of a virtual package and the repository are flag values, not packages',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache -t .build-deps -X https://dl-cdn.alpinelinux.org/alpine/edge/testing gcc=13.2.1_git20240309-r0\n',
    },
    {
      name: 'version from an ENV',
      code: 'FROM alpine:3.20\nENV CURL_VERSION=8.9.1-r0\nRUN apk add --no-cache "curl=${CURL_VERSION}"\n',
    },
    { name: 'not apk add', code: 'FROM alpine:3.20\nRUN apk del curl && apk upgrade --no-cache\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
      errors: [{ line: 2, column: 24, message: '`apk add` does not pin `curl`', aliases: ['DL3018'] }],
    },
    {
      name: 'a repository tag is not a version',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n    bash=5.2.26-r0 \\\n    hadolint@testing\n',
      errors: [{ line: 4, column: 5, message: '`hadolint@testing`' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM alpine:3.20\nONBUILD RUN apk add --virtual .deps gcc musl-dev\n',
      errors: [{ line: 2, column: 37, message: '`gcc` and `musl-dev`' }],
    },
    {
      name: 'version from an ARG without a value',
      code: 'FROM alpine:3.20\nARG GIT_VERSION\nRUN apk add --no-cache git=${GIT_VERSION}\n',
      errors: [{ line: 3, column: 24, message: '`GIT_VERSION`' }],
    },
  ],
});
