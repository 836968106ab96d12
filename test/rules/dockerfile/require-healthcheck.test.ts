import rule from '../../../src/lint/rules/dockerfile/require-healthcheck.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n',
    { name: 'HEALTHCHECK NONE is a decision', code: 'FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK NONE\n' },
    {
      name: 'the HEALTHCHECK comes from the stage the final one is built FROM',
      code: 'FROM nginx:1.27 AS web\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\nFROM web\nEXPOSE 8080\n',
    },
  ],
  invalid: [
    {
      name: 'only a builder stage exposes a port: the image is judged as one without a port',
      code: 'FROM node:20-slim AS dev\nEXPOSE 3000\nFROM alpine:3.20\nCOPY --from=dev /app /app\nCMD ["/app/run"]\n',
      errors: [{ line: 3, column: 6, message: 'neither its final stage 2 nor' }],
    },
    {
      name: 'no EXPOSE, FROM scratch: reported at the final FROM, without claiming a port',
      code: 'FROM scratch\nCOPY report-job /report-job\nENTRYPOINT ["/report-job"]\n',
      errors: [
        {
          line: 1,
          column: 6,
          message:
            'The image has no `HEALTHCHECK` (neither its final stage 1 nor a stage it is built FROM defines one)',
        },
      ],
    },
    {
      name: 'the HEALTHCHECK is in an earlier stage the image is not built FROM: not inherited',
      code: 'FROM scratch AS probe\nHEALTHCHECK CMD ["/probe"]\nFROM scratch AS app\nCOPY --from=probe /probe /probe\n',
      errors: [{ line: 3, column: 6, message: 'final stage "app" nor' }],
    },
    {
      code: 'FROM nginx:1.27\nEXPOSE 80 443/tcp\nCMD ["nginx", "-g", "daemon off;"]\n',
      errors: [
        {
          line: 2,
          column: 8,
          message: '`80`, `443/tcp`',
          aliases: ['DL3057', 'CKV_DOCKER_2', 'DS-0026'],
        },
      ],
    },
    {
      name: 'a HEALTHCHECK in a builder stage does not ship',
      code: 'FROM golang:1.23 AS build\nHEALTHCHECK CMD ["true"]\nFROM gcr.io/distroless/static-debian12 AS run\nEXPOSE 8080\nCMD ["/app"]\n',
      errors: [{ line: 4, column: 8, message: 'final stage "run"' }],
    },
    {
      name: 'EXPOSE inherited from the parent stage; reported once, at the last EXPOSE',
      code: 'FROM python:3.12-slim AS base\nEXPOSE 8000\nFROM base\nEXPOSE 9090\nFROM base\nCMD ["gunicorn", "app:app"]\n',
      errors: [{ line: 2, column: 8, message: 'through stage "base"' }],
    },
    {
      name: 'an ONBUILD HEALTHCHECK only applies to child images',
      code: 'FROM nginx:1.27\nONBUILD HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\nEXPOSE 80\n',
      errors: [{ line: 3, column: 8 }],
    },
  ],
});
