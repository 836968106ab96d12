/**
 * The `dockreview` command line: `lint` (src/cli/lint.ts), `rules`, `explain` and `review` (src/cli/review.ts,
 * loaded only for that command). Returns the exit code instead of exiting.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/config.js';
import { ALL_RULES, docsUrl, lookupRuleId } from '../lint/rules/index.js';
import { explainShellcheckCode } from '../lint/rule-ids.js';
import { escapeControl } from '../report/text.js';
import { packageVersion } from '../version.js';
import { lintCommand } from './lint.js';
import { EXIT, hostOptions, parse, UsageError, type Io } from './options.js';

export { EXIT, type Io } from './options.js';

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
      // a config error quotes the config's keys, which a repository wrote; each of its problems on a line of its own
      for (const line of err instanceof ConfigError ? err.lines() : [err.message])
        io.stderr(`dockreview: ${escapeControl(line)}\n`);
      return EXIT.usage;
    }
    throw err;
  }
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
