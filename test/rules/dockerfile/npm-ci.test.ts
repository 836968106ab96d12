import rule from '../../../src/lint/rules/dockerfile/npm-ci.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD ["node", "server.js"]\n',
    {
      name: '--omit dev (spaced), several omits',
      code: 'FROM node:20-slim\nRUN npm ci --omit optional --omit dev\n',
    },
    { name: '--production', code: 'FROM node:20-slim\nRUN npm ci --production\n' },
    { name: '--only=prod', code: 'FROM node:20-slim\nRUN npm ci --only=prod\n' },
    { name: 'NODE_ENV=production in ENV', code: 'FROM node:20-slim\nENV NODE_ENV=production\nRUN npm ci\n' },
    {
      name: 'NODE_ENV=production through ARG and ENV $ARG (legacy ENV form)',
      code: 'FROM node:20-slim\nARG NODE_ENV=production\nENV NODE_ENV $NODE_ENV\nRUN npm ci\n',
    },
    {
      name: 'NODE_ENV=production from an ARG default',
      code: 'FROM node:20-slim\nARG NODE_ENV=production\nRUN npm ci\n',
    },
    { name: 'NODE_ENV=production as a prefix', code: 'FROM node:20-slim\nRUN NODE_ENV=production npm ci\n' },
    { name: 'npm_config_omit in ENV', code: 'FROM node:20-slim\nENV NPM_CONFIG_OMIT=dev\nRUN npm ci\n' },
    {
      name: 'a later build needs the devDependencies',
      code: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN npm run build\nCMD ["node", "dist/index.js"]\n',
    },
    { name: 'npx in the same RUN', code: 'FROM node:20-slim\nRUN npm ci && npx tsc -p .\n' },
    {
      name: 'the build runs in a stage built FROM this one',
      code: 'FROM node:20-slim AS deps\nRUN npm ci\nFROM deps\nCOPY . .\nRUN npm run build\n',
    },
    { name: 'pruned in the same RUN', code: 'FROM node:20-slim\nRUN npm ci && npm prune --omit=dev\n' },
    { name: 'explicit --include=dev', code: 'FROM node:20-slim\nRUN npm ci --include=dev\n' },
    { name: 'explicit --production=false', code: 'FROM node:20-slim\nRUN npm ci --production=false\n' },
    {
      name: 'builder stages are not judged',
      code: 'FROM node:20 AS build\nRUN npm install\nRUN echo built\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n',
    },
    {
      name: 'installing named packages is another rule',
      code: 'FROM node:20-slim\nRUN npm install -g pm2 && npm install express@4.19.2 --omit=dev\n',
    },
    { name: 'global install without packages', code: 'FROM node:20-slim\nRUN npm install -g\n' },
    { name: 'exec form is not a shell', code: 'FROM node:20-slim\nRUN ["npm", "install"]\n' },
  ],
  invalid: [
    {
      code: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm install --omit=dev\nCMD ["node", "server.js"]\n',
      errors: [{ line: 4, column: 5, messageId: 'useCi', severity: 'warning' }],
      output: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'install with dev dependencies: both findings, both fixes',
      code: 'FROM node:20-slim\nCOPY . .\nRUN npm i\n',
      errors: [
        { line: 3, column: 5, messageId: 'devDependencies' },
        { line: 3, column: 5, messageId: 'useCi' },
      ],
      output: 'FROM node:20-slim\nCOPY . .\nRUN npm ci --omit=dev\n',
    },
    {
      name: 'npm ci with dev dependencies, line continuation',
      code: 'FROM node:20-slim\nRUN npm ci \\\n    --no-audit\n',
      errors: [{ line: 2, column: 5, messageId: 'devDependencies', message: '`npm ci` in the final stage' }],
      output: 'FROM node:20-slim\nRUN npm ci --omit=dev \\\n    --no-audit\n',
    },
    {
      name: 'NODE_ENV set to something other than production',
      code: 'FROM node:20-slim\nENV NODE_ENV=development\nRUN npm ci\n',
      errors: [{ line: 3, column: 5, messageId: 'devDependencies' }],
      output: 'FROM node:20-slim\nENV NODE_ENV=development\nRUN npm ci --omit=dev\n',
    },
    {
      name: 'a build earlier than the install does not count',
      code: 'FROM node:20-slim\nRUN npm run build\nRUN npm ci\n',
      errors: [{ line: 3, column: 5 }],
      output: 'FROM node:20-slim\nRUN npm run build\nRUN npm ci --omit=dev\n',
    },
    {
      name: 'a stage the final stage is built FROM',
      code: 'FROM node:20-slim AS base\nRUN npm ci\nFROM base\nCMD ["node", "."]\n',
      errors: [{ line: 2, column: 5, message: 'stage "base", which the final stage is built from' }],
      output: 'FROM node:20-slim AS base\nRUN npm ci --omit=dev\nFROM base\nCMD ["node", "."]\n',
    },
    {
      name: 'package.json copied without its lockfile: no fix to npm ci',
      code: 'FROM node:20-slim\nCOPY package.json ./\nRUN npm install --production\n',
      errors: [{ line: 3, column: 5, messageId: 'noLockfile' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM node:20-slim\nONBUILD COPY . .\nONBUILD RUN npm install --omit=dev\n',
      errors: [{ line: 3, column: 13, message: 'ONBUILD' }],
      output: 'FROM node:20-slim\nONBUILD COPY . .\nONBUILD RUN npm ci --omit=dev\n',
    },
    {
      name: 'heredoc, sudo',
      code: 'FROM node:20-slim\nRUN <<EOF\nsudo npm ci\nEOF\n',
      errors: [{ line: 3, column: 6 }],
      output: 'FROM node:20-slim\nRUN <<EOF\nsudo npm ci --omit=dev\nEOF\n',
    },
  ],
});
