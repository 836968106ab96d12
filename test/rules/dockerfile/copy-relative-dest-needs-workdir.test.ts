import rule from '../../../src/lint/rules/dockerfile/copy-relative-dest-needs-workdir.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM alpine:3\nCOPY run.sh /usr/local/bin/run.sh\n',
    { name: 'quoted absolute destination', code: 'FROM alpine:3\nCOPY run.sh "/usr/local/bin/run.sh"\n' },
    {
      name: 'Windows absolute destinations',
      code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY run.cmd c:\\tools\\run.cmd\nCOPY a.txt d:/data/a.txt\n',
    },
    { name: 'WORKDIR set first', code: 'FROM alpine:3\nWORKDIR /app\nCOPY package.json .\n' },
    { name: 'a variable destination', code: 'FROM alpine:3\nARG DEST=app\nCOPY a.txt $DEST\n' },
    {
      name: 'a quoted variable prefix is judged where the variable is set (qdrant)',
      code: 'FROM debian:12-slim\nARG APP=/qdrant\nCOPY config "$APP"/config\n',
    },
    {
      name: 'WORKDIR set in the stage it is built FROM',
      code: 'FROM node:20-slim AS base\nWORKDIR /app\nFROM base\nCOPY . .\n',
    },
    { name: 'JSON form, absolute', code: 'FROM alpine:3\nCOPY ["my file.txt", "/data/"]\n' },
    {
      name: 'ONBUILD COPY runs after the whole build, when the WORKDIR is set',
      code: 'FROM node:20-slim\nONBUILD COPY . .\nWORKDIR /app\n',
    },
    { name: 'ADD is not checked', code: 'FROM alpine:3\nADD app.tar.gz app/\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3\nCOPY run.sh run.sh\n',
      errors: [{ line: 2, column: 13, message: '`run.sh`', aliases: ['DL3045'], severity: 'warning' }],
    },
    {
      name: 'WORKDIR only after the COPY',
      code: 'FROM node:20-slim\nCOPY package.json ./\nWORKDIR /app\nCOPY . .\n',
      errors: [{ line: 2, column: 19, message: 'stage 1' }],
    },
    {
      name: 'a WORKDIR in an unrelated stage does not count',
      code: 'FROM node:20-slim AS deps\nWORKDIR /app\nFROM node:20-slim AS app\nCOPY --from=deps /app/node_modules node_modules/\n',
      errors: [{ line: 4, column: 36, message: 'stage "app"' }],
    },
    {
      name: 'nor a chain without any WORKDIR',
      code: 'FROM alpine:3 AS base\nRUN true\nFROM base\nCOPY a b\n',
      errors: [{ line: 4, column: 8, message: 'or the stages it is built from' }],
    },
    {
      name: 'JSON form and a continuation',
      code: 'FROM alpine:3\nCOPY ["a.txt", \\\n     "data/"]\n',
      errors: [{ line: 3, column: 6, message: '`data/`' }],
    },
    {
      name: 'ONBUILD COPY in an image with no WORKDIR',
      code: 'FROM node:20-slim\nONBUILD COPY . .\n',
      errors: [{ line: 2, column: 16, message: '`ONBUILD COPY`' }],
    },
    {
      name: 'a builder whose files are copied out path by path is info; the stage that ships stays a warning',
      code: 'FROM maven:3.9 AS build\nCOPY . .\nRUN mvn package\nFROM eclipse-temurin:21-jre\nCOPY --from=build /target/app.jar app.jar\n',
      errors: [
        { line: 2, severity: 'info' },
        { line: 5, severity: 'warning' },
      ],
    },
  ],
});
