/** Config errors: the error type, and how a schema violation becomes one sentence with the key's line. */
import { isMap, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import type { ErrorObject } from 'ajv';
import type { Rule } from '../lint/rule.js';
import { findRules } from '../lint/rules/index.js';
import type { ConfigFormat } from './config.js';

export class ConfigError extends Error {
  constructor(
    readonly path: string,
    readonly line: number | null,
    readonly detail: string,
  ) {
    super(`${path}${line ? `:${line}` : ''}: ${detail}`);
    this.name = 'ConfigError';
  }
}

export function unknownOption(rule: Rule, key: string, option: string): string {
  const known = Object.keys(rule.schema ?? {}).map((o) => `\`${o}\``);
  const hint =
    option === 'options'
      ? ': options go right under the rule, beside `severity`'
      : known.length > 0
        ? ` (its options: ${known.join(', ')})`
        : ` (\`${rule.id}\` takes no options, only \`severity\`)`;
  return `unknown option \`rules.${key}.${option}\`${hint}`;
}

/**
 * The most useful error first: unknown keys, then the deepest wrong value (a rule entry is a severity or an object
 * of options: a wrong option's type says more than "must be a severity"), enums before other checks.
 */
export function pickError(errors: ErrorObject[]): ErrorObject {
  const depth = (e: ErrorObject): number => e.instancePath.split('/').length;
  const rank = (e: ErrorObject): number => (e.keyword === 'enum' ? 0 : e.keyword === 'oneOf' ? 2 : 1);
  return (
    errors.find((e) => e.keyword === 'additionalProperties') ??
    [...errors].sort((a, b) => depth(b) - depth(a) || rank(a) - rank(b))[0]!
  );
}

export function keyPath(instancePath: string): string;
export function keyPath(instancePath: string, joined: false): string[];
export function keyPath(instancePath: string, joined = true): string | string[] {
  const parts = instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return joined ? parts.join('.') : parts;
}

export function describe(err: ErrorObject, format: ConfigFormat): string {
  const at = keyPath(err.instancePath);
  const where = at ? `\`${at}\`` : 'the top level';
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = (err.params as { additionalProperty: string }).additionalProperty;
      const parts = keyPath(err.instancePath, false);
      const rule = parts.length === 2 && parts[0] === 'rules' ? findRules(parts[1]!)[0] : undefined;
      if (format === 'dockreview' && rule) return unknownOption(rule, parts[1]!, key);
      const full = at ? `${at}.${key}` : key;
      return `unknown key \`${full}\`${format === 'hadolint' ? ' in hadolint config' : ''}`;
    }
    case 'enum':
      return `${where} must be one of ${((err.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => `\`${String(v)}\``).join(', ')}`;
    case 'type':
      return `${where} must be ${(err.params as { type: string }).type === 'array' ? 'a list' : `of type ${(err.params as { type: string }).type}`}`;
    default:
      return `${where} ${err.message ?? 'is invalid'}`;
  }
}

export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The line of the YAML node at a JSON pointer; for unknown keys, the key itself. */
export function nodeLine(
  doc: Document,
  text: string,
  pointer: string,
  params: object,
  keyOnly = false,
): number | null {
  const parts = keyPath(pointer, false);
  const extra = (params as { additionalProperty?: string }).additionalProperty;
  if (extra !== undefined) {
    parts.push(extra);
    keyOnly = true;
  }
  let node: YamlNode | null | undefined = doc.contents as YamlNode | null;
  let keyOffset: number | undefined;
  for (const part of parts) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === part);
      if (!pair) break;
      keyOffset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      node = pair.value as YamlNode | null;
    } else if (isSeq(node)) {
      node = node.items[Number(part)] as YamlNode | undefined;
      keyOffset = undefined;
    } else break;
  }
  const offset = keyOnly ? keyOffset : (node?.range?.[0] ?? keyOffset);
  return offset === undefined ? null : lineOf(text, offset);
}
