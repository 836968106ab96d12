/** The public API of the lint core: lint and fix container files in-process. */
export {
  initLint,
  lintSource,
  lintFiles,
  detectKind,
  type LintItem,
  type FileResult,
  type LintConfig,
  type RuleSettings,
} from './engine.js';
export { fixSource, applyEdits, type FixOptions, type FixResult } from './fix.js';
export { ALL_RULES, findRules, docsUrl } from './rules/index.js';
export type { Rule, RuleMeta } from './rule.js';
export type { Finding, Fix, TextEdit, Severity, SeveritySetting, FileKind, SourceInput } from './types.js';
