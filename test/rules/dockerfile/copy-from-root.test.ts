import rule from '../../../src/lint/rules/dockerfile/copy-from-root.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a scratch-based helper stage or image (tonistiigi/xx), or a FROM scratch stage, copied whole',
      code: 'FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.6.1 AS xx\nFROM scratch AS export\nCOPY app /app\nFROM export AS squashed\nFROM golang:1.23\nCOPY --from=xx / /\nCOPY --from=squashed / /\nCOPY --from=docker.io/tonistiigi/xx:1.6.1 / /\n',
    },
    {
      // found on a real file: gloursdocker/docker is a FROM-scratch bundle of the Docker CLI made to be copied whole
      name: "a vendor's image (a namespace or a registry) copied whole: a bundle of binaries made for that",
      code: 'FROM node:20\nCOPY --from=gloursdocker/docker:4 / /\nCOPY --from=ghcr.io/acme/tools:1 "/" "/"\n',
    },
    {
      name: 'FROM name-$TARGETOS where every stage it can name is scratch-based',
      code: 'FROM scratch AS bin-linux\nCOPY a /a\nFROM scratch AS bin-windows\nCOPY b /b\nFROM bin-$TARGETOS AS bin\nFROM scratch AS test\nCOPY --from=bin / /\n',
    },
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
      name: 'a bare name that is no stage of the file (an official image, or a missing stage), quoted or not, and a name an ONBUILD trigger leaves to the child build',
      code: 'FROM node:20 AS dev\nCOPY --from=toolbox / /\nCOPY --from=builder:1 "/" "/"\nONBUILD COPY --from=assets / /\n',
      errors: [
        { line: 2, column: 21, message: 'entire filesystem of the `toolbox` image onto `/`' },
        { line: 3, column: 23, message: 'the `builder:1` image' },
        { line: 4, column: 28, message: '`assets` (a stage or an image of the build that uses this one)' },
      ],
    },
    {
      name: 'a stage built FROM a real image, even through a scratch-named pattern with one real candidate',
      code: 'FROM alpine:3.20 AS bin-linux\nFROM scratch AS bin-windows\nFROM bin-$TARGETOS AS bin\nFROM debian:12 AS base\nFROM scratch\nCOPY --from=bin / /\nCOPY --from=base / /\n',
      errors: [{ line: 6 }, { line: 7 }],
    },
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
      name: 'ONBUILD, naming a stage of this file',
      code: 'FROM alpine:3.20 AS builder\nFROM alpine:3.20\nONBUILD COPY --from=builder / /\n',
      errors: [{ line: 3, column: 29 }],
    },
    {
      name: 'an official OS image copied whole',
      code: 'FROM scratch\nCOPY --from=ubuntu:24.04 / /\nCOPY --from=docker.io/library/debian:12 / /\n',
      errors: [
        { line: 2, message: 'entire filesystem of the `ubuntu:24.04` image, a whole operating system,' },
        { line: 3, message: 'the `docker.io/library/debian:12` image' },
      ],
    },
  ],
});
