/**
 * The real-world corpus (../shared/corpus/dockerfiles, third-party files read in place, never copied): every file
 * lints without an internal error, its findings serialise to the documented JSON shape, and fixing terminates
 * with text that parses.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  detectKind,
  initLint,
  lintFiles,
  lintSource,
  type FileResult,
  type LintConfig,
} from '../src/lint/engine.js';
import { applyEdits, fixSource } from '../src/lint/fix.js';
import { parseDockerfile } from '../src/lint/dockerfile/model.js';
import { formatJson } from '../src/report/json.js';
import { ALL_RULES, findRules } from '../src/lint/rules/index.js';
import { spawnSync } from 'node:child_process';
import { EVERY_RULE } from './helpers/every-rule.js';

const CORPUS = fileURLToPath(new URL('../../shared/corpus/dockerfiles/', import.meta.url));
// ShellCheck (an external process per file) is covered once, on its own, by the last test
const CONFIG: LintConfig = { rules: { shellcheck: { severity: 'off' } } };
const MAX_PASSES = 10;
const rulesById = new Map(ALL_RULES.map((r) => [r.id, [r]]));
const VALID_SYNTAX = findRules('valid-syntax');
/** Files per batched ShellCheck run in the ShellCheck test. */
const SHELLCHECK_WINDOW = 50;

const present = existsSync(CORPUS);
const files = present
  ? readdirSync(CORPUS)
      .sort()
      // corpus names are `<owner>__<repo>__<path with / as __>`: lint them under their path in the repository
      .map((name) => ({
        name,
        path: name.split('__').slice(2).join('/'),
        text: readFileSync(join(CORPUS, name), 'utf8'),
      }))
  : [];

(present ? describe : describe.skip)(
  present ? 'corpus of real Dockerfiles' : `corpus of real Dockerfiles — skipped: ${CORPUS} not found`,
  () => {
    const results = new Map<string, FileResult>();

    // every corpus file linted once for the tests below: seconds, more on a loaded runner than a hook's default 10 s
    beforeAll(async () => {
      await initLint();
      for (const f of files) results.set(f.name, lintSource({ path: f.path, text: f.text }, CONFIG));
    }, 120_000);

    it('holds Dockerfiles, each named as one', () => {
      expect(files.length).toBeGreaterThan(200);
      expect(files.filter((f) => detectKind(f.path) !== 'dockerfile').map((f) => f.name)).toEqual([]);
    });

    it('every file lints without an internal error', () => {
      const internal = files.flatMap((f) =>
        results
          .get(f.name)!
          .findings.filter((x) => x.message.startsWith('internal error'))
          .map((x) => `${f.name}: ${x.rule}: ${x.message}`),
      );
      expect(internal).toEqual([]);
      expect(files.every((f) => results.get(f.name)!.kind === 'dockerfile')).toBe(true);
      // and it finds things: the corpus is real-world code
      const total = [...results.values()].reduce((n, r) => n + r.findings.length, 0);
      expect(total).toBeGreaterThan(files.length);
    });

    it('linting is deterministic', () => {
      for (const f of files.slice(0, 40)) {
        expect(lintSource({ path: f.path, text: f.text }, CONFIG), f.name).toEqual(results.get(f.name));
      }
    });

    it('the findings serialise to the documented JSON shape, keys exactly', () => {
      const reportFiles = files.map((f) => results.get(f.name)!);
      const json = formatJson(reportFiles);
      expect(json.endsWith('}\n')).toBe(true);
      expect(formatJson(reportFiles)).toBe(json);
      const doc = JSON.parse(json) as Record<string, unknown>;
      expect(Object.keys(doc)).toEqual(['version', 'files']);
      expect(doc.version).toBe(1);
      const out = doc.files as Record<string, unknown>[];
      expect(out.length).toBe(files.length);
      let withFix = 0;
      out.forEach((file, i) => {
        const source = reportFiles[i]!;
        expect(Object.keys(file)).toEqual(['path', 'kind', 'findings']);
        expect(file.path).toBe(source.path);
        expect(file.kind).toBe('dockerfile');
        const findings = file.findings as Record<string, unknown>[];
        expect(findings.length).toBe(source.findings.length);
        findings.forEach((jf, k) => {
          const f = source.findings[k]!;
          const keys = ['rule', 'aliases', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn'];
          expect(Object.keys(jf)).toEqual(f.fix ? [...keys, 'fix'] : keys);
          expect(jf).toMatchObject({
            rule: f.rule,
            aliases: f.aliases,
            severity: f.severity,
            message: f.message,
            line: f.line,
            column: f.column,
            endLine: f.endLine,
            endColumn: f.endColumn,
          });
          expect(jf.aliases).toSatisfy(
            (a: unknown) => Array.isArray(a) && a.every((x) => typeof x === 'string'),
          );
          if (f.fix) {
            withFix++;
            const fix = jf.fix as Record<string, unknown>;
            expect(Object.keys(fix)).toEqual(['description', 'safe', 'edits']);
            expect(typeof fix.description).toBe('string');
            expect(typeof fix.safe).toBe('boolean');
            for (const e of fix.edits as Record<string, unknown>[]) {
              expect(Object.keys(e)).toEqual(['start', 'end', 'text']);
              expect([typeof e.start, typeof e.end, typeof e.text]).toEqual(['number', 'number', 'string']);
            }
            expect(fix.edits).toEqual(f.fix.edits);
          }
        });
      });
      expect(withFix).toBeGreaterThan(50);
    });

    it('each fix alone keeps a valid file valid', () => {
      const broken: string[] = [];
      for (const f of files) {
        const result = results.get(f.name)!;
        if (result.findings.some((x) => x.rule === 'valid-syntax')) continue;
        for (const finding of result.findings.filter((x) => x.fix)) {
          const fixed = applyEdits(f.text, [finding], true).text;
          const errors = lintSource(
            { path: f.path, text: fixed },
            CONFIG,
            'dockerfile',
            VALID_SYNTAX,
          ).findings;
          if (errors.length > 0)
            broken.push(`${f.name}:${finding.line} ${finding.rule}: ${errors[0]!.message}`);
        }
      }
      expect(broken).toEqual([]);
    });

    // every rule's fixes on the corpus as written, with CRLF line ends, and indented (heredoc delimiters then no
    // longer close them)
    it.each([
      ['as written', (t: string) => t],
      ['CRLF', (t: string) => t.replace(/\r?\n/g, '\r\n')],
      ['indented', (t: string) => t.replace(/^(?=.)/gm, '  ')],
    ] as const)(
      'each fix alone clears its finding (%s)',
      (_variant, variant) => {
        const stuck: string[] = [];
        let checked = 0;
        for (const f of files) {
          const text = variant(f.text);
          const findings = lintSource({ path: f.path, text }, EVERY_RULE).findings;
          const count = (list: readonly { rule: string }[], rule: string) =>
            list.filter((x) => x.rule === rule).length;
          for (const finding of findings.filter((x) => x.fix)) {
            checked++;
            // the fixed text linted with the finding's rule alone: rules run independently of one another (the
            // engine runs each on its own and dedupes per rule), so its count is what every rule on would give,
            // at a hundredth of the rules' time — the whole suite's slowest loop
            const after = lintSource(
              { path: f.path, text: applyEdits(text, [finding], true).text },
              EVERY_RULE,
              'dockerfile',
              rulesById.get(finding.rule)!,
            );
            if (count(after.findings, finding.rule) >= count(findings, finding.rule))
              stuck.push(`${f.name}:${finding.line} ${finding.rule}`);
          }
        }
        expect(stuck).toEqual([]);
        expect(checked).toBeGreaterThan(500);
      },
      60_000,
    );

    it('fixing everything (unsafe) reaches a fixed point within the pass bound, and the result parses', () => {
      const problems: string[] = [];
      let applied = 0;
      for (const f of files) {
        const r = fixSource({ path: f.path, text: f.text }, CONFIG, { unsafe: true, maxPasses: MAX_PASSES });
        applied += r.applied.length;
        if (r.passes >= MAX_PASSES) problems.push(`${f.name}: still fixing after ${r.passes} passes`);
        const left = r.result.findings.filter((x) => x.fix);
        if (left.length > 0)
          problems.push(
            `${f.name}: fixable findings left: ${left.map((x) => `${x.line} ${x.rule}`).join(', ')}`,
          );
        const internal = r.result.findings.filter((x) => x.message.startsWith('internal error'));
        if (internal.length > 0)
          problems.push(`${f.name}: internal error after fixing: ${internal[0]!.message}`);
        try {
          parseDockerfile(f.path, r.text);
        } catch (err) {
          problems.push(`${f.name}: the fixed text does not parse: ${(err as Error).message}`);
        }
        // a file the builder accepted stays accepted
        const before = results.get(f.name)!.findings.filter((x) => x.rule === 'valid-syntax').length;
        const after = r.result.findings.filter((x) => x.rule === 'valid-syntax').length;
        if (after > before) problems.push(`${f.name}: fixing added ${after - before} syntax error(s)`);
      }
      expect(problems).toEqual([]);
      expect(applied).toBeGreaterThan(100);
    });

    const noShellcheck = spawnSync('shellcheck', ['--version']).status !== 0;
    it.skipIf(noShellcheck)(
      `ShellCheck runs on every file: findings inside the file, mapped to real lines, no internal error${noShellcheck ? ' — skipped: `shellcheck` is not on PATH' : ''}`,
      async () => {
        const only = findRules('shellcheck');
        const problems: string[] = [];
        let count = 0;
        // batched as the CLI and the app run it (one ShellCheck process for a window of files, not one per file);
        // shellcheck-batch.test.ts holds the batched findings equal to one file at a time
        const results: FileResult[] = [];
        for (let i = 0; i < files.length; i += SHELLCHECK_WINDOW) {
          const window = files.slice(i, i + SHELLCHECK_WINDOW);
          const items = window.map((f) => ({
            input: { path: f.path, text: f.text },
            config: { rules: {} },
            kind: 'dockerfile' as const,
          }));
          results.push(...(await lintFiles(items, only)));
        }
        for (const [i, f] of files.entries()) {
          const r = results[i]!;
          for (const x of r.findings) {
            count++;
            if (x.message.startsWith('internal error')) problems.push(`${f.name}: ${x.message}`);
            if (x.span.start < 0 || x.span.end > f.text.length || x.line > f.text.split('\n').length)
              problems.push(`${f.name}: ${x.line}:${x.column} outside the file`);
          }
        }
        expect(problems).toEqual([]);
        expect(count).toBeGreaterThan(files.length / 2);
      },
      // a few ShellCheck processes in all; seconds, far more on a loaded runner
      240_000,
    );
  },
);
