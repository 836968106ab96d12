import rule from '../../../src/lint/rules/dockerfile/no-sudo.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a root build dropping privileges for one command (sudo -u <user>, with -H or a login shell)',
      code: 'FROM postgres:16\nRUN sudo -u postgres psql -c "select 1"\nRUN sudo -H -u discourse bundle install && sudo -iu app make\n',
    },
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
    {
      name: 'installing the sudo package is not running it',
      code: 'FROM debian:12\nRUN apt-get install -y sudo\n',
    },
    { name: 'the word as an argument', code: 'FROM debian:12\nRUN echo sudo && pseudo --version\n' },
    { name: 'a file named sudoers', code: 'FROM debian:12\nRUN rm -f /etc/sudoers.d/app\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN sudo apt-get update\n',
      errors: [
        { line: 2, column: 5, message: '`sudo apt-get`', aliases: ['DL3004', 'CKV2_DOCKER_1', 'DS-0010'] },
      ],
      output: 'FROM debian:12\nRUN apt-get update\n',
    },
    {
      name: 'harmless options and a line continuation go with it',
      code: 'FROM debian:12\nRUN apt-get update \\\n && sudo -E \\\n    make install\n',
      errors: [{ line: 3, column: 5, message: 'already runs as root' }],
      output: 'FROM debian:12\nRUN apt-get update \\\n && make install\n',
    },
    {
      name: '-u root and a full path',
      code: 'FROM debian:12\nRUN /usr/bin/sudo -u root -nH make install\n',
      errors: [{ line: 2, column: 5 }],
      output: 'FROM debian:12\nRUN make install\n',
    },
    {
      name: 'sudo of sudo: the whole chain goes',
      code: 'FROM debian:12\nRUN sudo  sudo -E sudo apt-get install -y vim\n',
      errors: [{ line: 2, column: 5 }],
      output: 'FROM debian:12\nRUN apt-get install -y vim\n',
    },
    {
      name: 'sudo of sudo as another user: no fix',
      code: 'FROM debian:12\nRUN sudo sudo -u app make\n',
      errors: [{ line: 2, column: 5 }],
    },
    {
      name: 'a non-root build escalating to another user: reported, no fix',
      code: 'FROM postgres:16\nUSER app\nRUN sudo -u postgres psql -c "select 1"\n',
      errors: [
        { line: 3, column: 5, message: '`sudo -u postgres psql` in a `RUN`: its options change the user' },
      ],
    },
    {
      name: 'a login shell: no fix',
      code: 'FROM debian:12\nRUN sudo -i make\n',
      errors: [{ line: 2, message: '`USER`' }],
    },
    {
      name: 'the RUN runs as a non-root USER: removing sudo would break it',
      code: 'FROM debian:12\nRUN useradd app\nUSER app\nRUN sudo apt-get update\n',
      errors: [{ line: 4, column: 5, message: 'runs as `app`' }],
    },
    {
      name: 'the USER comes from the stage it is built FROM',
      code: 'FROM debian:12 AS base\nUSER app\nFROM base\nRUN sudo make\n',
      errors: [{ line: 4, message: 'runs as `app`' }],
    },
    {
      name: 'back to root before the RUN',
      code: 'FROM debian:12\nUSER app\nUSER root\nRUN sudo make\nUSER app\n',
      errors: [{ line: 4 }],
      output: 'FROM debian:12\nUSER app\nUSER root\nRUN make\nUSER app\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian:12\nONBUILD RUN sudo make install\n',
      errors: [{ line: 2, column: 13 }],
      output: 'FROM debian:12\nONBUILD RUN make install\n',
    },
    {
      name: 'heredoc and a nested command',
      code: 'FROM debian:12\nRUN <<EOF\nif true; then sudo apt-get update; fi\nEOF\n',
      errors: [{ line: 3, column: 15 }],
      output: 'FROM debian:12\nRUN <<EOF\nif true; then apt-get update; fi\nEOF\n',
    },
  ],
});
