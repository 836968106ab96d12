import rule from '../../../src/lint/rules/dockerfile/legacy-key-value.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM alpine:3.20\nENV foo=bar\nLABEL a=b c="d e"\n',
    { name: 'quoted multi-line value', code: 'FROM alpine:3.20\nENV DEPS="\\\n    curl \\\n    git"\n' },
    { name: 'ARG has no legacy form here', code: 'FROM alpine:3.20\nARG foo=bar\n' },
    { name: 'quoted key', code: 'FROM alpine:3.20\nLABEL "com.example.vendor"="ACME"\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nENV foo bar\n',
      errors: [
        {
          line: 2,
          column: 5,
          messageId: 'spaceSeparated',
          message: '`ENV foo=bar`',
          aliases: ['LegacyKeyValueFormat'],
        },
      ],
      output: 'FROM alpine:3.20\nENV foo=bar\n',
    },
    {
      name: 'value with spaces is quoted',
      code: 'FROM alpine:3.20\nENV JAVA_OPTS -Xmx1g -Xms256m\nLABEL description An example image\n',
      errors: [
        { line: 2, column: 5, message: 'ENV JAVA_OPTS="-Xmx1g -Xms256m"' },
        { line: 3, column: 7, message: 'LABEL description="An example image"' },
      ],
      output: 'FROM alpine:3.20\nENV JAVA_OPTS="-Xmx1g -Xms256m"\nLABEL description="An example image"\n',
    },
    {
      name: 'multi-line value keeps its continuations inside the quotes',
      code: 'FROM alpine:3.20\nENV DEPS \\\n    curl \\\n    git \\\n    make\nRUN apk add $DEPS\n',
      errors: [{ line: 2, column: 5, messageId: 'spaceSeparated', message: '`ENV DEPS="curl git make"`' }],
      output: 'FROM alpine:3.20\nENV DEPS="curl \\\n    git \\\n    make"\nRUN apk add $DEPS\n',
    },
    {
      name: 'one quoted word keeps its quotes; variables stay',
      code: 'FROM alpine:3.20\nENV GREETING "hello world"\nENV HOME_BIN $HOME/bin\nENV LITERAL \'$x y\'\n',
      errors: [
        { line: 2, column: 5 },
        { line: 3, column: 5 },
        { line: 4, column: 5 },
      ],
      output: 'FROM alpine:3.20\nENV GREETING="hello world"\nENV HOME_BIN=$HOME/bin\nENV LITERAL=\'$x y\'\n',
    },
    {
      name: 'mixed quotes and escapes: reported, not rewritten',
      code: 'FROM alpine:3.20\nENV MSG say "hi" \\$5\n',
      errors: [{ line: 2, column: 5, messageId: 'notRewritten' }],
    },
    {
      name: 'ONBUILD and a later stage',
      code: 'FROM alpine:3.20 AS base\nONBUILD ENV MODE prod\nFROM base\nlabel team platform\n',
      errors: [
        { line: 2, column: 13 },
        { line: 4, column: 7, message: '`LABEL team=platform`' },
      ],
      output: 'FROM alpine:3.20 AS base\nONBUILD ENV MODE=prod\nFROM base\nlabel team=platform\n',
    },
  ],
});
