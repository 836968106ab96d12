/**
 * The SARIF report: valid SARIF 2.1.0 (against the OASIS schema shipped in @microsoft/jest-sarif), with the rule
 * metadata GitHub code scanning shows (help URIs, levels) and regions that agree with the JSON report.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import type { Log, Result } from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type Io } from '../src/cli/main.js';
import { ALL_RULES, docsUrl } from '../src/lint/rules/index.js';
import type { Finding } from '../src/lint/types.js';
import type { JsonReport } from '../src/report/json.js';
import { toSarif } from '../src/report/sarif.js';
import { EXAMPLE_FIXED_UNSAFE } from './helpers/example.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const FIXTURES = join(ROOT, 'fixtures/cli');
const SCHEMA = join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let validate: ValidateFunction;
let root: string;

beforeAll(() => {
  // The schema is draft-04 (`id`, draft-04 `$schema`), which ajv 8 does not know as a meta-schema; it uses no
  // draft-04-only keyword (no boolean exclusiveMinimum) and only local `$ref`s, so ajv 8 checks it the same way
  // once those two keys are dropped. Formats (uri, date-time) need ajv-formats, which we do not install. One
  // `pattern` (the `language` tag, `…{2}]?$`) has a stray bracket that is an error under the `u` flag ajv 8 uses
  // by default: `unicodeRegExp: false` reads it as JSON Schema draft-04 (ECMA 262 without `u`) does.
  const schema = JSON.parse(readFileSync(SCHEMA, 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  delete schema.id;
  validate = new Ajv({
    strict: false,
    allErrors: true,
    validateFormats: false,
    unicodeRegExp: false,
  }).compile(schema);

  root = mkdtempSync(join(tmpdir(), 'dockreview-sarif-'));
  mkdirSync(join(root, '.git'));
  for (const dir of ['bar', 'errors', 'small', 'clean']) {
    cpSync(join(FIXTURES, dir), join(root, dir), { recursive: true });
  }
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    isTTY: false,
    cwd: root,
    env: {},
    readStdin: () => '',
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(validate.errors ?? [], 'SARIF schema errors').toEqual([]);
  expect(ok).toBe(true);
}

async function sarifOf(...argv: string[]): Promise<Log> {
  const r = await run(['lint', '--format', 'sarif', ...argv]);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Log;
}

describe('the schema check itself', () => {
  it('rejects what is not SARIF 2.1.0', () => {
    expect(validate({ version: '2.1.0', runs: [] })).toBe(true);
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false); // driver needs a name
    const badRegion = {
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'x' } },
          results: [
            {
              message: { text: 'm' },
              locations: [{ physicalLocation: { artifactLocation: { uri: 'D' }, region: { startLine: 0 } } }],
            },
          ],
        },
      ],
    };
    expect(validate(badRegion)).toBe(false);
    expect(validate({ ...badRegion, runs: [{ ...badRegion.runs[0], results: [{ level: 'fatal' }] }] })).toBe(
      false,
    );
  });
});

describe('SARIF from the CLI', () => {
  it('is valid SARIF 2.1.0 with one run by dockreview', async () => {
    const log = await sarifOf('bar', 'errors', 'small', 'clean');
    expectValid(log);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]!.tool.driver).toMatchObject({
      name: 'dockreview',
      version: VERSION,
      informationUri: expect.stringMatching(/^https:\/\//),
    });
  });

  it('describes every rule it uses, once, with a help URI and the default level', async () => {
    const log = await sarifOf('bar', 'errors', 'small');
    const run = log.runs[0]!;
    const rules = run.tool.driver.rules ?? [];
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const used = new Set((run.results ?? []).map((r) => r.ruleId));
    expect(used.size).toBeGreaterThan(5);
    expect([...used].every((id) => ids.includes(id!))).toBe(true);
    expect(ids.every((id) => used.has(id))).toBe(true); // only the rules in use: a small log
    for (const rule of rules) {
      const def = ALL_RULES.find((r) => r.id === rule.id)!;
      expect(rule.helpUri).toBe(docsUrl(rule.id));
      expect(rule.helpUri).toMatch(/^https:\/\/.*\/docs\/rules\/[a-z0-9-]+\.md$/);
      expect(rule.shortDescription?.text).toBe(def.summary);
      expect(rule.fullDescription?.text).toBeTruthy();
      expect(rule.help?.text).toContain(docsUrl(rule.id));
      expect(rule.defaultConfiguration?.level).toBe(
        { error: 'error', warning: 'warning', info: 'note', style: 'note' }[def.severity as 'error'],
      );
      expect(rule.properties?.aliases).toEqual(def.aliases);
    }
  });

  it('maps severities to levels: error→error, warning→warning, info and style→note', async () => {
    // small: apk-no-cache (info), exec-form (info: a lone command; made style, then warning, here); errors:
    // json-single-quotes,
    // expose-valid-port (error)
    const log = await sarifOf('--rule', 'exec-form=style', 'small', 'errors');
    expectValid(log);
    const levels = Object.fromEntries((log.runs[0]!.results ?? []).map((r) => [r.ruleId, r.level]));
    expect(levels).toEqual({
      'apk-no-cache': 'note',
      'exec-form': 'note',
      'json-single-quotes': 'error',
      'expose-valid-port': 'error',
    });
    const warn = await sarifOf('--rule', 'exec-form=warning', 'small');
    expect(warn.runs[0]!.results!.find((r) => r.ruleId === 'exec-form')!.level).toBe('warning');
  });

  it('regions are 1-based, well ordered and the same as in the JSON report', async () => {
    const args = ['bar', 'errors', 'small'];
    const log = await sarifOf(...args);
    const json = JSON.parse((await run(['lint', '--format', 'json', ...args])).stdout) as JsonReport;
    const expected = json.files.flatMap((f) => f.findings.map((x) => ({ uri: f.path, ...x })));
    const results = log.runs[0]!.results ?? [];
    expect(results).toHaveLength(expected.length);
    results.forEach((result, i) => {
      const want = expected[i]!;
      const loc = result.locations![0]!.physicalLocation!;
      const region = loc.region!;
      expect(result.ruleId).toBe(want.rule);
      expect(result.message.text).toBe(want.message);
      expect(loc.artifactLocation!.uri).toBe(want.uri);
      expect(region.startLine).toBeGreaterThanOrEqual(1);
      expect(region.startColumn).toBeGreaterThanOrEqual(1);
      expect(region.endLine).toBeGreaterThanOrEqual(region.startLine!);
      if (region.endLine === region.startLine) expect(region.endColumn).toBeGreaterThan(region.startColumn!);
      expect(region).toEqual({
        startLine: want.line,
        startColumn: want.column,
        endLine: want.endLine,
        endColumn: want.endColumn,
      });
    });
  });

  it('carries fixes as replacements that rebuild the fixed file', async () => {
    const log = await sarifOf('bar');
    const original = readFileSync(join(root, 'bar/Dockerfile'), 'utf8');
    const withFix = (log.runs[0]!.results ?? []).filter((r) => r.fixes);
    expect(withFix.map((r) => r.ruleId).sort()).toEqual([
      'apt-clean-lists',
      'apt-no-install-recommends',
      'exec-form',
      'pip-no-cache-dir',
      'prefer-slim-base',
    ]);
    const suggestion = withFix.find((r) => r.ruleId === 'prefer-slim-base')!;
    expect(suggestion.fixes![0]!.description!.text).toMatch(/\(suggestion\)$/);
    expect(withFix.find((r) => r.ruleId === 'exec-form')!.fixes![0]!.description!.text).not.toMatch(
      /suggestion/,
    );
    // all five fixes touch disjoint text: applied together they give what --fix-unsafe writes
    const replacements = withFix.flatMap((r) => {
      const change = r.fixes![0]!.artifactChanges[0]!;
      expect(change.artifactLocation.uri).toBe('bar/Dockerfile');
      return change.replacements;
    });
    let text = original;
    for (const rep of [...replacements].sort(
      (a, b) => b.deletedRegion.charOffset! - a.deletedRegion.charOffset!,
    )) {
      const start = rep.deletedRegion.charOffset!;
      text =
        text.slice(0, start) +
        (rep.insertedContent?.text ?? '') +
        text.slice(start + rep.deletedRegion.charLength!);
    }
    expect(text).toBe(EXAMPLE_FIXED_UNSAFE);
  });

  it('a clean run is a valid log with no results', async () => {
    const log = await sarifOf('clean');
    expectValid(log);
    expect(log.runs[0]!.results).toEqual([]);
    expect(log.runs[0]!.tool.driver.rules ?? []).toEqual([]);
  });

  it('--output writes the same log to a file', async () => {
    const r = await run(['lint', '-f', 'sarif', '-o', 'out.sarif', 'small']);
    expect(r.stdout).toBe('');
    const log = JSON.parse(readFileSync(join(root, 'out.sarif'), 'utf8')) as Log;
    expectValid(log);
    expect(log.runs[0]!.results).toHaveLength(2);
  });
});

describe('toSarif', () => {
  const finding = (over: Partial<Finding>): Finding => ({
    rule: 'exec-form',
    aliases: ['DL3025'],
    severity: 'warning',
    message: 'm',
    line: 3,
    column: 1,
    endLine: 3,
    endColumn: 1, // an empty range at the start of a line
    span: { start: 10, end: 10 },
    ...over,
  });
  const options = { version: '9.9.9', rules: ALL_RULES, docsUrl };
  const locationOf = (r: Result) => r.locations![0]!.physicalLocation!;

  it('widens an empty range to one column, so the region stays valid', () => {
    const log = toSarif([{ path: 'D', kind: 'dockerfile', findings: [finding({})] }], options);
    expectValid(log);
    expect(locationOf(log.runs[0]!.results![0]!).region).toEqual({
      startLine: 3,
      startColumn: 1,
      endLine: 3,
      endColumn: 2,
    });
  });

  it('keeps a range that ends at column 1 of a later line', () => {
    const log = toSarif(
      [
        {
          path: 'D',
          kind: 'dockerfile',
          findings: [finding({ line: 2, column: 5, endLine: 4, endColumn: 1 })],
        },
      ],
      options,
    );
    expectValid(log);
    expect(locationOf(log.runs[0]!.results![0]!).region).toEqual({
      startLine: 2,
      startColumn: 5,
      endLine: 4,
      endColumn: 1,
    });
  });

  it('writes URIs: relative paths with forward slashes and escapes, absolute paths as file: URIs', () => {
    const log = toSarif(
      [
        { path: 'svc\\api\\Dockerfile', kind: 'dockerfile', findings: [finding({})] },
        { path: 'my dir/Dockerfile#1', kind: 'dockerfile', findings: [finding({})] },
        { path: '/abs/path/Dockerfile', kind: 'dockerfile', findings: [finding({})] },
      ],
      options,
    );
    expectValid(log);
    expect(log.runs[0]!.results!.map((r) => locationOf(r).artifactLocation!.uri)).toEqual([
      'svc/api/Dockerfile',
      'my%20dir/Dockerfile%231',
      'file:///abs/path/Dockerfile',
    ]);
  });

  it('files that could not be read add no result and keep the log valid', () => {
    const log = toSarif(
      [{ path: 'gone', kind: 'dockerfile', findings: [], error: 'cannot read file (EACCES)' }],
      options,
    );
    expectValid(log);
    expect(log.runs[0]!.results).toEqual([]);
  });
});
