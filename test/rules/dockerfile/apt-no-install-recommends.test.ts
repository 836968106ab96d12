import rule from '../../../src/lint/rules/dockerfile/apt-no-install-recommends.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
    'FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n',
    { name: 'not an install', code: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n' },
    { name: 'exec form is not a shell', code: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
      errors: [{ line: 2, column: 23, message: '--no-install-recommends', aliases: ['DL3015', 'DS-0029'] }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends -y curl\n',
    },
    {
      name: 'flags before the subcommand, line continuation, sudo',
      code: 'FROM debian:12\nRUN apt-get update \\\n && sudo apt-get -yq install \\\n    curl\n',
      errors: [{ line: 3, column: 10 }],
      output:
        'FROM debian:12\nRUN apt-get update \\\n && sudo apt-get -yq install --no-install-recommends \\\n    curl\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian:12\nONBUILD RUN apt-get install -y curl\n',
      errors: [{ line: 2, column: 13 }],
      output: 'FROM debian:12\nONBUILD RUN apt-get install --no-install-recommends -y curl\n',
    },
    {
      name: 'heredoc',
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n',
      errors: [{ line: 4, column: 1 }],
      output:
        'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install --no-install-recommends -y curl\nEOF\n',
    },
  ],
});
