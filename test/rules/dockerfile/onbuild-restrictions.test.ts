import rule from '../../../src/lint/rules/dockerfile/onbuild-restrictions.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM maven:3-eclipse-temurin-21\nONBUILD COPY . /src\nONBUILD RUN mvn -B package\n',
    {
      name: 'other triggers',
      code: 'FROM alpine:3.20\nONBUILD LABEL a="b"\nONBUILD USER app\nONBUILD EXPOSE 80\n',
    },
    { name: 'a plain FROM and MAINTAINER are not triggers', code: 'FROM alpine:3.20\nFROM busybox:1.36\n' },
  ],
  invalid: [
    {
      name: 'ONBUILD ONBUILD',
      code: 'FROM alpine:3.20\nONBUILD ONBUILD RUN echo hi\n',
      errors: [{ line: 2, column: 9, message: 'cannot be chained', aliases: ['DL3043'] }],
    },
    {
      name: 'ONBUILD FROM',
      code: 'FROM alpine:3.20\nONBUILD FROM debian:12\n',
      errors: [{ line: 2, column: 9, message: '`ONBUILD FROM`' }],
    },
    {
      name: 'ONBUILD MAINTAINER, lower case, in a later stage',
      code: 'FROM alpine:3.20 AS base\nRUN true\nFROM base\nonbuild maintainer "Jane Doe"\n',
      errors: [{ line: 4, column: 9, message: '`ONBUILD maintainer`' }],
    },
  ],
});
