import rule from '../../../src/lint/rules/dockerfile/copy-dest-slash.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'BuildKit copies several sources into `.` (or `dir/.`) as a directory',
      code: 'FROM golang:1.23\nWORKDIR /src\nCOPY go.mod go.sum .\nCOPY a b ./lib/.\n',
    },
    'FROM alpine:3.20\nCOPY package.json package-lock.json /app/\n',
    { name: 'one source', code: 'FROM alpine:3.20\nCOPY app.py /app/main.py\n' },
    {
      name: 'the current directory, written as a directory',
      code: 'FROM alpine:3.20\nWORKDIR /app\nCOPY package.json yarn.lock ./\n',
    },
    { name: 'JSON form', code: 'FROM alpine:3.20\nCOPY ["a.txt", "b.txt", "/data/"]\n' },
    {
      // dockerfile-ast finds no body after `\d`: the body's lines must not be read as sources
      name: 'a heredoc whose body the parser cannot find',
      code: 'FROM alpine:3.20\nCOPY <<EOF /etc/mot\\d\nho\nEOF\n',
    },
    {
      name: 'flags are not sources',
      code: 'FROM alpine:3.20\nCOPY --from=build --chown=app:app /out/app /usr/local/bin/app\n',
    },
    {
      name: 'variable with a trailing slash',
      code: 'FROM alpine:3.20\nARG DEST=/opt/app/\nCOPY a b $DEST\n',
    },
    { name: 'variable with no known value', code: 'FROM alpine:3.20\nARG DEST\nCOPY a b ${DEST}\n' },
    { name: 'one heredoc source', code: 'FROM alpine:3.20\nCOPY <<EOF /etc/motd\nhello\nEOF\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nCOPY package.json package-lock.json /app\n',
      errors: [{ line: 2, column: 37, message: '2 sources', aliases: ['DL3021', 'DS-0011'] }],
      output: 'FROM alpine:3.20\nCOPY package.json package-lock.json /app/\n',
    },
    {
      name: 'a line continuation inside the JSON destination: reported without a fix, not an internal error',
      code: 'FROM alpine:3.20\nCOPY ["a", "b", "/etc\\\n/x"]\n',
      errors: [{ line: 2, message: '2 sources' }],
    },
    {
      name: 'JSON form: the slash goes inside the quotes',
      code: 'FROM alpine:3.20\nCOPY ["a b.txt", "c.txt", "/my data"]\n',
      errors: [{ line: 2, column: 27, message: '`/my data`' }],
      output: 'FROM alpine:3.20\nCOPY ["a b.txt", "c.txt", "/my data/"]\n',
    },
    {
      name: 'ADD with flags and a line continuation',
      code: 'FROM alpine:3.20\nADD --chown=1000:1000 \\\n    one.conf two.conf \\\n    /etc/app\n',
      errors: [{ line: 4, column: 5, message: '`ADD` of 2 sources' }],
      output: 'FROM alpine:3.20\nADD --chown=1000:1000 \\\n    one.conf two.conf \\\n    /etc/app/\n',
    },
    {
      name: 'COPY --from a stage, relative destination',
      code: 'FROM alpine:3.20 AS build\nRUN make\nFROM alpine:3.20\nCOPY --from=build /out/a /out/b bin\n',
      errors: [{ line: 4, column: 33 }],
      output: 'FROM alpine:3.20 AS build\nRUN make\nFROM alpine:3.20\nCOPY --from=build /out/a /out/b bin/\n',
    },
    {
      name: 'variable whose value has no trailing slash',
      code: 'FROM alpine:3.20\nENV APP_HOME=/srv/app\nCOPY a.py b.py $APP_HOME\n',
      errors: [{ line: 3, column: 16, message: '(`APP_HOME` is `/srv/app`)' }],
      output: 'FROM alpine:3.20\nENV APP_HOME=/srv/app\nCOPY a.py b.py $APP_HOME/\n',
    },
    {
      name: 'a relative directory other than `.` needs its slash',
      code: 'FROM alpine:3.20\nWORKDIR /app\nCOPY package.json yarn.lock src\n',
      errors: [{ line: 3, column: 29, message: 'not `src`' }],
      output: 'FROM alpine:3.20\nWORKDIR /app\nCOPY package.json yarn.lock src/\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM alpine:3.20\nONBUILD COPY a b /x\n',
      errors: [{ line: 2, column: 18 }],
      output: 'FROM alpine:3.20\nONBUILD COPY a b /x/\n',
    },
    {
      name: 'two heredocs',
      code: 'FROM alpine:3.20\nCOPY <<one <<two /etc/app\nfirst\none\nsecond\ntwo\n',
      errors: [{ line: 2, column: 18 }],
      output: 'FROM alpine:3.20\nCOPY <<one <<two /etc/app/\nfirst\none\nsecond\ntwo\n',
    },
  ],
});
