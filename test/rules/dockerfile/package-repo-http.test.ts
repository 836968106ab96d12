import rule from '../../../src/lint/rules/dockerfile/package-repo-http.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN echo "deb https://packages.example.com/apt stable main" > /etc/apt/sources.list.d/example.list\n',
    {
      name: 'https index',
      code: 'FROM python:3.12-slim\nRUN pip install --index-url https://pypi.internal/simple acme\n',
    },
    {
      name: 'http that is not a repository',
      code: 'FROM debian:12\nRUN echo http://example.com > /tmp/url\n',
    },
    { name: 'a local registry', code: 'FROM node:22\nRUN npm config set registry http://localhost:4873/\n' },
    {
      name: 'sed that moves a repository to https, or replaces in a file that lists none; an https heredoc; a URL variable; an https .npmrc',
      code: "FROM debian:12\nRUN sed -i 's|http://deb.debian.org|https://deb.debian.org|g' /etc/apt/sources.list\nRUN sed -i 's|a|http://b|' /etc/hosts\nRUN cat > /etc/apt/sources.list.d/x.list <<EOF\ndeb https://x.example/ stable main\nEOF\nENV PIP_INDEX_URL=https://pypi.internal/simple APP_URL=http://example.com\nRUN echo 'registry=https://npm.internal/' > .npmrc && echo http://example.com > /tmp/notes\n",
    },
  ],
  invalid: [
    {
      name: 'an apt source over http: info (the repository is signed)',
      code: 'FROM debian:12\nRUN echo "deb http://packages.example.com/apt stable main" > /etc/apt/sources.list.d/example.list\n',
      errors: [
        {
          line: 2,
          column: 10,
          severity: 'info',
          messageId: 'signedRepository',
          aliases: [],
        },
      ],
    },
    {
      name: 'a pip index over http: warning (nothing is signed)',
      code: 'FROM python:3.12-slim\nRUN pip install --index-url http://pypi.internal/simple acme\n',
      errors: [
        {
          line: 2,
          column: 29,
          severity: 'warning',
          messageId: 'unsignedIndex',
          message: '`pip`',
        },
      ],
    },
    {
      name: 'tee, add-apt-repository, apk -X, yum-config-manager, npm registry',
      code: 'FROM debian:12\nRUN echo "deb http://x.example/ stable main" | tee /etc/apt/sources.list.d/x.list\nRUN add-apt-repository "deb http://y.example/ focal main"\nFROM alpine:3.20\nRUN apk add --no-cache --repository http://dl-cdn.alpinelinux.org/alpine/edge/testing foo\nFROM centos:7\nRUN yum-config-manager --add-repo http://z.example/z.repo\nFROM node:22\nRUN npm config set registry http://registry.internal/\n',
      errors: [{ line: 2 }, { line: 3 }, { line: 5 }, { line: 7 }, { line: 9, severity: 'warning' }],
    },
    {
      name: 'an index set in the environment: ENV, ARG, a prefix assignment, pip config',
      code: 'FROM python:3.12-slim\nENV PIP_INDEX_URL=http://nexus.internal/simple\nARG npm_config_registry=http://npm.internal/\nRUN UV_INDEX_URL=http://pypi.internal/simple uv pip install acme\nRUN pip config set global.extra-index-url http://pypi.internal/simple\n',
      errors: [
        {
          line: 2,
          column: 19,
          severity: 'warning',
          message: '`pip` uses a package index over plain `http://`',
        },
        { line: 3, severity: 'warning', message: '`npm`' },
        { line: 4, severity: 'warning', message: '`uv`' },
        { line: 5, severity: 'warning', message: '`pip`' },
      ],
    },
    {
      name: 'an index configuration file written with an http URL: pip.conf, .npmrc (through tee)',
      code: "FROM python:3.12-slim\nRUN printf '[global]\\nindex-url = http://pypi.internal/simple\\n' > /etc/pip.conf\nRUN echo 'registry=http://npm.internal/' | tee /root/.npmrc\n",
      errors: [
        { line: 2, severity: 'warning', message: '`pip`' },
        { line: 3, severity: 'warning', message: '`npm`' },
      ],
    },
    {
      name: 'sed that points a repository file at an http mirror; a repository file written from a heredoc',
      code: "FROM debian:12\nRUN sed -i 's|https\\?://deb.debian.org|http://mirrors.example.com|g' /etc/apt/sources.list\nFROM rockylinux:9\nRUN cat > /etc/yum.repos.d/nginx.repo <<'EOF'\n[nginx]\nbaseurl=http://nginx.org/packages/rhel/9/$basearch/\nEOF\n",
      errors: [
        { line: 2, severity: 'info', messageId: 'signedRepository' },
        { line: 6, column: 9, severity: 'info' },
      ],
    },
  ],
});
