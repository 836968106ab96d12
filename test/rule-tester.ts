/**
 * One tester for every rule, in the manner of ESLint's RuleTester: a table of valid sources (no finding) and
 * invalid ones (the expected findings, and the exact text after fixing). Every fix is also checked to parse and
 * to clear its own finding.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initLint, lintSource, type LintConfig } from '../src/lint/engine.js';
import { fixSource } from '../src/lint/fix.js';
import { parseCompose } from '../src/lint/compose/model.js';
import { parseDockerfile } from '../src/lint/dockerfile/model.js';
import type { Rule } from '../src/lint/rule.js';
import { ALL_RULES } from '../src/lint/rules/index.js';
import type { Finding, Severity } from '../src/lint/types.js';

export interface ValidCase {
  code: string;
  /** Related files (path → text, or null for absent), as `SourceInput.related`. */
  related?: Record<string, string | null>;
  options?: Record<string, unknown>;
  name?: string;
  path?: string;
}

export interface ExpectedFinding {
  line: number;
  column?: number;
  /** A substring the message must contain. */
  message?: string;
  /** Which of the rule's `messages` it is (for a rule that names them: prefer it to `message`). */
  messageId?: string;
  severity?: Severity;
  aliases?: string[];
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** The exact text after applying this rule's fixes (safe and suggested); omit when nothing is fixable. */
  output?: string;
}

export interface RuleTests {
  valid: (string | ValidCase)[];
  invalid: InvalidCase[];
}

function configFor(rule: Rule, options?: Record<string, unknown>): LintConfig {
  const severity = rule.severity === 'off' ? 'warning' : rule.severity;
  // fixSource lints with every registered rule: switch the others off so `output` holds this rule's fixes only
  const rules: LintConfig['rules'] = Object.fromEntries(
    ALL_RULES.map((r) => [r.id, { severity: 'off' as const }]),
  );
  rules[rule.id] = { severity: rule.severity === 'off' ? severity : undefined, options };
  return { rules };
}

function run(rule: Rule, c: ValidCase): Finding[] {
  return lintSource(
    { path: c.path ?? defaultPath(rule), text: c.code, related: relatedOf(c) },
    configFor(rule, c.options),
    undefined,
    [rule],
  ).findings;
}

export function testRule(rule: Rule, tests: RuleTests): void {
  describe(rule.id, () => {
    beforeAll(async () => {
      await initLint();
    });
    tests.valid.forEach((v, i) => {
      const c = typeof v === 'string' ? { code: v } : v;
      it(`valid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        expect(run(rule, c).map(describeFinding)).toEqual([]);
      });
    });
    tests.invalid.forEach((c, i) => {
      it(`invalid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const findings = run(rule, c);
        expect(
          findings.map((f) => f.line),
          findings.map(describeFinding).join('\n'),
        ).toEqual(c.errors.map((e) => e.line));
        c.errors.forEach((e, k) => {
          const f = findings[k]!;
          expect(f.rule).toBe(rule.id);
          if (e.column !== undefined) expect(f.column).toBe(e.column);
          if (e.message !== undefined) expect(f.message).toContain(e.message);
          if (e.messageId !== undefined) expect(f.messageId).toBe(e.messageId);
          // a rule that names its messages says everything through them
          if (rule.messages) expect(f.messageId, 'reported without a messageId').toBeDefined();
          if (e.severity !== undefined) expect(f.severity).toBe(e.severity);
          if (e.aliases !== undefined) expect(f.aliases).toEqual(e.aliases);
          expect(f.message.length).toBeGreaterThan(10);
        });
        const fixable = findings.filter((f) => f.fix);
        if (c.output === undefined) {
          expect(fixable.map(describeFinding), 'a fix was offered: add `output` to the case').toEqual([]);
          return;
        }
        for (const f of fixable) expect(f.fix!.safe).toBe(rule.fixable === 'yes');
        const fixed = fixSource(
          { path: c.path ?? defaultPath(rule), text: c.code, related: relatedOf(c) },
          configFor(rule, c.options),
          {
            unsafe: true,
            rules: [rule],
          },
        );
        expect(fixed.text).toBe(c.output);
        // the fixed file parses and no longer has the fixed findings
        if (rule.kind === 'compose') expect(parseCompose('compose.yaml', fixed.text).problems).toEqual([]);
        else expect(() => parseDockerfile('Dockerfile', fixed.text)).not.toThrow();
        const left = run(rule, { ...c, code: fixed.text });
        expect(left.filter((f) => f.fix).map(describeFinding)).toEqual([]);
      });
    });
  });
}

function relatedOf(c: ValidCase): ReadonlyMap<string, string | null> | undefined {
  return c.related ? new Map(Object.entries(c.related)) : undefined;
}

function defaultPath(rule: Rule): string {
  return rule.kind === 'compose' ? 'compose.yaml' : 'Dockerfile';
}

function describeFinding(f: Finding): string {
  return `${f.line}:${f.column} ${f.rule} ${f.message}`;
}
