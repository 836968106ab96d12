import { beforeAll, describe, expect, it } from 'vitest';
import rule from '../../../src/lint/rules/dockerfile/build-cache-mount.js';
import { initLint, lintSource } from '../../../src/lint/engine.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    // cargo (DL3069)
    {
      name: "cargo: a cache mount on the rust image's registry",
      code: 'FROM rust:1.82\nWORKDIR /src\nRUN --mount=type=cache,target=/usr/local/cargo/registry cargo build --release\n',
    },
    {
      name: "cargo: a tmpfs on another user's cargo home",
      code: 'FROM debian:12\nUSER builder\nRUN --mount=type=tmpfs,target=/home/builder/.cargo cargo install just\n',
    },
    {
      name: 'cargo: the crate cache and index, mounted apart',
      code: 'FROM rust:1.82\nRUN --mount=type=cache,target=/usr/local/cargo/registry/cache \\\n    --mount=type=cache,target=/usr/local/cargo/registry/index \\\n    cargo test --workspace\n',
    },
    {
      name: 'cargo: CARGO_HOME moved by ENV, the mount written with the variable',
      code: 'FROM debian:12\nENV CARGO_HOME=/opt/cargo\nRUN --mount=type=cache,target=$CARGO_HOME/registry cargo fetch\n',
    },
    {
      name: 'cargo: a toolchain override before the sub-command',
      code: 'FROM rust:1.82\nRUN --mount=type=cache,target=/usr/local/cargo cargo +nightly build\n',
    },
    {
      name: 'cargo: offline builds read what an earlier RUN fetched; fmt and new download nothing',
      code: 'FROM rust:1.82\nRUN cargo build --offline && cargo build --frozen\nRUN cargo fmt --check && cargo new demo && cargo --version\n',
    },
    // go (DL3070)
    {
      name: 'go: the build cache alone serves `go build`',
      code: 'FROM golang:1.23\nRUN --mount=type=cache,target=/root/.cache/go-build go build -o /out/server ./cmd/server\n',
    },
    {
      name: 'go: the module cache alone serves it too, and a mount on a parent of it counts',
      code: 'FROM golang:1.23\nRUN --mount=type=cache,target=/go/pkg go vet ./... && go test ./...\n',
    },
    {
      name: 'go: GOMODCACHE moved, the mount on it',
      code: 'FROM golang:1.23\nENV GOMODCACHE=/var/cache/gomod\nRUN --mount=type=cache,target=/var/cache/gomod go mod download\n',
    },
    {
      name: 'cargo: CARGO_HOME through env',
      code: 'FROM rust:1.82\nRUN --mount=type=cache,target=/c/registry env CARGO_HOME=/c cargo fetch\n',
    },
    {
      name: 'go: a mount on the whole ~/.cache',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache go\nRUN --mount=type=cache,target=/root/.cache/ go install ./cmd/tool\n',
    },
    {
      name: 'go: commands that neither build nor download',
      code: 'FROM golang:1.23\nRUN go version && go env GOPATH && go mod init example.com/app && go fmt ./...\n',
    },
    // mvn (DL3071)
    {
      name: 'mvn: a tmpfs on ~/.m2',
      code: 'FROM maven:3.9-eclipse-temurin-21\nRUN --mount=type=tmpfs,target=/root/.m2 mvn -B verify\n',
    },
    {
      name: 'mvnw: the repository itself',
      code: 'FROM eclipse-temurin:21\nCOPY . /app\nWORKDIR /app\nRUN --mount=type=cache,target=/root/.m2/repository ./mvnw -B -ntp package\n',
    },
    {
      name: 'mvn: the repository moved with -Dmaven.repo.local',
      code: 'FROM maven:3.9\nRUN --mount=type=cache,target=/build/m2 mvn -Dmaven.repo.local=/build/m2 install\n',
    },
    {
      name: 'mvn: the version, and an offline build',
      code: 'FROM maven:3.9\nRUN mvn -v && mvn -o package\n',
    },
    // gradle (DL3072)
    {
      name: "gradle: the gradle user's home",
      code: 'FROM gradle:8.10-jdk21\nUSER gradle\nRUN --mount=type=cache,target=/home/gradle/.gradle gradle assemble --no-daemon\n',
    },
    {
      name: 'gradlew: GRADLE_USER_HOME moved, the mount on its caches',
      code: 'FROM eclipse-temurin:21\nENV GRADLE_USER_HOME=/cache/gradle\nRUN --mount=type=cache,target=/cache/gradle/caches ./gradlew bootJar\n',
    },
    { name: 'gradle: no task', code: 'FROM gradle:8.10\nRUN gradle --version\n' },
    // composer (DL3073)
    {
      name: "composer: the official image's cache (COMPOSER_HOME=/tmp)",
      code: 'FROM composer:2\nRUN --mount=type=cache,target=/tmp/cache composer install --no-dev\n',
    },
    {
      name: 'composer: the XDG cache',
      code: 'FROM php:8.3-cli\nRUN --mount=type=cache,target=/root/.cache/composer composer global require laravel/installer\n',
    },
    {
      name: 'composer: COMPOSER_CACHE_DIR as a prefix',
      code: 'FROM php:8.3-cli\nRUN --mount=type=cache,target=/ccache COMPOSER_CACHE_DIR=/ccache composer update\n',
    },
    { name: 'composer: dump-autoload', code: 'FROM php:8.3-cli\nRUN composer dump-autoload --optimize\n' },
    // dotnet / nuget (DL3074)
    {
      name: 'dotnet: a tmpfs on the package folder',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN --mount=type=tmpfs,target=/root/.nuget/packages dotnet restore Api.csproj\n',
    },
    {
      name: 'dotnet: NUGET_PACKAGES moved',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nENV NUGET_PACKAGES=/nuget\nRUN --mount=type=cache,target=/nuget dotnet publish -c Release\n',
    },
    {
      name: 'dotnet: no restore, or running an app',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet build --no-restore && dotnet publish --no-restore -o /out && dotnet out/app.dll\n',
    },
    {
      name: 'nuget: a mount on ~/.nuget',
      code: 'FROM mono:6\nRUN --mount=type=cache,target=/root/.nuget nuget restore App.sln\n',
    },
    // pnpm (DL3075)
    {
      name: 'pnpm: PNPM_HOME sets the store, mounted',
      code: 'FROM node:22-slim\nENV PNPM_HOME=/pnpm\nRUN --mount=type=cache,id=pnpm,target=/pnpm/store pnpm install --frozen-lockfile\n',
    },
    {
      name: 'pnpm: --store-dir, mounted',
      code: 'FROM node:22-slim\nRUN --mount=type=cache,target=/var/pnpm pnpm --store-dir /var/pnpm add left-pad\n',
    },
    {
      name: 'pnpm: the default store under a home',
      code: 'FROM node:22-slim\nUSER node\nRUN --mount=type=cache,target=/home/node/.local/share/pnpm/store,uid=1000 pnpm install\n',
    },
    { name: 'pnpm: running a script', code: 'FROM node:22-slim\nRUN pnpm run build && pnpm --version\n' },
    // mix (DL3076)
    {
      name: 'mix: a cache mount on ~/.hex',
      code: 'FROM elixir:1.17\nRUN --mount=type=cache,target=/root/.hex mix deps.get --only prod\n',
    },
    {
      name: 'mix: tasks that download nothing',
      code: 'FROM elixir:1.17\nRUN mix local.hex --force && mix local.rebar --force && mix compile && mix release\n',
    },
    // gem / bundle (DL3077)
    {
      name: "bundle: the ruby image's gem cache",
      code: 'FROM ruby:3.3\nRUN --mount=type=cache,target=/usr/local/bundle/cache bundle install --jobs 4\n',
    },
    {
      name: "gem: Debian's system gem cache",
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/gems/3.1.0/cache gem install fpm\n',
    },
    {
      name: 'gem: a local .gem file; bundle exec',
      code: 'FROM ruby:3.3\nRUN gem install --local ./pkg/tool-1.0.gem && bundle exec rake assets:precompile\n',
    },
    // everywhere
    {
      name: 'exec form is not a shell',
      code: 'FROM rust:1.82\nRUN ["cargo", "build", "--release"]\n',
    },
    {
      name: 'ONBUILD with a mount',
      code: 'FROM golang:1.23\nONBUILD RUN --mount=type=cache,target=/go/pkg/mod go build ./...\n',
    },
  ],
  invalid: [
    {
      name: 'cargo without a mount',
      code: 'FROM debian:12\nRUN cargo build --release\n',
      errors: [
        {
          line: 2,
          column: 5,
          messageId: 'noCacheMount',
          message:
            "`cargo build` runs without a BuildKit cache mount on cargo's registry: add `--mount=type=cache,target=/root/.cargo/registry` to this RUN.",
          aliases: ['DL3069'],
          severity: 'warning',
        },
      ],
    },
    {
      name: 'cargo under the rust image, or one whose tag says it is built on it: its CARGO_HOME is proposed',
      code: 'FROM rust:1.82-slim AS build\nRUN cargo install sqlx-cli\nFROM example.org/chef:latest-rust-1.82 AS plan\nRUN cargo fetch\n',
      errors: [
        { line: 2, message: '`--mount=type=cache,target=/usr/local/cargo/registry`' },
        { line: 4, message: '`--mount=type=cache,target=/usr/local/cargo/registry`' },
      ],
    },
    {
      name: 'cargo: a mount at the wrong path, a bind mount, or only git checkouts',
      code: 'FROM rust:1.82\nRUN --mount=type=cache,target=/var/cache/apt cargo build\nRUN --mount=type=bind,target=/usr/local/cargo/registry cargo build\nRUN --mount=type=cache,target=/usr/local/cargo/git cargo chef cook --release\n',
      errors: [
        { line: 2, column: 46 },
        { line: 3, column: 56 },
        { line: 4, column: 52, message: '`cargo chef cook`' },
      ],
    },
    {
      name: 'cargo: CARGO_HOME moved by a prefix: the default home no longer holds it',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/root/.cargo CARGO_HOME=/opt/cargo cargo install ripgrep\n',
      errors: [{ line: 2, message: '`--mount=type=cache,target=/opt/cargo/registry`' }],
    },
    {
      name: 'one finding per tool and RUN; two tools, two findings',
      code: 'FROM golang:1.23\nRUN cargo fetch && cargo build && go mod download && go build ./...\n',
      errors: [
        { line: 2, column: 5, aliases: ['DL3069'] },
        {
          line: 2,
          column: 35,
          aliases: ['DL3070'],
          message:
            "`go mod download` runs without a BuildKit cache mount on Go's module cache: add `--mount=type=cache,target=/go/pkg/mod` to this RUN.",
        },
      ],
    },
    {
      name: 'go build: both caches proposed; a base that is not the official image keeps the default GOPATH',
      code: 'FROM example.org/team/golang:1.23\nRUN go build ./...\n',
      errors: [
        {
          line: 2,
          aliases: ['DL3070'],
          message:
            "`go build` runs without a BuildKit cache mount on Go's build cache and Go's module cache: add `--mount=type=cache,target=/root/.cache/go-build` and `--mount=type=cache,target=/root/go/pkg/mod` to this RUN.",
        },
      ],
    },
    {
      name: 'go mod download fills only the module cache: the build cache does not serve it',
      code: 'FROM golang:1.23\nRUN --mount=type=cache,target=/root/.cache/go-build go mod download\n',
      errors: [{ line: 2, message: "Go's module cache" }],
    },
    {
      name: 'go: GOMODCACHE moved away from the mounted default',
      code: 'FROM golang:1.23\nENV GOMODCACHE=/srv/gomod\nRUN --mount=type=cache,target=/go/pkg/mod go get example.com/lib@v1.2.0\n',
      errors: [{ line: 3, message: '`--mount=type=cache,target=/srv/gomod`' }],
    },
    {
      name: 'mvn: phases shown, flags and their values skipped',
      code: 'FROM maven:3.9\nRUN mvn -B -f app/pom.xml -s settings.xml clean package -DskipTests\n',
      errors: [
        {
          line: 2,
          aliases: ['DL3071'],
          message:
            "`mvn clean package` runs without a BuildKit cache mount on Maven's local repository: add `--mount=type=cache,target=/root/.m2/repository` to this RUN.",
        },
      ],
    },
    {
      name: 'mvnw and gradlew, each once',
      code: 'FROM eclipse-temurin:21\nRUN ./mvnw dependency:go-offline\nRUN ./gradlew -x test build\n',
      errors: [
        { line: 2, aliases: ['DL3071'], message: '`mvnw dependency:go-offline`' },
        { line: 3, aliases: ['DL3072'], message: '`gradlew build`' },
      ],
    },
    {
      name: 'gradle: a mount at the wrong path',
      code: 'FROM gradle:8.10\nRUN --mount=type=cache,target=/home/gradle/build gradle build\n',
      errors: [{ line: 2, aliases: ['DL3072'], message: '`--mount=type=cache,target=/root/.gradle/caches`' }],
    },
    {
      name: 'composer: the official image proposes its own cache',
      code: 'FROM composer:2\nRUN composer install --prefer-dist\n',
      errors: [{ line: 2, aliases: ['DL3073'], message: '`--mount=type=cache,target=/tmp/cache`' }],
    },
    {
      name: 'composer global require',
      code: 'FROM php:8.3-cli\nRUN composer global require phpstan/phpstan\n',
      errors: [
        {
          line: 2,
          message:
            "`composer global require` runs without a BuildKit cache mount on Composer's cache: add `--mount=type=cache,target=/root/.composer/cache` to this RUN.",
        },
      ],
    },
    {
      name: 'dotnet: build restores first; add package; nuget',
      code: 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet build -c Release\nRUN dotnet add Api.csproj package Serilog\nRUN nuget install Newtonsoft.Json\n',
      errors: [
        {
          line: 2,
          aliases: ['DL3074'],
          message: "NuGet's package folder: add `--mount=type=cache,target=/root/.nuget/packages`",
        },
        { line: 3, aliases: ['DL3074'] },
        { line: 4, aliases: ['DL3074'] },
      ],
    },
    {
      name: 'pnpm: PNPM_HOME set, the mount on the XDG default',
      code: 'FROM node:22-slim\nENV PNPM_HOME=/pnpm\nRUN --mount=type=cache,target=/root/.local/share/pnpm/store pnpm add -g turbo\n',
      errors: [{ line: 3, aliases: ['DL3075'], message: '`--mount=type=cache,target=/pnpm/store`' }],
    },
    {
      name: 'mix deps.get, alone and in `mix do`',
      code: 'FROM elixir:1.17\nRUN mix deps.get\nRUN mix do deps.get, compile\n',
      errors: [
        {
          line: 2,
          aliases: ['DL3076'],
          message:
            "`mix deps.get` runs without a BuildKit cache mount on Hex's package cache: add `--mount=type=cache,target=/root/.hex` to this RUN.",
        },
        { line: 3, aliases: ['DL3076'], message: '`mix do deps.get`' },
      ],
    },
    {
      name: 'bundle, bare and under the ruby image; gem elsewhere names the directory to find',
      code: 'FROM ruby:3.3\nRUN bundle\nFROM debian:12\nRUN gem install bundler\n',
      errors: [
        { line: 2, aliases: ['DL3077'], message: '`--mount=type=cache,target=/usr/local/bundle/cache`' },
        { line: 4, aliases: ['DL3077'], message: '`--mount=type=cache,target=<gem env gemdir>/cache`' },
      ],
    },
    {
      name: 'bundle: BUNDLE_PATH moves the gems; a mount on its cache counts, the default one does not',
      code: 'FROM ruby:3.3\nENV BUNDLE_PATH=/gems\nRUN --mount=type=cache,target=/gems/ruby/3.3.0/cache bundle install\nRUN --mount=type=cache,target=/usr/local/bundle/cache bundle install\n',
      errors: [{ line: 4, message: '`--mount=type=cache,target=/gems/ruby/<version>/cache`' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM ruby:3.3\nONBUILD RUN bundle install\nONBUILD RUN --mount=type=cache,target=/wrong mvn package\n',
      errors: [
        { line: 2, column: 13, aliases: ['DL3077'], message: 'to this ONBUILD RUN.' },
        { line: 3, column: 46, aliases: ['DL3071'] },
      ],
    },
    {
      name: 'heredoc',
      code: 'FROM golang:1.23\nRUN <<EOF\nset -e\ngo test ./...\nEOF\n',
      errors: [{ line: 4, column: 1, aliases: ['DL3070'] }],
    },
  ],
});

/** The mount a finding proposes is one the rule accepts: adding it to the RUN clears the finding. */
describe('build-cache-mount: the proposed mount satisfies the rule', () => {
  beforeAll(async () => {
    await initLint();
  });
  const config = { rules: { 'build-cache-mount': { severity: 'warning' as const } } };
  const lint = (text: string) =>
    lintSource({ path: 'Dockerfile', text }, config, 'dockerfile', [rule]).findings;
  const cases = [
    'FROM debian:12\nRUN cargo build\n',
    'FROM rust:1.82\nRUN cargo install cargo-watch\n',
    'FROM debian:12\nENV CARGO_HOME=/opt/cargo\nRUN cargo build\n',
    'FROM golang:1.23\nRUN go build ./...\n',
    'FROM alpine:3.20\nRUN go mod download\n',
    'FROM maven:3.9\nRUN mvn package\n',
    'FROM gradle:8.10\nRUN gradle build\n',
    'FROM debian:12\nRUN GRADLE_USER_HOME=/gh ./gradlew build\n',
    'FROM composer:2\nRUN composer install\n',
    'FROM php:8.3\nRUN composer require monolog/monolog\n',
    'FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet restore\n',
    'FROM node:22\nRUN pnpm install\n',
    'FROM node:22\nENV PNPM_HOME=/pnpm\nRUN pnpm install\n',
    'FROM node:22\nRUN pnpm install --store-dir .store\n',
    'FROM elixir:1.17\nRUN mix deps.get\n',
    'FROM ruby:3.3\nRUN bundle install\n',
  ];
  for (const text of cases) {
    it(text.split('\n').slice(-2, -1)[0]!, () => {
      const [finding, ...rest] = lint(text);
      expect(rest).toEqual([]);
      const mounts = [...finding!.message.matchAll(/`(--mount=[^`]+)`/g)].map((m) => m[1]!);
      expect(mounts.length).toBeGreaterThan(0);
      for (const mount of mounts) {
        const fixed = text.replace(/RUN /g, `RUN ${mount} `);
        expect(lint(fixed)).toEqual([]);
      }
    });
  }
});
