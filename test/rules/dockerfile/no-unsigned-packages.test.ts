import rule from '../../../src/lint/rules/dockerfile/no-unsigned-packages.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
    'FROM fedora:40\nRUN dnf install -y --setopt=install_weak_deps=False curl && rpm -ivh /tmp/x.rpm\n',
    { name: 'gpgcheck switched on', code: 'FROM fedora:40\nRUN dnf install -y --setopt=gpgcheck=1 curl\n' },
    {
      name: 'an unrelated apt option',
      code: 'FROM debian:12\nRUN apt-get -o APT::Get::AllowUnauthenticated=false install -y curl\n',
    },
    { name: 'flag text as an argument', code: 'FROM debian:12\nRUN echo --allow-untrusted --nogpgcheck\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN apk add --allow-untrusted /tmp/pkg.apk\n',
      errors: [{ line: 2, column: 13, message: '`--allow-untrusted`', aliases: ['CKV2_DOCKER_7'] }],
    },
    {
      name: 'apt-get: each flag with its Checkov id, through a continuation and sudo',
      code: 'FROM debian:12\nRUN apt-get update \\\n && sudo apt-get install -y --allow-unauthenticated \\\n      --force-yes curl\n',
      errors: [
        { line: 3, column: 29, aliases: ['CKV2_DOCKER_8'] },
        { line: 4, column: 7, aliases: ['CKV2_DOCKER_8', 'CKV2_DOCKER_11'], message: 'downgrades' },
      ],
    },
    {
      name: 'apt-get -o options',
      code: 'FROM debian:12\nRUN apt-get -o APT::Get::AllowUnauthenticated=true install -y curl && apt-get update -o Acquire::AllowInsecureRepositories=1\n',
      errors: [
        { line: 2, column: 13, aliases: ['CKV2_DOCKER_8'] },
        { line: 2, column: 86, aliases: [] },
      ],
    },
    {
      name: 'yum, dnf, microdnf, rpm, zypper',
      code: 'FROM fedora:40\nRUN yum install -y --nogpgcheck a \\\n && dnf install -y --setopt=gpgcheck=0 b \\\n && microdnf install --nogpgcheck c \\\n && rpm -i --nosignature d.rpm \\\n && zypper --no-gpg-checks install -y e\n',
      errors: [
        { line: 2, column: 20, aliases: ['CKV2_DOCKER_9'] },
        { line: 3, column: 20, aliases: [], message: '`--setopt=gpgcheck=0`' },
        { line: 4, column: 22, aliases: ['CKV2_DOCKER_9'] },
        { line: 5, column: 12, aliases: ['CKV2_DOCKER_10'] },
        { line: 6, column: 12, aliases: [] },
      ],
    },
    {
      name: 'ONBUILD',
      code: 'FROM alpine:3.20\nONBUILD RUN apk add --allow-untrusted /tmp/pkg.apk\n',
      errors: [{ line: 2, column: 21 }],
    },
  ],
});
