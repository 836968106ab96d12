import { defineRule } from '../../rule.js';

/** Enforced by the engine between rules (src/lint/limits.ts): this is the finding's metadata. */
export default defineRule({
  id: 'lint-time-budget',
  aliases: [],
  kind: 'any',
  severity: 'error',
  fixable: false,
  summary:
    'Linting the file ran over its time budget (`limits.time_budget_ms`, default 10 s), so the remaining rules were skipped',
  why: 'One pathological file must not hold up the review of a whole pull request; the rules that did run keep their findings, and this finding says which rules were skipped, so a clean result is never claimed for rules that did not run. It is an error because a file the engine could not finish must not pass a merge gate.',
});
