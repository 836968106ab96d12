import rule from '../../../src/lint/rules/dockerfile/npm-cache-clean.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a tmpfs mount on ~/.npm; find … -delete of the cache',
      code: 'FROM node:20\nRUN --mount=type=tmpfs,target=/root/.npm npm ci\nRUN npm install -g pm2 && find /root/.npm/_cacache -delete\n',
    },
    'FROM node:20\nRUN npm ci --omit=dev && npm cache clean --force\n',
    {
      name: 'cache mount',
      code: 'FROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci --omit=dev\n',
    },
    {
      name: 'cache mount in another home',
      code: 'FROM node:20\nUSER node\nRUN --mount=type=cache,target=/home/node/.npm,uid=1000 npm ci\n',
    },
    {
      name: 'cache mount where --cache points',
      code: 'FROM node:20\nRUN --mount=type=cache,target=/tmp/npm npm ci --cache /tmp/npm\n',
    },
    { name: 'rm of the cache', code: 'FROM node:20\nRUN npm install -g pm2@5.3.1 && rm -rf ~/.npm\n' },
    {
      name: 'builder stage',
      code: 'FROM node:20 AS build\nRUN npm ci && npm run build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n',
    },
    { name: 'no install', code: 'FROM node:20\nRUN npm run build\n' },
  ],
  invalid: [
    {
      name: 'npm update downloads as npm install does (late-cleanup sees it too)',
      code: 'FROM node:20\nRUN npm update\n',
      errors: [{ line: 2, column: 5, message: '`npm update` leaves' }],
      output: 'FROM node:20\nRUN npm update \\\n    && npm cache clean --force\n',
    },
    {
      code: 'FROM node:20\nRUN npm ci --omit=dev\n',
      errors: [{ line: 2, column: 5, message: "`npm ci` leaves npm's download cache" }],
      output: 'FROM node:20\nRUN npm ci --omit=dev \\\n    && npm cache clean --force\n',
    },
    {
      name: "a cache mount elsewhere does not hold npm's cache; continuation",
      code: 'FROM node:20\nRUN --mount=type=cache,target=/root/.cache/pip npm install \\\n    -g pm2@5.3.1\n',
      errors: [{ line: 2, column: 48, message: '`npm install`' }],
      output:
        'FROM node:20\nRUN --mount=type=cache,target=/root/.cache/pip npm install \\\n    -g pm2@5.3.1 \\\n    && npm cache clean --force\n',
    },
    {
      name: 'the stage the final stage is built from',
      code: 'FROM node:20 AS deps\nRUN npm i\nFROM deps\nCMD ["node", "."]\n',
      errors: [{ line: 2, column: 5, message: '`npm i`' }],
      output:
        'FROM node:20 AS deps\nRUN npm i \\\n    && npm cache clean --force\nFROM deps\nCMD ["node", "."]\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM node:20\nONBUILD RUN npm ci\n',
      errors: [{ line: 2, column: 13 }],
      output: 'FROM node:20\nONBUILD RUN npm ci \\\n    && npm cache clean --force\n',
    },
  ],
});
