import rule from '../../../src/lint/rules/dockerfile/dockerignore-essentials.js';
import { testRule } from '../../rule-tester.js';

const ignore = (text: string): Record<string, string | null> => ({
  '.dockerignore': text,
  'Dockerfile.dockerignore': null,
});

testRule(rule, {
  valid: [
    { code: 'FROM node:20-slim\nCOPY . .\nRUN npm ci\n', related: ignore('.git\n.env*\nnode_modules\n') },
    {
      name: 'node_modules only matters for Node images',
      code: 'FROM python:3.12-slim\nCOPY . .\n',
      related: ignore('.git\n.env*\n'),
    },
    {
      name: 'ignore everything, allow a few',
      code: 'FROM node:20-slim\nCOPY . .\nRUN npm ci\n',
      related: ignore('*\n!src\n!package*.json\n'),
    },
    {
      name: 'patterns anchored and in subfolders',
      code: 'FROM node:20-slim\nCOPY . .\nRUN npm ci\n',
      related: ignore('/.git/\n**/.env*\n**/node_modules\n'),
    },
    {
      name: 'no whole-context copy',
      code: 'FROM node:20-slim\nCOPY package.json ./\nRUN npm ci\n',
      related: ignore(''),
    },
    {
      name: 'no ignore file: require-dockerignore speaks',
      code: 'FROM node:20-slim\nCOPY . .\n',
      related: { '.dockerignore': null, 'Dockerfile.dockerignore': null },
    },
  ],
  invalid: [
    {
      code: 'FROM node:20-slim\nCOPY . .\nRUN npm ci\n',
      related: ignore('# nothing yet\ndist\n'),
      errors: [
        { line: 2, message: '`.git` (the repository history), `.env*` (local secrets), `node_modules`' },
      ],
    },
    {
      name: 'a negation lets .env back in',
      code: 'FROM python:3.12-slim\nCOPY . .\n',
      related: ignore('.git\n.env*\n!.env\n'),
      errors: [{ line: 2, message: '`.env*`' }],
    },
    {
      name: 'the per-Dockerfile file is the one that counts',
      code: 'FROM python:3.12-slim\nCOPY . .\n',
      related: { '.dockerignore': '.git\n.env*\n', 'Dockerfile.dockerignore': 'dist\n' },
      errors: [{ line: 2, message: '`Dockerfile.dockerignore`' }],
    },
  ],
});
