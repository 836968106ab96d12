/**
 * Regular expressions that could backtrack for a long time, run on adversarial strings: long runs of the character
 * a pattern is ambiguous about, then a mismatch. Each pattern was quadratic (seconds at 20 000 characters, hours at
 * the 1 MiB size limit) before it was rewritten; at 50 000 characters a regression blows vitest's timeout. No timing
 * assertion: the timeout is the guard, and the results are checked for the meaning the rewrite had to keep.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initLint, lintSource, type LintConfig } from '../src/lint/engine.js';
import { fixSource } from '../src/lint/fix.js';
import { findRules } from '../src/lint/rules/index.js';
import { replaceVarRefs, substituteVars } from '../src/lint/dockerfile/var-syntax.js';
import { nameTokens } from '../src/lint/secrets.js';
import type { Finding } from '../src/lint/types.js';

beforeAll(async () => {
  await initLint();
});

const N = 50_000;
const CONFIG: LintConfig = { rules: { shellcheck: { severity: 'off' } } };
const T = { timeout: 20_000 };

function lint(path: string, text: string, related?: Record<string, string | null>): Finding[] {
  const input = { path, text, ...(related ? { related: new Map(Object.entries(related)) } : {}) };
  const findings = lintSource(input, CONFIG).findings;
  for (const f of findings) expect(f.message, f.rule).not.toMatch(/^internal error/);
  return findings;
}

describe('helpers that replaced backtracking patterns', () => {
  it('replaceVarRefs: `${` never closed, as `/\\$\\{[^}]*\\}|\\$NAME/g` reads it', T, () => {
    expect(replaceVarRefs('a${B}c$D-${E:-x}$', '', true)).toBe('ac-$');
    expect(replaceVarRefs('${A:-${B}}', '$V', false)).toBe('$V}');
    expect(replaceVarRefs('${A', '', true)).toBe('${A');
    const open = '${'.repeat(N);
    expect(replaceVarRefs(open, '', true)).toBe(open);
    expect(replaceVarRefs(`${open}}`, '', true)).toBe('');
    expect(replaceVarRefs('$'.repeat(N) + 'A', '', true)).toBe('$'.repeat(N - 1));
  });

  it('substituteVars: a default that never closes, many times over', T, () => {
    const vars = new Map([['A', 'x']]);
    expect(substituteVars('${A:-d}/${B:-d}/$A/${C}', vars)).toBe('x/d/x/${C}');
    const text = '${A:-'.repeat(N / 5);
    expect(substituteVars(text, vars)).toBe(text);
    expect(substituteVars(`${text}$A`, vars)).toBe(`${text}x`);
  });

  it('nameTokens: a long run of capitals (camelCase split)', T, () => {
    expect(nameTokens('AWSSecretKey')).toEqual(['aws', 'secret', 'key']);
    expect(nameTokens('myAPIToken_v2')).toEqual(['my', 'api', 'token', 'v2']);
    expect(nameTokens('A'.repeat(N))).toEqual(['a'.repeat(N)]);
  });
});

describe('rules on adversarial Dockerfiles', () => {
  it('trailing-slash trimming on a path of slashes (COPY, WORKDIR, trusted registries…)', T, () => {
    const slashes = '/'.repeat(N);
    lint('Dockerfile', `FROM alpine:3.20\nCOPY ${slashes}x ${slashes}y\n`);
    lint('Dockerfile', `FROM alpine:3.20\nWORKDIR ${slashes}a\nRUN rm -rf ${slashes}x && npm ci\n`);
    lint('Dockerfile', `FROM alpine:3.20\nRUN docker login ${slashes}x\n`);
  });

  it('cutting at `?`/`#`/`=` with a newline far behind (URLs, pip specs, package pins)', T, () => {
    const hashes = '#'.repeat(N);
    lint('Dockerfile', `FROM alpine:3.20\nRUN curl -O "https://x/${'?'.repeat(N)}\n"\n`);
    lint('Dockerfile', `FROM python:3.12\nRUN pip install "git+https://x/r.git${hashes}\n"\n`);
    lint('Dockerfile', `FROM debian:12\nRUN apt-get install -y "gcc${'~'.repeat(N)}\n"\n`);
  });

  it('`export` of a long name without `=` (TLS verification switched off)', T, () => {
    const f = lint(
      'Dockerfile',
      `FROM alpine:3.20\nRUN export ${'A'.repeat(N)} GIT_SSL_NO_VERIFY=1 && git clone x\n`,
    );
    expect(f.map((x) => x.rule)).toContain('no-tls-verify-disabled');
  });

  it('`${X:-` defaults that never close, in packages and images', T, () => {
    lint('Dockerfile', `FROM alpine:3.20\nRUN apk add --no-cache ${'${A:-'.repeat(N / 5)}\n`);
    lint('Dockerfile', `ARG A\nFROM ${'${A:-'.repeat(N / 5)}\n`);
  });

  it('secret-looking names and values built to backtrack', T, () => {
    const f = lint(
      'Dockerfile',
      `FROM alpine:3.20\nARG ${'A'.repeat(N)}Token\nENV API_TOKEN=${'${'.repeat(N)}\n`,
    );
    expect(f.map((x) => x.rule)).toContain('no-secrets-in-arg-env');
  });

  it('runs of blanks and continuations', T, () => {
    lint('Dockerfile', `FROM alpine:3.20\nRUN ${' '.repeat(N)}\\\n${' \t'.repeat(N / 2)}x\n`);
    lint('Dockerfile', `FROM alpine:3.20\nENV A=${' '.repeat(N)}\\\n  B\nLABEL a="${'\\\\'.repeat(N / 2)}\n`);
  });
});

describe('ignore pragmas', () => {
  // the pragma regex took 51 s on this: blanks that both `\\s*` and the id class could take, then no match
  it('a 98 KiB file of one comment line', T, () => {
    for (const comment of [
      `# hadolint ignore=${' '.repeat(98 * 1024)}!`,
      `# hadolint ignore=${'a '.repeat(49 * 1024)}!`,
      `# dockreview global ignore=${' '.repeat(98 * 1024)}x!`,
      `# check=${' '.repeat(98 * 1024)}`,
    ]) {
      const f = quick(() => lint('Dockerfile', `${comment}\nFROM alpine:3.20\n`));
      expect(f.map((x) => x.rule)).not.toContain('lint-time-budget');
    }
    const ignored = quick(() =>
      lint('Dockerfile', `# hadolint global ignore=${' '.repeat(98 * 1024)}DL3007\nFROM alpine:latest\n`),
    );
    expect(ignored.map((x) => x.rule)).not.toContain('no-latest-tag');
  });
});

describe('rules on adversarial Compose files', () => {
  it('a quoted volume full of `${`', T, () => {
    lint(
      'compose.yaml',
      `services:\n  a:\n    image: x:1\n    volumes:\n      - "${'${'.repeat(N)}:/data"\n`,
    );
  });

  it('long runs in ports, images and environment', T, () => {
    lint(
      'compose.yaml',
      `services:\n  a:\n    image: "${'/'.repeat(N)}x"\n    ports: ["${'0'.repeat(N)}:80"]\n`,
    );
    lint(
      'compose.yaml',
      `services:\n  a:\n    image: x:1\n    environment:\n      ${'A'.repeat(N)}Password: "${'$'.repeat(N)}"\n`,
    );
  });
});

/** Runs `fn` and checks it took under `ms` of wall time (a second by default: the inputs below take milliseconds). */
function quick<T>(fn: () => T, ms = 1000): T {
  const t = performance.now();
  const out = fn();
  expect(performance.now() - t).toBeLessThan(ms);
  return out;
}

/**
 * Globs from the pull request: picomatch compiled these to backtracking regexes (a `*` is `[^/]*?`), so a few dozen
 * bytes of pattern against a few dozen characters of path ran for minutes. The matcher is now an automaton
 * (src/lint/glob.ts).
 */
describe('globs written in the pull request', () => {
  const stars = `${'a*'.repeat(13)}b`;
  const name = 'a'.repeat(60);

  it('a 28-byte .dockerignore line against a long COPY source (copy-ignored-file)', T, () => {
    const ignore = `${'*a'.repeat(13)}b\n`;
    expect(ignore.length).toBe(28);
    const f = quick(() =>
      lint('Dockerfile', `FROM alpine:3.20\nCOPY ${name} /x\nCOPY ${name}b /y\n`, {
        '.dockerignore': ignore,
        'Dockerfile.dockerignore': null,
      }),
    );
    expect(f.filter((x) => x.rule === 'copy-ignored-file').map((x) => x.line)).toEqual([3]);
  });

  it('a requirements glob against a COPY source (dependency-layer-order)', T, () => {
    const text = `FROM python:3.12\nCOPY ${name} ./\nCOPY . .\nRUN pip install -r ${stars}\n`;
    expect(text.length).toBeLessThan(180);
    const f = quick(() => lint('Dockerfile', text));
    expect(f.filter((x) => x.rule === 'dependency-layer-order').map((x) => x.line)).toEqual([3]);
    const copied = `FROM python:3.12\nCOPY ${name}b ./\nCOPY . .\nRUN pip install -r ${stars}\n`;
    expect(
      quick(() => lint('Dockerfile', copied)).filter((x) => x.rule === 'dependency-layer-order'),
    ).toEqual([]);
  });

  it(
    'a COPY source glob against the lock files (npm-ci) and an rm glob (apt-clean-lists, late-cleanup)',
    T,
    () => {
      quick(() => lint('Dockerfile', `FROM node:22\nCOPY ${'*?'.repeat(40)}x ./\nRUN npm install\n`));
      quick(() =>
        lint(
          'Dockerfile',
          `FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/${'*a'.repeat(40)}x ${'{a,b}'.repeat(40)}\n`,
        ),
      );
    },
  );
});

describe('rows of RUNs', () => {
  // one finding with a fix spanning the rest of the row per RUN was quadratic: 4 000 lines took 24 s and 830 MB,
  // 10 000 ran out of memory. Parsing 10 000 RUNs alone takes a second or two on a loaded machine: 10 s bounds.
  it(
    '10 000 consecutive one-command RUNs: one finding, one fix, fixed in one pass',
    { timeout: 60_000 },
    () => {
      const text = `FROM alpine:3.20\n${'RUN true\n'.repeat(10_000)}`;
      const only = findRules('consecutive-run');
      const config: LintConfig = { ...CONFIG, limits: { timeBudgetMs: 60_000 } };
      const f = quick(
        () => lintSource({ path: 'Dockerfile', text }, config, undefined, only).findings,
        10_000,
      );
      expect(f.map((x) => x.rule)).toEqual(['consecutive-run']);
      expect(f[0]!.fix!.edits.reduce((n, e) => n + e.text.length, 0)).toBeLessThan(2 * text.length);
      const fixed = quick(() => fixSource({ path: 'Dockerfile', text }, config, { rules: only }), 10_000);
      expect(fixed.text).toBe(`FROM alpine:3.20\nRUN true${' \\\n    && true'.repeat(9_999)}\n`);
    },
  );
});
