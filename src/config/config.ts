/**
 * Configuration: `.github/dockreview.yml` and hadolint's `.hadolint.yaml`, validated against the JSON schemas in
 * `schema/`, resolved into one config (hadolint's first, dockreview's on top). Errors name the key and its line.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { LintConfig, RuleSettings } from '../lint/engine.js';
import { lookupRuleId } from '../lint/rules/index.js';
import type { Severity, SeveritySetting } from '../lint/types.js';
import { ConfigError, Positions, type ConfigProblem } from './config-errors.js';
export { ConfigError, MAX_LISTED_PROBLEMS, type ConfigProblem } from './config-errors.js';
import { checkDockreview, MAX_COLLECTED, ProblemList, schemaProblems, withoutSeverity } from './validate.js';
export { globProblem } from './validate.js';

export type FailOn = Severity | 'never';

/**
 * Which inline ignore pragmas are honoured: `all`; `base-only`, only those already on the base branch (a pragma on
 * a line a pull request adds is reported but not honoured, so a pull request cannot silence its own findings);
 * `none` (hadolint's `disable-ignore-pragma`).
 */
export type PragmaPolicy = 'all' | 'base-only' | 'none';

export interface Config extends LintConfig {
  failOn: FailOn;
  failOnExisting: boolean;
  comments: 'changed-lines' | 'none';
  maxComments: number;
  /** The lowest severity that becomes an inline review comment; the rest stay in the check run. */
  commentOn: Severity;
  /** `comment_on` for files taken for tests, examples or development setups (see src/lint/file-role.ts). */
  commentOnFixtures: Severity;
  suggestions: boolean;
  files: { include: string[]; exclude: string[] };
  /** Read `.hadolint.yaml` too. */
  hadolint: boolean;
  /**
   * The config's `pragmas` key. The engine's own `pragmas` flag is kept in step (`none` turns it off); honouring
   * only the base branch's pragmas under `base-only` is the review's job, which knows which lines were added.
   */
  pragmaPolicy: PragmaPolicy;
  /** The files this config came from, in the order applied. */
  sources: string[];
}

export const DEFAULT_FILES = {
  include: [
    '**/Dockerfile',
    '**/Dockerfile.*',
    '**/*.Dockerfile',
    '**/Containerfile',
    '**/Containerfile.*',
    '**/compose.y*ml',
    '**/docker-compose*.y*ml',
  ],
  exclude: [] as string[],
};

export function defaultConfig(): Config {
  return {
    rules: {},
    pragmas: true,
    failOn: 'error',
    failOnExisting: false,
    comments: 'changed-lines',
    maxComments: 25,
    commentOn: 'warning',
    commentOnFixtures: 'error',
    suggestions: true,
    files: { include: [...DEFAULT_FILES.include], exclude: [...DEFAULT_FILES.exclude] },
    hadolint: true,
    pragmaPolicy: 'all',
    sources: [],
  };
}

export type ConfigFormat = 'dockreview' | 'hadolint';

/** Which format a config file is, by its name (`.hadolint.yaml`) or, failing that, by its keys. */
export function detectFormat(path: string, text: string): ConfigFormat {
  if (/hadolint[^/\\]*\.ya?ml$/i.test(path)) return 'hadolint';
  if (/dockreview[^/\\]*\.ya?ml$/i.test(path)) return 'dockreview';
  return /^(ignored|override|trustedRegistries|trusted-registries|failure-threshold|label-schema|strict-labels)\s*:/m.test(
    text,
  )
    ? 'hadolint'
    : 'dockreview';
}

/**
 * Applies one config file's text on top of `base`. Throws a ConfigError with every problem the file has (not only
 * the first), each on its line and column.
 */
export function applyConfigText(
  base: Config,
  path: string,
  text: string,
  format = detectFormat(path, text),
): Config {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const positions = new Positions(text);
  if (doc.errors.length > 0) {
    // every syntax error at once too; what the file means is not known, so nothing else is checked
    const problems = doc.errors.slice(0, MAX_COLLECTED).map((e): ConfigProblem => {
      const { line, column } = positions.at(e.pos[0]);
      return { path, line, column, detail: `not valid YAML: ${e.message.split('\n')[0]}` };
    });
    throw new ConfigError(problems, doc.errors.length);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (err) {
    // an alias bomb (more than maxAliasCount expansions) or an alias with no anchor: refused, as a config error
    throw new ConfigError(path, null, `not valid YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
  const found = new ProblemList(path, doc, positions);
  if (format === 'dockreview') checkDockreview(data, found);
  else schemaProblems(data, 'hadolint', found, new Set(), new Set());
  found.throwIfAny();
  const out: Config = { ...base, rules: { ...base.rules }, sources: [...base.sources, path] };
  if (format === 'hadolint') applyHadolint(out, data as HadolintFile);
  else applyDockreview(out, data as DockreviewFile);
  return out;
}

export function loadConfigFile(base: Config, path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(
      path,
      null,
      `cannot read the config file (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
    );
  }
  return applyConfigText(base, path, text);
}

interface DockreviewFile {
  _extends?: string;
  fail_on?: FailOn;
  fail_on_existing?: boolean;
  comments?: 'changed-lines' | 'none';
  max_comments?: number;
  comment_on?: Severity;
  comment_on_fixtures?: Severity;
  suggestions?: boolean;
  files?: { include?: string[]; exclude?: string[] };
  rules?: Record<string, SeveritySetting | ({ severity?: SeveritySetting } & Record<string, unknown>)>;
  hadolint?: boolean;
  pragmas?: PragmaPolicy;
  limits?: { max_file_size?: number; time_budget_ms?: number };
}

interface HadolintFile {
  ignored?: string[];
  override?: Partial<Record<Severity, string[]>>;
  'failure-threshold'?: Severity | 'ignore' | 'none';
  // hadolint's README writes `trustedRegistries` (a list or one registry), its parser also reads `trusted-registries`
  trustedRegistries?: string | string[];
  'trusted-registries'?: string | string[];
  'label-schema'?: Record<string, string>;
  'strict-labels'?: boolean;
  'disable-ignore-pragma'?: boolean;
  'no-fail'?: boolean;
}

/** Applies a config checkDockreview found nothing wrong with. */
function applyDockreview(out: Config, data: DockreviewFile): void {
  if (data.fail_on !== undefined) out.failOn = data.fail_on;
  if (data.fail_on_existing !== undefined) out.failOnExisting = data.fail_on_existing;
  if (data.comments !== undefined) out.comments = data.comments;
  if (data.max_comments !== undefined) out.maxComments = data.max_comments;
  if (data.comment_on !== undefined) out.commentOn = data.comment_on;
  if (data.comment_on_fixtures !== undefined) out.commentOnFixtures = data.comment_on_fixtures;
  if (data.suggestions !== undefined) out.suggestions = data.suggestions;
  if (data.hadolint !== undefined) out.hadolint = data.hadolint;
  if (data.pragmas !== undefined) setPragmas(out, data.pragmas);
  if (data.limits?.max_file_size !== undefined)
    out.limits = { ...out.limits, maxFileSize: data.limits.max_file_size };
  if (data.limits?.time_budget_ms !== undefined)
    out.limits = { ...out.limits, timeBudgetMs: data.limits.time_budget_ms };
  if (data.files?.include) out.files = { ...out.files, include: data.files.include };
  if (data.files?.exclude) out.files = { ...out.files, exclude: data.files.exclude };
  for (const [key, value] of Object.entries(data.rules ?? {})) {
    const { rules, code } = lookupRuleId(key);
    if (code) {
      // a ShellCheck code takes a severity only: its options are the shellcheck rule's
      const severity = typeof value === 'string' ? value : value.severity;
      if (severity !== undefined) setCodeSeverity(out, code, severity);
      continue;
    }
    const settings: RuleSettings =
      typeof value === 'string'
        ? { severity: value }
        : { severity: value.severity, options: withoutSeverity(value) };
    for (const rule of rules) {
      // options given to a rule that is off by default turn it on (`trusted-registries: { registries: [...] }`)
      const enabling =
        settings.severity === undefined &&
        settings.options &&
        rule.severity === 'off' &&
        out.rules[rule.id]?.severity === undefined
          ? { ...settings, severity: rule.whenConfigured ?? 'warning' }
          : settings;
      out.rules[rule.id] = merge(out.rules[rule.id], enabling);
    }
  }
}

/**
 * Sets a severity for a rule id, an alias or a ShellCheck code, as `--rule ID=SEVERITY` does (after the config
 * files). False when the id names nothing.
 */
export function setRuleSeverity(config: Config, written: string, severity: SeveritySetting): boolean {
  const { rules, code } = lookupRuleId(written);
  if (rules.length === 0) return false;
  if (code) setCodeSeverity(config, code, severity);
  else for (const rule of rules) config.rules[rule.id] = { ...config.rules[rule.id], severity };
  return true;
}

/**
 * A ShellCheck code's severity is an option of the `shellcheck` rule (`codes`), so that `SC2086: off` silences that
 * code and leaves the rule's other findings alone.
 */
function setCodeSeverity(config: Config, code: string, severity: SeveritySetting): void {
  const current = config.rules.shellcheck;
  const codes = {
    ...(current?.options?.codes as Record<string, SeveritySetting> | undefined),
    [code]: severity,
  };
  config.rules = { ...config.rules, shellcheck: { ...current, options: { ...current?.options, codes } } };
}

function applyHadolint(out: Config, data: HadolintFile): void {
  // hadolint codes we do not implement (yet) are accepted silently: the file is valid hadolint config
  const set = (code: string, settings: RuleSettings): void => {
    const found = lookupRuleId(code);
    if (found.code) {
      if (settings.severity !== undefined) setCodeSeverity(out, found.code, settings.severity);
      return;
    }
    for (const rule of found.rules) out.rules[rule.id] = merge(out.rules[rule.id], settings);
  };
  for (const code of data.ignored ?? []) set(code, { severity: 'off' });
  for (const severity of ['style', 'info', 'warning', 'error'] as const) {
    for (const code of data.override?.[severity] ?? []) set(code, { severity });
  }
  const threshold = data['failure-threshold'];
  if (threshold !== undefined)
    out.failOn = threshold === 'ignore' || threshold === 'none' ? 'never' : threshold;
  if (data['no-fail']) out.failOn = 'never';
  const trusted = data.trustedRegistries ?? data['trusted-registries'];
  if (trusted !== undefined)
    set('DL3026', {
      severity: out.rules['trusted-registries']?.severity ?? 'error',
      options: { registries: typeof trusted === 'string' ? [trusted] : trusted },
    });
  if (data['label-schema'] || data['strict-labels'] !== undefined) {
    set('DL3049', {
      severity: out.rules['label-schema']?.severity ?? 'warning',
      options: { schema: data['label-schema'] ?? {}, strict: data['strict-labels'] ?? false },
    });
  }
  if (data['disable-ignore-pragma']) setPragmas(out, 'none');
}

function setPragmas(out: Config, policy: PragmaPolicy): void {
  out.pragmaPolicy = policy;
  out.pragmas = policy !== 'none';
}

function merge(a: RuleSettings | undefined, b: RuleSettings): RuleSettings {
  return {
    severity: b.severity ?? a?.severity,
    options: a?.options || b.options ? { ...a?.options, ...b.options } : undefined,
  };
}
