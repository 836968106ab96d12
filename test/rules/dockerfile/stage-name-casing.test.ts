import rule from '../../../src/lint/rules/dockerfile/stage-name-casing.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM alpine:3.20 AS builder-base\n',
    { name: 'unnamed', code: 'FROM Alpine\n' },
    { name: 'upper-case image, lower-case name', code: 'FROM MyRegistry.example/App:1 AS app\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20 AS BuilderBase\n',
      errors: [
        { line: 1, column: 21, message: '`BuilderBase` should be lower case', aliases: ['StageNameCasing'] },
      ],
      output: 'FROM alpine:3.20 AS builderbase\n',
    },
    {
      name: 'every reference renamed: FROM, COPY --from, RUN --mount=from',
      code: [
        'FROM golang:1.22 AS Build',
        'RUN go build -o /out/app',
        'FROM Build AS Test',
        'RUN --mount=type=bind,from=BUILD,source=/out,target=/x go test',
        'FROM gcr.io/distroless/static:nonroot',
        'COPY --from=Build /out/app /app',
        'COPY --from=build /out/other /other',
        '',
      ].join('\n'),
      errors: [
        { line: 1, column: 21, message: 'its 3 references' },
        { line: 3, column: 15, message: '`Test`' },
      ],
      output: [
        'FROM golang:1.22 AS build',
        'RUN go build -o /out/app',
        'FROM build AS test',
        'RUN --mount=type=bind,from=build,source=/out,target=/x go test',
        'FROM gcr.io/distroless/static:nonroot',
        'COPY --from=build /out/app /app',
        'COPY --from=build /out/other /other',
        '',
      ].join('\n'),
    },
    {
      name: 'ONBUILD COPY --from names a stage of another build and is left alone',
      code: 'FROM node:22 AS Deps\nONBUILD COPY --from=Deps /a /a\n',
      errors: [{ line: 1, message: 'lower case: `deps`.' }],
      output: 'FROM node:22 AS deps\nONBUILD COPY --from=Deps /a /a\n',
    },
  ],
});
