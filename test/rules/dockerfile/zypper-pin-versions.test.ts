import rule from '../../../src/lint/rules/dockerfile/zypper-pin-versions.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install curl=8.6.0 && zypper clean --all\n',
    {
      name: 'range in one quoted word',
      code: "FROM opensuse/leap:15.6\nRUN zypper in -y 'git>=2.43' 'vim<10'\n",
    },
    { name: 'an rpm file', code: 'FROM opensuse/leap:15.6\nRUN zypper in -y /tmp/tool-1.0-1.x86_64.rpm\n' },
    {
      name: 'a pattern has no version',
      code: 'FROM opensuse/leap:15.6\nRUN zypper in -y -t pattern devel_basis\n',
    },
    {
      name: 'the repository is a flag value',
      code: 'FROM opensuse/leap:15.6\nRUN zypper in -y --from oss curl=8.6.0\n',
    },
  ],
  invalid: [
    {
      code: 'FROM opensuse/leap:15.6\nRUN zypper install -y curl\n',
      errors: [{ line: 2, column: 23, message: '`zypper install` does not pin `curl`', aliases: ['DL3037'] }],
    },
    {
      name: 'the short alias, continuation',
      code: 'FROM opensuse/leap:15.6\nRUN zypper -n in \\\n    git=2.43.0 \\\n    vim\n',
      errors: [{ line: 4, column: 5, message: '`zypper in` does not pin `vim`' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM opensuse/leap:15.6\nONBUILD RUN zypper in -y git\n',
      errors: [{ line: 2, column: 26 }],
    },
  ],
});
