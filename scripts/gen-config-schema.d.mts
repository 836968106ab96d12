// Types of scripts/gen-config-schema.mjs, for test/rule-options.test.ts (which checks the schema from the sources).
import type { Rule } from '../src/lint/rule.js';

export function ruleProperties(rules: readonly Rule[]): Record<string, unknown>;
