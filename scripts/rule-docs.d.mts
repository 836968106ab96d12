// Types of scripts/rule-docs.mjs, for test/rule-docs.test.ts (which checks every page's header from the sources).
import type { Rule } from '../src/lint/rule.js';

export const BEGIN: string;
export const END: string;
export function toolOf(alias: string): string;
export function typeName(schema: object): string;
export function renderHeader(rule: Rule): string;
export function withHeader(page: string, rule: Rule): string;
