import rule from '../../../src/lint/rules/dockerfile/no-dist-upgrade.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n',
    {
      name: 'zypper update is not a distribution upgrade',
      code: 'FROM opensuse/leap:15.6\nRUN zypper -n update\n',
    },
    { name: 'an argument, not the subcommand', code: 'FROM debian:12\nRUN echo dist-upgrade\n' },
    {
      name: "hadolint's retired DL3005 in an ignore pragma silences it",
      code: 'FROM debian:12\n# hadolint ignore=DL3005\nRUN apt-get update && apt-get -y dist-upgrade\n',
    },
  ],
  invalid: [
    {
      code: 'FROM opensuse/leap:15.6\nRUN zypper -n dist-upgrade\n',
      errors: [{ line: 2, column: 5, message: '`zypper dist-upgrade`', aliases: ['DL3035', 'DS-0024'] }],
    },
    {
      name: 'the dup alias',
      code: 'FROM opensuse/tumbleweed\nRUN zypper --non-interactive dup\n',
      errors: [{ line: 2, column: 5 }],
    },
    {
      name: 'apt-get, continuation',
      code: 'FROM debian:12\nRUN apt-get update \\\n && apt-get -y dist-upgrade\n',
      errors: [
        { line: 3, column: 5, message: '`apt-get dist-upgrade`', aliases: ['DL3005', 'DL3035', 'DS-0024'] },
      ],
    },
    {
      name: 'dnf distro-sync',
      code: 'FROM fedora:40\nRUN dnf -y distro-sync\n',
      errors: [{ line: 2, column: 5 }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian:12\nONBUILD RUN apt full-upgrade -y\n',
      errors: [{ line: 2, column: 13 }],
    },
  ],
});
