import { describe, expect, it } from 'vitest';
import rule, { varRefs } from '../../../src/lint/rules/dockerfile/no-secrets-in-arg-env.js';
import { isSecretName, nameTokens } from '../../../src/lint/secrets.js';
import { testRule } from '../../rule-tester.js';

const ALIASES = ['DL3064', 'SecretsUsedInArgOrEnv', 'DS-0031'];

describe('isSecretName', () => {
  it('splits names into words on _, -, . and camelCase', () => {
    expect(nameTokens('AWS_SECRET_ACCESS_KEY')).toEqual(['aws', 'secret', 'access', 'key']);
    expect(nameTokens('npmAuthToken')).toEqual(['npm', 'auth', 'token']);
    expect(nameTokens('GitHubAPIKey')).toEqual(['git', 'hub', 'api', 'key']);
    expect(nameTokens('api-key.v2')).toEqual(['api', 'key', 'v2']);
  });
  it.each([
    'AWS_SECRET_ACCESS_KEY',
    'GITHUB_TOKEN',
    'token',
    'DB_PASSWORD',
    'MYSQL_ROOT_PASSWD',
    'apiKey',
    'API-KEY',
    'my.apikey',
    'NPM_AUTH',
    'GOOGLE_CREDENTIALS',
    'DB_PASS',
    'MYSQL_PWD',
    'AWS_CREDS',
    'SSH_PWORD',
  ])('%s is a secret', (name) => expect(isSecretName(name)).toBe(true));
  it.each([
    'PUBLIC_KEY',
    'SSH_PUBLIC_KEY',
    'KEY_FILE',
    'POSTGRES_PASSWORD_FILE',
    'TOKEN_VERSION',
    'AUTHOR',
    'KEYCLOAK_URL',
    'TOKENIZER_PATH',
    'PWD',
    'PASS_THROUGH',
    'BYPASS',
    'NODE_VERSION',
    'GPG_KEYS',
    'SSH_KEY_PATH',
    'CREDENTIALS_DIR',
  ])('%s is not a secret', (name) => expect(isSecretName(name)).toBe(false));
});

describe('varRefs', () => {
  it('finds expansions, not single-quoted or escaped ones', () => {
    expect(varRefs('"a=${TOKEN}" $B \'$C\' \\$D "it\'s $E"').map((r) => r.name)).toEqual(['TOKEN', 'B', 'E']);
    expect(varRefs('x${TOKEN:-none}y')).toEqual([{ name: 'TOKEN', start: 1, end: 15 }]);
  });
});

testRule(rule, {
  valid: [
    'FROM alpine:3.20\nARG NODE_VERSION=20\nENV APP_HOME=/app PATH=/app/bin:$PATH\n',
    {
      name: 'allow-listed words',
      code: 'FROM alpine:3.20\nARG SSH_PUBLIC_KEY\nENV POSTGRES_PASSWORD_FILE=/run/secrets/db TOKEN_VERSION=2\n',
    },
    {
      name: 'an official-image GPG fingerprint',
      code: 'FROM debian:12\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n',
    },
    {
      name: 'a secret mount instead of a build arg',
      code: 'FROM node:20\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n',
    },
    {
      name: 'a secret-looking variable that is not in scope expands to nothing',
      code: 'FROM node:20\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc\n',
    },
    {
      // found on a real file: the token reaches the build through a secret mount; the global ARG is a leftover
      name: 'a global secret-named ARG with no value that no stage declares again: never in scope, nothing recorded',
      code: 'ARG actions_runtime_token\nFROM rust:1.80\nRUN --mount=type=secret,id=actions_runtime_token,env=TOKEN cargo build\n',
    },
    {
      name: 'a global ARG not re-declared in the stage is not in scope',
      code: 'ARG GITHUB_TOKENS_URL=x\nFROM alpine:3.20\nENV GH=$GITHUB_TOKEN\n',
    },
    {
      name: 'the file is deleted in the same RUN',
      code: 'FROM node:20\nRUN --mount=type=secret,id=npm,env=NPM_TOKEN echo "//r/:_authToken=${NPM_TOKEN}" > ~/.npmrc && npm ci && rm -f /root/.npmrc\n',
    },
    {
      name: 'single quotes keep the variable unexpanded; output to /dev/null',
      code: "FROM alpine:3.20\nARG SETUP\nRUN echo '$SETUP_TOKEN' > /tmp/x && echo $SETUP >/dev/null\n",
    },
    {
      name: 'LABEL with a harmless value',
      code: 'FROM alpine:3.20\nARG VERSION\nLABEL org.opencontainers.image.version=$VERSION\n',
    },
    {
      name: 'a command whose output is not the secret',
      code: 'FROM alpine:3.20\nRUN --mount=type=secret,id=gh,env=GH_TOKEN curl -H "Authorization: Bearer $GH_TOKEN" https://api.github.com/x > out.json\n',
    },
  ],
  invalid: [
    {
      name: 'a global secret-named ARG no stage declares, with a value written in the file: anyone reading the Dockerfile has it',
      code: 'ARG registry_password\nARG SENTRY_AUTH_TOKEN=sntrys_0123\nFROM alpine:3.20\nRUN --mount=type=secret,id=registry_password,env=P true\n',
      errors: [
        {
          line: 2,
          column: 5,
          severity: 'error',
          messageId: 'globalArg',
          message:
            'Global build arg `SENTRY_AUTH_TOKEN` looks like a secret (its value is written in the Dockerfile itself)',
          aliases: ALIASES,
        },
      ],
    },
    {
      name: 'a global secret-named ARG that a stage declares again',
      code: 'ARG NPM_TOKEN\nFROM node:20\nARG NPM_TOKEN\nRUN npm ci\n',
      errors: [
        { line: 1, messageId: 'secretArg', message: '`NPM_TOKEN`' },
        { line: 3, messageId: 'secretArg', message: '`NPM_TOKEN`' },
      ],
    },
    {
      name: 'ARG without a value is a warning',
      code: 'FROM alpine:3.20\nARG AWS_SECRET_ACCESS_KEY\n',
      errors: [
        {
          line: 2,
          column: 5,
          severity: 'warning',
          messageId: 'secretArg',
          message: '`AWS_SECRET_ACCESS_KEY`',
          aliases: ALIASES,
        },
      ],
    },
    {
      name: 'a literal value is an error',
      code: 'FROM postgres:16\nENV POSTGRES_PASSWORD=hunter2\nARG API_KEY="abc123"\n',
      errors: [
        { line: 2, column: 5, severity: 'error', message: 'written in the Dockerfile' },
        { line: 3, column: 5, severity: 'error', message: 'RUN --mount=type=secret,id=api_key' },
      ],
    },
    {
      name: 'a value forwarded from a variable is a warning; several pairs, camelCase and suffix words',
      code: 'FROM alpine:3.20\nARG dbPassword\nENV APP=1 DB_PASS=${dbPassword} \\\n    MYSQL_PWD=$X\n',
      errors: [
        { line: 2, column: 5, severity: 'warning' },
        { line: 3, column: 11, severity: 'warning', messageId: 'argToEnv', message: '`dbPassword`' },
        { line: 4, column: 5, severity: 'warning' },
      ],
    },
    {
      name: 'a secret ENV set from a secret ARG is reported once, at the ENV name, naming the ARG',
      code: 'FROM node:20\nARG NPM_TOKEN\nENV NPM_TOKEN=${NPM_TOKEN}\n',
      errors: [
        { line: 2, column: 5 },
        {
          line: 3,
          column: 5,
          severity: 'warning',
          messageId: 'argToEnv',
          message: '`ENV NPM_TOKEN`',
        },
      ],
    },
    {
      name: 'flow: ENV with a harmless name bakes a secret ARG into the config',
      code: 'FROM alpine:3.20\nARG NPM_TOKEN\nENV REGISTRY_HEADER="Bearer ${NPM_TOKEN}"\nLABEL built.with=$NPM_TOKEN\n',
      errors: [
        { line: 2, column: 5 },
        {
          line: 3,
          column: 29,
          messageId: 'copiedToConfig',
          message: '`ENV REGISTRY_HEADER=$NPM_TOKEN`',
          aliases: ALIASES,
        },
        { line: 4, column: 18, messageId: 'copiedToConfig', message: '`LABEL built.with=$NPM_TOKEN`' },
      ],
    },
    {
      name: 'flow: a re-declared global ARG inherits its default and is in scope',
      code: 'ARG GH_TOKEN\nFROM alpine:3.20 AS build\nARG GH_TOKEN\nENV CLONE_URL=https://$GH_TOKEN@github.com/org/repo\n',
      errors: [
        { line: 1, column: 5 },
        { line: 3, column: 5 },
        { line: 4, column: 23 },
      ],
    },
    {
      name: 'flow: RUN writes a secret into a file; line continuation',
      code: 'FROM node:20\nARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" >> ~/.npmrc \\\n && npm ci\n',
      errors: [
        { line: 2, column: 5 },
        {
          line: 3,
          column: 10,
          messageId: 'writtenToFile',
          message: '`echo` writes the secret `$NPM_TOKEN` into `~/.npmrc`',
        },
      ],
    },
    {
      name: 'flow: printf, tee, npm config set; deleting another file does not help',
      code:
        'FROM node:20\nARG NPM_TOKEN\nRUN printf "%s" "$NPM_TOKEN" > /tmp/token \\\n' +
        ' && echo $NPM_TOKEN | tee -a .npmrc >/dev/null \\\n' +
        ' && npm config set //r/:_authToken $NPM_TOKEN \\\n' +
        ' && rm -f /tmp/other\n',
      errors: [
        { line: 2, column: 5 },
        { line: 3, column: 17, message: '`printf`' },
        { line: 4, column: 10, message: 'into `.npmrc`' },
        {
          line: 5,
          column: 36,
          messageId: 'writtenToFile',
          message: '`npm config set` writes the secret `$NPM_TOKEN` into `~/.npmrc`',
        },
      ],
    },
    {
      name: 'flow: a secret mount exposed as env, then written to a file',
      code: 'FROM node:20\nRUN --mount=type=secret,id=npm,env=NPM_TOKEN echo "_authToken=$NPM_TOKEN" > .npmrc && npm ci\n',
      errors: [{ line: 2, column: 51 }],
    },
    {
      name: 'flow: heredoc RUN',
      code: 'FROM node:20\nARG GITHUB_TOKEN\nRUN <<EOF\nset -e\necho "$GITHUB_TOKEN" > /root/.git-credentials\nEOF\n',
      errors: [
        { line: 2, column: 5 },
        { line: 5, column: 6 },
      ],
    },
    {
      name: 'multi-stage: each stage has its own ARGs; ENV inherited through FROM <stage> does not re-report',
      code:
        'FROM alpine:3.20 AS base\nARG DEPLOY_KEY\nENV KEY_PATH=/k\n' +
        'FROM base AS app\nENV SSH=$DEPLOY_KEY\nARG DEPLOY_KEY\nENV SSH2=$DEPLOY_KEY\n',
      errors: [
        { line: 2, column: 5 },
        { line: 6, column: 5 },
        { line: 7, column: 10 },
      ],
    },
    {
      name: 'ONBUILD: names and flow',
      code: 'FROM node:20\nONBUILD ARG NPM_TOKEN\nONBUILD RUN echo "$NPM_TOKEN" > .npmrc\nONBUILD ENV AUTH=abc\n',
      errors: [
        { line: 2, column: 13 },
        { line: 3, column: 18 },
        { line: 4, column: 13, severity: 'error' },
      ],
    },
  ],
});
