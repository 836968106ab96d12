import rule from '../../../src/lint/rules/dockerfile/yarn-cache-clean.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'a tmpfs mount on the cache; find … -delete of it',
      code: 'FROM node:20\nRUN --mount=type=tmpfs,target=/usr/local/share/.cache/yarn yarn install\nRUN yarn global add serve && find /usr/local/share/.cache/yarn -delete\n',
    },
    'FROM node:20\nRUN yarn install --frozen-lockfile && yarn cache clean\n',
    {
      name: 'cache mount on the default cache',
      code: 'FROM node:20\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile\n',
    },
    {
      name: 'cache mount on --cache-folder',
      code: 'FROM node:20\nRUN --mount=type=cache,target=/tmp/yc yarn install --cache-folder /tmp/yc\n',
    },
    { name: 'rm of the cache', code: 'FROM node:20\nRUN yarn && rm -rf /usr/local/share/.cache/yarn\n' },
    {
      name: 'a builder stage that is not shipped',
      code: 'FROM node:20 AS build\nRUN yarn install && yarn build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n',
    },
    { name: 'running a script installs nothing', code: 'FROM node:20\nRUN yarn build && yarn --version\n' },
  ],
  invalid: [
    {
      code: 'FROM node:20\nRUN yarn install --frozen-lockfile\n',
      errors: [{ line: 2, column: 5, message: '`yarn install`', aliases: ['DL3060'] }],
      output: 'FROM node:20\nRUN yarn install --frozen-lockfile \\\n    && yarn cache clean\n',
    },
    {
      name: 'bare yarn installs too; the last stage ships',
      code: 'FROM node:20 AS deps\nRUN echo hi\nFROM node:20\nRUN yarn --production\n',
      errors: [{ line: 4, column: 5, message: '`yarn`' }],
      output:
        'FROM node:20 AS deps\nRUN echo hi\nFROM node:20\nRUN yarn --production \\\n    && yarn cache clean\n',
    },
    {
      name: 'the stage the final one is built from',
      code: 'FROM node:20 AS foo\nRUN yarn global add \\\n    serve@14.2.3\nFROM foo\nCMD ["serve"]\n',
      errors: [{ line: 2, column: 5, message: '`yarn global`' }],
      output:
        'FROM node:20 AS foo\nRUN yarn global add \\\n    serve@14.2.3 \\\n    && yarn cache clean\nFROM foo\nCMD ["serve"]\n',
    },
    {
      name: 'ONBUILD of an unshipped stage still runs in a later image',
      code: 'FROM node:20 AS a\nONBUILD RUN yarn install\nFROM scratch\n',
      errors: [{ line: 2, column: 13, message: 'this ONBUILD RUN' }],
      output: 'FROM node:20 AS a\nONBUILD RUN yarn install \\\n    && yarn cache clean\nFROM scratch\n',
    },
  ],
});
