/** Config errors: the error type, and how a schema violation becomes one sentence with the key's line. */
import { isMap, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import type { ErrorObject } from 'ajv';
import type { Rule } from '../lint/rule.js';
import { findRules } from '../lint/rules/index.js';
import type { ConfigFormat } from './config.js';
import { code } from '../lint/quote.js';

/** One thing wrong in a config file: where (line and column from 1, when known) and what. */
export interface ConfigProblem {
  path: string;
  line: number | null;
  column: number | null;
  detail: string;
}

/**
 * Problems listed at most, in a message and in a check run: a config file is the repository's text, and one
 * crafted to have thousands of problems must not make an error thousands of lines long.
 */
export const MAX_LISTED_PROBLEMS = 50;

/** `path:line:column: detail`, as compilers write it (editors jump to it). */
export function problemText(p: ConfigProblem): string {
  const at = p.line ? `:${p.line}${p.column ? `:${p.column}` : ''}` : '';
  return `${p.path}${at}: ${p.detail}`;
}

/**
 * A config that cannot be used, with every problem found in it (in the order of the file), so that one run shows
 * all of them rather than one per attempt. `path`, `line`, `column` and `detail` are the first problem's.
 */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];
  /** How many problems were found: more than `problems` holds when the collection stopped early. */
  readonly total: number;

  constructor(path: string, line: number | null, detail: string, column?: number | null);
  constructor(problems: readonly ConfigProblem[], total?: number);
  constructor(
    a: string | readonly ConfigProblem[],
    b?: number | null,
    detail?: string,
    column?: number | null,
  ) {
    const problems =
      typeof a === 'string' ? [{ path: a, line: b ?? null, column: column ?? null, detail: detail! }] : a;
    if (problems.length === 0) throw new TypeError('a ConfigError needs a problem');
    const total = typeof a === 'string' ? 1 : Math.max(b ?? problems.length, problems.length);
    super(problemLines(problems, total).join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
    this.total = total;
  }

  get path(): string {
    return this.problems[0]!.path;
  }

  get line(): number | null {
    return this.problems[0]!.line;
  }

  get column(): number | null {
    return this.problems[0]!.column;
  }

  get detail(): string {
    return this.problems[0]!.detail;
  }

  /** One line per problem, the first MAX_LISTED_PROBLEMS of them, then how many more there are. */
  lines(): string[] {
    return problemLines(this.problems, this.total);
  }

  /** The errors of several config files (a dockreview.yml and a .hadolint.yaml) as one. */
  static merge(errors: readonly ConfigError[]): ConfigError {
    if (errors.length === 1) return errors[0]!;
    return new ConfigError(
      errors.flatMap((e) => e.problems),
      errors.reduce((n, e) => n + e.total, 0),
    );
  }
}

function problemLines(problems: readonly ConfigProblem[], total: number): string[] {
  const lines = problems.slice(0, MAX_LISTED_PROBLEMS).map(problemText);
  const more = total - lines.length;
  if (more > 0) lines.push(`… and ${more} more problem${more === 1 ? '' : 's'}`);
  return lines;
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * A key or value of the config quoted in a problem: one code span whatever it holds (it reaches GitHub markdown),
 * its control characters written as escapes (`\x1b`), so the terminal shows what is in the file rather than a
 * space.
 */
export function quote(s: string): string {
  return code(s.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}

export function unknownOption(rule: Rule, key: string, option: string): string {
  const known = Object.keys(rule.schema ?? {}).map((o) => `\`${o}\``);
  const hint =
    option === 'options'
      ? ': options go right under the rule, beside `severity`'
      : known.length > 0
        ? ` (its options: ${known.join(', ')})`
        : ` (\`${rule.id}\` takes no options, only \`severity\`)`;
  return `unknown option ${quote(`rules.${key}.${option}`)}${hint}`;
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
  const where = at ? quote(at) : 'the top level';
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = (err.params as { additionalProperty: string }).additionalProperty;
      const parts = keyPath(err.instancePath, false);
      const rule = parts.length === 2 && parts[0] === 'rules' ? findRules(parts[1]!)[0] : undefined;
      if (format === 'dockreview' && rule) return unknownOption(rule, parts[1]!, key);
      const full = at ? `${at}.${key}` : key;
      return `unknown key ${quote(full)}${format === 'hadolint' ? ' in hadolint config' : ''}`;
    }
    case 'enum':
      return `${where} must be one of ${((err.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => `\`${String(v)}\``).join(', ')}`;
    case 'type': {
      // ajv joins the types of a `type: [...]` with commas: `string,array` is "a string or a list"
      const types = String((err.params as { type: string | string[] }).type).split(',');
      if (types.length === 1 && types[0] !== 'array') return `${where} must be of type ${types[0]}`;
      return `${where} must be ${types.map((t) => (t === 'array' ? 'a list' : `a ${t}`)).join(' or ')}`;
    }
    default:
      return `${where} ${err.message ?? 'is invalid'}`;
  }
}

export interface Position {
  line: number;
  column: number;
}

/**
 * Lines and columns (from 1) of offsets in one text: the line starts are found once, then each offset is a binary
 * search, so a file with thousands of problems is not rescanned for each.
 */
export class Positions {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  at(offset: number): Position {
    if (!this.starts) {
      this.starts = [0];
      for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) this.starts.push(i + 1);
    }
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }
}

/** The position of the YAML node at a JSON pointer; for unknown keys (and with `keyOnly`), of the key itself. */
export function nodePosition(
  doc: Document,
  positions: Positions,
  pointer: string,
  params: object,
  keyOnly = false,
): Position | null {
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
  return offset === undefined ? null : positions.at(offset);
}
