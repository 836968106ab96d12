import rule from '../../../src/lint/rules/dockerfile/dnf-assume-yes.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM fedora:40\nRUN dnf install -y nginx-1.26.1 && dnf clean all\n',
    {
      name: 'microdnf',
      code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf --assumeyes install shadow-utils\n',
    },
    {
      name: 'nothing to confirm',
      code: 'FROM fedora:40\nRUN dnf makecache && dnf clean all && dnf repolist\n',
    },
    { name: 'exec form', code: 'FROM fedora:40\nRUN ["dnf", "install", "nginx"]\n' },
  ],
  invalid: [
    {
      name: 'dsync, an alias of distro-sync, prompts as well',
      code: 'FROM fedora:40\nRUN dnf dsync\n',
      errors: [{ line: 2, column: 5, message: '`dnf dsync` without `-y`' }],
      output: 'FROM fedora:40\nRUN dnf dsync -y\n',
    },
    {
      code: 'FROM fedora:40\nRUN dnf install nginx\n',
      errors: [{ line: 2, column: 5, message: '`dnf install` without `-y`', aliases: ['DL3038'] }],
      output: 'FROM fedora:40\nRUN dnf install -y nginx\n',
    },
    {
      name: 'microdnf, flags before the subcommand, continuation',
      code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf --nodocs \\\n    install shadow-utils\n',
      errors: [{ line: 2, column: 5, message: '`microdnf install`' }],
      output:
        'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf --nodocs \\\n    install -y shadow-utils\n',
    },
    {
      name: 'module enable',
      code: 'FROM fedora:40\nRUN dnf module enable nodejs:20\n',
      errors: [{ line: 2, column: 5, message: '`dnf module enable`' }],
      output: 'FROM fedora:40\nRUN dnf module -y enable nodejs:20\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM fedora:40\nONBUILD RUN dnf remove vim-minimal\n',
      errors: [{ line: 2, column: 13, message: '`dnf remove`' }],
      output: 'FROM fedora:40\nONBUILD RUN dnf remove -y vim-minimal\n',
    },
  ],
});
