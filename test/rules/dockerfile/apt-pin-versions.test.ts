import rule from '../../../src/lint/rules/dockerfile/apt-pin-versions.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a version computed in the same RUN (if [ -z ${V+x} ]; then V=$(…)) is a version, not an empty ARG',
      code: 'FROM debian:12\nARG CURL_VERSION\nRUN export CURL_VERSION="$(apt-cache policy curl | awk \'/Candidate/ {print $2}\')" \\\n && apt-get install -y --no-install-recommends curl=${CURL_VERSION}\n',
    },
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \\\n && rm -rf /var/lib/apt/lists/*\n',
    {
      name: 'versions with wildcards and epochs',
      code: 'FROM debian:12\nRUN apt-get install -y python3-yaml=6.0* wget=1.21.3* git=1:2.39.*\n',
    },
    {
      name: 'a local .deb file',
      code: 'FROM debian:12\nRUN apt-get install -y ./wkhtmltox_0.12.6-1.bookworm_amd64.deb\n',
    },
    {
      name: 'a target release; the value of -t is not a package',
      code: 'FROM debian:12\nRUN apt-get install -y -t bookworm-backports golang/bookworm-backports\n',
    },
    {
      name: 'version from an ARG with a default',
      code: 'FROM debian:12\nARG CURL_VERSION=7.88.1-10+deb12u5\nRUN apt-get install -y curl=${CURL_VERSION}\n',
    },
    {
      name: 'package list from an ENV whose items are pinned',
      code: 'FROM debian:12\nENV PKGS="curl=7.88.1-10 git=1:2.39.2-1"\nRUN apt-get install -y $PKGS\n',
    },
    {
      name: 'a list the shell builds is not judged',
      code: 'FROM debian:12\nRUN apt-get install -y $BUILD_DEPS\n',
    },
    { name: 'not an install', code: 'FROM debian:12\nRUN apt-get remove -y curl && apt-get upgrade -y\n' },
    { name: 'exec form is not a shell', code: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
      errors: [
        {
          line: 2,
          column: 42,
          message: '`apt-get install` does not pin `curl` to a version',
          aliases: ['DL3008'],
        },
      ],
    },
    {
      name: 'one finding per command naming every unpinned package',
      code: 'FROM debian:12\nRUN apt-get install -y curl git=1:2.39.2-1 vim\n',
      errors: [{ line: 2, column: 24, message: '`curl` and `vim`' }],
    },
    {
      name: 'flags before the subcommand, value flags, line continuation, sudo',
      code: 'FROM debian:12\nRUN apt-get update \\\n && sudo apt-get -o Dpkg::Options::=--force-confold -yq install \\\n    jq\n',
      errors: [{ line: 4, column: 5, message: '`jq`' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian:12\nONBUILD RUN apt-get install -y curl\n',
      errors: [{ line: 2, column: 32 }],
    },
    {
      name: 'apt as well as apt-get',
      code: 'FROM debian:12\nRUN apt install -y curl\n',
      errors: [{ line: 2, column: 20, message: '`apt install`' }],
    },
    {
      name: 'version from an ARG declared without a value',
      code: 'FROM debian:12\nARG CURL_VERSION\nRUN apt-get install -y curl=$CURL_VERSION\n',
      errors: [{ line: 3, column: 24, message: '`CURL_VERSION`, which is declared without a value' }],
    },
    {
      name: 'package list from an ARG with an unpinned item',
      code: 'FROM debian:12\nARG PKGS="curl git=1:2.39.2-1"\nRUN apt-get install -y ${PKGS}\n',
      errors: [{ line: 3, column: 24, message: '`curl`' }],
    },
    {
      name: 'heredoc',
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n',
      errors: [{ line: 4, column: 20 }],
    },
  ],
});
