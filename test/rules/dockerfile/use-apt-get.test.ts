import rule from '../../../src/lint/rules/dockerfile/use-apt-get.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    {
      name: 'apt-cache and apt-key are other tools',
      code: 'FROM debian:12\nRUN apt-cache policy curl && apt-mark hold curl\n',
    },
    { name: 'an argument named apt', code: 'FROM debian:12\nRUN echo apt && ls /etc/apt\n' },
    { name: 'exec form', code: 'FROM debian:12\nRUN ["apt", "install", "-y", "curl"]\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt install -y curl\n',
      errors: [
        {
          line: 2,
          column: 5,
          messageId: 'useAptGet',
          message: '`apt-get install`',
          aliases: ['DL3027', 'CKV_DOCKER_9'],
        },
      ],
      output: 'FROM debian:12\nRUN apt-get install -y curl\n',
    },
    {
      name: 'every apt command of the RUN, sudo, a path, continuation',
      code: 'FROM debian:12\nRUN sudo apt update \\\n && /usr/bin/apt -y dist-upgrade\n',
      errors: [
        { line: 2, column: 10, messageId: 'useAptGet', message: '`apt update`' },
        { line: 3, column: 5, messageId: 'useAptGet', message: '`apt dist-upgrade`' },
      ],
      output: 'FROM debian:12\nRUN sudo apt-get update \\\n && /usr/bin/apt-get -y dist-upgrade\n',
    },
    {
      name: 'search has its twin in apt-cache: no fix',
      code: 'FROM debian:12\nRUN apt search curl\n',
      errors: [{ line: 2, column: 5, messageId: 'useAptCache', message: '`apt-cache search`' }],
    },
    {
      name: 'list has no twin: no fix',
      code: 'FROM debian:12\nRUN apt list --installed\n',
      errors: [{ line: 2, column: 5, messageId: 'noTwin' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian:12\nONBUILD RUN apt-get update && apt install -y git\n',
      errors: [{ line: 2, column: 31 }],
      output: 'FROM debian:12\nONBUILD RUN apt-get update && apt-get install -y git\n',
    },
  ],
});
