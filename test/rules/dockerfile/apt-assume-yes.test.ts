import rule from '../../../src/lint/rules/dockerfile/apt-assume-yes.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
    { name: '--yes', code: 'FROM debian:12\nRUN apt-get install --yes curl\n' },
    {
      name: '--assume-yes before the subcommand',
      code: 'FROM debian:12\nRUN apt-get --assume-yes install curl\n',
    },
    { name: 'in a cluster', code: 'FROM debian:12\nRUN apt-get install -qy curl\n' },
    { name: '-qq implies -y', code: 'FROM debian:12\nRUN apt-get -qq install curl\n' },
    { name: '-q -q', code: 'FROM debian:12\nRUN apt-get -q -q install curl\n' },
    { name: '-q=2', code: 'FROM debian:12\nRUN apt-get -q=2 install curl\n' },
    { name: '--quiet=2', code: 'FROM debian:12\nRUN apt-get install --quiet=2 curl\n' },
    {
      name: 'the apt option',
      code: 'FROM debian:12\nRUN apt-get -o APT::Get::Assume-Yes=true install curl\n',
    },
    { name: 'not an install', code: 'FROM debian:12\nRUN apt-get update\n' },
    {
      name: 'a simulation asks nothing',
      code: 'FROM debian:12\nRUN if apt-get install -s "pkg-jit" > /dev/null 2>&1; then apt-get install -y pkg-jit; fi\n',
    },
    { name: 'a package named install', code: 'FROM debian:12\nRUN apt-get -y install install-info\n' },
    { name: 'exec form is not a shell', code: 'FROM debian:12\nRUN ["apt-get", "install", "curl"]\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install curl\n',
      errors: [
        {
          line: 2,
          column: 23,
          message: '`apt-get install`',
          aliases: ['DL3014', 'DS-0021'],
          severity: 'warning',
        },
      ],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    },
    {
      name: 'one -q is not enough',
      code: 'FROM debian:12\nRUN apt-get -q install curl\n',
      errors: [{ line: 2, column: 5 }],
      output: 'FROM debian:12\nRUN apt-get -q install -y curl\n',
    },
    {
      name: '-q=1, sudo, line continuation',
      code: 'FROM debian:12\nRUN apt-get update \\\n && sudo apt-get -q=1 install \\\n      curl\n',
      errors: [{ line: 3, column: 10 }],
      output: 'FROM debian:12\nRUN apt-get update \\\n && sudo apt-get -q=1 install -y \\\n      curl\n',
    },
    {
      name: 'apt as well as apt-get',
      code: 'FROM debian:12\nRUN apt install curl\n',
      errors: [{ line: 2, column: 5, message: '`apt install`' }],
      output: 'FROM debian:12\nRUN apt install -y curl\n',
    },
    {
      name: 'every stage (a prompt breaks a builder just as well)',
      code: 'FROM debian:12 AS build\nRUN apt-get install gcc\nFROM debian:12\nRUN apt-get install -y curl\n',
      errors: [{ line: 2, column: 5 }],
      output:
        'FROM debian:12 AS build\nRUN apt-get install -y gcc\nFROM debian:12\nRUN apt-get install -y curl\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian:12\nONBUILD RUN apt-get install curl\n',
      errors: [{ line: 2, column: 13 }],
      output: 'FROM debian:12\nONBUILD RUN apt-get install -y curl\n',
    },
    {
      name: 'heredoc, two installs',
      code: 'FROM debian:12\nRUN <<EOF\napt-get install curl\napt-get install -y git\napt-get install vim\nEOF\n',
      errors: [
        { line: 3, column: 1 },
        { line: 5, column: 1 },
      ],
      output:
        'FROM debian:12\nRUN <<EOF\napt-get install -y curl\napt-get install -y git\napt-get install -y vim\nEOF\n',
    },
    {
      name: 'a shell syntax error (an unterminated here-document): reported without a fix',
      code: 'FROM debian:12\nRUN sudo apt-get install<< vim\n',
      errors: [{ line: 2, column: 10 }],
    },
  ],
});
