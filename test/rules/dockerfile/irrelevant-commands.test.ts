import rule from '../../../src/lint/rules/dockerfile/irrelevant-commands.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends vim procps\n',
    {
      name: 'names as arguments are not commands',
      code: 'FROM debian:12\nRUN echo ssh vim top > /tmp/list\n',
    },
    {
      name: 'similar names',
      code: 'FROM debian:12\nRUN ssh-keyscan github.com >> /etc/ssh/ssh_known_hosts && killall -q x || true\n',
    },
    {
      name: 'a service the rest of the RUN uses (a database loaded while it runs)',
      code: 'FROM debian:12\nRUN service mariadb start && mysql -e "CREATE DATABASE app" && mysql app < /schema.sql\n',
    },
    { name: 'exec form is not read', code: 'FROM debian:12\nRUN ["service", "nginx", "start"]\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN service nginx start\n',
      errors: [
        {
          line: 2,
          column: 5,
          message:
            '`service nginx start` in `RUN` starts a daemon that is stopped when the `RUN` ends; only the files its start script leaves behind stay in the image. If the image relies on them, create them directly, and start the service from `CMD`/`ENTRYPOINT`.',
          aliases: ['DL3001'],
        },
      ],
    },
    {
      name: 'service ssh start before CMD sshd -D: not called pointless, the real fix named (sisyphos)',
      code: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y openssh-server\nRUN service ssh start && echo started\nEXPOSE 22\nCMD ["/usr/sbin/sshd", "-D"]\n',
      errors: [{ line: 3, column: 5, message: 'create them directly (`mkdir -p /run/sshd`)' }],
    },
    {
      name: 'a service queried or stopped',
      code: 'FROM debian:12\nRUN service --status-all; service nginx stop\n',
      errors: [
        { line: 2, column: 5, message: '`service` in `RUN` is pointless' },
        { line: 2, column: 27, message: '`service` in `RUN` is pointless' },
      ],
    },
    {
      name: 'several in one RUN, through sudo and a continuation',
      code: 'FROM debian:12\nRUN ps aux \\\n && sudo kill -9 1234 \\\n && free -m\n',
      errors: [
        { line: 2, column: 5, message: '`ps`' },
        { line: 3, column: 10, message: '`kill`' },
        { line: 4, column: 5, message: '`free`' },
      ],
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian:12\nONBUILD RUN vim /etc/hosts\n',
      errors: [{ line: 2, column: 13, message: '`vim`' }],
    },
    {
      name: 'heredoc and builder stage',
      code: 'FROM debian:12 AS build\nRUN <<EOF\nmount -t tmpfs none /mnt\nifconfig\nEOF\nFROM debian:12\n',
      errors: [
        { line: 3, column: 1, message: '`mount`' },
        { line: 4, column: 1, message: '`ifconfig`' },
      ],
    },
    {
      name: 'inside a command substitution',
      code: 'FROM debian:12\nRUN echo "$(top -bn1)" && ssh host true && shutdown -h now\n',
      errors: [
        { line: 2, column: 13, message: '`top`' },
        { line: 2, column: 27 },
        { line: 2, column: 44 },
      ],
    },
    {
      name: 'a service named like an Object.prototype key has no known files left behind',
      code: 'FROM debian:12\nRUN service constructor start\nRUN service __proto__ start\n',
      errors: [
        {
          line: 2,
          message:
            '`service constructor start` in `RUN` starts a daemon that is stopped when the `RUN` ends; only the files its start script leaves behind stay in the image. If the image relies on them, create them directly, and start the service from `CMD`/`ENTRYPOINT`.',
        },
        {
          line: 3,
          message:
            '`service __proto__ start` in `RUN` starts a daemon that is stopped when the `RUN` ends; only the files its start script leaves behind stay in the image. If the image relies on them, create them directly, and start the service from `CMD`/`ENTRYPOINT`.',
        },
      ],
    },
  ],
});
