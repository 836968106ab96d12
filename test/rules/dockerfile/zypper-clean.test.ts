import rule from '../../../src/lint/rules/dockerfile/zypper-clean.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a tmpfs mount on the cache; find … -delete of it',
      code: 'FROM opensuse/leap:15.6\nRUN --mount=type=tmpfs,target=/var/cache/zypp zypper -n install curl\nRUN zypper -n in git && find /var/cache/zypp -type f -delete\n',
    },
    'FROM opensuse/leap:15.6\nRUN zypper -n install curl && zypper clean --all\n',
    { name: 'cc alias', code: 'FROM opensuse/leap:15.6\nRUN zypper -n in curl && zypper cc -a\n' },
    {
      name: 'rm of the cache',
      code: 'FROM opensuse/leap:15.6\nRUN zypper -n in curl && rm -rf /var/cache/zypp/*\n',
    },
    {
      name: 'cache mount',
      code: 'FROM opensuse/leap:15.6\nRUN --mount=type=cache,target=/var/cache/zypp zypper -n in curl\n',
    },
    {
      name: 'builder stage',
      code: 'FROM opensuse/leap:15.6 AS b\nRUN zypper -n in gcc\nFROM scratch\nCOPY --from=b /x /x\n',
    },
    { name: 'remove downloads nothing', code: 'FROM opensuse/leap:15.6\nRUN zypper -n rm vim\n' },
  ],
  invalid: [
    {
      code: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl\n',
      errors: [{ line: 2, column: 5, message: '`zypper install`', aliases: ['DL3036', 'DS-0020'] }],
      output: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl \\\n    && zypper clean --all\n',
    },
    {
      name: 'after a semicolon, continuation',
      code: 'FROM opensuse/leap:15.6\nRUN zypper refresh; \\\n    zypper -n dup;\n',
      errors: [{ line: 3, column: 5, message: '`zypper dup`' }],
      output:
        'FROM opensuse/leap:15.6\nRUN zypper refresh; \\\n    zypper -n dup; \\\n    zypper clean --all\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM opensuse/leap:15.6\nONBUILD RUN zypper -n in git\n',
      errors: [{ line: 2, column: 13 }],
      output: 'FROM opensuse/leap:15.6\nONBUILD RUN zypper -n in git \\\n    && zypper clean --all\n',
    },
  ],
});
