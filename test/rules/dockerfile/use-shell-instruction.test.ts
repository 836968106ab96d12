import rule from '../../../src/lint/rules/dockerfile/use-shell-instruction.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'the stage (or the stage it is built from) already declares SHELL',
      code: 'FROM gcr.io/distroless/base:debug AS base\nSHELL ["/busybox/sh", "-c"]\nRUN ln -s /busybox/sh /bin/sh\nFROM base\nRUN ln -sf /bin/bash /bin/sh\n',
    },
    'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN echo hello\n',
    { name: 'an unrelated symlink', code: 'FROM debian:12\nRUN ln -sf /bin/true /sbin/initctl\n' },
    {
      name: '/bin/sh elsewhere in the RUN, not as the link',
      code: 'FROM debian:12\nRUN ln -s foo bar && unrelated && something_with /bin/sh\n',
    },
    {
      name: '/bin/sh as the link target, not the link',
      code: 'FROM debian:12\nRUN ln -s /bin/sh /usr/local/bin/sh2\n',
    },
    { name: 'exec form is not read', code: 'FROM debian:12\nRUN ["ln", "-sf", "/bin/bash", "/bin/sh"]\n' },
    { name: 'reconfiguring another package', code: 'FROM debian:12\nRUN dpkg-reconfigure tzdata\n' },
  ],
  invalid: [
    {
      name: 'a SHELL after the link, or in an unrelated stage, does not count',
      code: 'FROM debian:12 AS a\nSHELL ["/bin/bash", "-c"]\nFROM debian:12\nRUN ln -sf /bin/bash /bin/sh\nSHELL ["/bin/bash", "-c"]\n',
      errors: [{ line: 4 }],
    },
    {
      code: 'FROM debian:12\nRUN ln -sfv /bin/bash /bin/sh\n',
      errors: [
        {
          line: 2,
          column: 5,
          messageId: 'shellLink',
          message: 'SHELL ["/bin/bash", "-c"]',
          aliases: ['DL4005'],
        },
      ],
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian:12\nONBUILD RUN ln -sfv /bin/bash /bin/sh\n',
      errors: [{ line: 2, column: 13 }],
    },
    {
      name: 'line continuation, sudo, merged /usr path',
      code: 'FROM debian:12\nRUN apt-get update \\\n && sudo ln -sf bash \\\n      /usr/bin/sh\n',
      errors: [{ line: 3, column: 10, messageId: 'shellLink', message: '`ln … bash /usr/bin/sh`' }],
    },
    {
      name: 'every stage counts: the builder runs its RUNs through the swapped shell too',
      code: 'FROM debian:12 AS build\nRUN ln -sf /bin/bash /bin/sh\nFROM debian:12\nRUN echo ok\n',
      errors: [{ line: 2 }],
    },
    {
      name: 'dpkg-reconfigure dash',
      code: 'FROM debian:12\nRUN echo "dash dash/sh boolean false" | debconf-set-selections && dpkg-reconfigure -f noninteractive dash\n',
      errors: [{ line: 2, column: 67, messageId: 'dpkgReconfigure', aliases: [] }],
    },
  ],
});
