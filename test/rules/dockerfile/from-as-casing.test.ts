import rule from '../../../src/lint/rules/dockerfile/from-as-casing.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM debian:12 AS builder\n',
    'from debian:12 as builder\n',
    { name: 'no stage name', code: 'FROM debian:12\nfrom debian:12\n' },
    { name: 'mixed-case FROM is not judged', code: 'From debian:12 as builder\nFrom debian:12 AS b\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12 as builder\n',
      errors: [{ line: 1, column: 16, message: '`as` should be written `AS`', aliases: ['FromAsCasing'] }],
      output: 'FROM debian:12 AS builder\n',
    },
    {
      name: 'lower-case from',
      code: 'from debian:12 AS builder\n',
      errors: [{ line: 1, column: 16, message: 'written `as`' }],
      output: 'from debian:12 as builder\n',
    },
    {
      name: 'mixed-case AS, several stages',
      code: 'FROM golang:1.22 As build\nRUN go build\nFROM  --platform=$BUILDPLATFORM  alpine:3.20   as   run\n',
      errors: [{ line: 1, column: 18 }, { line: 3 }],
      output:
        'FROM golang:1.22 AS build\nRUN go build\nFROM  --platform=$BUILDPLATFORM  alpine:3.20   AS   run\n',
    },
  ],
});
