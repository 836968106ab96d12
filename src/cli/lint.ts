/**
 * `dockreview lint`, in three phases: parse the arguments (`parseLintArgs`, every usage error before any work),
 * lint the targets (`lintTargets`: find the files, their configs, lint or fix each, one note per file that could
 * not be), write the report (`writeReport`: text, JSON or SARIF, to standard output or `--output`). See
 * docs/architecture.md for where the rest of a run happens.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError, setRuleSeverity, type Config, type FailOn } from '../config/config.js';
import { problemText } from '../config/config-errors.js';
import { configResolver } from '../config/discover.js';
import { withHostOptions, type HostShellcheckOptions } from '../config/host.js';
import {
  BINARY_NOTE,
  confine,
  confinedReader,
  isBinary,
  LINTED_KINDS,
  readLintable,
} from '../files/discover.js';
import { detectKind, initLint, lintFiles, lintSource, type LintItem } from '../lint/engine.js';
import { fixSource } from '../lint/fix.js';
import { gatherRelated } from '../lint/related.js';
import { ALL_RULES, docsUrl, findRules } from '../lint/rules/index.js';
import { SEVERITY_RANK, type FileKind, type Finding, type SeveritySetting } from '../lint/types.js';
import { formatJson, type ReportFile } from '../report/json.js';
import { escapeControl, formatText } from '../report/text.js';
import { packageVersion } from '../version.js';
import { collectTargets, type Target } from './files.js';
import { EXIT, hostOptions, parse, UsageError, type Io } from './options.js';

export interface LintOptions {
  paths: string[];
  format: 'text' | 'json' | 'sarif';
  fixMode: 'safe' | 'unsafe' | null;
  /** `--fail-on`; each file's config decides when absent. */
  failOn: FailOn | undefined;
  ruleOverrides: { key: string; severity: SeveritySetting }[];
  config: string | undefined;
  stdinFilename: string;
  /** `--color`/`--no-color`; undefined: on for a terminal without NO_COLOR, unless writing to a file. */
  color: boolean | undefined;
  output: string | undefined;
  host: HostShellcheckOptions;
}

/** What linting the targets gave: the report's files, and what decides the exit code. */
export interface LintRun {
  results: ReportFile[];
  /** A finding reached its file's `--fail-on` (or config `fail_on`). */
  failing: boolean;
  /** Targets that could not be linted (missing, unreadable, invalid config): exit code 2. */
  unreadable: number;
  /** Lines written to standard error (skipped files, fixes applied, problems). */
  notes: number;
}

/** Files linted together (lintFiles): enough for ShellCheck batches to pay, few enough to hold in memory. */
const LINT_WINDOW = 256;
const SETTINGS = new Set<SeveritySetting>(['off', 'style', 'info', 'warning', 'error']);
const FAIL_ON = new Set<FailOn>(['error', 'warning', 'info', 'style', 'never']);
const FORMATS = new Set(['text', 'json', 'sarif']);

export async function lintCommand(args: readonly string[], io: Io): Promise<number> {
  const options = parseLintArgs(args, io);
  const run = await lintTargets(options, io);
  const written = await writeReport(run, options, io);
  if (!written || run.unreadable > 0) return EXIT.usage;
  return run.failing ? EXIT.findings : EXIT.clean;
}

export function parseLintArgs(args: readonly string[], io: Io): LintOptions {
  const { values, positionals } = parse(args, {
    format: { type: 'string', short: 'f', default: 'text' },
    fix: { type: 'boolean', default: false },
    'fix-unsafe': { type: 'boolean', default: false },
    config: { type: 'string', short: 'c' },
    rule: { type: 'string', multiple: true, default: [] },
    'fail-on': { type: 'string' },
    'stdin-filename': { type: 'string', default: 'Dockerfile' },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
    output: { type: 'string', short: 'o' },
    shellcheck: { type: 'string' },
    'shellcheck-timeout': { type: 'string' },
  });
  const host = hostOptions(values, io);
  const format = values.format as string;
  if (!FORMATS.has(format)) throw new UsageError(`--format must be text, json or sarif, not \`${format}\``);
  const failOn = values['fail-on'] as string | undefined;
  if (failOn !== undefined && !FAIL_ON.has(failOn as FailOn))
    throw new UsageError(`--fail-on must be one of error, warning, info, style, never, not \`${failOn}\``);
  const fixMode = values['fix-unsafe'] ? 'unsafe' : values.fix ? 'safe' : null;
  const paths = positionals.length > 0 ? positionals : ['.'];
  if (fixMode && paths.includes('-')) throw new UsageError('--fix cannot write back to standard input');
  return {
    paths,
    format: format as LintOptions['format'],
    fixMode,
    failOn: failOn as FailOn | undefined,
    ruleOverrides: (values.rule as string[]).map(parseRuleOverride),
    config: values.config as string | undefined,
    stdinFilename: values['stdin-filename'] as string,
    color: (values.color as boolean | undefined) ?? (values['no-color'] ? false : undefined),
    output: values.output as string | undefined,
    host,
  };
}

function parseRuleOverride(spec: string): { key: string; severity: SeveritySetting } {
  const eq = spec.lastIndexOf('=');
  if (eq <= 0) throw new UsageError(`--rule takes ID=SEVERITY, not \`${spec}\``);
  const key = spec.slice(0, eq);
  const severity = spec.slice(eq + 1) as SeveritySetting;
  if (!SETTINGS.has(severity))
    throw new UsageError(
      `--rule ${key}: severity must be off, style, info, warning or error, not \`${severity}\``,
    );
  if (findRules(key).length === 0)
    throw new UsageError(`--rule: unknown rule \`${key}\` (\`dockreview rules\` lists ids and aliases)`);
  return { key, severity };
}

export async function lintTargets(options: LintOptions, io: Io): Promise<LintRun> {
  const run: LintRun = { results: [], failing: false, unreadable: 0, notes: 0 };
  // one line per note: paths and config keys come from the files being linted, so nothing in them may act on the
  // terminal or start a line of its own
  const note = (s: string): void => {
    run.notes++;
    io.stderr(`dockreview: ${escapeControl(s)}\n`);
  };
  const stdin = options.paths.includes('-');
  const collected = await collectTargets(
    options.paths.filter((p) => p !== '-').map((p) => resolveArg(io.cwd, p)),
    LINTED_KINDS,
    io.cwd,
  );
  for (const p of collected.problems) {
    run.unreadable++;
    note(`${displayPath(io.cwd, p.path)}: ${p.message}`);
  }
  for (const s of collected.skipped)
    note(`${displayPath(io.cwd, s.path)}: skipped: ${s.kind} files are not linted by this version yet`);
  for (const r of collected.refused) {
    const root = r.root === io.cwd ? 'the working directory' : displayPath(io.cwd, r.root);
    note(
      `${displayPath(io.cwd, r.path)}: skipped: a symbolic link to a ${r.what} outside ${root}, not ${r.what === 'file' ? 'read' : 'walked'}`,
    );
  }
  // `lintFiles` loads the WASM shell parser itself, only for a file with a script the plain reader refuses; standard
  // input and `--fix` go through `lintSource`, which needs it loaded beforehand
  if (stdin || options.fixMode) await initLint();

  const configs = configLookup(options, io);
  // an invalid config fails the files it applies to (each says so in the report) and is named once on stderr
  const configErrors = new Set<string>();
  const configOrError = (path: string, shown: string, kind: FileKind): Config | null => {
    try {
      return configs(path);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      run.unreadable++;
      // every problem of the config, one line each, once per run
      if (!configErrors.has(err.message)) for (const line of err.lines()) note(line);
      configErrors.add(err.message);
      const more = err.total - 1;
      const error = `invalid config: ${problemText(err.problems[0]!)}${more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : ''}`;
      run.results.push({ path: shown, kind, findings: [], error });
      return null;
    }
  };
  const record = (config: Config, result: ReportFile, listed = false): void => {
    if (!listed) run.results.push(result);
    const threshold = options.failOn ?? config.failOn;
    if (threshold === 'never') return;
    if (result.findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[threshold]))
      run.failing = true;
  };
  // the files rules read besides the linted one are confined to the linted file's root too
  const readers = new Map<string, (path: string) => string | null | undefined>();
  const readerFor = (root: string): ((path: string) => string | null | undefined) => {
    let reader = readers.get(root);
    if (!reader)
      readers.set(root, (reader = confinedReader(io.cwd, confine(root), (p) => readFileSync(p, 'utf8'))));
    return reader;
  };

  const window: { item: LintItem; config: Config; result: ReportFile }[] = [];
  const flush = async (): Promise<void> => {
    const batch = window.splice(0);
    if (batch.length === 0) return;
    const linted = await lintFiles(batch.map((w) => w.item));
    for (const [i, { config, result }] of batch.entries()) {
      result.findings = linted[i]!.findings;
      record(config, result, true);
    }
  };

  if (stdin) {
    const name = options.stdinFilename;
    const text = io.readStdin();
    const config = isBinary(text)
      ? (note(`${name}: ${BINARY_NOTE}`), null)
      : configOrError(resolve(io.cwd, name), name, detectKind(name) ?? 'dockerfile');
    if (config) record(config, lintSource({ path: name, text, readRelated: readerFor(io.cwd) }, config));
  }
  for (const target of collected.targets) {
    const shown = displayPath(io.cwd, target.path);
    const read = readLintable(target.path);
    if ('binary' in read) {
      note(`${shown}: ${BINARY_NOTE}`);
      continue;
    }
    if ('error' in read) {
      run.unreadable++;
      note(`${shown}: ${read.error}`);
      run.results.push({ path: shown, kind: target.kind, findings: [], error: read.error });
      continue;
    }
    const config = configOrError(target.path, shown, target.kind);
    if (!config) continue;
    if (options.fixMode) {
      const findings = fixInPlace(
        target,
        shown,
        read.text,
        config,
        options.fixMode,
        readerFor(target.root),
        note,
      );
      record(config, { path: shown, kind: target.kind, findings });
      continue;
    }
    // linted with the others of its window: one ShellCheck run for all their RUNs (lintFiles); listed now, so
    // the report keeps the targets' order
    const result: ReportFile = { path: shown, kind: target.kind, findings: [] };
    run.results.push(result);
    const input = { path: shown, text: read.text, readRelated: readerFor(target.root) };
    window.push({ item: { input, config, kind: target.kind }, config, result });
    if (window.length >= LINT_WINDOW) await flush();
  }
  await flush();
  return run;
}

/** Each file's config, found once per folder (or the `--config` file), with `--rule` and the host's settings. */
function configLookup(options: LintOptions, io: Io): (path: string) => Config {
  const cache = new Map<string, Config>();
  const explicit = options.config && resolve(io.cwd, options.config);
  // each folder walked and each config file read once for the whole run
  const resolveConfig = configResolver(explicit || undefined);
  return (path) => {
    const dir = explicit ? '' : dirname(resolve(io.cwd, path));
    let config = cache.get(dir);
    if (!config) {
      config = resolveConfig(dir || io.cwd);
      for (const o of options.ruleOverrides) setRuleSeverity(config, o.key, o.severity);
      // after every config file: where ShellCheck is and how long it may run are never a repository's to say
      config = withHostOptions(config, options.host);
      cache.set(dir, config);
    }
    return config;
  };
}

/** `--fix`: writes the fixed text back when anything changed; returns the findings that remain. */
function fixInPlace(
  target: Target,
  shown: string,
  text: string,
  config: Config,
  mode: 'safe' | 'unsafe',
  related: (path: string) => string | null | undefined,
  note: (s: string) => void,
): Finding[] {
  const fixed = fixSource(
    { path: shown, text, related: gatherRelated(shown, target.kind, text, related) },
    config,
    { unsafe: mode === 'unsafe' },
  );
  if (fixed.text !== text) {
    writeFileSync(target.path, fixed.text);
    const n = fixed.applied.length;
    note(`${shown}: applied ${n} fix${n === 1 ? '' : 'es'}`);
  }
  return fixed.result.findings;
}

/**
 * Writes the report; false when `--output` could not be written. A text report of nothing, when every path was
 * missing, skipped or unreadable, is left out: the notes already said why, and "No problems in 0 files" would
 * read as a clean result.
 */
export async function writeReport(run: LintRun, options: LintOptions, io: Io): Promise<boolean> {
  let out: string;
  if (options.format === 'json') out = formatJson(run.results);
  else if (options.format === 'sarif') {
    const { formatSarif } = await import('../report/sarif.js');
    out = formatSarif(run.results, { version: packageVersion(), rules: ALL_RULES, docsUrl });
  } else {
    if (run.results.length === 0 && run.notes > 0 && !options.output) return true;
    const color = options.color ?? (io.isTTY && !io.env.NO_COLOR && !options.output);
    out = formatText(run.results, { color, showFixHint: !options.fixMode });
  }
  if (!options.output) {
    io.stdout(out);
    return true;
  }
  try {
    writeFileSync(resolve(io.cwd, options.output), out);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    io.stderr(`dockreview: cannot write the report to ${escapeControl(options.output)} (${code})\n`);
    return false;
  }
}

function resolveArg(cwd: string, p: string): string {
  return /[*?[\]{}]/.test(p) ? p : resolve(cwd, p);
}

export function displayPath(cwd: string, path: string): string {
  const abs = resolve(cwd, path);
  return abs.startsWith(`${cwd}/`) ? abs.slice(cwd.length + 1) : abs === cwd ? '.' : path;
}
