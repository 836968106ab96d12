/** The rule registry: every rule by id, and lookups by id or any alias. */
import type { Rule } from '../rule.js';
import { canonicalId, shellcheckCode } from '../rule-ids.js';
import { RULE_MODULES } from './registry.js';

export const ALL_RULES: readonly Rule[] = [...RULE_MODULES].sort((a, b) => (a.id < b.id ? -1 : 1));

export const DOCS_BASE = 'https://github.com/dockreview/dockreview/blob/main/docs/rules';

export function docsUrl(id: string): string {
  return `${DOCS_BASE}/${id}.md`;
}

const byKey = new Map<string, Rule>();
for (const rule of ALL_RULES) {
  byKey.set(rule.id.toLowerCase(), rule);
}
// ids win over aliases; an alias shared by several rules (MultipleInstructionsDisallowed) maps to all of them
const byAlias = new Map<string, Rule[]>();
for (const rule of ALL_RULES) {
  for (const alias of rule.aliases) {
    const key = alias.toLowerCase();
    const list = byAlias.get(key);
    if (list) list.push(rule);
    else byAlias.set(key, [rule]);
  }
}

/**
 * The rules an id or alias names (case-insensitive, Trivy ids in any of their forms); empty when it names none. A
 * ShellCheck code names the `shellcheck` rule (see `lookupRuleId` for the code itself).
 */
export function findRules(idOrAlias: string): Rule[] {
  return lookupRuleId(idOrAlias).rules;
}

/**
 * What an id written by a user names: the rules, and, for a code that is one check of a rule (a ShellCheck code),
 * that code: a setting for it applies to that code only, not to the whole rule.
 */
export function lookupRuleId(written: string): { rules: Rule[]; code: string | null } {
  const key = canonicalId(written).toLowerCase();
  const rule = byKey.get(key);
  if (rule) return { rules: [rule], code: null };
  const aliased = byAlias.get(key);
  if (aliased) return { rules: aliased, code: null };
  const code = shellcheckCode(written);
  const shellcheck = byKey.get('shellcheck');
  if (code && shellcheck) return { rules: [shellcheck], code };
  return { rules: [], code: null };
}
