import rule from '../../../src/lint/rules/dockerfile/no-ssh-server.js';
import { testRule } from '../../rule-tester.js';

const APT =
  'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends openssh-server\n';

testRule(rule, {
  valid: [
    { name: 'installed, never started by the file', code: `${APT}CMD ["app"]\n` },
    {
      name: 'started, installed by the base image only',
      code: 'FROM linuxserver/openssh-server:9.7\nCMD ["/usr/sbin/sshd", "-D"]\n',
    },
    {
      name: 'the SSH client only',
      code: 'FROM debian:12\nRUN apt-get install -y openssh-client\nCMD ["ssh", "-N", "tunnel"]\n',
    },
    {
      name: 'openssh on Fedora is common files, not the daemon',
      code: 'FROM fedora:40\nRUN dnf install -y openssh\nCMD ["app"]\n',
    },
    {
      name: 'a builder stage installs and starts it, the final image does neither',
      code: `${APT}CMD ["/usr/sbin/sshd", "-D"]\nFROM debian:12\nCMD ["app"]\n`,
    },
    {
      name: 'a later ENTRYPOINT in the final stage resets the CMD of the stage it is built from',
      code: `FROM debian:12 AS base\nRUN apt-get install -y openssh-server\nCMD ["/usr/sbin/sshd", "-D"]\nFROM base\nENTRYPOINT ["app"]\n`,
    },
    { name: 'a service other than SSH', code: `${APT}CMD service nginx start && tail -f /dev/null\n` },
    { name: 'sshd stopped, not started', code: `${APT}CMD service ssh stop && exec app\n` },
    {
      name: 'a long word that is no option cluster (read in linear time)',
      code: `${APT}CMD ["sh", "-${'c'.repeat(50_000)}1", "/usr/sbin/sshd"]\n`,
    },
    {
      name: 'an ONBUILD install runs in other images',
      code: 'FROM debian:12\nONBUILD RUN apt-get install -y openssh-server\nCMD ["/usr/sbin/sshd", "-D"]\n',
    },
    {
      name: 'commands named like Object.prototype keys are no package managers',
      code: 'FROM debian:12\nRUN constructor install openssh-server && __proto__ install openssh-server\nCMD ["/usr/sbin/sshd", "-D"]\n',
    },
  ],
  invalid: [
    {
      name: 'the server installed from a package list held in an ENV',
      code: 'FROM ubuntu:24.04\nENV SYSTEM_PKGS="ca-certificates openssh-server"\nRUN apt-get update && apt-get install -y --no-install-recommends $SYSTEM_PKGS\nCMD ["/usr/sbin/sshd", "-D", "-e"]\n',
      errors: [
        { line: 4, message: 'the SSH server that line 3 installs (`openssh-server` from `$SYSTEM_PKGS`)' },
      ],
    },
    {
      code: `${APT}EXPOSE 22\nCMD ["/usr/sbin/sshd", "-D"]\n`,
      errors: [
        {
          line: 4,
          column: 6,
          message: '`CMD` starts the SSH server that line 2 installs (`openssh-server`)',
          aliases: [],
        },
      ],
    },
    {
      name: 'shell form, through exec, with Alpine’s package',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache openssh && ssh-keygen -A\nENTRYPOINT exec /usr/sbin/sshd -D -e\n',
      errors: [
        {
          line: 3,
          column: 12,
          message: '`ENTRYPOINT` starts the SSH server that line 2 installs (`openssh`)',
        },
      ],
    },
    {
      name: 'a service started before the app, in a sh -c string',
      code: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y ssh=1:9.6p1-3ubuntu13\nCMD ["bash", "-c", "service ssh start && exec app"]\n',
      errors: [{ line: 3, column: 20, message: '(`ssh=1:9.6p1-3ubuntu13`)' }],
    },
    {
      name: 'dropbear from dnf, started by the ENTRYPOINT of the stage the final one is built from',
      code: 'FROM fedora:40 AS base\nRUN dnf install -y dropbear && dnf clean all\nENTRYPOINT ["dropbear", "-F", "-E"]\nFROM base\nCMD ["-p", "2222"]\n',
      errors: [{ line: 3, column: 13 }],
    },
    {
      name: 'one finding when the ENTRYPOINT and the CMD both start it',
      code: `${APT}ENTRYPOINT ["/usr/sbin/sshd"]\nCMD /etc/init.d/ssh start && /usr/sbin/sshd -D\n`,
      errors: [{ line: 3, message: '`ENTRYPOINT` starts' }],
    },
    {
      name: 'zypper and rc-service, an init script started by the CMD',
      code: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive in openssh-server\nCMD rc-service sshd start; exec app\n',
      errors: [{ line: 3, column: 5 }],
    },
  ],
});
