import rule from '../../../src/lint/rules/dockerfile/consecutive-run.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN /foo.sh\n',
    { name: 'another instruction between', code: 'FROM debian:12\nRUN /foo.sh\nWORKDIR /\nRUN /bar.sh\n' },
    {
      name: 'different mounts',
      code: 'FROM debian:12\nRUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=bar /bar.sh\n',
    },
    {
      name: 'a mount on one only',
      code: 'FROM debian:12\nRUN --mount=type=secret,id=foo /foo.sh\nRUN /bar.sh\n',
    },
    { name: 'a chain before', code: 'FROM debian:12\nRUN foo && bar\nRUN foobar\n' },
    { name: 'a sequence after', code: 'FROM debian:12\nRUN foobar\nRUN foo; bar\n' },
    { name: 'a pipe is two commands', code: 'FROM debian:12\nRUN foo | bar\nRUN baz\n' },
    { name: 'a new stage', code: 'FROM debian:12\nRUN foo\nFROM debian:12\nRUN bar\n' },
    { name: 'heredoc', code: 'FROM debian:12\nRUN foo\nRUN <<EOF\nbar\nEOF\n' },
    { name: 'exec form', code: 'FROM debian:12\nRUN foo\nRUN ["bar"]\n' },
    { name: 'ONBUILD triggers', code: 'FROM debian:12\nONBUILD RUN foo\nONBUILD RUN bar\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN /foo.sh\nRUN /bar.sh\n',
      errors: [{ line: 3, column: 1, message: 'the one on line 2', aliases: ['DL3059'] }],
      output: 'FROM debian:12\nRUN /foo.sh \\\n    && /bar.sh\n',
    },
    {
      name: 'three in a row: one finding, merged into the first',
      code: 'FROM debian:12\nRUN foo && bar\nRUN apt-get update\nRUN apt-get install -y \\\n      curl\nRUN make\nCMD ["x"]\n',
      errors: [
        {
          line: 4,
          column: 1,
          messageId: 'join',
          message: 'the one on line 3 each run a single command, as does the one after it (line 6)',
        },
      ],
      output:
        'FROM debian:12\nRUN foo && bar\nRUN apt-get update \\\n    && apt-get install -y \\\n      curl \\\n    && make\nCMD ["x"]\n',
    },
    {
      name: 'equal mounts',
      code: 'FROM debian:12\nRUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=foo /bar.sh\n',
      errors: [{ line: 3, column: 1 }],
      output: 'FROM debian:12\nRUN --mount=type=secret,id=foo /foo.sh \\\n    && /bar.sh\n',
    },
    {
      name: 'a comment between: reported, not merged',
      code: 'FROM debian:12\nRUN /foo.sh\n# build it\nRUN /bar.sh\n',
      errors: [{ line: 4, column: 1, messageId: 'notMergeable' }],
    },
    {
      name: 'cd would leak into the next command: not merged',
      code: 'FROM debian:12\nRUN cd /src\nRUN make\n',
      errors: [{ line: 3, column: 1, messageId: 'notMergeable', message: '`cd` would change the shell' }],
    },
    {
      name: 'a long row: one finding, one fix the size of the row',
      code: `FROM debian:12\n${'RUN true\n'.repeat(6)}`,
      errors: [{ line: 3, column: 1, message: 'as do the 4 after it (through line 7)' }],
      output: `FROM debian:12\nRUN true${' \\\n    && true'.repeat(5)}\n`,
    },
    {
      name: 'a row broken by cd and by a comment: one finding and one fix per part that can be joined',
      code: 'FROM debian:12\nRUN a\nRUN cd /src\nRUN b\nRUN c\n# note\nRUN d\nRUN e\n',
      errors: [
        { line: 3, column: 1, messageId: 'join', message: 'the one on line 2' },
        { line: 5, column: 1, message: 'the one on line 4 each run' },
        { line: 8, column: 1, message: 'the one on line 7 each run' },
      ],
      output: 'FROM debian:12\nRUN a \\\n    && cd /src\nRUN b \\\n    && c\n# note\nRUN d \\\n    && e\n',
    },
    {
      name: 'a trailing comment on the later RUN: not merged',
      code: 'FROM debian:12\nRUN foo\nRUN bar # why\n',
      errors: [{ line: 3, column: 1, messageId: 'notMergeable' }],
    },
  ],
});
