import rule from '../../../src/lint/rules/dockerfile/docker-socket-volume.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM debian:12\nVOLUME /data ["/logs"]\n',
    {
      name: 'other sockets and the directory',
      code: 'FROM debian:12\nVOLUME /var/run /run/containerd.sock\n',
    },
    { name: 'a relative path', code: 'FROM debian:12\nVOLUME var/run/docker.sock\n' },
    {
      name: 'a builder stage does not ship',
      code: 'FROM docker:27 AS build\nVOLUME /var/run/docker.sock\nRUN make\nFROM debian:12\nCMD ["app"]\n',
    },
    { name: 'an unknown variable', code: 'FROM debian:12\nARG SOCK\nVOLUME $SOCK\n' },
    {
      name: 'a socket mount in a RUN is not a volume',
      code: 'FROM debian:12\nRUN --mount=type=bind,source=/x,target=/var/run/docker.sock true\n',
    },
  ],
  invalid: [
    {
      code: 'FROM jenkins/inbound-agent:3283.v92c105e0f819-1\nVOLUME /var/run/docker.sock\n',
      errors: [
        {
          line: 2,
          column: 8,
          message: '`VOLUME /var/run/docker.sock` declares the Docker socket',
          aliases: [],
        },
      ],
    },
    {
      name: 'JSON form, among other paths',
      code: 'FROM debian:12\nVOLUME ["/data", "/run/docker.sock"]\n',
      errors: [{ line: 2, column: 18, message: '`VOLUME /run/docker.sock`' }],
    },
    {
      name: 'quoted, doubled slashes, a trailing slash',
      code: 'FROM debian:12\nVOLUME "/var/run/docker.sock" \'//run//docker.sock/\'\n',
      errors: [
        { line: 2, column: 8 },
        { line: 2, column: 31 },
      ],
    },
    {
      name: 'through an ARG, inherited by the final stage',
      code: 'FROM debian:12 AS base\nARG SOCK=/var/run/docker.sock\nVOLUME ${SOCK}\nFROM base\nCMD ["app"]\n',
      errors: [{ line: 3, message: '(`${SOCK}` is `/var/run/docker.sock`)' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian:12\nONBUILD VOLUME ["/var/run/docker.sock"]\n',
      errors: [{ line: 2, column: 17, message: 'in every image built from this one' }],
    },
  ],
});
