import rule from '../../../src/lint/rules/dockerfile/copy-from-own-stage.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM alpine:3.20\nCOPY --from=build /app /app\n',
    {
      name: 'an earlier index',
      code: 'FROM golang:1.22\nRUN go build -o /app\nFROM alpine:3.20\nCOPY --from=0 /app /app\n',
    },
    { name: 'an image', code: 'FROM alpine:3.20 AS app\nCOPY --from=app:1.0 /x /x\n' },
    {
      name: 'ONBUILD COPY runs in the downstream build',
      code: 'FROM node:22 AS builder\nONBUILD COPY --from=builder /a /a\n',
    },
  ],
  invalid: [
    {
      code: 'FROM debian:12 AS build\nCOPY --from=build some stuff\n',
      errors: [
        { line: 2, column: 6, message: 'inside stage "build" itself', aliases: ['DL3023', 'DS-0006'] },
      ],
    },
    {
      name: 'different case',
      code: 'FROM node:22 AS deps\nRUN npm ci\nFROM deps AS App\nCOPY --from=app /x /y\n',
      errors: [{ line: 4, column: 6, message: 'stage "app"' }],
    },
    {
      name: 'its own index',
      code: 'FROM golang:1.22\nRUN go build\nFROM alpine:3.20\nCOPY --from=1 /app /app\n',
      errors: [{ line: 4, message: 'stage 2' }],
    },
    {
      name: 'through an ARG',
      code: 'FROM debian:12 AS build\nARG SRC=build\nCOPY --from=$SRC /a /b\n',
      errors: [{ line: 3 }],
    },
  ],
});
