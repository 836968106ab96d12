/**
 * The engine: picks the rules for a file, runs them on one shared model, applies severity overrides and inline
 * pragmas, and returns findings in a stable order.
 */
import { parseDockerfile, type DockerfileModel } from './dockerfile/model.js';
import { initShell, shellReady } from './shell/parser.js';
import { needsShellParser } from './dockerfile/run-shell.js';
import { isSuppressed, readSuppressions } from './pragmas.js';
import { messageOf, type Batcher, type Report, type Rule, type RuleContext } from './rule.js';
import { answerDeferred, type Deferred } from './deferred.js';
import {
  FIX_TEXT_PER_BYTE,
  MIN_FIX_TEXT,
  capFindings,
  dedupe,
  instructionLine,
  internalError,
  makeFinding,
  sortFindings,
  spanOf,
} from './findings.js';
export { sortFindings } from './findings.js';
export { relatedPaths } from './related.js';
import { gatherRelated, RELATED_LIMITS } from './related.js';
import { parseCompose, type ComposeModel } from './compose/model.js';
import { ALL_RULES, docsUrl } from './rules/index.js';
import type { SourceText } from './source.js';
import {
  type FileKind,
  type Finding,
  type Severity,
  type SeveritySetting,
  type SourceInput,
  type Span,
  type SuppressedFinding,
} from './types.js';
import { budgetMessage, fileFinding, resolveLimits, type Limits } from './limits.js';
import lintTimeBudget from './rules/any/lint-time-budget.js';

/** Per-rule settings after config resolution, keyed by rule id. */
export interface RuleSettings {
  severity?: SeveritySetting;
  options?: Record<string, unknown>;
}

export interface LintConfig {
  rules: Record<string, RuleSettings>;
  /** Honour inline ignore pragmas (hadolint's `disable-ignore-pragma` turns this off). */
  pragmas?: boolean;
  /** Per-file size and time limits; defaults in limits.ts. */
  limits?: Partial<Limits>;
}

/** When the file's time runs out: checked between rules (a rule itself is never interrupted). */
interface Budget {
  start: number;
  ms: number;
  now: () => number;
}

function startBudget(config: LintConfig): Budget {
  const limits = resolveLimits(config.limits);
  const now = limits.now ?? (() => performance.now());
  return { start: now(), ms: limits.timeBudgetMs, now };
}

export interface FileResult {
  path: string;
  kind: FileKind;
  findings: Finding[];
  /**
   * Why the file was not fully reviewed, when it was not (over the size limit, past the time budget, a tool that
   * timed out): a review that could not look at everything must not pass, whatever the findings say.
   */
  incomplete?: string[];
  /** Findings left out over `limits.maxFindings` (the most severe are kept). */
  omitted?: number;
  /** Findings inline pragmas silenced (Dockerfiles), with the pragma's line. */
  suppressed?: SuppressedFinding[];
  /** Lines of pragmas read but not honoured (`SourceInput.ignoredPragmaLines`). */
  unhonouredPragmas?: number[];
}

/** Loads the WASM shell parser for `lintSource`; `lintFiles` loads it only when a file has a non-plain script. */
export async function initLint(): Promise<void> {
  await initShell();
}

export { chosenKind, detectKind } from './file-kind.js';
import { detectKind } from './file-kind.js';
import { limitSeverity, sizeCheck } from './size-check.js';

export function rulesFor(
  kind: FileKind,
  config: LintConfig,
  rules: readonly Rule[] = ALL_RULES,
): EnabledRule[] {
  const out: EnabledRule[] = [];
  for (const rule of rules) {
    if (rule.kind !== kind) continue;
    const settings = config.rules[rule.id];
    const severity = settings?.severity ?? rule.severity;
    if (severity === 'off') continue;
    out.push({
      rule,
      severity,
      severityOverridden: settings?.severity !== undefined,
      options: { ...rule.options, ...settings?.options },
    });
  }
  return out;
}

export interface EnabledRule {
  rule: Rule;
  severity: Severity;
  severityOverridden: boolean;
  options: Record<string, unknown>;
}

/** What running the rules on one file gave. */
interface Checked {
  findings: Finding[];
  incomplete: string[];
  omitted: number;
  suppressed: SuppressedFinding[];
  unhonouredPragmas: number[];
}

/** Where a finding's pragma is when one silences it (its line), else null. */
type Suppressor = (rule: Rule, aliases: readonly string[], span: Span) => number | null;

function checkDockerfile(
  model: DockerfileModel,
  config: LintConfig,
  rules: readonly Rule[] | undefined,
  related: ReadonlyMap<string, string | null> | undefined,
  budget: Budget,
  ignoredPragmaLines: readonly number[] = [],
  deferring = false,
): Started {
  const ignored = new Set(ignoredPragmaLines);
  const suppressions =
    config.pragmas === false ? null : readSuppressions(model, (line) => !ignored.has(line));
  const suppressed: Suppressor = suppressions
    ? (rule, aliases, span) => isSuppressed(suppressions, rule.id, aliases, instructionLine(model, span))
    : () => null;
  const started = startRules(
    'dockerfile',
    model,
    model.source,
    config,
    rules,
    suppressed,
    related,
    budget,
    deferring,
  );
  return {
    deferred: started.deferred,
    rest: started.rest,
    finish: () => ({ ...started.finish(), unhonouredPragmas: suppressions?.unhonoured ?? [] }),
  };
}

const NO_RELATED: ReadonlyMap<string, string | null> = new Map();

/**
 * Rules that have run on a file. With `deferring`, only the rules that defer have run: they have handed their
 * outside work to `deferred`, `rest` runs the others while that work goes on, and `finish` makes the findings once
 * every deferred request has been answered.
 */
interface Started {
  deferred: Deferred[];
  rest(): void;
  finish(): Checked;
}

/** What one rule said, kept in order until the file is finished: a report, or a finding the engine made itself. */
type Said = { report: Report; enabled: EnabledRule } | { finding: Finding };

/**
 * Runs the enabled rules of one kind on a shared model; a rule that throws costs only its own findings. With
 * `deferring`, the rules that defer run first and may hand outside work to a batcher; their reports then come when
 * the batch is answered. What each rule says is kept in rule order until `finish`, so the findings (and the
 * per-file fix budget, spent in that order) are the same as when every rule runs in order and reports at once.
 */
function startRules<M>(
  kind: FileKind,
  model: M,
  source: SourceText,
  config: LintConfig,
  rules: readonly Rule[] | undefined,
  suppressor: Suppressor,
  related: ReadonlyMap<string, string | null> = NO_RELATED,
  budget: Budget = startBudget(config),
  deferring = false,
): Started {
  const incomplete: string[] = [];
  const enabledRules = rulesFor(kind, config, rules);
  const said: Said[][] = enabledRules.map(() => []);
  const deferred: Deferred[] = [];
  const ran = new Set<number>();
  let outOfTime = false;
  const run = (i: number): void => {
    if (outOfTime) return;
    const elapsed = budget.now() - budget.start;
    if (elapsed > budget.ms) {
      outOfTime = true;
      const skipped = enabledRules.filter((_, j) => !ran.has(j)).map((e) => e.rule.id);
      const severity = limitSeverity(config, lintTimeBudget);
      if (severity)
        said.push([
          {
            finding: fileFinding(
              source.text,
              lintTimeBudget.id,
              severity,
              budgetMessage(skipped, elapsed, budget.ms),
            ),
          },
        ]);
      incomplete.push(
        `linting it ran past its ${budget.ms} ms time budget, so ${skipped.length} ${skipped.length === 1 ? 'rule was' : 'rules were'} skipped`,
      );
      return;
    }
    ran.add(i);
    const enabled = enabledRules[i]!;
    const { rule } = enabled;
    const own = said[i]!;
    const ctx: RuleContext<M> = {
      model,
      source,
      options: enabled.options,
      related,
      report: (report) => own.push({ report, enabled }),
      incomplete: (reason) => incomplete.push(reason),
    };
    if (deferring && rule.defers)
      ctx.defer = (batcher, request, then) =>
        deferred.push({
          batcher: batcher as Batcher<unknown, unknown>,
          request,
          then: (answer) => {
            try {
              then(answer as Parameters<typeof then>[0]);
            } catch (err) {
              own.push({ finding: internalError(rule.id, err) });
            }
          },
          fail: (err) => own.push({ finding: internalError(rule.id, err) }),
        });
    try {
      (rule.check as (ctx: RuleContext<M>) => void)(ctx);
    } catch (err) {
      // a rule bug must not cost the user the other rules' findings
      own.push({ finding: internalError(rule.id, err) });
    }
  };
  const first = (e: EnabledRule): boolean => deferring && e.rule.defers === true;
  enabledRules.forEach((e, i) => first(e) && run(i));
  const rest = (): void => enabledRules.forEach((e, i) => !first(e) && run(i));
  if (!deferring) rest();
  return {
    deferred,
    rest: deferring ? rest : () => {},
    finish: () => findingsOf(source, config, said.flat(), suppressor, incomplete),
  };
}

/** The file's findings from what its rules said, in order: pragmas applied, fixes within the file's budget. */
function findingsOf(
  source: SourceText,
  config: LintConfig,
  said: readonly Said[],
  suppressor: Suppressor,
  incomplete: string[],
): Checked {
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const limits = resolveLimits(config.limits);
  // fix text is bounded per file: a rule bug or a crafted file must not turn a 1 MiB file into gigabytes of edits
  const fixBudget = { left: Math.max(MIN_FIX_TEXT, FIX_TEXT_PER_BYTE * source.text.length) };
  for (const s of said) {
    if ('finding' in s) {
      findings.push(s.finding);
      continue;
    }
    const { report: r, enabled } = s;
    const { rule } = enabled;
    const span = spanOf(r.at);
    const aliases = [...(r.aliases ?? rule.aliases)];
    const pragmaLine = suppressor(rule, aliases, span);
    if (pragmaLine !== null) {
      // kept, bounded, so a review can show what a pragma the pull request adds silences
      if (suppressed.length < limits.maxFindings)
        suppressed.push({
          rule: rule.id,
          severity: enabled.severityOverridden ? enabled.severity : (r.severity ?? enabled.severity),
          line: source.positionAt(span.start).line,
          message: messageOf(rule, r),
          pragmaLine,
        });
      continue;
    }
    findings.push(makeFinding(source, rule, enabled, r, span, aliases, fixBudget));
  }
  const kept = capFindings(dedupe(findings), limits.maxFindings);
  return {
    findings: sortFindings(kept.findings),
    incomplete,
    omitted: kept.omitted,
    suppressed,
    unhonouredPragmas: [],
  };
}

/** Lints one file's text; the kind comes from its name unless given. */
export function lintSource(
  input: SourceInput,
  config: LintConfig,
  kind?: FileKind,
  rules?: readonly Rule[],
): FileResult {
  // nothing is deferred: each rule does its outside work (ShellCheck) for this file alone, now
  return startSource(input, config, kind, rules, false).finish();
}

/** One file of `lintFiles`: what `lintSource` takes. */
export interface LintItem {
  input: SourceInput;
  config: LintConfig;
  kind?: FileKind;
}

/**
 * Lints many files together, each exactly as `lintSource` would, results in the same order: every file's rules run,
 * then the outside work they deferred is done for all of them at once (one ShellCheck run for every `RUN` of every
 * file, instead of one process per file), then each file's findings are made. The files are held in memory until
 * then: callers with very many files pass them a window at a time.
 */
export async function lintFiles(items: readonly LintItem[], rules?: readonly Rule[]): Promise<FileResult[]> {
  const parsed = items.map((item) => parseSource(item.input, item.config, item.kind));
  if (!shellReady() && parsed.some(needsTreeSitter)) await initShell();
  const started = parsed.map((p) => startParsed(p, rules, true));
  // the batchers start their work (ShellCheck processes) before answering; the other rules run meanwhile
  const answered = answerDeferred(started.flatMap((s) => s.deferred));
  for (const s of started) s.rest();
  await answered;
  return started.map((s) => s.finish());
}

const NOTHING_DEFERRED: Deferred[] = [];

type StartedFile = Omit<Started, 'finish'> & { finish(): FileResult };

function done(result: FileResult): StartedFile {
  return { deferred: NOTHING_DEFERRED, rest: () => {}, finish: () => result };
}

function startSource(
  input: SourceInput,
  config: LintConfig,
  kind: FileKind | undefined,
  rules: readonly Rule[] | undefined,
  deferring: boolean,
): StartedFile {
  const parsed = parseSource(input, config, kind);
  // a clear internal error rather than rules failing one by one on a parser nobody loaded
  if (!shellReady() && needsTreeSitter(parsed))
    throw new Error('shell parser not initialised: await initLint() before lintSource');
  return startParsed(parsed, rules, deferring);
}

/** A file parsed, its rules not run yet; or its result already, when it is not linted (too large, unparsable). */
type ParsedFile =
  StartedFile | { input: SourceInput; config: LintConfig; k: FileKind; budget: Budget; parsed: Model };
type Model = { compose: ComposeModel } | { dockerfile: DockerfileModel };

/** Its rules may parse a script only tree-sitter reads (see `needsShellParser`). */
function needsTreeSitter(file: ParsedFile): boolean {
  return 'parsed' in file && 'dockerfile' in file.parsed && needsShellParser(file.parsed.dockerfile);
}

function parseSource(input: SourceInput, config: LintConfig, kind: FileKind | undefined): ParsedFile {
  const k = kind ?? detectKind(input.path) ?? 'dockerfile';
  const tooLarge = sizeCheck(input, config);
  if (tooLarge !== undefined) return done({ path: input.path, kind: k, ...tooLarge });
  // parsing counts against the budget too
  const budget = startBudget(config);
  try {
    const parsed =
      k === 'compose'
        ? { compose: parseCompose(input.path, input.text) }
        : { dockerfile: parseDockerfile(input.path, input.text) };
    return { input, config, k, budget, parsed };
  } catch (err) {
    // a parser bug: the file's one finding, under the rule that reports its syntax
    const rule = k === 'compose' ? 'compose-schema' : 'valid-syntax';
    return done({ path: input.path, kind: k, findings: [internalError(rule, err)] });
  }
}

function startParsed(file: ParsedFile, rules: readonly Rule[] | undefined, deferring: boolean): StartedFile {
  if (!('parsed' in file)) return file;
  const { input, config, k, budget, parsed } = file;
  let started: Started;
  if ('compose' in parsed) {
    const model = parsed.compose;
    const related =
      input.related ??
      (input.readRelated &&
        gatherRelated(input.path, k, input.text, input.readRelated, RELATED_LIMITS, model.data ?? null));
    // no pragmas in a Compose file: nothing is suppressed
    started = startRules(
      'compose',
      model,
      model.source,
      config,
      rules,
      () => null,
      related,
      budget,
      deferring,
    );
  } else {
    const model = parsed.dockerfile;
    const related =
      input.related ?? (input.readRelated && gatherRelated(input.path, k, input.text, input.readRelated));
    started = checkDockerfile(model, config, rules, related, budget, input.ignoredPragmaLines, deferring);
  }
  return {
    deferred: started.deferred,
    rest: started.rest,
    finish: () => {
      const checked = started.finish();
      const result: FileResult = { path: input.path, kind: k, findings: checked.findings };
      if (checked.incomplete.length > 0) result.incomplete = checked.incomplete;
      if (checked.omitted > 0) result.omitted = checked.omitted;
      if (checked.suppressed.length > 0) result.suppressed = checked.suppressed;
      if (checked.unhonouredPragmas.length > 0) result.unhonouredPragmas = checked.unhonouredPragmas;
      return result;
    },
  };
}

export { docsUrl };
