/**
 * From findings and the pull request's diff to what the app posts: review comments on changed lines (with
 * ```suggestion blocks where a fix stays inside the commented lines), annotations for the most severe findings, the
 * check-run summary and its conclusion. Pure: no GitHub, no I/O, so the CLI's `review` command shows exactly the
 * same. Every text that comes from the pull request (messages quote its files, paths are its own) goes into markdown
 * through ./markdown.ts, so nothing of it renders live.
 */
import { createHash } from 'node:crypto';
import { SourceText } from '../lint/source.js';
import {
  SEVERITY_RANK,
  type FileKind,
  type Finding,
  type Severity,
  type SuppressedFinding,
} from '../lint/types.js';
import {
  MARKER_END,
  MARKER_START,
  anchorOf,
  buildComments,
  combinedSuggestion,
  type Candidate,
  type HeadRef,
} from './comments.js';
import type { DiffLines } from './diff.js';
import { locate, type Located } from './locate.js';
import { plainText } from './markdown.js';
import { describeCounts, reviewBodyFor, summaryFor, total } from './summary.js';

export type { HeadRef } from './comments.js';
export type { Located } from './locate.js';

export type FailOn = Severity | 'never';

export interface PlanFile {
  path: string;
  kind: FileKind;
  /** The file at the pull request's head. */
  text: string;
  findings: Finding[];
  /** null when GitHub sent no patch (too large or binary): every line counts as changed, none takes comments. */
  diff: DiffLines | null;
  /** Findings inline pragmas silenced, with each pragma's line (the lint result's `suppressed`). */
  suppressed?: readonly SuppressedFinding[];
  /** Lines of pragmas that were not honoured (`pragmas: base-only`). */
  unhonouredPragmas?: readonly number[];
}

export interface RuleInfo {
  why: string;
  docs: string;
}

export interface PlanOptions {
  failOn: FailOn;
  failOnExisting: boolean;
  comments: 'changed-lines' | 'none';
  maxComments: number;
  /** The lowest severity that becomes a review comment; findings below it on changed lines are nitpicks. */
  commentOn: Severity;
  /**
   * The same for files that are tests, examples or development setups (`fileRole`), when it is higher than
   * `commentOn`: their warnings stay in the check run. Absent: such files are treated like any other.
   */
  commentOnFixtures?: Severity;
  suggestions: boolean;
  /** The head commit, for links to lines; without it (the CLI) lines are named, not linked. */
  head?: HeadRef;
  /** Fingerprints of the comments earlier runs already posted on this pull request. */
  posted: ReadonlySet<string>;
  rule: (id: string) => RuleInfo;
  /** Lines describing the config in force, for the summary. */
  configLines: string[];
}

export interface PlannedComment {
  path: string;
  /** Last line of the comment (1-based, head side). */
  line: number;
  /** First line, for a multi-line comment. */
  start_line?: number;
  side: 'RIGHT';
  start_side?: 'RIGHT';
  body: string;
  /** The first of `fingerprints`: what tells, after a failed post, whether the comment landed. */
  fingerprint: string;
  /** Every finding the comment stands for (the marker at the end of the body lists them). */
  fingerprints: string[];
  severity: Severity;
}

export interface PlannedAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  title: string;
  message: string;
}

export interface PlanCounts {
  changed: Record<Severity, number>;
  existing: Record<Severity, number>;
  fixable: { safe: number; suggestion: number };
}

export interface Plan {
  comments: PlannedComment[];
  /** Findings on changed lines that already have their comment from an earlier run. */
  alreadyPosted: number;
  /** Findings on changed lines left to the check run because of `max_comments` or where GitHub takes no comment. */
  notCommented: number;
  /**
   * The most severe findings that have no review comment (neither one of this plan's nor one an earlier run
   * posted), at most `MAX_ANNOTATIONS`: the Files view would otherwise show each commented finding twice.
   */
  annotations: PlannedAnnotation[];
  /** Findings left without an annotation by that limit (the summary says so); commented ones are not counted. */
  notAnnotated: number;
  /**
   * The annotations should this plan's comments not land (GitHub refused the review or some of its comments): the
   * findings of earlier runs' comments still left out.
   */
  annotationsIfNotPosted: PlannedAnnotation[];
  /**
   * The fingerprint of every finding in the reviewed files, changed lines or not: a comment of an earlier run none
   * of whose fingerprints is here any more is about a finding this push made disappear.
   */
  standing: ReadonlySet<string>;
  /** Findings below `comment_on` on changed lines: the review body lists them as nitpicks. */
  nitpicks: number;
  conclusion: 'success' | 'failure';
  title: string;
  summary: string;
  /** The review's body: the verdict in one sentence and the nitpicks. */
  reviewBody: string;
  counts: PlanCounts;
}

const LEVEL: Record<Severity, PlannedAnnotation['annotation_level']> = {
  error: 'failure',
  warning: 'warning',
  info: 'notice',
  style: 'notice',
};

/**
 * One page of annotations per review: GitHub takes 50 per request, and a file with thousands of findings would
 * otherwise cost hundreds of requests (and bury the ones that matter). The summary counts the rest.
 */
export const MAX_ANNOTATIONS = 50;

const FINGERPRINT = /^[0-9a-f]{8,64}$/;
/** GitHub's limit on a comment body: no marker of the app's is longer. */
const BODY_LIMIT = 65536;

/**
 * The fingerprints hidden in a comment body this app wrote (one per finding the comment lists), if any: only a
 * marker that ends the body (trailing whitespace aside) counts, as the app writes it, so a marker quoted inside the
 * comment's text cannot pass for it.
 */
export function fingerprintsOf(body: string): string[] {
  const t = body.trimEnd();
  if (!t.endsWith(MARKER_END)) return [];
  const start = t.lastIndexOf(MARKER_START);
  if (start < 0) return [];
  const fps = t.slice(start + MARKER_START.length, t.length - MARKER_END.length);
  if (fps.length > BODY_LIMIT) return [];
  const list = fps.split(',');
  return list.every((fp) => FINGERPRINT.test(fp)) ? list : [];
}

/** The first fingerprint of a body this app wrote, or null. */
export function fingerprintOf(body: string): string | null {
  return fingerprintsOf(body)[0] ?? null;
}

/** Who wrote a review comment, as GitHub lists it. */
export interface CommentAuthor {
  login?: string;
  /** `User`, `Bot`, `Organization`. */
  type?: string;
  /** `performed_via_github_app.id`, when GitHub gives it. */
  appId?: number;
}

/** The app the review runs as, when the caller knows it. */
export interface AppIdentity {
  appId: number;
  /** Its bot user, `<slug>[bot]`. */
  login: string;
}

/**
 * Whether a comment is one this app wrote, so its fingerprint counts as posted: anyone else's could suppress a
 * finding's comment by planting a marker. A Bot whose `performed_via_github_app` is the app, or, without that field,
 * whose login is the app's bot login. Without the app's identity (`null`), any Bot user counts: people cannot plant
 * markers then, another installed app still could.
 */
export function writtenByApp(author: CommentAuthor, app: AppIdentity | null): boolean {
  if (author.type !== 'Bot' || !author.login?.endsWith('[bot]')) return false;
  if (app === null) return true;
  if (author.appId !== undefined) return author.appId === app.appId;
  return author.login === app.login;
}

/**
 * A finding's identity across pushes: rule + path + what the finding says (whitespace folded) + which occurrence of
 * that same text in the file it is (0 for the first, in line order). Not the line number, so it survives lines
 * moving; not the line's whole text, so committing another suggestion on the line, or re-indenting it, keeps it;
 * the message, which quotes what the rule flagged, tells `apt update` from `apt install` on one line.
 */
export function fingerprint(finding: Finding, path: string, occurrence = 0): string {
  return createHash('sha256')
    .update(`${finding.rule}\0${path}\0${foldSpaces(finding.message)}\0${occurrence}`)
    .digest('hex')
    .slice(0, 20);
}

function foldSpaces(s: string): string {
  return s.trim().replace(/\s+/g, ' ');
}

/** Each finding's fingerprint, occurrences of the same rule and message in one file counted in line order. */
function fingerprints(located: readonly Located[]): Map<Located, string> {
  const out = new Map<Located, string>();
  const seen = new Map<string, number>();
  const ordered = [...located].sort(
    (a, b) =>
      (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0) ||
      a.finding.line - b.finding.line ||
      a.finding.column - b.finding.column,
  );
  for (const l of ordered) {
    const key = `${l.file.path}\0${l.finding.rule}\0${foldSpaces(l.finding.message)}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    out.set(l, fingerprint(l.finding, l.file.path, n));
  }
  return out;
}

/** The lowest severity a finding needs to become a review comment, by what its file is. */
export function commentThreshold(l: Located, options: PlanOptions): Severity {
  const fixtures = options.commentOnFixtures;
  if (!l.role || !fixtures || SEVERITY_RANK[fixtures] <= SEVERITY_RANK[options.commentOn])
    return options.commentOn;
  return fixtures;
}

export function plan(files: readonly PlanFile[], options: PlanOptions): Plan {
  const located = locate(files);
  const counts = countFindings(located);
  const failing = located.filter(
    (l) =>
      (l.changed || options.failOnExisting) &&
      options.failOn !== 'never' &&
      SEVERITY_RANK[l.finding.severity] >= SEVERITY_RANK[options.failOn],
  );
  const conclusion = failing.length > 0 ? 'failure' : 'success';

  let comments: PlannedComment[] = [];
  let alreadyPosted = 0;
  let noPlace = 0;
  let overBudget = 0;
  let perFile = new Map<string, number>();
  const nitpicks = located.filter(
    (l) => l.changed && SEVERITY_RANK[l.finding.severity] < SEVERITY_RANK[commentThreshold(l, options)],
  );
  const ids = fingerprints(located);
  if (options.comments !== 'none') {
    const candidates: Candidate[] = [];
    const seen = new Set<string>();
    for (const l of located) {
      if (!l.changed || SEVERITY_RANK[l.finding.severity] < SEVERITY_RANK[commentThreshold(l, options)])
        continue;
      const fp = ids.get(l)!;
      if (options.posted.has(fp) || seen.has(fp)) {
        alreadyPosted++;
        continue;
      }
      seen.add(fp);
      const anchor = l.file.diff ? anchorOf(l.finding, l.file.diff) : null;
      if (!anchor) {
        noPlace++;
        continue;
      }
      candidates.push({ l, fp, ...anchor });
    }
    ({ comments, overBudget, perFile } = buildComments(candidates, options));
  }

  // a finding with a review comment (this run's or an earlier one's) is shown there: no annotation repeats it
  const earlier = options.comments === 'none' ? new Set<string>() : options.posted;
  const commented = new Set([...earlier, ...comments.flatMap((c) => c.fingerprints)]);
  const uncommented = located.filter((l) => !commented.has(ids.get(l)!));
  const annotations = annotationPage(uncommented);
  const annotationsIfNotPosted =
    comments.length > 0 ? annotationPage(located.filter((l) => !earlier.has(ids.get(l)!))) : annotations;
  const notAnnotated = uncommented.length - annotations.length;
  const title = titleFor(counts);
  const summary = summaryFor(files, located, failing, counts, options, {
    comments: comments.length,
    alreadyPosted,
    overBudget,
    noPlace,
    nitpicks: options.comments === 'none' ? 0 : nitpicks.length,
    notAnnotated,
    perFile,
  });
  const reviewBody = reviewBodyFor(
    failing,
    options.comments === 'none' ? [] : nitpicks,
    comments.length,
    options,
  );
  return {
    comments,
    alreadyPosted,
    notCommented: noPlace + overBudget,
    nitpicks: nitpicks.length,
    annotations,
    notAnnotated,
    annotationsIfNotPosted,
    standing: new Set(ids.values()),
    conclusion,
    title,
    summary,
    reviewBody,
    counts,
  };
}

/** One page of annotations: most severe first, then by file and line, so the page GitHub shows holds what matters. */
function annotationPage(located: readonly Located[]): PlannedAnnotation[] {
  return [...located]
    .sort(
      (a, b) =>
        SEVERITY_RANK[b.finding.severity] - SEVERITY_RANK[a.finding.severity] ||
        (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0) ||
        a.finding.line - b.finding.line,
    )
    .slice(0, MAX_ANNOTATIONS)
    .map(({ file, finding }) => annotationFor(file.path, finding));
}

function countFindings(located: readonly Located[]): PlanCounts {
  const zero = (): Record<Severity, number> => ({ error: 0, warning: 0, info: 0, style: 0 });
  const counts: PlanCounts = { changed: zero(), existing: zero(), fixable: { safe: 0, suggestion: 0 } };
  for (const l of located) {
    (l.changed ? counts.changed : counts.existing)[l.finding.severity]++;
    if (l.finding.fix?.safe) counts.fixable.safe++;
    else if (l.finding.fix) counts.fixable.suggestion++;
  }
  return counts;
}

/**
 * The replacement text for whole lines that applies one finding's fix, when its edits stay within the finding's
 * lines (or a few lines around them); see `combinedSuggestion`.
 */
export function suggestionFor(
  finding: Finding,
  source: SourceText,
): { from: number; to: number; text: string } | null {
  return combinedSuggestion([finding], source, [finding.line, finding.endLine]);
}

function annotationFor(path: string, f: Finding): PlannedAnnotation {
  const a: PlannedAnnotation = {
    path,
    start_line: f.line,
    end_line: Math.max(f.endLine, f.line),
    annotation_level: LEVEL[f.severity],
    title: `${f.rule}${f.aliases.length > 0 ? ` (${f.aliases.join(', ')})` : ''}`,
    // GitHub shows annotations as plain text: the quotes lose their backticks, not their words
    message: f.fix
      ? `${plainText(f.message)}\nFix${f.fix.safe ? '' : ' (suggestion)'}: ${plainText(f.fix.description)}.`
      : plainText(f.message),
  };
  // columns are only allowed on single-line annotations
  if (a.start_line === a.end_line && f.endColumn > f.column) {
    a.start_column = f.column;
    a.end_column = f.endColumn;
  }
  return a;
}

function titleFor(counts: PlanCounts): string {
  const changed = total(counts.changed);
  const existing = total(counts.existing);
  if (changed === 0 && existing === 0) return 'No problems found';
  const head =
    changed > 0 ? `${describeCounts(counts.changed)} on changed lines` : 'No problems on changed lines';
  const tail = existing > 0 ? ` (${existing} pre-existing)` : '';
  return `${head}${tail}`;
}
