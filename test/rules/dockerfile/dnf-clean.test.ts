import rule from '../../../src/lint/rules/dockerfile/dnf-clean.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a tmpfs mount on the cache; find … -delete of it',
      code: 'FROM fedora:40\nRUN --mount=type=tmpfs,target=/var/cache/dnf dnf install -y nginx\nRUN dnf install -y git && find /var/cache/dnf -mindepth 1 -delete\n',
    },
    'FROM fedora:40\nRUN dnf install -y nginx && dnf clean all\n',
    {
      name: 'microdnf',
      code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y shadow-utils && microdnf clean all\n',
    },
    {
      name: 'yum is dnf where both exist: its clean empties the cache dnf filled',
      code: 'FROM rockylinux:9\nRUN dnf install -y httpd && yum clean all\n',
    },
    { name: 'rm of the cache', code: 'FROM fedora:40\nRUN dnf install -y nginx && rm -rf /var/cache/dnf\n' },
    {
      name: 'cache mount',
      code: 'FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y nginx\n',
    },
    {
      name: 'builder stage',
      code: 'FROM fedora:40 AS build\nRUN dnf install -y gcc\nFROM scratch\nCOPY --from=build /x /x\n',
    },
  ],
  invalid: [
    {
      name: 'dsync, an alias of distro-sync, downloads as well',
      code: 'FROM fedora:40\nRUN dnf -y dsync\n',
      errors: [{ line: 2, column: 5, message: '`dnf dsync` leaves' }],
      output: 'FROM fedora:40\nRUN dnf -y dsync \\\n    && dnf clean all\n',
    },
    {
      code: 'FROM fedora:40\nRUN dnf install -y nginx\n',
      errors: [{ line: 2, column: 5, message: '`dnf install`', aliases: ['DL3040', 'DS-0019', 'DS-0027'] }],
      output: 'FROM fedora:40\nRUN dnf install -y nginx \\\n    && dnf clean all\n',
    },
    {
      name: 'microdnf gets microdnf clean all; a clean before the install does not count',
      code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf clean all && microdnf install -y tar\n',
      errors: [{ line: 2, column: 27, message: '`microdnf clean all`' }],
      output:
        'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf clean all && microdnf install -y tar \\\n    && microdnf clean all\n',
    },
    {
      name: 'each tool cleans only its own cache: microdnf after dnf, dnf after microdnf',
      code: 'FROM rockylinux:9\nRUN dnf install -y httpd && microdnf clean all\nRUN microdnf install -y jq && dnf clean all\n',
      errors: [
        {
          line: 2,
          column: 5,
          message: '`dnf install` leaves the package cache in the image: add `dnf clean all`',
        },
        {
          line: 3,
          column: 5,
          message: '`microdnf install` leaves the package cache in the image: add `microdnf clean all`',
        },
      ],
      output:
        'FROM rockylinux:9\nRUN dnf install -y httpd && microdnf clean all \\\n    && dnf clean all\nRUN microdnf install -y jq && dnf clean all \\\n    && microdnf clean all\n',
    },
    {
      name: 'a later clean by one tool leaves the earlier install of the other uncleaned',
      code: 'FROM rockylinux:9\nRUN dnf install -y tar && microdnf install -y gzip && microdnf clean all\n',
      errors: [{ line: 2, column: 5, message: '`dnf install`' }],
      output:
        'FROM rockylinux:9\nRUN dnf install -y tar && microdnf install -y gzip && microdnf clean all \\\n    && dnf clean all\n',
    },
    {
      name: 'heredoc',
      code: 'FROM fedora:40\nRUN <<EOF\ndnf install -y nginx\nEOF\n',
      errors: [{ line: 3, column: 1 }],
      output: 'FROM fedora:40\nRUN <<EOF\ndnf install -y nginx\ndnf clean all\nEOF\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM fedora:40\nONBUILD RUN dnf install -y git\n',
      errors: [{ line: 2, column: 13 }],
      output: 'FROM fedora:40\nONBUILD RUN dnf install -y git \\\n    && dnf clean all\n',
    },
  ],
});
