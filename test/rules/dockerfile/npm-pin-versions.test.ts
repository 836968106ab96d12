import rule from '../../../src/lint/rules/dockerfile/npm-pin-versions.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    'FROM node:20\nRUN npm install -g express@4.19.2\n',
    { name: 'installs the lockfile', code: 'FROM node:20\nRUN npm install --progress=false && npm ci\n' },
    {
      name: 'scoped package with a range',
      code: 'FROM node:20\nRUN npm install "@myorg/privatepackage@>=0.1.0 <0.2.0"\n',
    },
    { name: 'a tarball', code: 'FROM node:20\nRUN npm install ./package-v1.2.3.tgz\n' },
    { name: 'folders', code: 'FROM node:20\nRUN npm install /folder ../folder ~/folder\n' },
    {
      name: 'git with a ref',
      code: 'FROM node:20\nRUN npm install git+https://github.com/npm/cli.git#v10.5.0 github:npm/cli#v10.5.0\n',
    },
    {
      name: 'value flags are not packages',
      code: 'FROM node:20\nRUN npm install --registry https://registry.example.com --loglevel verbose sax@1.3.0\n',
    },
    { name: 'npm run is not an install', code: 'FROM node:20\nRUN npm run --if-present install\n' },
    { name: 'version from an ARG', code: 'FROM node:20\nARG PNPM=9.1.0\nRUN npm install -g pnpm@${PNPM}\n' },
  ],
  invalid: [
    {
      code: 'FROM node:20\nRUN npm install -g express\n',
      errors: [{ line: 2, column: 20, message: '`npm install` does not pin `express`', aliases: ['DL3016'] }],
    },
    {
      name: 'scoped package without a version',
      code: 'FROM node:20\nRUN npm i @angular/cli sax@1.3.0\n',
      errors: [{ line: 2, column: 11, message: '`@angular/cli`' }],
    },
    {
      name: '@latest is not a version',
      code: 'FROM node:20\nRUN npm install -g pnpm@latest\n',
      errors: [{ line: 2, column: 20, message: '`pnpm@latest`' }],
    },
    {
      name: 'git without a ref',
      code: 'FROM node:20\nRUN npm install git+ssh://git@github.com:npm/cli.git\n',
      errors: [{ line: 2, column: 17 }],
    },
    {
      name: 'registry given as --registry=value',
      code: 'FROM node:20\nRUN npm install --registry=https://registry.example.com express\n',
      errors: [{ line: 2, column: 57 }],
    },
    {
      name: 'ONBUILD, continuation',
      code: 'FROM node:20\nONBUILD RUN npm install \\\n    typescript\n',
      errors: [{ line: 3, column: 5 }],
    },
  ],
});
