/** The rule registry: every rule by id, and lookups by id or any alias. */
import type { Rule } from '../rule.js';
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

/** The rules an id or alias names (case-insensitive); empty when it names none. */
export function findRules(idOrAlias: string): Rule[] {
  const key = idOrAlias.trim().toLowerCase();
  const rule = byKey.get(key);
  if (rule) return [rule];
  return byAlias.get(key) ?? [];
}
