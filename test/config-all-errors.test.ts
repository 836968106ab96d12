/**
 * An invalid config reports every problem it has at once, each with its line and column: from the config layer, in
 * the CLI (exit 2, one stderr line each) and in the App's check run (one list item each, escaped). A config with
 * thousands of problems lists the first MAX_LISTED_PROBLEMS and says how many more.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Probot } from 'probot';
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyConfigText,
  ConfigError,
  defaultConfig,
  globProblem,
  MAX_LISTED_PROBLEMS,
} from '../src/config/config.js';
import { configErrorReason, configErrorSummary } from '../src/github/flow.js';
import { lintIn } from './helpers/cli.js';
import { FakeGitHub, ROUTES, addedFilePatch, pullRequestPayload, useFakeGitHub } from './helpers/github.js';

/** Six distinct problems, one of each kind, on the lines of SIX_AT. */
const SIX = [
  '# one of each mistake', //                     1
  'fail_on: error', //                             2  fine
  'max_coment: 10', //                             3  unknown key
  'suggestions: "yes"', //                         4  wrong type
  'files:', //                                     5
  '  include:', //                                 6
  '    - "docker/[abc"', //                        7  a glob that cannot match
  'rules:', //                                     8
  '  no-such-rule: off', //                        9  unknown rule id
  '  trusted-registries:', //                      10
  '    registry: [ghcr.io]', //                    11 unknown rule option
  '  no-latest-tag: loud', //                      12 bad severity
  '',
].join('\n');

/** [line, column, what the problem's text says] of each of SIX's problems, in the file's order. */
const SIX_AT: [number, number, RegExp][] = [
  [3, 1, /^unknown key `max_coment`$/],
  [4, 14, /^`suggestions` must be of type boolean$/],
  [7, 7, /^the pattern `docker\/\[abc` in `files.include` has a `\[` that is never closed/],
  [9, 3, /^unknown rule `no-such-rule` in `rules`/],
  [11, 5, /^unknown option `rules.trusted-registries.registry` \(its options: `registries`/],
  [12, 18, /^`rules.no-latest-tag` must be one of `off`, `style`, `info`, `warning`, `error`$/],
];

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

function expectSix(lines: string[], path: string): void {
  expect(lines).toHaveLength(SIX_AT.length);
  SIX_AT.forEach(([line, column, detail], i) => {
    const prefix = `${path}:${line}:${column}: `;
    expect(lines[i]!.startsWith(prefix), `${lines[i]} should start with ${prefix}`).toBe(true);
    expect(lines[i]!.slice(prefix.length)).toMatch(detail);
  });
}

describe('the config layer', () => {
  it('reports all six problems of one file, in order, with line and column', () => {
    const e = configError(() => applyConfigText(defaultConfig(), '.github/dockreview.yml', SIX));
    expect(e.total).toBe(6);
    expect(e.problems.map((p) => [p.line, p.column])).toEqual(SIX_AT.map(([l, c]) => [l, c]));
    expectSix(e.lines(), '.github/dockreview.yml');
    // the first problem is still the error's own line and detail
    expect([e.line, e.column, e.detail]).toEqual([3, 1, 'unknown key `max_coment`']);
  });

  it('every problem of a .hadolint.yaml too', () => {
    const text = 'ignored: DL3007\nfailure-threshold: fatal\ntrustedRegistries: [docker.io]\nstrict: true\n';
    const e = configError(() => applyConfigText(defaultConfig(), '.hadolint.yaml', text));
    expect(e.lines()).toEqual([
      '.hadolint.yaml:1:10: `ignored` must be a list',
      expect.stringMatching(/^\.hadolint\.yaml:2:20: `failure-threshold` must be one of /),
      '.hadolint.yaml:4:1: unknown key `strict` in hadolint config',
    ]);
  });

  it('one problem per mistake: a rule entry with an unknown option is not also called "not a severity"', () => {
    const e = configError(() =>
      applyConfigText(defaultConfig(), 'c.yml', 'rules:\n  no-latest-tag:\n    severty: error\n'),
    );
    expect(e.lines()).toEqual([
      'c.yml:3:5: unknown option `rules.no-latest-tag.severty` (`no-latest-tag` takes no options, only `severity`)',
    ]);
  });

  it('a file with thousands of problems lists the first 50 and counts the rest', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `unknown_${i}: 1`).join('\n');
    const e = configError(() => applyConfigText(defaultConfig(), 'big.yml', text));
    expect(e.total).toBe(1000);
    const lines = e.lines();
    expect(lines).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(lines[0]).toBe('big.yml:1:1: unknown key `unknown_0`');
    expect(lines[MAX_LISTED_PROBLEMS - 1]).toBe(
      `big.yml:${MAX_LISTED_PROBLEMS}:1: unknown key \`unknown_${MAX_LISTED_PROBLEMS - 1}\``,
    );
    expect(lines[MAX_LISTED_PROBLEMS]).toBe(`… and ${1000 - MAX_LISTED_PROBLEMS} more problems`);
  });

  it('every YAML syntax error is listed, not only the first', () => {
    const e = configError(() =>
      applyConfigText(defaultConfig(), 'c.yml', 'fail_on: error\n\tx: 1\nmax_comments: 1\n\ty: 2\n'),
    );
    expect(e.problems.map((p) => p.line)).toEqual(expect.arrayContaining([2, 4]));
    for (const p of e.problems) expect(p.detail).toMatch(/^not valid YAML: /);
  });
});

describe('globProblem', () => {
  it('names the patterns that cannot match, and accepts the ones that can', () => {
    for (const bad of [
      '',
      '!',
      '/docker/**',
      './docker/**',
      'docker/[abc',
      '**/Dockerfile.{dev,prod',
      'x'.repeat(5000),
    ])
      expect(globProblem(bad), JSON.stringify(bad.slice(0, 30))).not.toBeNull();
    for (const good of [
      '**/Dockerfile',
      '!vendor/**',
      'docker/[abc]/x',
      '[]]',
      '**/*.{yml,yaml}',
      'a\\[b',
      'a\\{b',
      'docker/{a,{b,c}}',
    ])
      expect(globProblem(good), good).toBeNull();
  });
});

describe('the CLI', () => {
  const root = mkdtempSync(join(tmpdir(), 'dockreview-config-errors-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, '.git'));
  mkdirSync(join(root, '.github'));
  writeFileSync(join(root, '.github/dockreview.yml'), SIX);
  writeFileSync(join(root, 'Dockerfile'), 'FROM alpine:3.20\n');

  it('exits 2 and prints all six problems, one line each, with line and column', async () => {
    const r = await lintIn(root, ['Dockerfile']);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.every((l) => l.startsWith('dockreview: '))).toBe(true);
    expectSix(
      lines.map((l) => l.slice('dockreview: '.length)),
      join(root, '.github/dockreview.yml'),
    );
  });

  it('with --config, the same six', async () => {
    const r = await lintIn(root, ['-c', '.github/dockreview.yml', 'Dockerfile']);
    expect(r.code).toBe(2);
    expectSix(
      r.stderr
        .trimEnd()
        .split('\n')
        .map((l) => l.replace(/^dockreview: /, '')),
      join(root, '.github/dockreview.yml'),
    );
  });

  it('an invalid .hadolint.yaml beside it: both files’ problems at once', async () => {
    const both = mkdtempSync(join(root, 'both-'));
    mkdirSync(join(both, '.git'));
    mkdirSync(join(both, '.github'));
    writeFileSync(join(both, '.github/dockreview.yml'), 'fail_onn: error\n');
    writeFileSync(join(both, '.hadolint.yaml'), 'ignore: [DL3007]\n');
    writeFileSync(join(both, 'Dockerfile'), 'FROM alpine:3.20\n');
    const r = await lintIn(both, ['-f', 'json', 'Dockerfile']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `dockreview: ${join(both, '.github/dockreview.yml')}:1:1: unknown key \`fail_onn\`\n` +
        `dockreview: ${join(both, '.hadolint.yaml')}:1:1: unknown key \`ignore\` in hadolint config\n`,
    );
    // the report's entry carries the first problem and the count
    const report = JSON.parse(r.stdout) as { files: { error?: string }[] };
    expect(report.files[0]!.error).toBe(
      `invalid config: ${join(both, '.github/dockreview.yml')}:1:1: unknown key \`fail_onn\` (and 1 more problem)`,
    );
  });
});

describe("the App's check run", () => {
  let gh: FakeGitHub;
  let probot: Probot;
  useFakeGitHub((g, p) => {
    gh = g;
    probot = p;
  });

  it('lists all six problems, one item each, and fails', async () => {
    gh.token()
      .createCheckRun()
      .listFiles([{ path: 'Dockerfile', patch: addedFilePatch('FROM alpine:3.20\n') }])
      .graphql({
        head: { Dockerfile: 'FROM alpine:3.20\n' },
        defaultBranch: { '.github/dockreview.yml': SIX },
      })
      .updateCheckRun();
    await probot.receive({ id: 'd1', name: 'pull_request', payload: pullRequestPayload() } as never);
    gh.verify();
    const [update] = gh.bodies<{ conclusion: string; output: { title: string; summary: string } }>(
      ROUTES.updateCheck,
    );
    expect(update!.conclusion).toBe('failure');
    expect(update!.output.title).toBe('Invalid dockreview configuration');
    const summary = update!.output.summary.split('\n');
    expect(summary[0]).toBe('Invalid configuration, 6 problems:');
    const items = summary.filter((l) => l.startsWith('- ')).map((l) => l.slice(2));
    // rendered as markdown: the text outside code spans is escaped (`files.include` is in a code span, `[` too)
    expectSix(items, '.github/dockreview.yml');
    expect(summary[summary.length - 1]).toBe(
      'Fix the configuration on the default branch, then re-run this check.',
    );
  });

  it('escapes what the config quotes, and caps the list', () => {
    const keys = [
      'x: 1',
      '"@everyone <img src=x> [a](https://evil.example)": 1',
      '"`": 1',
      ...Array.from({ length: 200 }, (_, i) => `k${i}: 1`),
    ];
    const e = configError(() => applyConfigText(defaultConfig(), '.github/dockreview.yml', keys.join('\n')));
    const summary = configErrorSummary(e);
    const items = summary.split('\n').filter((l) => l.startsWith('- '));
    expect(items).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(items[items.length - 1]).toBe(`- … and ${e.total - MAX_LISTED_PROBLEMS} more problems`);
    // the hostile key is quoted as one code span: nothing in it renders live
    expect(items[1]).toBe(
      '- .github/dockreview.yml:2:1: unknown key `@everyone <img src=x> [a](https://evil.example)`',
    );
    // a key that is a backtick still makes one code span, not a live one
    expect(items[2]).toBe('- .github/dockreview.yml:3:1: unknown key `` ` ``');
    expect(configErrorReason(e)).toBe(
      `Invalid configuration: .github/dockreview.yml:1:1: unknown key \`x\` (and ${e.total - 1} more problems: see the check run)`,
    );
  });
});
