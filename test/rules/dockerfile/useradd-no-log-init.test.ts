import rule from '../../../src/lint/rules/dockerfile/useradd-no-log-init.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN useradd app\n',
    { name: 'five-digit uid', code: 'FROM debian:12\nRUN useradd -u 12345 app\n' },
    { name: '-l given', code: 'FROM debian:12\nRUN useradd -l -u 123456 app\n' },
    { name: '--no-log-init and --uid', code: 'FROM debian:12\nRUN useradd --no-log-init --uid 123456 app\n' },
    { name: '-l in a cluster', code: 'FROM debian:12\nRUN useradd -lmu 123456 app\n' },
    { name: 'a small uid from an ARG', code: 'FROM debian:12\nARG UID=1000\nRUN useradd -u $UID app\n' },
    { name: 'an unknown uid', code: 'FROM debian:12\nARG UID\nRUN useradd -u "${UID}" app\n' },
    { name: 'the large number is the gid', code: 'FROM debian:12\nRUN useradd -g 123456 app\n' },
    { name: 'exec form is not a shell', code: 'FROM debian:12\nRUN ["useradd", "-u", "123456", "app"]\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN useradd -u 123456 app\n',
      errors: [{ line: 2, column: 5, message: 'UID 123456', aliases: ['DL3046'] }],
      output: 'FROM debian:12\nRUN useradd -l -u 123456 app\n',
    },
    {
      name: '--uid=, line continuation',
      code: 'FROM debian:12\nRUN groupadd -g 5000000 g \\\n && useradd --uid=5000000 \\\n      -g g app\n',
      errors: [{ line: 3, column: 5, message: 'UID 5000000' }],
      output:
        'FROM debian:12\nRUN groupadd -g 5000000 g \\\n && useradd -l --uid=5000000 \\\n      -g g app\n',
    },
    {
      name: 'the uid from an ARG; value attached to -u',
      code: 'FROM debian:12\nARG APP_UID=1001000\nRUN useradd -m -u"${APP_UID}" app\n',
      errors: [{ line: 3, message: 'is 1001000' }],
      output: 'FROM debian:12\nARG APP_UID=1001000\nRUN useradd -l -m -u"${APP_UID}" app\n',
    },
    {
      name: 'sudo and ONBUILD',
      code: 'FROM debian:12\nONBUILD RUN sudo useradd -r -u 700000 svc\n',
      errors: [{ line: 2, column: 18 }],
      output: 'FROM debian:12\nONBUILD RUN sudo useradd -l -r -u 700000 svc\n',
    },
  ],
});
