/**
 * Per-file limits (src/lint/limits.ts): the size limit and the time budget, their config, and inputs built to be
 * hard — alias bombs, deep nesting, 100 000-line files, huge lines. The hard inputs are guarded by vitest timeouts,
 * never by timing assertions: each must return a result, with findings or the limit finding.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyConfigText, ConfigError, defaultConfig } from '../src/config/config.js';
import { parseCompose } from '../src/lint/compose/model.js';
import { initLint, lintSource, rulesFor, type LintConfig } from '../src/lint/engine.js';
import { DEFAULT_LIMITS, formatBytes, utf8Length } from '../src/lint/limits.js';
import { findRules } from '../src/lint/rules/index.js';
import type { Finding } from '../src/lint/types.js';

beforeAll(async () => {
  await initLint();
});

const BASE: LintConfig = { rules: { shellcheck: { severity: 'off' } } };
const MiB = 1024 * 1024;
const rules = (findings: readonly Finding[]): string[] => [...new Set(findings.map((f) => f.rule))].sort();

/** A Dockerfile of exactly `bytes` bytes (ASCII), with findings of its own (MAINTAINER). */
function dockerfileOf(bytes: number): string {
  const head = 'FROM alpine:3.20\nMAINTAINER me\n';
  return head + '#'.repeat(bytes - head.length - 1) + '\n';
}

describe('the size limit', () => {
  it('defaults to 1 MiB of UTF-8', () => {
    expect(DEFAULT_LIMITS.maxFileSize).toBe(MiB);
    expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
    expect(utf8Length('é'.repeat(10), 5)).toBeGreaterThan(5);
    expect(formatBytes(MiB)).toBe('1 MiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
  });

  it('a file at the limit is linted; one byte more gets exactly one finding and is not parsed', () => {
    const at = lintSource({ path: 'Dockerfile', text: dockerfileOf(MiB) }, BASE);
    expect(rules(at.findings)).toContain('no-maintainer');
    expect(rules(at.findings)).not.toContain('file-too-large');

    const over = lintSource({ path: 'Dockerfile', text: dockerfileOf(MiB + 1) }, BASE);
    expect(over.findings).toHaveLength(1);
    const f = over.findings[0]!;
    expect(f).toMatchObject({ rule: 'file-too-large', severity: 'error', line: 1, column: 1, endLine: 1 });
    expect(f.message).toContain('1 MiB limit');
    expect(f.message).toContain('limits.max_file_size');
    expect(f.span).toEqual({ start: 0, end: 'FROM alpine:3.20'.length });
    expect(f.fix).toBeUndefined();
  });

  it('counts bytes, not characters', () => {
    // 600 000 characters, 1.2 MB in UTF-8
    const text = `FROM alpine:3.20\n# ${'é'.repeat(600_000)}\n`;
    expect(text.length).toBeLessThan(MiB);
    expect(lintSource({ path: 'Dockerfile', text }, BASE).findings.map((f) => f.rule)).toEqual([
      'file-too-large',
    ]);
  });

  it('applies to Compose files, and follows the configured limit', () => {
    const text = 'services:\n  web:\n    image: nginx\n';
    const config: LintConfig = { ...BASE, limits: { maxFileSize: 20 } };
    const r = lintSource({ path: 'compose.yaml', text }, config);
    expect(r.kind).toBe('compose');
    expect(r.findings.map((f) => [f.rule, f.line, f.column])).toEqual([['file-too-large', 1, 1]]);
    expect(r.findings[0]!.message).toContain(`This file is ${text.length} bytes, over the 20 bytes limit`);
    expect(rules(lintSource({ path: 'compose.yaml', text }, BASE).findings)).not.toContain('file-too-large');
  });

  it('judges the size the caller reports when the text is only the start of the file', () => {
    const r = lintSource({ path: 'Dockerfile', text: 'FROM alpine:3.20\n', byteSize: 5 * MiB }, BASE);
    expect(r.findings.map((f) => f.rule)).toEqual(['file-too-large']);
    expect(r.findings[0]!.message).toContain('5 MiB');
  });

  it('takes a severity from config; switched off, the file is still not linted', () => {
    const text = dockerfileOf(MiB + 10);
    const warn = lintSource(
      { path: 'Dockerfile', text },
      { rules: { 'file-too-large': { severity: 'warning' } } },
    );
    expect(warn.findings.map((f) => f.severity)).toEqual(['warning']);
    const off = lintSource(
      { path: 'Dockerfile', text },
      { rules: { 'file-too-large': { severity: 'off' } } },
    );
    expect(off.findings).toEqual([]);
  });

  it('an empty file within the limit is linted as usual', () => {
    expect(rules(lintSource({ path: 'Dockerfile', text: '' }, BASE).findings)).toEqual(['valid-syntax']);
  });
});

describe('the time budget', () => {
  const TEXT = 'FROM alpine:latest\nMAINTAINER me\nCMD python app.py\n';
  const RULES = ['no-latest-tag', 'no-maintainer', 'exec-form', 'require-user'].map(
    (id) => findRules(id)[0]!,
  );

  /** A clock that advances `step` ms each time it is read. */
  const clock = (step: number): (() => number) => {
    let t = 0;
    return () => (t += step);
  };

  it('skips the rules after the budget is spent, keeps the findings of those that ran, and says which it skipped', () => {
    // read at the start, then before each rule: 1000, 2000 (at the budget: still runs), 3000 (over: stop)
    const config: LintConfig = { rules: {}, limits: { timeBudgetMs: 2000, now: clock(1000) } };
    const ran = rulesFor('dockerfile', config, RULES).map((e) => e.rule.id);
    const r = lintSource({ path: 'Dockerfile', text: TEXT }, config, 'dockerfile', RULES);
    const budget = r.findings.filter((f) => f.rule === 'lint-time-budget');
    expect(budget).toHaveLength(1);
    expect(budget[0]).toMatchObject({ line: 1, column: 1, severity: 'error' });
    expect(r.incomplete).toEqual([
      `linting it ran past its 2000 ms time budget, so ${ran.length - 2} rules were skipped`,
    ]);
    const skipped = ran.slice(2);
    expect(budget[0]!.message).toContain(`${skipped.length} rules were skipped`);
    for (const id of skipped) expect(budget[0]!.message).toContain(`\`${id}\``);
    expect(budget[0]!.message).toContain('3000 ms, over the 2000 ms budget');
    const others = rules(r.findings.filter((f) => f.rule !== 'lint-time-budget'));
    expect(others).toEqual([...ran.slice(0, 2)].sort());
  });

  it('says nothing while the file stays within its budget', () => {
    const config: LintConfig = { rules: {}, limits: { timeBudgetMs: 2000, now: () => 42 } };
    const r = lintSource({ path: 'Dockerfile', text: TEXT }, config, 'dockerfile', RULES);
    expect(rules(r.findings)).toEqual(['exec-form', 'no-latest-tag', 'no-maintainer', 'require-user']);
  });

  it('counts parsing against the budget, and applies to Compose files', () => {
    // the start and the first check are 5000 ms apart: no rule runs
    const config: LintConfig = { rules: {}, limits: { timeBudgetMs: 100, now: clock(5000) } };
    const r = lintSource({ path: 'compose.yaml', text: 'services:\n  web:\n    privileged: true\n' }, config);
    expect(r.findings.map((f) => f.rule)).toEqual(['lint-time-budget']);
    expect(r.findings[0]!.message).toMatch(/\d+ rules were skipped \(`compose-/);
  });

  it('takes a severity from config; switched off, rules are still skipped', () => {
    const at = (severity: 'error' | 'off'): Finding[] =>
      lintSource(
        { path: 'Dockerfile', text: TEXT },
        {
          rules: { 'lint-time-budget': { severity } },
          limits: { timeBudgetMs: 1, now: clock(1000) },
        },
        'dockerfile',
        RULES,
      ).findings;
    expect(at('error').map((f) => [f.rule, f.severity])).toEqual([['lint-time-budget', 'error']]);
    expect(at('off')).toEqual([]);
  });
});

describe('limits in dockreview.yml', () => {
  it('sets the size limit and the time budget', () => {
    const config = applyConfigText(
      defaultConfig(),
      '.github/dockreview.yml',
      'limits:\n  max_file_size: 2097152\n  time_budget_ms: 500\n',
    );
    expect(config.limits).toEqual({ maxFileSize: 2097152, timeBudgetMs: 500 });
    const only = applyConfigText(defaultConfig(), 'dockreview.yml', 'limits: { time_budget_ms: 9000 }\n');
    expect(only.limits).toEqual({ timeBudgetMs: 9000 });
  });

  it.each([
    ['limits: { max_file_size: 0 }\n', 'limits.max_file_size'],
    ['limits: { max_file_size: 1.5 }\n', 'limits.max_file_size'],
    ['limits: { time_budget_ms: "fast" }\n', 'limits.time_budget_ms'],
    ['limits:\n  max_size: 10\n', 'unknown key `limits.max_size`'],
  ])('rejects %j', (text, detail) => {
    expect(() => applyConfigText(defaultConfig(), 'dockreview.yml', text)).toThrow(ConfigError);
    expect(() => applyConfigText(defaultConfig(), 'dockreview.yml', text)).toThrow(detail);
  });
});

describe('YAML aliases', () => {
  it('a real file with 100+ aliases is read in full', () => {
    let text: string;
    try {
      text = readFileSync(
        new URL('../../shared/corpus/compose/getsentry__self-hosted__docker-compose.yml', import.meta.url),
        'utf8',
      );
    } catch {
      // without ../shared/corpus: a file of the same shape
      text =
        'x-common: &common\n  restart: unless-stopped\n  logging: {driver: json-file}\nservices:\n' +
        Array.from({ length: 150 }, (_, i) => `  s${i}:\n    <<: *common\n    image: "app:${i}"\n`).join('');
    }
    expect((text.match(/\*[A-Za-z]/g) ?? []).length).toBeGreaterThan(100);
    const model = parseCompose('compose.yaml', text);
    expect(model.problems.filter((p) => p.message.startsWith('refused'))).toEqual([]);
    expect(model.services.length).toBeGreaterThan(10);
  });

  it('a billion laughs is refused at the alias that sets it off', { timeout: 20_000 }, () => {
    const lines = ['l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i <= 9; i++)
      lines.push(
        `l${i}: &l${i} [${Array(9)
          .fill(`*l${i - 1}`)
          .join(', ')}]`,
      );
    lines.push('services:', '  web:', '    image: nginx:1.27', '    command: *l9', '');
    const text = lines.join('\n');
    const r = lintSource({ path: 'compose.yaml', text }, BASE);
    const refused = r.findings.filter((f) => f.message.startsWith('Refused to expand the YAML aliases'));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ rule: 'compose-schema', line: 14, column: 14 });
    expect(text.slice(refused[0]!.span.start, refused[0]!.span.end)).toBe('*l9');
  });
});

/** Each must come back with a result; the limit finding is a result. */
function lintsToResult(path: string, text: string, config: LintConfig = BASE): Finding[] {
  const r = lintSource({ path, text }, config);
  for (const f of r.findings) {
    expect(f.message, f.rule).not.toMatch(/^internal error/);
    expect(f.span.end).toBeLessThanOrEqual(text.length);
  }
  return r.findings;
}

// the engine itself on these: the size limit and the time budget out of the way (vitest's timeout guards)
const LARGE: LintConfig = { ...BASE, limits: { maxFileSize: 64 * MiB, timeBudgetMs: 3_600_000 } };

describe('inputs built to be hard', () => {
  it('10 000 nested flow sequences and mappings', { timeout: 60_000 }, () => {
    for (const text of [
      `x: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
      `x: ${'{a: '.repeat(10_000)}${'}'.repeat(10_000)}\n`,
    ]) {
      const findings = lintsToResult('compose.yaml', text);
      expect(findings.map((f) => f.message)).toContain('Not readable: the YAML is nested too deeply.');
    }
  });

  it('10 000 nested shell substitutions and subshells in a RUN', { timeout: 60_000 }, () => {
    for (const body of [
      `${'$('.repeat(10_000)}x${')'.repeat(10_000)}`,
      `${'('.repeat(10_000)}x${')'.repeat(10_000)}`,
    ])
      expect(rules(lintsToResult('Dockerfile', `FROM alpine:3.20\nRUN ${body}\n`))).toContain('require-user');
  });

  it('a 100 000-line Dockerfile', { timeout: 120_000 }, () => {
    const lines = ['FROM debian:12'];
    const body = [
      'RUN apt-get update',
      'COPY a /a',
      'ENV X=1',
      'RUN pip install x',
      'WORKDIR /app',
      'USER app',
    ];
    for (let i = 0; i < 100_000; i++) lines.push(body[i % body.length]!);
    const text = `${lines.join('\n')}\n`;
    expect(rules(lintsToResult('Dockerfile', text))).toEqual(['file-too-large']);
    // every line has findings: the file keeps the 1 000 most severe, and says how many more there were
    const result = lintSource({ path: 'Dockerfile', text }, LARGE);
    expect(result.findings).toHaveLength(1000);
    expect(result.omitted).toBeGreaterThan(10_000);
    // its most severe findings are warnings, and there are more than 1 000 of them: only warnings are kept
    expect(new Set(result.findings.map((f) => f.severity))).toEqual(new Set(['warning']));
  });

  it('a RUN of 100 000 continuation lines', { timeout: 120_000 }, () => {
    const cmds = Array.from({ length: 100_000 }, (_, i) => `apk add p${i % 100}`);
    const text = `FROM alpine:3.20\nRUN ${cmds.join(' \\\n  && ')}\n`;
    expect(rules(lintsToResult('Dockerfile', text))).toEqual(['file-too-large']);
    expect(rules(lintsToResult('Dockerfile', text, LARGE))).toContain('apk-no-cache');
  });

  it('a 100 000-line Compose file', { timeout: 120_000 }, () => {
    const services = Array.from(
      { length: 25_000 },
      (_, i) => `  s${i}:\n    image: nginx\n    ports:\n      - "${1000 + (i % 50_000)}:80"`,
    );
    const text = `services:\n${services.join('\n')}\n`;
    expect(rules(lintsToResult('compose.yaml', text))).toEqual(['file-too-large']);
    expect(rules(lintsToResult('compose.yaml', text, LARGE))).toContain('compose-image-tag');
  });

  it('huge single lines', { timeout: 120_000 }, () => {
    lintsToResult('Dockerfile', `FROM alpine:3.20\nRUN echo ${'a'.repeat(900_000)}\n`);
    lintsToResult('Dockerfile', `FROM alpine:3.20\nRUN ${' '.repeat(900_000)}x\n`);
    lintsToResult('Dockerfile', `FROM alpine:3.20\nENV ${'A=1 '.repeat(200_000)}\n`);
    lintsToResult('compose.yaml', `services:\n  a:\n    image: "${'x'.repeat(900_000)}"\n`);
    lintsToResult(
      'compose.yaml',
      `services: {${Array.from({ length: 20_000 }, (_, i) => `s${i}: {image: x}`).join(', ')}}\n`,
    );
  });
});
