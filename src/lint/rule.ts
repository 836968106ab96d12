/** What a rule is: metadata the tooling reads, plus a check that reports through its context. */
import type { ComposeModel } from './compose/model.js';
import type { DockerfileModel, Instruction } from './dockerfile/model.js';
import type { SourceText } from './source.js';
import type { Fix, FileKind, Severity, SeveritySetting, Span, TextEdit } from './types.js';

export type Fixability = 'yes' | 'sugg' | false;

export interface RuleMeta {
  /** Stable kebab-case id. */
  id: string;
  /** Other tools' ids for the same check (hadolint, BuildKit, Checkov, Trivy, dclint…). */
  aliases: readonly string[];
  /** `any`: a limit the engine enforces on every file (see LimitRule). */
  kind: FileKind | 'workspace' | 'any';
  /** Default severity; `off` rules run only when configured. */
  severity: SeveritySetting;
  fixable: Fixability;
  /** One line: what the rule flags. */
  summary: string;
  /** One or two sentences: why it matters, shown in PR comments. */
  why: string;
  /** For a rule that is off by default: its severity once the config gives it options. */
  whenConfigured?: Severity;
  /** Default options, merged with the ones from config. */
  options?: Record<string, unknown>;
}

export interface Report {
  /** Where: a span of the file, or an instruction (its whole range). */
  at: Span | Instruction;
  message: string;
  /** Overrides the rule's default severity for this finding (e.g. a literal secret is an error). */
  severity?: Severity;
  /** Only these aliases stand for this violation; default all of the rule's. */
  aliases?: readonly string[];
  fix?: FixProposal;
}

export interface FixProposal {
  description: string;
  edits: TextEdit[];
  /** Defaults to the rule's `fixable === 'yes'`. */
  safe?: boolean;
}

export interface RuleContext<M> {
  model: M;
  source: SourceText;
  options: Record<string, unknown>;
  /** Related files the caller fetched (see `SourceInput.related`); empty when none were. */
  related: ReadonlyMap<string, string | null>;
  report(report: Report): void;
  /**
   * Says the rule could not check all of the file (a tool it runs timed out or failed): the file's review is then
   * incomplete, and a review that could not look at everything does not pass.
   */
  incomplete(reason: string): void;
  /**
   * Set when the engine lints many files together (`lintFiles`): instead of doing costly outside work now (one
   * ShellCheck process for one file), the rule hands a request to a batcher; the engine resolves the requests of
   * every file of the run at once, then calls `then`, which reports through this same context. Unset for a single
   * file (`lintSource`): the rule then does the work itself, synchronously.
   */
  defer?: <Q, A>(batcher: Batcher<Q, A>, request: Q, then: (answer: A) => void) => void;
}

/** Answers many rules' requests at once (all the ShellCheck scripts of a lint run); see `RuleContext.defer`. */
export interface Batcher<Q, A> {
  /** One answer per request, in order. Must not reject for one request's sake: failures are answers. */
  run(requests: readonly Q[]): Promise<A[]>;
}

export interface DockerfileRule extends RuleMeta {
  kind: 'dockerfile';
  check(ctx: RuleContext<DockerfileModel>): void;
}

export interface ComposeRule extends RuleMeta {
  kind: 'compose';
  check(ctx: RuleContext<ComposeModel>): void;
}

/**
 * A limit the engine enforces on every file, around the other rules (size, time budget): its metadata names and
 * documents the finding the engine reports; there is no model to check, since the point is not to parse or run.
 */
export interface LimitRule extends RuleMeta {
  kind: 'any';
  check?: undefined;
}

export type Rule = DockerfileRule | ComposeRule | LimitRule;

export function defineRule<R extends Rule>(rule: R): R {
  return rule;
}

export type { Fix };
