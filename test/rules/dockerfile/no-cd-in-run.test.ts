import rule from '../../../src/lint/rules/dockerfile/no-cd-in-run.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM alpine:3.20\nWORKDIR /usr/src/app\nRUN make install\n',
    {
      name: 'cd in a subshell',
      code: 'FROM alpine:3.20\nRUN git clone https://example.com/x.git /tmp/x && (cd /tmp/x && make) && rm -rf /tmp/x\n',
    },
    { name: 'cd inside $(…)', code: 'FROM alpine:3.20\nRUN echo "$(cd /opt && pwd)" > /where\n' },
    {
      name: 'build and clean up: the RUN deletes the directory it entered',
      code: 'FROM alpine:3.20\nRUN git clone https://example.com/jo.git /tmp/jo && \\\n  cd /tmp/jo && \\\n  ./configure && make install && \\\n  cd /tmp && \\\n  rm -rf ./jo\n',
    },
    { name: 'a word, not the command', code: 'FROM alpine:3.20\nRUN echo cd /x\n' },
    { name: 'exec form is not a shell', code: 'FROM alpine:3.20\nRUN ["sh", "-c", "cd /x"]\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN cd /usr/src/app && make install\n',
      errors: [{ line: 2, column: 5, message: '`WORKDIR /usr/src/app`', aliases: ['DL3003', 'DS-0013'] }],
      output: 'FROM alpine:3.20\nWORKDIR /usr/src/app\nRUN make install\n',
    },
    {
      name: 'line continuation, indentation and lower case',
      code: 'FROM alpine:3.20\n  run cd /src \\\n   && make \\\n   && make install\n',
      errors: [{ line: 2, column: 7 }],
      output: 'FROM alpine:3.20\n  workdir /src\n  run make \\\n   && make install\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM alpine:3.20\nONBUILD RUN cd /app && npm ci\n',
      errors: [{ line: 2, column: 13 }],
      output: 'FROM alpine:3.20\nONBUILD WORKDIR /app\nONBUILD RUN npm ci\n',
    },
    {
      name: 'cd later in the RUN: no fix',
      code: 'FROM alpine:3.20\nRUN tar xf /src.tar -C /opt && cd /opt/src && make\n',
      errors: [{ line: 2, column: 32, message: '`cd /opt/src`' }],
    },
    {
      name: 'relative path: no fix',
      code: 'FROM alpine:3.20\nRUN cd build && cmake ..\n',
      errors: [
        {
          line: 2,
          column: 5,
          message:
            '`cd build` in `RUN` changes directory for this command only: set it with an absolute `WORKDIR`',
        },
      ],
    },
    {
      name: 'the last command: no fix; one finding per RUN',
      code: 'FROM alpine:3.20\nRUN mkdir -p /a /b; cd /a; cd /b\n',
      errors: [{ line: 2, column: 21 }],
    },
    {
      name: 'a second cd: no fix (the RUN would still change directory)',
      code: 'FROM alpine:3.20\nRUN cd /app && cd /app && make\n',
      errors: [{ line: 2, column: 5 }],
    },
    {
      name: 'a directory that is not removed is no clean-up',
      code: 'FROM alpine:3.20\nRUN cd /opt/app && make && rm -rf /tmp/cache\n',
      errors: [{ line: 2, column: 5 }],
      output: 'FROM alpine:3.20\nWORKDIR /opt/app\nRUN make && rm -rf /tmp/cache\n',
    },
  ],
});
