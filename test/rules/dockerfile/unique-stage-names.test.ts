import rule from '../../../src/lint/rules/dockerfile/unique-stage-names.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM debian:12 AS deb-builder\nRUN true\nFROM golang:1.22 AS go-builder\n',
    { name: 'unnamed stages', code: 'FROM debian:12\nFROM debian:12\n' },
    { name: 'a stage built from a stage', code: 'FROM debian:12 AS base\nFROM base AS app\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12 AS builder\nRUN apt-get update\n\nFROM golang:1.22 AS builder\n',
      errors: [
        {
          line: 4,
          column: 21,
          message: '`builder` is already used by the stage on line 1',
          aliases: ['DL3024', 'DuplicateStageName', 'CKV_DOCKER_11', 'DS-0012'],
        },
      ],
    },
    {
      name: 'names differing only in case',
      code: 'FROM node:22 AS Build\nFROM node:22-slim as build\n',
      errors: [{ line: 2, column: 22, message: '`build`' }],
    },
    {
      name: 'three stages, one name',
      code: 'FROM a:1 AS x\nFROM b:1 AS y\nFROM c:1 AS x\nFROM d:1 AS x\n',
      errors: [
        { line: 3, message: 'line 1' },
        { line: 4, message: 'line 1' },
      ],
    },
  ],
});
