import rule from '../../../src/lint/rules/dockerfile/shell-json-form.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n',
    {
      name: 'continued over lines',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", \\\n      "-Command"]\n',
    },
    { name: 'no SHELL', code: 'FROM debian:12\nRUN echo hi\n' },
    { name: 'ONBUILD SHELL in JSON form', code: 'FROM debian:12\nONBUILD SHELL ["/bin/sh", "-c"]\n' },
  ],
  invalid: [
    {
      name: 'shell form',
      code: 'FROM debian:12\nSHELL /bin/bash -c\n',
      errors: [
        {
          line: 2,
          column: 7,
          messageId: 'notJson',
          message: '`SHELL /bin/bash -c`',
          aliases: ['DFU:SHELL_JSON_FORM'],
        },
      ],
    },
    {
      name: 'single quotes are not JSON',
      code: "FROM debian:12\nSHELL ['/bin/bash', '-c']\n",
      errors: [{ line: 2, column: 7, message: 'double quotes' }],
    },
    {
      name: 'an empty array',
      code: 'FROM debian:12\nSHELL []\n',
      errors: [{ line: 2, column: 7, messageId: 'emptyArray' }],
    },
    {
      name: 'ONBUILD SHELL, later stage',
      code: 'FROM debian:12 AS a\nRUN true\nFROM a\nONBUILD SHELL bash\n',
      errors: [{ line: 4, column: 15 }],
    },
  ],
});
