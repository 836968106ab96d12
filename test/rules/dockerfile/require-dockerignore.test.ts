import rule from '../../../src/lint/rules/dockerfile/require-dockerignore.js';
import { testRule } from '../../rule-tester.js';

const NONE = { '.dockerignore': null, 'Dockerfile.dockerignore': null };

testRule(rule, {
  valid: [
    {
      name: 'sources that only resolve from an ancestor folder (the Dockerfile folder named in the path, or ..): the context is elsewhere',
      path: 'docker/django/prod/Dockerfile',
      code: 'FROM python:3.12-slim\nCOPY docker/django/prod/entrypoint.sh /\nADD . /var/app\nFROM python:3.12-slim\nCOPY ../shared/x /x\nCOPY . .\n',
      related: {
        'docker/django/prod/.dockerignore': null,
        'docker/django/prod/Dockerfile.dockerignore': null,
      },
    },
    {
      name: 'a .dockerignore exists',
      code: 'FROM node:20-slim\nCOPY . .\n',
      related: { '.dockerignore': '.git\n', 'Dockerfile.dockerignore': null },
    },
    {
      name: "BuildKit's per-Dockerfile ignore file counts",
      code: 'FROM node:20-slim\nCOPY . .\n',
      related: { '.dockerignore': null, 'Dockerfile.dockerignore': 'node_modules\n' },
    },
    {
      name: 'only named files are copied',
      code: 'FROM node:20-slim\nCOPY package.json server.js ./\n',
      related: NONE,
    },
    {
      name: 'copies from a stage are not the context',
      code: 'FROM node:20-slim AS b\nFROM node:20-slim\nCOPY --from=b . .\n',
      related: NONE,
    },
    { name: 'the context was not looked at: nothing is known', code: 'FROM node:20-slim\nCOPY . .\n' },
    {
      name: 'a Dockerfile in a subfolder has its own context',
      path: 'services/api/Dockerfile',
      code: 'FROM node:20-slim\nCOPY . .\n',
      related: {
        'services/api/.dockerignore': 'node_modules\n',
        'services/api/Dockerfile.dockerignore': null,
      },
    },
  ],
  invalid: [
    {
      name: 'a subfolder Dockerfile whose sources resolve from its own folder: its folder is the context',
      path: 'services/api/Dockerfile',
      code: 'FROM node:20-slim\nCOPY package.json ./\nCOPY api/ ./api/\nCOPY . .\n',
      related: { 'services/api/.dockerignore': null, 'services/api/Dockerfile.dockerignore': null },
      errors: [{ line: 4 }],
    },
    {
      code: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCOPY . /srv\n',
      related: NONE,
      errors: [{ line: 3, column: 6, message: 'has no `.dockerignore`' }],
    },
    {
      name: 'ADD of the whole context',
      code: 'FROM node:20-slim\nADD ./ /app/\n',
      related: NONE,
      errors: [{ line: 2 }],
    },
    {
      name: 'ONBUILD COPY',
      code: 'FROM node:20-slim\nONBUILD COPY . /app\n',
      related: NONE,
      errors: [{ line: 2 }],
    },
    {
      name: 'in a subfolder',
      path: 'web/Dockerfile',
      code: 'FROM nginx:1.27\nCOPY . /usr/share/nginx/html\n',
      related: { 'web/.dockerignore': null, 'web/Dockerfile.dockerignore': null },
      errors: [{ line: 2 }],
    },
  ],
});
