import rule from '../../../src/lint/rules/dockerfile/yum-assume-yes.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
    {
      name: 'long flag before the subcommand',
      code: 'FROM centos:7\nRUN yum --assumeyes groupinstall "Development Tools"\n',
    },
    { name: 'in a flag cluster', code: 'FROM centos:7\nRUN yum -qy localinstall /tmp/x.rpm\n' },
    { name: 'via --setopt', code: 'FROM centos:7\nRUN yum --setopt=assumeyes=1 install httpd\n' },
    {
      name: 'nothing to confirm',
      code: 'FROM centos:7\nRUN yum clean all && yum makecache && yum list installed\n',
    },
    { name: 'dnf is another rule', code: 'FROM fedora:40\nRUN dnf install httpd\n' },
  ],
  invalid: [
    {
      code: 'FROM centos:7\nRUN yum install httpd\n',
      errors: [{ line: 2, column: 5, message: '`yum install` without `-y`', aliases: ['DL3030'] }],
      output: 'FROM centos:7\nRUN yum install -y httpd\n',
    },
    {
      name: 'groupinstall, continuation, sudo',
      code: 'FROM centos:7\nRUN yum makecache \\\n && sudo yum groupinstall \\\n    "Development Tools"\n',
      errors: [{ line: 3, column: 10, message: '`yum groupinstall`' }],
      output:
        'FROM centos:7\nRUN yum makecache \\\n && sudo yum groupinstall -y \\\n    "Development Tools"\n',
    },
    {
      name: 'group install and update',
      code: 'FROM centos:7\nRUN yum group install "Base" && yum update\n',
      errors: [
        { line: 2, column: 5, message: '`yum group install`' },
        { line: 2, column: 33, message: '`yum update`' },
      ],
      output: 'FROM centos:7\nRUN yum group -y install "Base" && yum update -y\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM centos:7\nONBUILD RUN yum install git\n',
      errors: [{ line: 2, column: 13 }],
      output: 'FROM centos:7\nONBUILD RUN yum install -y git\n',
    },
    {
      name: 'a shell syntax error (an unterminated here-document): reported without a fix',
      code: 'FROM centos:7\nRUN yum install<< httpd && yum clean all\n',
      errors: [{ line: 2, column: 5 }],
    },
  ],
});
