import rule from '../../../src/lint/rules/dockerfile/no-package-upgrade.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
    {
      name: 'named packages only: a targeted security fix',
      code: 'FROM alpine:3.20\nRUN apk upgrade --no-cache openssl\nFROM fedora:40\nRUN dnf -y update openssl\n',
    },
    { name: 'apt-get update refreshes the lists only', code: 'FROM debian:12\nRUN apt-get update\n' },
    { name: 'an argument, not the subcommand', code: 'FROM debian:12\nRUN echo upgrade\n' },
    {
      name: "hadolint's retired DL3017 in a pragma silences apk upgrade",
      code: 'FROM alpine:3.20\n# hadolint ignore=DL3017\nRUN apk upgrade --no-cache\n',
    },
    {
      name: 'a distribution upgrade is no-dist-upgrade’s',
      code: 'FROM debian:12\nRUN apt-get -y dist-upgrade\n',
    },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n',
      errors: [
        {
          line: 2,
          column: 23,
          message: '`apt-get upgrade` upgrades every installed package',
          aliases: ['DL3005'],
        },
      ],
    },
    {
      name: 'apk, yum, dnf, microdnf, zypper',
      code: 'FROM alpine:3.20\nRUN apk upgrade --no-cache\nFROM centos:7\nRUN yum -y update\nFROM fedora:40\nRUN dnf upgrade -y && microdnf update\nFROM opensuse/leap:15.6\nRUN zypper -n up\n',
      errors: [
        { line: 2, column: 5, message: '`apk upgrade`', aliases: ['DL3017'] },
        { line: 4, column: 5, message: '`yum update`', aliases: [] },
        { line: 6, column: 5, message: '`dnf upgrade`' },
        { line: 6, column: 23, message: '`microdnf update`' },
        { line: 8, column: 5, message: '`zypper up`' },
      ],
    },
  ],
});
