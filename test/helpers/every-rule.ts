/**
 * A config with every rule on (the ones off by default at the severity their options would give them) but ShellCheck,
 * an outside process that the tests of its own rule cover, and no time budget: what the robustness tests lint with.
 */
import type { LintConfig } from '../../src/lint/engine.js';
import { ALL_RULES } from '../../src/lint/rules/index.js';

export const EVERY_RULE: LintConfig = {
  rules: Object.fromEntries(
    ALL_RULES.map((r) => [
      r.id,
      {
        severity:
          r.id === 'shellcheck' ? 'off' : r.severity === 'off' ? (r.whenConfigured ?? 'info') : r.severity,
      },
    ]),
  ),
  limits: { timeBudgetMs: 3_600_000 },
};
