import rule from '../../src/lint/rules/copy-from-root.js';
import { testRule } from '../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM golang:1.22 AS build\nRUN go build -o /out/app\nFROM scratch\nCOPY --from=build /out/app /app\n',
    { name: 'root of the context, not another stage', code: 'FROM scratch\nCOPY / /\n' },
    {
      name: 'a directory into root',
      code: 'FROM alpine:3.20 AS build\nFROM scratch\nCOPY --from=build /rootfs/ /\n',
    },
    {
      name: 'root into a directory',
      code: 'FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from=build / /mnt/build\n',
    },
  ],
  invalid: [
    {
      code: 'FROM debian:12 AS build\nRUN make\nFROM debian:12-slim\nCOPY --from=build / /\n',
      errors: [{ line: 4, column: 19, message: 'entire filesystem of `build`', aliases: ['DL3067'] }],
    },
    {
      name: 'quoted and spelled differently, with flags',
      code: 'FROM alpine:3.20 AS build\nFROM scratch\nCOPY --chown=1000:1000 --from=build "/" /.\n',
      errors: [{ line: 3, column: 37 }],
    },
    {
      name: 'JSON form',
      code: 'FROM alpine:3.20 AS build\nFROM scratch\nCOPY --from=build ["/", "/"]\n',
      errors: [{ line: 3 }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM alpine:3.20\nONBUILD COPY --from=builder / /\n',
      errors: [{ line: 2, column: 29 }],
    },
  ],
});
