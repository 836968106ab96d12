import rule from '../../../src/lint/rules/dockerfile/yum-clean.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'dnf clean all after yum install: yum is dnf where both exist',
      code: 'FROM almalinux:9\nRUN yum install -y unzip && dnf clean all\n',
    },
    {
      name: 'a tmpfs mount on the cache; find … -delete of it',
      code: 'FROM centos:7\nRUN --mount=type=tmpfs,target=/var/cache/yum yum install -y httpd\nRUN yum install -y git && find /var/cache/yum -delete\n',
    },
    'FROM centos:7\nRUN yum install -y httpd && yum clean all\n',
    {
      name: 'removing the cache directory',
      code: 'FROM centos:7\nRUN yum install -y httpd && rm -rf /var/cache/yum/*\n',
    },
    {
      name: 'a cache mount',
      code: 'FROM centos:7\nRUN --mount=type=cache,target=/var/cache/yum yum install -y httpd\n',
    },
    {
      name: 'a builder stage does not ship its layers',
      code: 'FROM centos:7 AS build\nRUN yum install -y gcc && make\nFROM centos:7\nCOPY --from=build /out /out\n',
    },
    { name: 'no install', code: 'FROM centos:7\nRUN yum makecache\n' },
  ],
  invalid: [
    {
      name: "microdnf's clean empties only microdnf's cache, not the one yum filled",
      code: 'FROM oraclelinux:8\nRUN yum install -y unzip && microdnf clean all\n',
      errors: [{ line: 2, column: 5, message: '`yum install`' }],
      output: 'FROM oraclelinux:8\nRUN yum install -y unzip && microdnf clean all \\\n    && yum clean all\n',
    },
    {
      code: 'FROM centos:7\nRUN yum install -y httpd\n',
      errors: [
        { line: 2, column: 5, message: "`yum install` leaves yum's cache", aliases: ['DL3032', 'DS-0015'] },
      ],
      output: 'FROM centos:7\nRUN yum install -y httpd \\\n    && yum clean all\n',
    },
    {
      name: 'the clean comes before the install',
      code: 'FROM centos:7\nRUN yum clean all && yum -y install httpd\n',
      errors: [{ line: 2, column: 22 }],
      output: 'FROM centos:7\nRUN yum clean all && yum -y install httpd \\\n    && yum clean all\n',
    },
    {
      name: 'continuation; the stage the final stage is built from ships',
      code: 'FROM centos:7 AS base\nRUN yum -y update \\\n && yum -y install git\nFROM base\nCMD ["git"]\n',
      errors: [{ line: 2, column: 5, message: '`yum update`' }],
      output:
        'FROM centos:7 AS base\nRUN yum -y update \\\n && yum -y install git \\\n    && yum clean all\nFROM base\nCMD ["git"]\n',
    },
    {
      name: 'a trailing comment: no fix',
      code: 'FROM centos:7\nRUN yum install -y httpd # web server\n',
      errors: [{ line: 2, column: 5, messageId: 'unsafeEnd' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM centos:7\nONBUILD RUN yum install -y git\n',
      errors: [{ line: 2, column: 13, message: 'this ONBUILD RUN' }],
      output: 'FROM centos:7\nONBUILD RUN yum install -y git \\\n    && yum clean all\n',
    },
  ],
});
