/**
 * What is wrong with a config file: the JSON schemas in `schema/`, each rule's typed options, host-only options,
 * `files` patterns that cannot match. Every problem is collected with its place (not only the first); config.ts
 * applies a file only once nothing is wrong with it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Document } from 'yaml';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Rule } from '../lint/rule.js';
import { lookupRuleId } from '../lint/rules/index.js';
import { MAX_GLOB_LENGTH } from '../lint/glob.js';
import {
  ConfigError,
  describe,
  keyPath,
  nodePosition,
  pickError,
  Positions,
  quote,
  unknownOption,
  type ConfigProblem,
} from './config-errors.js';
import type { ConfigFormat } from './config.js';

/**
 * Problems past this many are counted, not located (locating one walks the YAML from its root): a file crafted to
 * have a hundred thousand costs no more than one with a few hundred.
 */
export const MAX_COLLECTED = 200;

/** The problems of one file, collected as found and thrown together, in the order of the file. */
export class ProblemList {
  private readonly problems: ConfigProblem[] = [];
  private total = 0;

  constructor(
    private readonly path: string,
    private readonly doc: Document,
    private readonly positions: Positions,
  ) {}

  /** A problem at the YAML node a JSON pointer names (its key, with `keyOnly` or for an unknown key). */
  at(pointer: string, detail: string, params: object = {}, keyOnly = false): void {
    this.total++;
    if (this.problems.length >= MAX_COLLECTED) return;
    const pos = nodePosition(this.doc, this.positions, pointer, params, keyOnly);
    this.problems.push({ path: this.path, line: pos?.line ?? null, column: pos?.column ?? null, detail });
  }

  throwIfAny(): void {
    if (this.total === 0) return;
    // a stable sort: problems on one line keep the order they were found in
    const sorted = [...this.problems].sort(
      (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
    );
    throw new ConfigError(sorted, this.total);
  }
}

/** A JSON pointer from keys, escaped (a rule key may hold `/` or `~`). */
function pointer(...parts: string[]): string {
  return parts.map((p) => `/${p.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Every problem of a dockreview config: rule keys that name no rule, ShellCheck codes given options, host options,
 * what the schema refuses, rule options of the wrong name or type, and file patterns that cannot match.
 */
export function checkDockreview(data: unknown, found: ProblemList): void {
  // rule keys whose problem is already said: the schema would only add noise about the same entry
  const claimed = new Set<string>();
  // host options refused: the schema would call each an unknown key besides
  const hostAt = new Set<string>();
  const rulesOf = isObject(data) && isObject(data.rules) ? data.rules : undefined;
  for (const [key, value] of Object.entries(rulesOf ?? {})) {
    const at = pointer('rules', key);
    const { rules, code: scCode } = lookupRuleId(key);
    if (rules.length === 0) {
      found.at(
        at,
        `unknown rule ${quote(key)} in \`rules\` (neither a dockreview rule id nor an alias; \`dockreview rules\` lists them)`,
        {},
        true,
      );
      claimed.add(key);
    } else if (scCode) {
      // a ShellCheck code takes a severity only: its options are the shellcheck rule's
      const severity = typeof value === 'string' ? value : isObject(value) ? value.severity : undefined;
      const extra = isObject(value) ? Object.keys(value).find((k) => k !== 'severity') : undefined;
      if (extra !== undefined || severity === undefined) {
        found.at(
          at,
          `${quote(`rules.${key}`)} is a ShellCheck code: it takes a severity (off, style, info, warning or error) and no options`,
          {},
          true,
        );
        claimed.add(key);
      }
    } else if (isObject(value)) for (const rule of rules) hostOptionProblems(rule, key, value, found, hostAt);
  }
  const withSchemaProblems = schemaProblems(data, 'dockreview', found, claimed, hostAt);
  for (const [key, value] of Object.entries(rulesOf ?? {})) {
    // an entry whose host option was refused: what else it holds (`options:` around it) is that same mistake
    const hostOption = [...hostAt].some((h) => h.startsWith(`${pointer('rules', key)}/`));
    if (claimed.has(key) || withSchemaProblems.has(key) || hostOption || !isObject(value)) continue;
    const { rules, code: scCode } = lookupRuleId(key);
    if (scCode) continue;
    for (const rule of rules) optionProblems(rule, key, value, found);
  }
  const files = isObject(data) && isObject(data.files) ? data.files : undefined;
  for (const list of ['include', 'exclude'] as const) {
    const patterns = files?.[list];
    if (!Array.isArray(patterns)) continue;
    patterns.forEach((p: unknown, i) => {
      if (typeof p !== 'string') return;
      const why = globProblem(p);
      if (why)
        found.at(pointer('files', list, String(i)), `the pattern ${quote(p)} in \`files.${list}\` ${why}`);
    });
  }
}

/**
 * What the schema refuses, one problem per mistake: ajv reports every alternative of a `oneOf` that failed (a
 * rule entry is a severity or an object of options), so the errors of one rule entry are taken together, and only
 * the most telling are kept. Returns the rule keys with a problem.
 */
export function schemaProblems(
  data: unknown,
  format: ConfigFormat,
  found: ProblemList,
  claimed: ReadonlySet<string>,
  hostAt: ReadonlySet<string>,
): Set<string> {
  const withProblems = new Set<string>();
  const validate = validator(format);
  if (validate(data)) return withProblems;
  const groups = new Map<string, { rule?: string; errors: ErrorObject[] }>();
  for (const e of validate.errors ?? []) {
    const parts = keyPath(e.instancePath, false);
    const rule = format === 'dockreview' && parts[0] === 'rules' && parts.length >= 2 ? parts[1]! : undefined;
    if (rule !== undefined && claimed.has(rule)) continue;
    const extra = (e.params as { additionalProperty?: string }).additionalProperty;
    // an unknown key that is (or holds, as `options:` does) a host option refused already
    const extraAt = extra === undefined ? undefined : `${e.instancePath}${pointer(extra)}`;
    if (extraAt !== undefined && [...hostAt].some((h) => h === extraAt || h.startsWith(`${extraAt}/`)))
      continue;
    const key = rule !== undefined ? pointer('rules', rule) : e.instancePath;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { rule, errors: [] }));
    group.errors.push(e);
  }
  for (const [key, { rule, errors }] of groups) {
    // unknown keys are each a problem of their own; below the entry, the one deepest error says most; at the
    // entry itself (`rules.x: loud`), the one error that says what it should be
    const seen = new Set<string>();
    const extras = errors.filter((e) => {
      if (e.keyword !== 'additionalProperties') return false;
      const id = `${e.instancePath}\0${(e.params as { additionalProperty: string }).additionalProperty}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    const deeper = errors.filter(
      (e) => e.keyword !== 'additionalProperties' && e.instancePath.length > key.length,
    );
    const hostOnly = [...hostAt].some((h) => h.startsWith(`${key}/`));
    const chosen =
      extras.length > 0 || deeper.length > 0
        ? [...extras, ...(deeper.length > 0 ? [pickError(deeper)] : [])]
        : hostOnly
          ? [] // the entry's one mistake was its host option, already said
          : [pickError(errors)];
    for (const e of chosen) found.at(e.instancePath, describe(e, format), e.params);
    if (chosen.length > 0 && rule !== undefined) withProblems.add(rule);
  }
  return withProblems;
}

/**
 * Why a `files` pattern cannot do what it was written for, or null. dockreview matches patterns against paths
 * relative to the repository root, and reads an unclosed `[` or `{` as a literal character: patterns that can
 * never match are mistakes worth naming rather than a silently empty selection.
 */
export function globProblem(written: string): string | null {
  // a leading `!` (any number) negates; what follows is the pattern
  let p = written;
  while (p.startsWith('!')) p = p.slice(1);
  if (p === '') return 'is empty: it matches nothing';
  if (p.length > MAX_GLOB_LENGTH) return `is longer than ${MAX_GLOB_LENGTH} characters: it matches nothing`;
  if (p.startsWith('/'))
    return 'starts with `/`: patterns match paths relative to the repository root (`docker/**`), never an absolute path';
  if (p.startsWith('./'))
    return 'starts with `./`: paths are matched without it (`docker/**`, not `./docker/**`)';
  // one pass: the last `]` closes any `[` before it; braces by depth
  const lastClose = p.lastIndexOf(']');
  let depth = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') i++;
    else if (c === '[' && lastClose <= i + 1)
      return 'has a `[` that is never closed (it is read as a literal `[`; write `\\[` if that is what you mean)';
    else if (c === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
  }
  if (depth > 0)
    return 'has a `{` that is never closed (it is read as a literal `{`; write `\\{` if that is what you mean)';
  return null;
}

/**
 * Rule options that name what the host runs (an executable, how long it may run: `hostOnly` in the rule's schema)
 * are the machine's to decide, never the repository's, since the Action and the app lint pull requests from anyone.
 * Each one given is a problem; its pointer goes into `hostAt`.
 */
function hostOptionProblems(
  rule: Rule,
  key: string,
  value: Record<string, unknown>,
  found: ProblemList,
  hostAt: Set<string>,
): void {
  // `options:` nested one level is refused too: whoever wrote it meant the same thing
  const nested = value.options;
  for (const [option, { hostOnly: instead }] of Object.entries(rule.schema ?? {})) {
    if (instead === undefined) continue;
    const at = Object.hasOwn(value, option)
      ? pointer('rules', key, option)
      : isObject(nested) && Object.hasOwn(nested, option)
        ? pointer('rules', key, 'options', option)
        : null;
    if (at === null || hostAt.has(at)) continue;
    hostAt.add(at);
    found.at(
      at,
      `${quote(`rules.${key}${at.endsWith(pointer('options', option)) ? '.options' : ''}.${option}`)} is not read from config files (a repository's config must not choose what the host runs): use ${instead}`,
      {},
      true,
    );
  }
}

/**
 * A rule's options as its schema types them: an unknown key (a typo would otherwise turn an off rule on and find
 * nothing) or a value of the wrong type is a problem on its line.
 */
function optionProblems(rule: Rule, key: string, value: Record<string, unknown>, found: ProblemList): void {
  const schema = rule.schema ?? {};
  let unknown = false;
  for (const option of Object.keys(value)) {
    if (option === 'severity' || Object.hasOwn(schema, option)) continue;
    found.at(pointer('rules', key, option), unknownOption(rule, key, option), {}, true);
    unknown = true;
  }
  if (unknown) return;
  const validate = optionsValidator(rule);
  if (!validate(withoutSeverity(value) ?? {})) {
    const err = pickError(validate.errors ?? []);
    const at = { ...err, instancePath: `${pointer('rules', key)}${err.instancePath}` };
    found.at(at.instancePath, describe(at, 'dockreview'), err.params);
  }
}

const validators = new Map<string, ValidateFunction>();

/** A compiled schema, by a name for the cache. */
function compiled(name: string, schema: () => object): ValidateFunction {
  let v = validators.get(name);
  if (!v) {
    const require = createRequire(import.meta.url);
    // ajv is CommonJS; its default export is the class
    const AjvModule = require('ajv') as {
      default: new (o: object) => { compile(s: object): ValidateFunction };
    };
    // not strict: the option schemas carry keywords of their own (`default`, `description`, `hostOnly`)
    v = new AjvModule.default({ allErrors: true, strict: false }).compile(schema());
    validators.set(name, v);
  }
  return v;
}

/** Compiles the schemas of both config formats now rather than in the first review that reads a config. */
export function warmConfigValidation(): void {
  validator('dockreview');
  validator('hadolint');
}

function validator(format: ConfigFormat): ValidateFunction {
  return compiled(
    format,
    () =>
      JSON.parse(
        readFileSync(new URL(`../../schema/${format}.schema.json`, import.meta.url), 'utf8'),
      ) as object,
  );
}

function optionsValidator(rule: Rule): ValidateFunction {
  return compiled(`rule:${rule.id}`, () => ({ type: 'object', properties: rule.schema ?? {} }));
}

/** A rule's settings without `severity`: its options, or undefined when it has none. */
export function withoutSeverity(value: Record<string, unknown>): Record<string, unknown> | undefined {
  const { severity: _s, ...rest } = value;
  return Object.keys(rest).length > 0 ? rest : undefined;
}
