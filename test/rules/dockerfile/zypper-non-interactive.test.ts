import rule from '../../../src/lint/rules/dockerfile/zypper-non-interactive.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install curl=8.6.0\n',
    { name: 'global -n', code: 'FROM opensuse/leap:15.6\nRUN zypper -n in curl=8.6.0\n' },
    {
      name: '-y after the subcommand',
      code: 'FROM opensuse/leap:15.6\nRUN zypper install -y curl && zypper rm --no-confirm vim\n',
    },
    {
      name: 'nothing to confirm',
      code: 'FROM opensuse/leap:15.6\nRUN zypper refresh && zypper clean --all\n',
    },
  ],
  invalid: [
    {
      code: 'FROM opensuse/leap:15.6\nRUN zypper install curl\n',
      errors: [
        { line: 2, column: 5, message: '`zypper install` without `--non-interactive`', aliases: ['DL3034'] },
      ],
      output: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install curl\n',
    },
    {
      name: '-n after install means --name',
      code: 'FROM opensuse/leap:15.6\nRUN zypper in -n curl\n',
      errors: [{ line: 2, column: 5, message: 'The `-n` after `in` is its `--name` option' }],
      output: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive in -n curl\n',
    },
    {
      name: 'remove and patch, continuation',
      code: 'FROM opensuse/leap:15.6\nRUN zypper rm vim \\\n && zypper patch\n',
      errors: [
        { line: 2, column: 5, message: '`zypper rm`' },
        { line: 3, column: 5, message: '`zypper patch`' },
      ],
      output:
        'FROM opensuse/leap:15.6\nRUN zypper --non-interactive rm vim \\\n && zypper --non-interactive patch\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM opensuse/leap:15.6\nONBUILD RUN zypper in git\n',
      errors: [{ line: 2, column: 13 }],
      output: 'FROM opensuse/leap:15.6\nONBUILD RUN zypper --non-interactive in git\n',
    },
  ],
});
