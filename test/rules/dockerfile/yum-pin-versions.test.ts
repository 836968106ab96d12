import rule from '../../../src/lint/rules/dockerfile/yum-pin-versions.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM centos:7\nRUN yum install -y httpd-2.4.6-97.el7.centos && yum clean all\n',
    {
      name: 'an rpm file or URL',
      code: 'FROM centos:7\nRUN yum install -y https://example.com/pkgs/tool.noarch.rpm /tmp/x.rpm\n',
    },
    { name: 'a module with a stream', code: 'FROM centos:8\nRUN yum module install -y nodejs:18\n' },
    { name: 'a group has no version', code: 'FROM centos:7\nRUN yum install -y @development\n' },
    { name: 'version from an ARG', code: 'FROM centos:7\nARG V=2.4.6\nRUN yum install -y httpd-$V\n' },
    { name: 'not an install', code: 'FROM centos:7\nRUN yum remove -y httpd\n' },
  ],
  invalid: [
    {
      code: 'FROM centos:7\nRUN yum install -y httpd && yum clean all\n',
      errors: [{ line: 2, column: 20, message: '`yum install` does not pin `httpd`', aliases: ['DL3033'] }],
    },
    {
      name: 'a dash in the name is not a version',
      code: 'FROM centos:7\nRUN yum -y install \\\n    python3-devel \\\n    gcc-c++\n',
      errors: [{ line: 3, column: 5, message: '`python3-devel` and `gcc-c++`' }],
    },
    {
      name: 'a module without a stream',
      code: 'FROM centos:8\nRUN yum module install -y nodejs\n',
      errors: [{ line: 2, column: 27, message: '`yum module install` does not pin `nodejs`' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM centos:7\nONBUILD RUN yum install -y git\n',
      errors: [{ line: 2, column: 28 }],
    },
  ],
});
