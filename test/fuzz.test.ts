/**
 * Property tests (fast-check, seeded): the engine never throws and reports consistent positions on any
 * Dockerfile-like or Compose-like text; every fix keeps the file parseable, clears its finding, and fixing reaches
 * a fixed point; shell word offsets map back to the file exactly. `npm run bench:fuzz` is the long run.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectKind, initLint, lintSource, type LintConfig } from '../src/lint/engine.js';
import { applyEdits, fixSource } from '../src/lint/fix.js';
import { joinContinuations, parseDockerfile, type Instruction } from '../src/lint/dockerfile/model.js';
import { parseCompose } from '../src/lint/compose/model.js';
import { ALL_RULES } from '../src/lint/rules/index.js';
import { SEVERITIES, type Finding } from '../src/lint/types.js';
import { EXAMPLE } from './helpers/example.js';

beforeAll(async () => {
  await initLint();
});

/** `FUZZ_SEED` and `FUZZ_SCALE` (a multiplier of every numRuns) explore further than the seeded default. */
const SEED = Number(process.env.FUZZ_SEED ?? 20250611);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number): number => Math.max(1, Math.round(n * SCALE));
// ShellCheck's fixes are ShellCheck's; its mapping has its own tests (and it would spawn a process per input).
// Rules with fixes that are off by default are turned on: a fix must stay safe for the teams that enable it.
const CONFIG: LintConfig = {
  rules: {
    shellcheck: { severity: 'off' },
    'no-cd-in-run': { severity: 'info' },
    'compose-ports-interface': { severity: 'info' },
  },
};
const RULE_IDS = new Set(ALL_RULES.map((r) => r.id));
const CORPUS = fileURLToPath(new URL('../../shared/corpus/dockerfiles/', import.meta.url));
const COMPOSE_CORPUS = fileURLToPath(new URL('../../shared/corpus/compose/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** The Dockerfiles under fixtures/ (whatever the other test suites keep there), plus the issue example. */
function fixtureDockerfiles(): string[] {
  const out = [EXAMPLE];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (detectKind(e.name) === 'dockerfile') out.push(readFileSync(p, 'utf8'));
    }
  };
  if (existsSync(FIXTURES)) walk(FIXTURES);
  return out;
}

const corpusFiles: { name: string; text: string }[] = existsSync(CORPUS)
  ? readdirSync(CORPUS)
      .sort()
      .map((name) => ({ name, text: readFileSync(join(CORPUS, name), 'utf8') }))
  : [];

// ---------------------------------------------------------------------------------------------------------------
// generators

const FROMS = [
  'FROM python:3.11',
  'FROM alpine',
  'FROM alpine:latest',
  'FROM debian:bookworm AS build',
  'FROM node:20 AS deps',
  'FROM build',
  'FROM --platform=$BUILDPLATFORM golang:1.22 AS go',
  'FROM scratch',
  'FROM ${BASE:-ubuntu}:22.04',
  'FROM ubuntu@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
  'from python:3.12 as Final',
  'FROM',
];

const INSTRUCTIONS = [
  'ARG NPM_TOKEN',
  'ARG BASE=ubuntu',
  'ENV A=1 B="two words"',
  'ENV PATH=/opt/bin:$PATH',
  'ENV API_KEY=sk-live-1234567890',
  'ENV LEGACY value',
  'LABEL org.opencontainers.image.title="x" a=b',
  'WORKDIR app',
  'WORKDIR /app',
  'WORKDIR $HOME/src',
  'USER root',
  'USER 1000:1000',
  'USER app',
  'COPY . .',
  'COPY package.json package-lock.json ./',
  'COPY requirements.txt .',
  'COPY a b c',
  'COPY a',
  'COPY --from=build /out /app',
  'COPY --chown=app:app --chmod=755 src/ /app/src/',
  'ADD app.tar.gz /app/',
  'ADD https://example.com/x.tgz /tmp/x.tgz',
  'ADD file.txt /etc/file.txt',
  'ADD --checksum=sha256:abc https://x/y /y',
  'COPY <<EOF /etc/motd\nhello\nEOF',
  'MAINTAINER Jane Doe <jane@example.com>',
  'EXPOSE 80 443/tcp',
  'VOLUME ["/data"]',
  'STOPSIGNAL SIGTERM',
  'HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1',
  'HEALTHCHECK NONE',
  'HEALTHCHECK CMD',
  'CMD python app.py',
  'CMD ["python", "app.py"]',
  'CMD ["python", "app.py"',
  'CMD [ "sh", "-c", "echo $HOME" ]',
  'ENTRYPOINT ["/entrypoint.sh"]',
  'ENTRYPOINT /entrypoint.sh --flag',
  'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
  'SHELL ["powershell", "-Command", "$ErrorActionPreference = \'Stop\';"]',
  'ONBUILD RUN make',
  'ONBUILD COPY . /app',
  'ONBUILD',
  'FOO bar',
  'RUNN true',
  'RUN',
  'COPY --bogus=1 a b',
  'FROM a b',
];

const SHELL = [
  'apt-get update',
  'apt-get install -y gcc',
  'apt-get install curl',
  'apt-get -qq install --no-install-recommends -y make',
  'apt install -y vim',
  'rm -rf /var/lib/apt/lists/*',
  'apk add curl',
  'apk add --no-cache git',
  'apk update',
  'pip install -r requirements.txt',
  'pip3 install flask==2.0 "requests>=2"',
  'python -m pip install --user .',
  'npm install',
  'npm i -g yarn',
  'npm install --production',
  'yarn install',
  'cd /app',
  'cd ..',
  'curl -sSL https://example.com/install.sh | sh',
  'wget -O- http://example.com | bash',
  'echo "a b" \'c d\' $HOME ${X:-y}',
  'echo $(date) `uname -a`',
  'make && make install',
  'for i in 1 2; do echo $i; done',
  'if [ -f x ]; then rm x; fi',
  'export A=1',
  'A=1 B=2 make',
  'yum install -y gcc && yum clean all',
  'dnf install gcc',
  'go build ./...',
  'sudo apt-get install gcc',
  'echo é😀ü',
  'ls # trailing comment',
  "echo 'unterminated",
  'echo "unterminated',
  'cat <<EOT > /x\nline\nEOT',
  '(cd a && make)',
  '{ echo a; }',
  'x || true',
  'a | b | c',
  'set -eux',
  'useradd -m app',
  'chmod +x /entrypoint.sh',
  'tar xzf x.tgz -C /opt',
  '',
];

const SEPARATORS = [
  ' && ',
  '; ',
  ' || ',
  ' | ',
  ' && \\\n    ',
  ' \\\n    && ',
  ' \\\n    # a comment inside\n    && ',
  ' \\\n\n    && ',
  ' \\  \n  ',
  '\n',
  ' & ',
];

const COMMENTS = [
  '# a comment',
  '# hadolint ignore=DL3008,DL3015',
  '# dockreview ignore=exec-form',
  '# check=skip=JSONArgsRecommended',
  '#',
  '',
  '   ',
  '\t# indented',
];

/** Several instructions that together make a rule fire (layer order, late clean-up, overridden CMD…). */
const BLOCKS = [
  'WORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev',
  'WORKDIR /app\nCOPY --chown=app:app . .\nEXPOSE 8000\nRUN pip install --no-cache-dir \\\n    -r requirements.txt',
  'WORKDIR /srv\nCOPY . /srv\nRUN yarn install --frozen-lockfile && yarn cache clean',
  'WORKDIR /src\nADD . .\nRUN go mod download',
  'ONBUILD COPY . .\nONBUILD RUN npm install',
  'RUN cd /usr/src/app && make install',
  '  run cd /src \\\n   && make \\\n   && make install',
  'ONBUILD RUN cd /app && npm ci',
  'RUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*',
  'RUN yum install -y httpd\nRUN yum clean all',
  'RUN npm ci --omit=dev\nRUN npm cache clean --force && rm -rf ~/.npm',
  'WORKDIR /tmp\nRUN curl -fsSLO https://example.com/app.tgz\nRUN rm -rf /tmp/*',
  'CMD ["a"]\nCMD b',
  'ENTRYPOINT ["a"]\nENTRYPOINT b\nENTRYPOINT ["c"]',
];

const HEADERS = [
  '',
  '# syntax=docker/dockerfile:1\n',
  '# escape=`\n',
  '# escape=\\\n',
  '# escape=x\n',
  '# check=skip=JSONArgsRecommended;error=true\n',
  '# hadolint global ignore=DL3008\n',
];

const shellCmd = fc.constantFrom(...SHELL);
const runBody = fc
  .tuple(shellCmd, fc.array(fc.tuple(fc.constantFrom(...SEPARATORS), shellCmd), { maxLength: 5 }))
  .map(([first, rest]) => first + rest.map(([s, c]) => s + c).join(''));

const run = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          '',
          '--mount=type=cache,target=/var/cache/apt ',
          '--mount=type=cache,target=/root/.cache/pip --network=none ',
          '--mount=type=secret,id=npm ',
        ),
        runBody,
      )
      .map(([flags, body]) => `RUN ${flags}${body}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(shellCmd, { minLength: 1, maxLength: 4 })
      .map((cs) => `RUN <<EOF\n${cs.join('\n')}\nEOF`),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(shellCmd, { minLength: 1, maxLength: 3 })
      .map((cs) => `RUN <<-'SCRIPT'\n\t${cs.join('\n\t')}\n\tSCRIPT`),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(shellCmd, { minLength: 1, maxLength: 3 })
      .map((cs) => `RUN ["sh", "-c", ${JSON.stringify(cs.join(' && '))}]`),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(shellCmd, { minLength: 1, maxLength: 3 })
      .map((cs) => `RUN cat <<EOF > /x\n${cs.join('\n')}\nEOF`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('RUN <<EOF\napt-get install -y x', 'RUN apt-get install -y \\', 'RUN \\\n'),
  },
);

const line = fc.oneof(
  { weight: 5, arbitrary: run },
  { weight: 5, arbitrary: fc.constantFrom(...INSTRUCTIONS) },
  { weight: 2, arbitrary: fc.constantFrom(...FROMS) },
  { weight: 3, arbitrary: fc.constantFrom(...BLOCKS) },
  { weight: 2, arbitrary: fc.constantFrom(...COMMENTS) },
);

/** Dockerfile-like text from fragments: instructions, RUNs with continuations, heredocs, comments; LF or CRLF. */
const dockerfileText = fc
  .tuple(
    fc.constantFrom(...HEADERS),
    fc.constantFrom(...FROMS),
    fc.array(line, { maxLength: 12 }),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
  )
  .map(([header, from, lines, eol, finalEol]) =>
    (header + [from, ...lines].join('\n') + (finalEol ? '\n' : '')).replace(/\n/g, eol),
  );

const INSERTS = [
  '\\',
  '\n',
  '\r\n',
  '\r',
  '"',
  "'",
  '`',
  '$',
  '${',
  '}',
  '[',
  ']',
  '#',
  ' ',
  '\t',
  '<<',
  '<<EOF\n',
  '=',
  '--',
  'é',
  '😀',
  '\u0000',
  '\uFEFF',
  ',',
  '&&',
  '|',
  ';',
  'EOF',
  '\\\n',
  'RUN ',
  'FROM ',
  '\nRUN apt-get install x',
];

interface Mutation {
  op: 'insert' | 'delete' | 'duplicate';
  at: number;
  len: number;
  text: string;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('insert' as const, 'delete' as const, 'duplicate' as const),
  at: fc.nat(),
  len: fc.integer({ min: 1, max: 12 }),
  text: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ unit: 'binary', maxLength: 3 })),
});

function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = m.at % (out.length + 1);
    if (m.op === 'insert') out = out.slice(0, at) + m.text + out.slice(at);
    else if (m.op === 'delete') out = out.slice(0, at) + out.slice(at + m.len);
    else out = out.slice(0, at) + out.slice(at, at + m.len) + out.slice(at);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// checks

/** 1-based line and UTF-16 column of an offset, computed independently of SourceText. */
function position(text: string, offset: number): [number, number] {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return [line, offset - lineStart + 1];
}

/** Lints `text` and checks every finding's span, positions, fix edits; returns the findings. */
function lintAndCheck(text: string, path = 'Dockerfile'): Finding[] {
  const result = lintSource({ path, text }, CONFIG);
  for (const f of result.findings) {
    const where = `${f.rule} ${f.message}`;
    expect(f.message, where).not.toMatch(/^internal error/);
    expect(RULE_IDS.has(f.rule), where).toBe(true);
    expect(SEVERITIES, where).toContain(f.severity);
    expect(f.span.start, where).toBeGreaterThanOrEqual(0);
    expect(f.span.end, where).toBeGreaterThanOrEqual(f.span.start);
    expect(f.span.end, where).toBeLessThanOrEqual(text.length);
    expect([f.line, f.column], where).toEqual(position(text, f.span.start));
    expect([f.endLine, f.endColumn], where).toEqual(position(text, f.span.end));
    if (f.fix) {
      expect(f.fix.edits.length, where).toBeGreaterThan(0);
      let last = -1;
      for (const e of f.fix.edits) {
        expect(e.start, where).toBeGreaterThanOrEqual(Math.max(0, last));
        expect(e.end, where).toBeGreaterThanOrEqual(e.start);
        expect(e.end, where).toBeLessThanOrEqual(text.length);
        last = e.end;
      }
    }
  }
  return result.findings;
}

/** What checkFixes saw, so a test can tell it exercised fixes and not only clean files. */
const stats = { fixes: 0, passes: 0, rules: new Set<string>() };

const syntaxErrors = (findings: readonly Finding[]): number =>
  findings.filter((f) => f.rule === 'valid-syntax').length;

/** Every fix alone keeps the file parseable (and valid when it was), and fixing everything reaches a fixed point. */
function checkFixes(text: string): void {
  const findings = lintAndCheck(text);
  const errorsBefore = syntaxErrors(findings);
  for (const f of findings.filter((x) => x.fix)) {
    stats.fixes++;
    stats.rules.add(f.rule);
    const fixed = applyEdits(text, [f], true);
    expect(fixed.applied, f.rule).toEqual([f]);
    expect(
      () => parseDockerfile('Dockerfile', fixed.text),
      `${f.rule}: ${JSON.stringify(fixed.text)}`,
    ).not.toThrow();
    const after = lintAndCheck(fixed.text);
    const countBefore = findings.filter((x) => x.rule === f.rule).length;
    const countAfter = after.filter((x) => x.rule === f.rule).length;
    expect(
      countAfter,
      `${f.rule} fix did not clear its finding: ${JSON.stringify(text)} -> ${JSON.stringify(fixed.text)}`,
    ).toBeLessThan(countBefore);
    // a fix must not break a file the builder accepted
    if (errorsBefore === 0)
      expect(
        after.filter((x) => x.rule === 'valid-syntax').map((x) => x.message),
        `${f.rule} fix made ${JSON.stringify(text)} into ${JSON.stringify(fixed.text)}`,
      ).toEqual([]);
  }
  const all = fixSource({ path: 'Dockerfile', text }, CONFIG, { unsafe: true });
  stats.passes = Math.max(stats.passes, all.passes);
  const appliedRules = new Set(all.applied.map((f) => f.rule));
  const left = all.result.findings.filter((f) => f.fix && appliedRules.has(f.rule));
  expect(
    left.map((f) => `${f.line}:${f.column} ${f.rule}: ${f.message}`),
    `after ${all.passes} passes: ${JSON.stringify(all.text)}`,
  ).toEqual([]);
  expect(() => parseDockerfile('Dockerfile', all.text)).not.toThrow();
  lintAndCheck(all.text);
}

/**
 * The text of `[start, end)` with line continuations and the comment lines inside them removed, as the builder joins
 * them. Joined up to the end of the instruction: an escape character at `end - 1` is a continuation only when a
 * newline follows it in the file, not because the range stops there.
 */
function joined(text: string, start: number, end: number, instructionEnd: number, escape: string): string {
  const { logical, map } = joinContinuations(text, start, instructionEnd, escape);
  let k = 0;
  while (k < logical.length && map[k]! < end) k++;
  return logical.slice(0, k);
}

/** For every command word of every RUN: the file text at its offsets, continuations joined, is its `raw`. */
function checkWordOffsets(text: string): number {
  const model = parseDockerfile('Dockerfile', text);
  let words = 0;
  const runs: Instruction[] = model.each('RUN');
  for (const ins of runs) {
    const shell = ins.shell;
    if (!shell) continue;
    const heredocScript = ins.heredocs.length > 0 ? ins.heredocs[0]!.contentSpan : null;
    for (const cmd of shell.commands) {
      for (const w of [cmd.name, ...cmd.args]) {
        words++;
        const where = `line ${model.source.positionAt(w.start).line}: ${JSON.stringify(w.raw)}`;
        expect(w.start, where).toBeGreaterThanOrEqual(ins.span.start);
        expect(w.end, where).toBeLessThanOrEqual(ins.span.end);
        if (heredocScript && w.start >= heredocScript.start && w.end <= heredocScript.end) {
          expect(text.slice(w.start, w.end), where).toBe(w.raw);
        } else {
          expect(joined(text, w.start, w.end, ins.span.end, model.escape), where).toBe(w.raw);
        }
      }
    }
  }
  return words;
}

// ---------------------------------------------------------------------------------------------------------------

describe('(a) lintSource on any Dockerfile-like text', () => {
  it('generated from fragments: never throws, spans and positions agree', () => {
    fc.assert(
      fc.property(dockerfileText, (text) => {
        const first = lintAndCheck(text);
        // deterministic
        expect(lintSource({ path: 'Dockerfile', text }, CONFIG).findings).toEqual(first);
      }),
      { seed: SEED, numRuns: runs(250) },
    );
  });

  it('generated, then mutated (insert / delete / duplicate characters)', () => {
    fc.assert(
      fc.property(dockerfileText, fc.array(mutation, { minLength: 1, maxLength: 6 }), (text, muts) => {
        lintAndCheck(mutate(text, muts));
      }),
      { seed: SEED + 1, numRuns: runs(250) },
    );
  });

  it('mutations of the fixture Dockerfiles', () => {
    const fixtures = fixtureDockerfiles();
    fc.assert(
      fc.property(
        fc.nat({ max: fixtures.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 10 }),
        (i, muts) => {
          lintAndCheck(mutate(fixtures[i]!, muts));
        },
      ),
      { seed: SEED + 2, numRuns: runs(200) },
    );
  });

  it('arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        lintAndCheck(text);
      }),
      { seed: SEED + 3, numRuns: runs(150) },
    );
  });
});

(corpusFiles.length > 0 ? describe : describe.skip)(
  corpusFiles.length > 0
    ? '(a) mutations of corpus files'
    : `(a) mutations of corpus files — skipped: ${CORPUS} not found`,
  () => {
    it('fixes of mutated corpus files re-parse and reach a fixed point', () => {
      fc.assert(
        fc.property(
          fc.nat({ max: Math.max(0, corpusFiles.length - 1) }),
          fc.array(mutation, { maxLength: 4 }),
          (i, muts) => {
            checkFixes(mutate(corpusFiles[i]!.text, muts));
          },
        ),
        { seed: SEED + 8, numRuns: runs(25) },
      );
    });

    it('never throw, spans and positions agree', () => {
      fc.assert(
        fc.property(
          fc.nat({ max: Math.max(0, corpusFiles.length - 1) }),
          fc.array(mutation, { minLength: 1, maxLength: 8 }),
          (i, muts) => {
            lintAndCheck(mutate(corpusFiles[i]!.text, muts));
          },
        ),
        { seed: SEED + 4, numRuns: runs(80) },
      );
    });
  },
);

describe('(b) fixes', () => {
  it('on generated Dockerfiles: each fix alone re-parses and clears its finding, fixing all reaches a fixed point', () => {
    fc.assert(
      fc.property(dockerfileText, (text) => {
        checkFixes(text);
      }),
      { seed: SEED + 5, numRuns: runs(150) },
    );
    expect(stats.fixes).toBeGreaterThan(150);
    expect(stats.passes).toBeGreaterThanOrEqual(2);
    // the fix of every rule fixable when these generators were written was tried (a new rule: add fragments)
    expect([...stats.rules].sort()).toEqual(
      expect.arrayContaining([
        'absolute-workdir',
        'apk-no-cache',
        'apt-assume-yes',
        'apt-clean-lists',
        'apt-no-install-recommends',
        'copy-dest-slash',
        'dependency-layer-order',
        'exec-form',
        'late-cleanup',
        'no-cd-in-run',
        'no-maintainer',
        'npm-ci',
        'pip-no-cache-dir',
        'pipefail',
        'prefer-copy',
        'prefer-slim-base',
        'single-cmd',
        'single-entrypoint',
      ]),
    );
  });

  it('on mutated fixtures', () => {
    const fixtures = fixtureDockerfiles();
    fc.assert(
      fc.property(fc.nat({ max: fixtures.length - 1 }), fc.array(mutation, { maxLength: 4 }), (i, muts) => {
        checkFixes(mutate(fixtures[i]!, muts));
      }),
      { seed: SEED + 6, numRuns: runs(60) },
    );
  });

  it('on the issue example', () => {
    checkFixes(EXAMPLE);
    checkFixes(EXAMPLE.replace(/\n/g, '\r\n'));
  });
});

describe('(c) shell word offsets', () => {
  it('on generated Dockerfiles', () => {
    fc.assert(
      fc.property(dockerfileText, (text) => {
        checkWordOffsets(text);
      }),
      { seed: SEED + 7, numRuns: runs(200) },
    );
  });

  (corpusFiles.length > 0 ? it : it.skip)(
    corpusFiles.length > 0 ? 'on every corpus file' : `on every corpus file — skipped: ${CORPUS} not found`,
    () => {
      let words = 0;
      for (const { name, text } of corpusFiles) {
        try {
          words += checkWordOffsets(text);
        } catch (err) {
          throw new Error(`${name}: ${(err as Error).message}`, { cause: err });
        }
      }
      // the corpus has thousands of RUN words: the check did look at them
      expect(words).toBeGreaterThan(5000);
    },
  );
});

// ---------------------------------------------------------------------------------------------------------------
// Compose

const composeCorpus: string[] = existsSync(COMPOSE_CORPUS)
  ? readdirSync(COMPOSE_CORPUS)
      .sort()
      .map((name) => readFileSync(join(COMPOSE_CORPUS, name), 'utf8'))
  : [];

const SERVICE_LINES = [
  'image: nginx',
  'image: "redis:latest"',
  'image: postgres:16@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  'build: .',
  'build:\n      context: ./api\n      dockerfile: Dockerfile',
  'privileged: true',
  'restart: always',
  'network_mode: host',
  'networks: [back]',
  'user: root',
  'container_name: app',
  'cap_add: [ALL]',
  'ports:\n      - 80:80\n      - "127.0.0.1:5432:5432"',
  'ports: ["${PORT:-8080}:8080", 9000]',
  'volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n      - "./data:/data"',
  'environment:\n      PASSWORD: hunter2\n      TOKEN: ${TOKEN}',
  'environment: [DB_PASSWORD=secret, DEBUG=1]',
  'depends_on:\n      db:\n        condition: service_healthy',
  'depends_on: [db]',
  'healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost"]',
  'healthcheck:\n      disable: true',
  'command: ["npm", "start"]',
  'security_opt: ["seccomp:unconfined"]',
  'deploy:\n      resources:\n        limits: {memory: 512M}',
  '<<: *base',
  'extends:\n      service: base',
];

const composeText = fc
  .tuple(
    fc.constantFrom('', 'version: "3.8"\n', 'name: demo\n', 'x-base: &base\n  restart: unless-stopped\n'),
    fc.array(
      fc.tuple(
        fc.constantFrom('web', 'db', 'api', 'base', 'WEB'),
        fc.array(fc.constantFrom(...SERVICE_LINES), { maxLength: 6 }),
      ),
      { minLength: 1, maxLength: 4 },
    ),
    fc.constantFrom('', 'networks:\n  back:\n', 'volumes:\n  data:\n', 'secrets:\n  s:\n    file: ./s.txt\n'),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([head, services, tail, eol]) =>
    (
      head +
      'services:\n' +
      services.map(([name, lines]) => `  ${name}:\n${lines.map((l) => `    ${l}\n`).join('')}`).join('') +
      tail
    ).replace(/\n/g, eol),
  );

const YAML_INSERTS = [
  ':',
  ': ',
  '- ',
  '\n',
  '\n  ',
  '  ',
  '\t',
  '&a ',
  '*a',
  '{',
  '}',
  '[',
  ']',
  ',',
  '"',
  "'",
  '#',
  '|\n',
  '!reset ',
  '${',
  '$$',
  'é',
  '\u0000',
];
const yamlMutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('insert' as const, 'delete' as const, 'duplicate' as const),
  at: fc.nat(),
  len: fc.integer({ min: 1, max: 12 }),
  text: fc.oneof(fc.constantFrom(...YAML_INSERTS), fc.string({ unit: 'binary', maxLength: 3 })),
});

/** YAML errors other than duplicate keys (which Compose rejects, but the file still reads). */
const yamlErrors = (text: string): string[] =>
  parseCompose('compose.yaml', text)
    .problems.filter((p) => !p.message.startsWith('duplicate key'))
    .map((p) => p.message);

const composeStats = { fixes: 0 };

/** Each fix alone keeps the YAML readable (when it was) and clears its finding; fixing all reaches a fixed point. */
function checkComposeFixes(text: string): void {
  const findings = lintAndCheck(text, 'compose.yaml');
  const readable = yamlErrors(text).length === 0;
  for (const f of findings.filter((x) => x.fix)) {
    composeStats.fixes++;
    const fixed = applyEdits(text, [f], true);
    expect(fixed.applied, f.rule).toEqual([f]);
    if (readable) expect(yamlErrors(fixed.text), `${f.rule}: ${JSON.stringify(fixed.text)}`).toEqual([]);
    const after = lintAndCheck(fixed.text, 'compose.yaml');
    expect(
      after.filter((x) => x.rule === f.rule).length,
      `${f.rule} fix did not clear its finding: ${JSON.stringify(text)} -> ${JSON.stringify(fixed.text)}`,
    ).toBeLessThan(findings.filter((x) => x.rule === f.rule).length);
  }
  const all = fixSource({ path: 'compose.yaml', text }, CONFIG, { unsafe: true });
  const appliedRules = new Set(all.applied.map((f) => f.rule));
  expect(all.result.findings.filter((f) => f.fix && appliedRules.has(f.rule)).map((f) => f.rule)).toEqual([]);
  lintAndCheck(all.text, 'compose.yaml');
}

describe('(d) Compose files', () => {
  it('generated from fragments: never throws, spans and positions agree, deterministic', () => {
    fc.assert(
      fc.property(composeText, (text) => {
        const first = lintAndCheck(text, 'compose.yaml');
        expect(lintSource({ path: 'compose.yaml', text }, CONFIG).findings).toEqual(first);
      }),
      { seed: SEED + 9, numRuns: runs(150) },
    );
  });

  it('generated, then mutated', () => {
    fc.assert(
      fc.property(composeText, fc.array(yamlMutation, { minLength: 1, maxLength: 6 }), (text, muts) => {
        lintAndCheck(mutate(text, muts), 'compose.yaml');
      }),
      { seed: SEED + 10, numRuns: runs(150) },
    );
  });

  it('fixes on generated files: each re-reads and clears its finding, fixing all reaches a fixed point', () => {
    fc.assert(
      fc.property(composeText, (text) => {
        checkComposeFixes(text);
      }),
      { seed: SEED + 11, numRuns: runs(80) },
    );
    expect(composeStats.fixes).toBeGreaterThan(20);
  });

  (composeCorpus.length > 0 ? it : it.skip)(
    composeCorpus.length > 0
      ? 'mutations of corpus files'
      : `mutations of corpus files — skipped: ${COMPOSE_CORPUS} not found`,
    () => {
      fc.assert(
        fc.property(
          fc.nat({ max: Math.max(0, composeCorpus.length - 1) }),
          fc.array(yamlMutation, { maxLength: 6 }),
          (i, muts) => {
            checkComposeFixes(mutate(composeCorpus[i]!, muts));
          },
        ),
        { seed: SEED + 12, numRuns: runs(40) },
      );
    },
  );

  it('arbitrary strings as Compose', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        lintAndCheck(text, 'compose.yaml');
      }),
      { seed: SEED + 13, numRuns: runs(100) },
    );
  });
});
