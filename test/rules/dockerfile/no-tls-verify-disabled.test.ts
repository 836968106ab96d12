import rule from '../../../src/lint/rules/dockerfile/no-tls-verify-disabled.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN curl -fsSLO https://example.com/a && wget -q https://example.com/b\n',
    'FROM python:3.12-slim\nRUN pip install --no-cache-dir --index-url https://pypi.example.com/simple flask\n',
    {
      name: 'verification switched on, or nothing to switch',
      code: 'FROM node:20-slim\nENV PYTHONHTTPSVERIFY=1 NODE_TLS_REJECT_UNAUTHORIZED=1 NPM_CONFIG_STRICT_SSL=true\nARG GIT_SSL_NO_VERIFY\nRUN npm config set strict-ssl true && git config --global http.sslVerify true\n',
    },
    {
      name: 'curl -K takes a config file, not -k',
      code: 'FROM debian:12\nRUN curl -K /etc/curlrc https://example.com\n',
    },
    { name: 'the words as data', code: 'FROM debian:12\nRUN echo --insecure -k --no-check-certificate\n' },
    {
      name: 'dnf sslverify on',
      code: 'FROM fedora:40\nRUN dnf config-manager --setopt=myrepo.sslverify=1\n',
    },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN curl -fsSLk https://example.com/a -o /a\n',
      errors: [
        { line: 2, column: 10, messageId: 'insecureFlag', message: '`curl -k`', aliases: ['CKV2_DOCKER_2'] },
      ],
    },
    {
      name: 'wget and curl --insecure, line continuation, sudo',
      code: 'FROM debian:12\nRUN wget --no-check-certificate https://example.com/a \\\n && sudo curl --insecure https://example.com/b\n',
      errors: [
        { line: 2, column: 10, messageId: 'insecureFlag', aliases: ['CKV2_DOCKER_3'] },
        { line: 3, column: 15, messageId: 'insecureFlag', aliases: ['CKV2_DOCKER_2'] },
      ],
    },
    {
      name: 'pip --trusted-host, also through python -m pip',
      code: 'FROM python:3.12-slim\nRUN python -m pip install --trusted-host pypi.example.com flask\n',
      errors: [
        {
          line: 2,
          column: 27,
          messageId: 'pipTrustedHost',
          message: 'pypi.example.com',
          aliases: ['CKV2_DOCKER_4'],
        },
      ],
    },
    {
      name: 'ENV and ARG values, each with its own Checkov id',
      code: 'FROM node:20-slim\nENV PYTHONHTTPSVERIFY=0 NODE_TLS_REJECT_UNAUTHORIZED="0"\nARG npm_config_strict_ssl=false\nENV GIT_SSL_NO_VERIFY=true\nENV PIP_TRUSTED_HOST=pypi.example.com\n',
      errors: [
        { line: 2, column: 5, aliases: ['CKV2_DOCKER_5'], messageId: 'envOff', message: 'Python' },
        { line: 2, column: 25, aliases: ['CKV2_DOCKER_6'], messageId: 'envOff', message: 'Node.js' },
        { line: 3, column: 5, aliases: ['CKV2_DOCKER_12'], messageId: 'envOff' },
        { line: 4, column: 5, aliases: ['CKV2_DOCKER_14'], messageId: 'envOff' },
        { line: 5, column: 5, aliases: ['CKV2_DOCKER_16'], messageId: 'envOff' },
      ],
    },
    {
      name: 'assignments in RUN: prefix, export, env wrapper',
      code: 'FROM node:20-slim\nRUN NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci && export GIT_SSL_NO_VERIFY=1 && env PYTHONHTTPSVERIFY=0 python app.py\n',
      errors: [
        { line: 2, column: 5, aliases: ['CKV2_DOCKER_6'], messageId: 'envOff' },
        { line: 2, column: 53, aliases: ['CKV2_DOCKER_14'], messageId: 'envOff' },
        { line: 2, column: 80, aliases: ['CKV2_DOCKER_5'], messageId: 'envOff' },
      ],
    },
    {
      name: 'npm/yarn strict-ssl, git sslVerify, dnf sslverify',
      code: 'FROM fedora:40\nRUN npm config set strict-ssl false \\\n && yarn config set strict-ssl=false \\\n && git config --global http.sslVerify false \\\n && git -c http.sslverify=false clone https://example.com/r.git \\\n && dnf config-manager --setopt=myrepo.sslverify=0 \\\n && yum install -y --setopt=sslverify=false curl\n',
      errors: [
        { line: 2, column: 5, aliases: ['CKV2_DOCKER_13'], messageId: 'npmStrictSsl' },
        { line: 3, column: 5, aliases: ['CKV2_DOCKER_13'], messageId: 'npmStrictSsl' },
        { line: 4, column: 5, aliases: [], messageId: 'gitSslVerify' },
        { line: 5, column: 9, aliases: [], messageId: 'gitSslVerify' },
        { line: 6, column: 24, aliases: ['CKV2_DOCKER_15'], messageId: 'rpmSslVerify' },
        { line: 7, column: 20, aliases: [], messageId: 'rpmSslVerify' },
      ],
    },
    {
      name: 'pip config set of a trusted host',
      code: 'FROM python:3.12-slim\nRUN pip config set global.trusted-host pypi.example.com\n',
      errors: [
        {
          line: 2,
          column: 5,
          aliases: [],
          messageId: 'pipConfigTrustedHost',
          message: '`pip config set global.trusted-host`',
        },
      ],
    },
    {
      name: 'ONBUILD RUN and ONBUILD ENV',
      code: 'FROM debian:12\nONBUILD RUN curl -k https://example.com\nONBUILD ENV NODE_TLS_REJECT_UNAUTHORIZED=0\n',
      errors: [
        { line: 2, column: 18, aliases: ['CKV2_DOCKER_2'], messageId: 'insecureFlag' },
        { line: 3, column: 13, aliases: ['CKV2_DOCKER_6'], messageId: 'envOff' },
      ],
    },
  ],
});
