/** What a rule is: metadata the tooling reads, plus a check that reports through its context. */
import type { ComposeModel } from './compose/model.js';
import type { DockerfileModel, Instruction } from './dockerfile/model.js';
import type { SourceText } from './source.js';
import type { Fix, FileKind, FindingPart, Severity, SeveritySetting, Span, TextEdit } from './types.js';

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
  /**
   * When some findings are graded apart from `severity` (a report's own `severity`): how, in a few words. Shown
   * after the default severity in the header of the rule's page.
   */
  severityNote?: string;
  /** For a rule that is off by default: its severity once the config gives it options. */
  whenConfigured?: Severity;
  /**
   * The rule's options: each one's type, default and meaning. The config loader refuses a key that is not here or
   * a value of the wrong type, with its line; the config file's JSON schema and the page's header are generated
   * from it. Write this, not `options`.
   */
  schema?: Readonly<Record<string, OptionSchema>>;
  /** Default options, merged with the ones from config: filled by `defineRule` from `schema`'s defaults. */
  options?: Record<string, unknown>;
  /**
   * The rule's messages by id (ESLint's `meta.messages`): templates whose `{{name}}` placeholders a report fills
   * from its `data`. A rule that says several things names them here, so its tests assert which one it said, not
   * the prose; clauses several rules share come from `messages.ts`.
   */
  messages?: Readonly<Record<string, string>>;
  /**
   * The rule hands costly outside work to a batcher (`RuleContext.defer`) when many files are linted together; only
   * such a rule is offered `defer`, and the engine runs it before the others, so that the work (ShellCheck
   * processes) goes on while they run.
   */
  defers?: true;
}

/** The shape of a value, in the subset of JSON Schema (draft-07) the options use. */
export interface ValueSchema {
  type: 'string' | 'boolean' | 'integer' | 'array' | 'object';
  enum?: readonly string[];
  minimum?: number;
  /** An array's items. */
  items?: ValueSchema;
  /** An object's values (its keys are free). */
  additionalProperties?: ValueSchema;
}

export interface OptionSchema extends ValueSchema {
  /** One sentence, shown in the config schema (editors show it on hover). */
  description: string;
  default: unknown;
  /**
   * Set by the machine that runs dockreview, never by a config file (which a pull request can edit): where to set
   * it instead. A config file that sets it is refused, with this text.
   */
  hostOnly?: string;
}

/** What a finding says: a message written out, or the id of one of the rule's `messages` and its placeholders. */
export type ReportMessage =
  | { message: string; messageId?: undefined; data?: undefined }
  | { messageId: string; data?: Readonly<Record<string, string | number>>; message?: undefined };

export type Report = ReportMessage & ReportWhere;

export interface ReportWhere {
  /** Where: a span of the file, or an instruction (its whole range). */
  at: Span | Instruction;
  /** Overrides the rule's default severity for this finding (e.g. a literal secret is an error). */
  severity?: Severity;
  /** Only these aliases stand for this violation; default all of the rule's. */
  aliases?: readonly string[];
  fix?: FixProposal;
  /** The items the message names, each where it is written (see `Finding.parts`). */
  parts?: readonly FindingPart[];
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
   * Set for a rule with `defers` when the engine lints many files together (`lintFiles`): instead of doing costly outside work now (one
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

/**
 * The text of a report: its message, or its message id's template with `{{name}}` filled from `data`. An unknown id
 * or a placeholder without data is a bug of the rule, thrown (the engine turns it into an internal-error finding).
 */
export function messageOf(rule: Pick<RuleMeta, 'id' | 'messages'>, r: ReportMessage): string {
  if (r.messageId === undefined) return r.message;
  const template = rule.messages?.[r.messageId];
  if (template === undefined) throw new Error(`rule ${rule.id} has no message \`${r.messageId}\``);
  // one pass over the template: a value that itself holds `{{…}}` is not expanded again
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = r.data?.[name];
    if (value === undefined)
      throw new Error(`rule ${rule.id}, message ${r.messageId}: no data for {{${name}}}`);
    return String(value);
  });
}

/** A rule as its file declares it; its default `options` are taken from its `schema`. */
export function defineRule<R extends Rule>(rule: R): R {
  if (rule.schema === undefined) return rule;
  if (rule.options !== undefined)
    throw new Error(`rule ${rule.id}: give \`schema\` (with defaults), not \`options\``);
  const options = Object.fromEntries(Object.entries(rule.schema).map(([name, s]) => [name, s.default]));
  return { ...rule, options };
}

export type { Fix };
