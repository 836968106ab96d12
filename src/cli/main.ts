/** The `dockreview` command line: `lint`, `rules`, `explain`. Returns the exit code instead of exiting. */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { ConfigError, setRuleSeverity, type Config, type FailOn } from '../config/config.js';
import { resolveConfig } from '../config/discover.js';
import { hostShellcheckOptions, withHostOptions, type HostShellcheckOptions } from '../config/host.js';
import { detectKind, initLint, lintSource } from '../lint/engine.js';
import { gatherRelated } from '../lint/related.js';
import { fixSource } from '../lint/fix.js';
import { ALL_RULES, docsUrl, findRules, lookupRuleId } from '../lint/rules/index.js';
import { explainShellcheckCode } from '../lint/rule-ids.js';
import { SEVERITY_RANK, type FileKind, type Severity, type SeveritySetting } from '../lint/types.js';
import { formatJson, type ReportFile } from '../report/json.js';
import { escapeControl, formatText } from '../report/text.js';
import { collectTargets, confine, confinedReader, type Confinement } from './files.js';
import { packageVersion } from '../version.js';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  cwd: string;
  env: Record<string, string | undefined>;
  readStdin: () => string;
}

export const EXIT = { clean: 0, findings: 1, usage: 2 } as const;

const SHORT_RUN_FILES = 40;

const HELP = `dockreview — best-practice review of Dockerfiles

Usage:
  dockreview lint [paths…] [options]   lint files, directories (walked) or globs (default: .)
  dockreview rules [--format text|json] list the rules
  dockreview explain <rule|alias>      show a rule's documentation
  dockreview review --base <ref>       the review comments and check run the GitHub App would post for
                                       the diff between <ref> and HEAD (--format text|json, --config FILE,
                                       --shellcheck PATH, --shellcheck-timeout MS)
  dockreview --version

Options for lint:
  -f, --format text|json|sarif   output format (default: text)
      --fix                      apply safe fixes in place, then report what remains
      --fix-unsafe               also apply suggestions (they change what is installed or run: review them)
  -c, --config FILE              a dockreview.yml or a .hadolint.yaml (default: the nearest
                                 .github/dockreview.yml and .hadolint.yaml)
      --rule ID=SEVERITY         set a rule's severity (off|style|info|warning|error); ID may be an alias;
                                 repeatable
      --fail-on LEVEL            error|warning|info|style|never: lowest severity that exits 1 (default: error)
      --stdin-filename NAME      the name to report for \`-\` (standard input)
      --color / --no-color       force colours on or off (default: on for a terminal, off with NO_COLOR)
  -o, --output FILE              write the report to FILE instead of standard output
      --shellcheck PATH          the ShellCheck executable (default: DOCKREVIEW_SHELLCHECK, else
                                 \`shellcheck\` on PATH); never read from config files
      --shellcheck-timeout MS    ShellCheck's time limit per Dockerfile, in milliseconds (default:
                                 DOCKREVIEW_SHELLCHECK_TIMEOUT_MS, else 10000)

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage error or unreadable input.
`;

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  // `dockreview lint --help` is where people look for the lint options
  const dashDash = rest.indexOf('--');
  if (
    command !== undefined &&
    (dashDash < 0 ? rest : rest.slice(0, dashDash)).some((a) => a === '-h' || a === '--help')
  ) {
    io.stdout(HELP);
    return EXIT.clean;
  }
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(HELP);
        return command === undefined ? EXIT.usage : EXIT.clean;
      case '-v':
      case '--version':
        io.stdout(`${packageVersion()}\n`);
        return EXIT.clean;
      case 'lint':
        return await lintCommand(rest, io);
      case 'rules':
        return rulesCommand(rest, io);
      case 'review':
        return await reviewCommand(rest, io);
      case 'explain':
        return explainCommand(rest, io);
      default:
        io.stderr(`dockreview: unknown command \`${command}\` (try \`dockreview --help\`)\n`);
        return EXIT.usage;
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError) {
      // a config error quotes the config's keys, which a repository wrote
      io.stderr(`dockreview: ${escapeControl(err.message)}\n`);
      return EXIT.usage;
    }
    throw err;
  }
}

class UsageError extends Error {}

function parse(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message} (try \`dockreview --help\`)`);
  }
}

const SETTINGS = new Set<SeveritySetting>(['off', 'style', 'info', 'warning', 'error']);
const FAIL_ON = new Set<FailOn>(['error', 'warning', 'info', 'style', 'never']);

async function lintCommand(args: readonly string[], io: Io): Promise<number> {
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
  if (!['text', 'json', 'sarif'].includes(format))
    throw new UsageError(`--format must be text, json or sarif, not \`${format}\``);
  const failOnArg = values['fail-on'] as string | undefined;
  if (failOnArg !== undefined && !FAIL_ON.has(failOnArg as FailOn)) {
    throw new UsageError(`--fail-on must be one of error, warning, info, style, never, not \`${failOnArg}\``);
  }
  const ruleOverrides = (values.rule as string[]).map(parseRuleOverride);
  const fixMode = values['fix-unsafe'] ? 'unsafe' : values.fix ? 'safe' : null;
  const paths = positionals.length > 0 ? positionals : ['.'];
  if (fixMode && paths.includes('-')) throw new UsageError('--fix cannot write back to standard input');

  const explicitConfig = values.config as string | undefined;
  const configCache = new Map<string, Config>();
  const configFor = (path: string): Config => {
    const dir = explicitConfig ? '' : dirname(resolve(io.cwd, path));
    let config = configCache.get(dir);
    if (!config) {
      config = resolveConfig(dir || io.cwd, explicitConfig && resolve(io.cwd, explicitConfig));
      for (const o of ruleOverrides) setRuleSeverity(config, o.key, o.severity);
      // after every config file: where ShellCheck is and how long it may run are never a repository's to say
      config = withHostOptions(config, host);
      configCache.set(dir, config);
    }
    return config;
  };

  // only kinds some rule checks are walked: a file kind with no rules yet is reported as unsupported
  const kinds = new Set<FileKind>(
    ALL_RULES.map((r) => ((r.kind as string) === 'workspace' ? 'compose' : r.kind)) as FileKind[],
  );
  const stdinTargets = paths.filter((p) => p === '-');
  const collected = await collectTargets(
    paths.filter((p) => p !== '-').map((p) => resolveArg(io.cwd, p)),
    kinds,
    io.cwd,
  );
  // V8 compiles the 1.3 MB shell grammar with TurboFan in the background and holds the process ~0.5 s at exit
  // for it; a short run is faster on the baseline compiler alone (measured: 0.6 s → 0.1 s per process).
  if (collected.targets.length + stdinTargets.length <= SHORT_RUN_FILES) setFlagsFromString('--liftoff-only');
  await initLint();
  // one line per note: paths and config keys come from the files being linted, so nothing in them may act on the
  // terminal or start a line of its own
  const note = (s: string): void => io.stderr(`dockreview: ${escapeControl(s)}\n`);
  let unreadable = collected.problems.length;
  for (const p of collected.problems) note(`${displayPath(io.cwd, p.path)}: ${p.message}`);
  for (const s of collected.skipped)
    note(`${displayPath(io.cwd, s.path)}: skipped: ${s.kind} files are not linted by this version yet`);
  for (const r of collected.refused) {
    note(
      `${displayPath(io.cwd, r.path)}: skipped: a symbolic link to a ${r.what} outside ${r.root === io.cwd ? 'the working directory' : displayPath(io.cwd, r.root)}, not ${r.what === 'file' ? 'read' : 'walked'}`,
    );
  }
  const binary = (shown: string): void =>
    note(`${shown}: skipped: a binary file (a NUL byte in its first 8 KiB), not linted`);
  // the files rules read besides the linted one are confined to the linted file's root too
  const readers = new Map<string, (path: string) => string | null | undefined>();
  const readerFor = (root: string): ((path: string) => string | null | undefined) => {
    let reader = readers.get(root);
    if (!reader) readers.set(root, (reader = fromDisk(io.cwd, confine(root))));
    return reader;
  };

  const results: ReportFile[] = [];
  let worst: FailOn | null = null;
  const failOnFor = (config: Config): FailOn => (failOnArg as FailOn | undefined) ?? config.failOn;
  const consider = (config: Config, severities: Severity[]): void => {
    const threshold = failOnFor(config);
    if (threshold === 'never') return;
    if (severities.some((s) => SEVERITY_RANK[s] >= SEVERITY_RANK[threshold])) worst = 'error';
  };

  // an invalid config fails the files it applies to (each says so in the report) and is named once on stderr
  const configErrors = new Set<string>();
  const configOrError = (path: string, shown: string, kind: FileKind): Config | null => {
    try {
      return configFor(path);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      unreadable++;
      if (!configErrors.has(err.message)) note(err.message);
      configErrors.add(err.message);
      results.push({ path: shown, kind, findings: [], error: `invalid config: ${err.message}` });
      return null;
    }
  };

  if (stdinTargets.length > 0) {
    const name = values['stdin-filename'] as string;
    const text = io.readStdin();
    let config: Config | null = null;
    if (isBinary(text)) binary(name);
    else config = configOrError(resolve(io.cwd, name), name, detectKind(name) ?? 'dockerfile');
    if (config) {
      const result = lintSource({ path: name, text, readRelated: readerFor(io.cwd) }, config);
      results.push(result);
      consider(
        config,
        result.findings.map((f) => f.severity),
      );
    }
  }
  let fixedTotal = 0;
  for (const target of collected.targets) {
    const shown = displayPath(io.cwd, target.path);
    let bytes: Buffer;
    try {
      bytes = readFileSync(target.path);
    } catch (err) {
      unreadable++;
      const message = `cannot read file (${(err as NodeJS.ErrnoException).code ?? String(err)})`;
      note(`${shown}: ${message}`);
      results.push({ path: shown, kind: target.kind, findings: [], error: message });
      continue;
    }
    if (isBinary(bytes)) {
      binary(shown);
      continue;
    }
    const text = bytes.toString('utf8');
    const config = configOrError(target.path, shown, target.kind);
    if (!config) continue;
    const related = readerFor(target.root);
    let findings;
    if (fixMode) {
      const fixed = fixSource(
        { path: shown, text, related: gatherRelated(shown, target.kind, text, related) },
        config,
        { unsafe: fixMode === 'unsafe' },
      );
      if (fixed.text !== text) {
        writeFileSync(target.path, fixed.text);
        fixedTotal += fixed.applied.length;
        note(`${shown}: applied ${fixed.applied.length} fix${fixed.applied.length === 1 ? '' : 'es'}`);
      }
      findings = fixed.result.findings;
    } else {
      findings = lintSource({ path: shown, text, readRelated: related }, config, target.kind).findings;
    }
    results.push({ path: shown, kind: target.kind, findings });
    consider(
      config,
      findings.map((f) => f.severity),
    );
  }
  void fixedTotal;

  let out: string;
  if (format === 'json') out = formatJson(results);
  else if (format === 'sarif') {
    const { formatSarif } = await import('../report/sarif.js');
    out = formatSarif(results, { version: packageVersion(), rules: ALL_RULES, docsUrl });
  } else {
    const color =
      (values.color as boolean | undefined) ??
      (values['no-color'] ? false : io.isTTY && !io.env.NO_COLOR && !values.output);
    out = formatText(results, { color, showFixHint: !fixMode });
  }
  if (values.output) {
    try {
      writeFileSync(resolve(io.cwd, values.output as string), out);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? String(err);
      io.stderr(`dockreview: cannot write the report to ${values.output as string} (${code})\n`);
      return EXIT.usage;
    }
  } else io.stdout(out);

  if (unreadable > 0) return EXIT.usage;
  return worst ? EXIT.findings : EXIT.clean;
}

/** What git and grep take for binary: a NUL byte early on. Its bytes are never shown, nor linted. */
const BINARY_SNIFF = 8192;
function isBinary(content: Buffer | string): boolean {
  return typeof content === 'string'
    ? content.slice(0, BINARY_SNIFF).includes('\0')
    : content.subarray(0, BINARY_SNIFF).includes(0);
}

function resolveArg(cwd: string, p: string): string {
  return /[*?[\]{}]/.test(p) ? p : resolve(cwd, p);
}

function displayPath(cwd: string, path: string): string {
  const abs = resolve(cwd, path);
  return abs.startsWith(`${cwd}/`) ? abs.slice(cwd.length + 1) : abs === cwd ? '.' : path;
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

function rulesCommand(args: readonly string[], io: Io): number {
  const { values } = parse(args, { format: { type: 'string', short: 'f', default: 'text' } });
  if (values.format === 'json') {
    const rules = ALL_RULES.map((r) => ({
      id: r.id,
      aliases: r.aliases,
      kind: r.kind,
      severity: r.severity,
      fixable: r.fixable,
      summary: r.summary,
      docs: docsUrl(r.id),
    }));
    io.stdout(`${JSON.stringify({ version: 1, rules }, null, 2)}\n`);
    return EXIT.clean;
  }
  if (values.format !== 'text')
    throw new UsageError(`--format must be text or json, not \`${String(values.format)}\``);
  const rows = ALL_RULES.map((r) => [
    r.id,
    r.severity,
    r.fixable === 'yes' ? 'fix' : r.fixable === 'sugg' ? 'suggest' : '-',
    r.aliases.join(', ') || '-',
  ]);
  const widths = [0, 1, 2].map((i) =>
    Math.max(...rows.map((row) => row[i]!.length), ['rule', 'severity', 'fix'][i]!.length),
  );
  const line = (row: string[]): string =>
    `${row
      .slice(0, 3)
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')}  ${row[3]}`;
  io.stdout(`${[line(['rule', 'severity', 'fix', 'aliases']), ...rows.map(line)].join('\n')}\n`);
  return EXIT.clean;
}

function explainCommand(args: readonly string[], io: Io): number {
  const { positionals } = parse(args, {});
  if (positionals.length !== 1)
    throw new UsageError('explain takes one rule id or alias, e.g. `dockreview explain DL3015`');
  const { rules, code } = lookupRuleId(positionals[0]!);
  if (rules.length === 0)
    throw new UsageError(`unknown rule \`${positionals[0]}\` (\`dockreview rules\` lists ids and aliases)`);
  if (code) io.stdout(explainShellcheckCode(code));
  for (const rule of rules) {
    let page: string;
    try {
      page = readFileSync(new URL(`../../docs/rules/${rule.id}.md`, import.meta.url), 'utf8');
    } catch {
      page = `# ${rule.id}\n\n${rule.summary}\n\n${rule.why}\n`;
    }
    io.stdout(`${page.trimEnd()}\n\n${docsUrl(rule.id)}\n`);
  }
  return EXIT.clean;
}

async function reviewCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    base: { type: 'string', short: 'b' },
    format: { type: 'string', short: 'f', default: 'text' },
    config: { type: 'string', short: 'c' },
    shellcheck: { type: 'string' },
    'shellcheck-timeout': { type: 'string' },
  });
  const host = hostOptions(values, io);
  if (positionals.length > 0)
    throw new UsageError(
      `review takes no paths (it reviews the diff between --base and HEAD), not \`${positionals[0]}\``,
    );
  const base = values.base as string | undefined;
  if (!base) throw new UsageError('review needs --base <ref>, e.g. `dockreview review --base origin/main`');
  if (values.format !== 'text' && values.format !== 'json')
    throw new UsageError(`--format must be text or json, not \`${String(values.format)}\``);
  const { previewReview, formatPreview, GitError } = await import('./review.js');
  let preview;
  try {
    preview = await previewReview(io.cwd, base, values.config as string | undefined, host);
  } catch (err) {
    if (err instanceof GitError) throw new UsageError(err.message);
    throw err;
  }
  if (values.format === 'json') {
    const { plan } = preview;
    io.stdout(
      `${JSON.stringify({ version: 1, conclusion: plan.conclusion, title: plan.title, comments: plan.comments, annotations: plan.annotations, summary: plan.summary, files: preview.files, notes: preview.notes }, null, 2)}\n`,
    );
  } else io.stdout(formatPreview(preview));
  return preview.plan.conclusion === 'failure' ? EXIT.findings : EXIT.clean;
}

/**
 * A related file from disk (a Dockerfile's `.dockerignore`; a Compose file's Dockerfiles and the files it extends
 * or includes): absent is a fact rules use; unreadable, or outside the working directory, stays unknown.
 */
function fromDisk(cwd: string, confinement: Confinement): (path: string) => string | null | undefined {
  return confinedReader(cwd, confinement, (p) => readFileSync(p, 'utf8'));
}

/** `--shellcheck`, `--shellcheck-timeout` and their environment variables, checked before any work. */
function hostOptions(values: Record<string, unknown>, io: Io): HostShellcheckOptions {
  return hostShellcheckOptions(io.env, {
    shellcheck: values.shellcheck as string | undefined,
    shellcheckTimeout: values['shellcheck-timeout'] as string | undefined,
  });
}
