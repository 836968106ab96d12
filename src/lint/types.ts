/** Shared vocabulary of the lint core: severities, positions, findings and fixes. */

export const SEVERITIES = ['error', 'warning', 'info', 'style'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type SeveritySetting = Severity | 'off';

/** Higher is more severe; `never` (as a threshold) is above everything. */
export const SEVERITY_RANK: Record<Severity, number> = { style: 1, info: 2, warning: 3, error: 4 };

export type FileKind = 'dockerfile' | 'compose';

/** A half-open range of UTF-16 offsets into the original text. */
export interface Span {
  start: number;
  end: number;
}

/** One text replacement on the original file. */
export interface TextEdit extends Span {
  text: string;
}

export interface Fix {
  description: string;
  /** `true`: always safe, applied by `--fix`; `false`: a suggestion, applied only by `--fix-unsafe`. */
  safe: boolean;
  edits: TextEdit[];
}

export interface Finding {
  rule: string;
  /** The other tools' ids that stand for this very violation. */
  aliases: string[];
  severity: Severity;
  message: string;
  /** Which of its rule's `messages` this is, when the rule names them. */
  messageId?: string;
  /** 1-based line and column of the start; end is inclusive line, exclusive column (1-based). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  span: Span;
  fix?: Fix;
  /**
   * The items the message names, where each is written (the unpinned packages of one install): a review of a
   * change to part of them names those the change added, not only the first of fifty.
   */
  parts?: FindingPart[];
}

/** One item a finding names, and where it stands in the file. */
export interface FindingPart {
  text: string;
  span: Span;
}

export interface SourceInput {
  path: string;
  text: string;
  /**
   * Files related to this one that rules may read (the `.dockerignore` of a Dockerfile's build context), by path:
   * the text, or null when the file does not exist. A path left out is unknown, and rules that need it stay
   * silent. See `relatedPaths`.
   */
  related?: ReadonlyMap<string, string | null>;
  /**
   * Instead of `related`: reads a related file (its text, null when it does not exist, undefined when unknown), so
   * the engine gathers what the rules need from the model it parses anyway — a Compose file is then read once, not
   * once for its references and again for its rules. For callers that can read synchronously (the CLI, from disk).
   */
  readRelated?: (path: string) => string | null | undefined;
  /**
   * The file's size in bytes when known apart from `text` (GitHub returns only the start of a large blob): the size
   * limit then judges the real file, not the part received.
   */
  byteSize?: number;
  /**
   * Lines whose inline ignore pragmas are read but not honoured (the config's `pragmas: base-only`: the lines a pull
   * request added). The result lists them in `unhonouredPragmas`.
   */
  ignoredPragmaLines?: readonly number[];
}

/** A finding an inline pragma silenced, and where that pragma is (so a review can show what a change silences). */
export interface SuppressedFinding {
  rule: string;
  severity: Severity;
  line: number;
  message: string;
  /** The 1-based line of the pragma. */
  pragmaLine: number;
}
