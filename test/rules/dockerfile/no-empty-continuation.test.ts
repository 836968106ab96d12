import rule from '../../../src/lint/rules/dockerfile/no-empty-continuation.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM alpine:3.20\nRUN apk add \\\n    gnupg \\\n    curl\n',
    { name: 'a comment line is not empty', code: 'FROM alpine:3.20\nEXPOSE \\\n# Port\n80\n' },
    { name: 'blank lines between instructions', code: 'FROM alpine:3.20\n\nRUN true\n\n\nCMD ["sh"]\n' },
    {
      name: 'blank lines inside a heredoc are content',
      code: 'FROM alpine:3.20\nRUN <<EOF\necho one\n\necho two\nEOF\n',
    },
    {
      name: 'backtick escape',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN dir `\n    C:\\\n',
    },
    {
      name: 'an unreadable heredoc opener spanning to the end of the file',
      code: "FROM alpine:3.20\nRUN <<-'A<<-'A'\napk add curl\nA\n",
    },
    {
      name: 'heredoc marker inside an exec-form string',
      code: 'FROM python:3.11\nRUN ["sh", "-c", "cat <<EOT > /x\\nline\\nEOT && apt-get update"]\n',
    },
  ],
  invalid: [
    {
      name: 'continuation into an empty last line',
      code: 'FROM alpine:3.20\nRUN echo \\\n\n',
      errors: [{ line: 3, column: 1 }],
      output: 'FROM alpine:3.20\nRUN echo \\\n',
    },
    {
      name: 'the documented example',
      code: 'FROM alpine:3.20\nRUN apk add \\\n\n    gnupg \\\n\n    curl\n',
      errors: [{ line: 3, column: 1, message: 'lines 3, 5', aliases: ['NoEmptyContinuation'] }],
      output: 'FROM alpine:3.20\nRUN apk add \\\n    gnupg \\\n    curl\n',
    },
    {
      name: 'EXPOSE with a blank line holding spaces',
      code: 'FROM alpine:3.20\nEXPOSE \\\n   \n80\n',
      errors: [{ line: 3, column: 1, message: 'the empty line 3' }],
      output: 'FROM alpine:3.20\nEXPOSE \\\n80\n',
    },
    {
      name: 'ONBUILD, CRLF line endings',
      code: 'FROM alpine:3.20\r\nONBUILD RUN make \\\r\n\r\n    install\r\n',
      errors: [{ line: 3, column: 1 }],
      output: 'FROM alpine:3.20\r\nONBUILD RUN make \\\r\n    install\r\n',
    },
    {
      name: 'backtick escape, later stage',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS a\nRUN dir\nFROM a\nRUN dir `\n\n    C:\\\n',
      errors: [{ line: 6, column: 1 }],
      output:
        '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS a\nRUN dir\nFROM a\nRUN dir `\n    C:\\\n',
    },
  ],
});
