import rule from '../../../src/lint/rules/dockerfile/dnf-pin-versions.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM fedora:40\nRUN dnf install -y nginx-1.26.1 && dnf clean all\n',
    { name: 'release and arch', code: 'FROM fedora:40\nRUN dnf install -y tar-2:1.35-3.fc40.x86_64\n' },
    {
      name: 'microdnf',
      code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y shadow-utils-4.9-8.el9\n',
    },
    { name: 'a module stream', code: 'FROM fedora:40\nRUN dnf module install -y nodejs:20/common\n' },
    { name: 'a group', code: 'FROM fedora:40\nRUN dnf group install -y "Development Tools"\n' },
  ],
  invalid: [
    {
      code: 'FROM fedora:40\nRUN dnf install -y nginx\n',
      errors: [{ line: 2, column: 20, message: '`dnf install` does not pin `nginx`', aliases: ['DL3041'] }],
    },
    {
      name: 'a number inside the name is not a version',
      code: 'FROM fedora:40\nRUN dnf install -y java-17-openjdk-headless\n',
      errors: [{ line: 2, column: 20, message: '`java-17-openjdk-headless`' }],
    },
    {
      name: 'microdnf, line continuation',
      code: 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y \\\n    shadow-utils \\\n && microdnf clean all\n',
      errors: [{ line: 3, column: 5, message: '`microdnf install`' }],
    },
    {
      name: 'module without stream',
      code: 'FROM fedora:40\nRUN dnf module install -y php\n',
      errors: [{ line: 2, column: 27 }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM fedora:40\nONBUILD RUN dnf install -y git\n',
      errors: [{ line: 2, column: 28 }],
    },
  ],
});
