import rule from '../../../src/lint/rules/dockerfile/no-chpasswd.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN useradd -r -u 10001 app\n',
    {
      name: 'locking an account is hardening',
      code: 'FROM debian:12\nRUN passwd -l root && usermod -p "*" app\n',
    },
    { name: 'the word in an argument', code: 'FROM debian:12\nRUN echo chpasswd > /tmp/note\n' },
    { name: 'installing the package', code: 'FROM debian:12\nRUN apt-get install -y passwd\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN echo "root:hunter2" | chpasswd\n',
      errors: [{ line: 2, column: 27, messageId: 'chpasswd', aliases: ['CKV2_DOCKER_17'] }],
    },
    {
      name: 'line continuation, sudo, builder stage too',
      code: 'FROM debian:12 AS build\nRUN useradd app \\\n && echo "app:pw" | sudo chpasswd -e\nFROM debian:12\n',
      errors: [{ line: 3, column: 26 }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian:12\nONBUILD RUN echo "app:pw" | chpasswd\n',
      errors: [{ line: 2, column: 29 }],
    },
    {
      name: 'useradd -p, passwd --stdin and passwd -d (not what Checkov checks: no alias)',
      code: 'FROM fedora:40\nRUN useradd -p "$(openssl passwd -1 pw)" app && echo pw | passwd --stdin app && passwd -d root\n',
      errors: [
        { line: 2, column: 5, messageId: 'passwordFlag', message: '`useradd -p`', aliases: [] },
        { line: 2, column: 59, messageId: 'passwdFromPipe' },
        { line: 2, column: 81, messageId: 'emptyPassword' },
      ],
    },
  ],
});
