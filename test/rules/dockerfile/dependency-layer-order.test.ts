import rule from '../../../src/lint/rules/dockerfile/dependency-layer-order.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: 'cargo-chef: the dependencies are cooked from the planner recipe before the context copy (zero-to-production)',
      code: 'FROM lukemathwalker/cargo-chef:latest-rust-1.80.1 AS chef\nWORKDIR /app\nFROM chef AS planner\nCOPY . .\nRUN cargo chef prepare --recipe-path recipe.json\nFROM chef AS builder\nCOPY --from=planner /app/recipe.json recipe.json\nRUN cargo chef cook --release --recipe-path recipe.json\nCOPY . .\nRUN cargo build --release --bin app\n',
    },
    {
      name: 'the manifests bind-mounted into the dependency install (uv and npm, as Docker documents it)',
      code: 'FROM python:3.12-slim\nRUN --mount=type=bind,source=uv.lock,target=uv.lock --mount=type=bind,source=pyproject.toml,target=pyproject.toml uv sync --locked --no-install-project\nCOPY . /app\nRUN uv sync --locked\nFROM node:20-slim\nRUN --mount=type=bind,source=package.json,target=package.json --mount=type=bind,src=package-lock.json,target=package-lock.json npm ci\nCOPY . .\nRUN npm ci --offline\n',
    },
    {
      name: 'the manifests copied and installed in the stage this one is built FROM',
      code: 'FROM node:20-slim AS deps\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nFROM deps AS build\nCOPY . .\nRUN npm ci && npm run build\n',
    },
    'FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD ["node", "server.js"]\n',
    {
      name: 'requirements copied first',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n',
    },
    {
      name: 'a requirements directory copied first',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements/ requirements/\nCOPY . .\nRUN pip install -r requirements/prod.txt\n',
    },
    {
      name: 'go.mod copied first, then the build',
      code: 'FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app .\n',
    },
    {
      name: 'installing named packages needs no manifest',
      code: 'FROM python:3.12-slim\nCOPY . .\nRUN pip install flask==3.0.3 && npm install -g pm2\n',
    },
    {
      name: 'project install without dependencies',
      code: 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nRUN pip install --no-deps .\n',
    },
    {
      name: 'COPY --from a stage is not the context',
      code: 'FROM node:20-slim AS build\nRUN echo\nFROM node:20-slim\nCOPY --from=build . .\nRUN npm ci\n',
    },
    {
      name: 'install before the copy',
      code: 'FROM ruby:3.3\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\nCOPY . .\n',
    },
    {
      name: 'cargo build with cache mounts',
      code: 'FROM rust:1.80\nCOPY . .\nRUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/app/target cargo build --release\n',
    },
    {
      name: 'a wildcard source whose name matches the manifest',
      code: 'FROM node:20-slim\nCOPY *.json ./\nCOPY . .\nRUN npm ci\n',
    },
    {
      name: 'a source matching a wildcard manifest, and a folder above a nested one',
      code: 'FROM python:3.12-slim\nCOPY requirements-dev.txt ./\nCOPY deps/py/ deps/py/\nCOPY . .\nRUN pip install . && pip install -r deps/py/req.txt\n',
    },
    { name: 'no install at all', code: 'FROM nginx:1.27\nCOPY . /usr/share/nginx/html\nRUN nginx -t\n' },
  ],
  invalid: [
    {
      name: 'cargo chef cook after the context copy, or a bind mount of something else, does not stand for the manifests',
      code: 'FROM rust:1.80\nCOPY . .\nRUN cargo chef cook --recipe-path recipe.json && cargo build --release\nFROM node:20-slim\nRUN --mount=type=bind,source=.npmrc,target=/root/.npmrc echo\nCOPY . .\nRUN npm ci\n',
      errors: [
        // a Rust build needs a stand-in source or cargo-chef to cache its dependencies: advice, not a comment
        { line: 2, message: 'cargo-chef', severity: 'info' },
        { line: 6, message: '`npm ci`' },
      ],
      output:
        'FROM rust:1.80\nCOPY . .\nRUN cargo chef cook --recipe-path recipe.json && cargo build --release\nFROM node:20-slim\nRUN --mount=type=bind,source=.npmrc,target=/root/.npmrc echo\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n',
    },
    {
      name: 'npm: the classic',
      code: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]\n',
      errors: [
        {
          line: 3,
          column: 1,
          message: '`COPY . .` copies the whole build context before `npm ci` (line 4)',
          // copying the manifests first is a two-line change a reviewer asks for
          severity: 'warning',
        },
      ],
      output:
        'FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'pip -r with a continuation and COPY flags kept',
      code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY --chown=app:app . .\nEXPOSE 8000\nRUN pip install --no-cache-dir \\\n    -r requirements.txt\nCMD ["gunicorn", "app:app"]\n',
      errors: [{ line: 3, column: 1, message: '`pip install -r requirements.txt` (line 5)' }],
      output:
        'FROM python:3.12-slim\nWORKDIR /app\nCOPY --chown=app:app requirements.txt ./\nRUN pip install --no-cache-dir \\\n    -r requirements.txt\nCOPY --chown=app:app . .\nEXPOSE 8000\nCMD ["gunicorn", "app:app"]\n',
    },
    {
      name: 'destination equal to the WORKDIR; yarn',
      code: 'FROM node:20-slim\nWORKDIR /srv\nCOPY . /srv\nRUN yarn install --frozen-lockfile && yarn cache clean\n',
      errors: [{ line: 3, column: 1, message: '`yarn install`' }],
      output:
        'FROM node:20-slim\nWORKDIR /srv\nCOPY package.json yarn.lock /srv/\nRUN yarn install --frozen-lockfile && yarn cache clean\nCOPY . /srv\n',
    },
    {
      name: 'go mod download, ADD . .',
      code: 'FROM golang:1.22\nWORKDIR /src\nADD . .\nRUN go mod download\nRUN go build -o /app .\n',
      errors: [{ line: 3, column: 1, message: '`go mod download`' }],
      output:
        'FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nADD . .\nRUN go build -o /app .\n',
    },
    {
      name: 'the RUN also builds: reported, not moved',
      code: 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n',
      errors: [{ line: 3, column: 1, message: 'copy `package*.json` and install before `COPY . .`' }],
    },
    {
      name: 'a WORKDIR change in between: no fix',
      code: 'FROM ruby:3.3\nCOPY . /app\nWORKDIR /app\nRUN bundle install\n',
      errors: [{ line: 2, column: 1, message: '`bundle install`' }],
    },
    {
      name: 'an ENV in between: no fix',
      code: 'FROM composer:2\nWORKDIR /app\nCOPY . .\nENV COMPOSER_ALLOW_SUPERUSER=1\nRUN composer install --no-scripts --no-dev\n',
      errors: [{ line: 3, column: 1, message: '`composer install`' }],
    },
    {
      name: 'poetry without --no-root: advice, no fix',
      code: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN poetry install --only main\n',
      errors: [{ line: 3, column: 1, message: '`poetry install --no-root`' }],
    },
    {
      name: 'pip install . and cargo build: advice only',
      code: 'FROM python:3.12\nCOPY . .\nRUN pip install .\nFROM rust:1.80\nCOPY . .\nRUN cargo build --release\n',
      errors: [
        { line: 2, column: 1, message: '`pip install --no-deps .`' },
        { line: 5, column: 1, message: 'cargo-chef' },
      ],
    },
    {
      name: 'multi-stage: a builder stage counts too',
      code: 'FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN pnpm install\nRUN pnpm build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n',
      errors: [{ line: 3, column: 1, message: '`pnpm install`' }],
      output:
        'FROM node:20 AS build\nWORKDIR /app\nCOPY package.json pnpm-lock.yaml ./\nRUN pnpm install\nCOPY . .\nRUN pnpm build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM node:20-slim\nWORKDIR /app\nONBUILD COPY . .\nONBUILD RUN npm install\n',
      errors: [{ line: 3, column: 9 }],
      output:
        'FROM node:20-slim\nWORKDIR /app\nONBUILD COPY package*.json ./\nONBUILD RUN npm install\nONBUILD COPY . .\n',
    },
  ],
});
