/**
 * The review comments of a plan: one thread per line (or range), listing every finding that lands there, most severe
 * first, with at most one combined ```suggestion; the same rule repeated in one hunk folded into one comment ("also
 * on lines 5, 10"); the `max_comments` budget spread round-robin across files and rules. Pure, like the plan.
 */
import { applyEdits } from '../lint/fix.js';
import { listInBackticks } from '../lint/text.js';
import { SEVERITY_RANK, type Finding, type Severity } from '../lint/types.js';
import type { SourceText } from '../lint/source.js';
import { inOneHunk, type DiffLines } from './diff.js';
import { fenced, renderMessage } from './markdown.js';
import type { Located, PlanOptions, PlannedComment } from './plan.js';

export const MARKER_START = '<!-- dockreview:fingerprint=';
export const MARKER_END = ' -->';

export const SEVERITY_MARK: Record<Severity, string> = {
  error: '🔴',
  warning: '🟠',
  info: '🔵',
  style: '⚪',
};

/** Where the reviewed commit lives, for links to its lines. */
export interface HeadRef {
  owner: string;
  repo: string;
  sha: string;
}

/** The URL of `line` of `path` at the head commit; every path segment encoded, so no PR path can break the link. */
export function lineUrl(head: HeadRef, path: string, line: number): string {
  const seg = (s: string): string => encodeURIComponent(s);
  return `https://github.com/${seg(head.owner)}/${seg(head.repo)}/blob/${seg(head.sha)}/${path.split('/').map(seg).join('/')}#L${line}`;
}

/** `line 12` linked to the line at the head commit when the plan knows the commit, plain otherwise. */
export function lineLink(
  head: HeadRef | undefined,
  path: string,
  line: number,
  label = `line ${line}`,
): string {
  return head ? `[${label}](${lineUrl(head, path, line)})` : label;
}

/** A finding on changed lines that qualifies for a comment, with its identity and where its comment may go. */
export interface Candidate {
  l: Located;
  fp: string;
  /** First and last line the comment may span (commentable, one hunk). */
  range: [number, number];
  /** Index of the hunk `range` lies in. */
  hunk: number;
}

/** One finding in a comment, with the later places the same rule fires in the same hunk. */
interface Unit {
  first: Candidate;
  also: Candidate[];
}

/** One thread: the units whose comments land on overlapping lines. */
interface Thread {
  path: string;
  units: Unit[];
  range: [number, number];
  severity: Severity;
}

export interface CommentsResult {
  comments: PlannedComment[];
  /** Findings left out of comments by `max_comments`. */
  overBudget: number;
  /** Comments per file path. */
  perFile: Map<string, number>;
}

/** Where a comment for the finding may sit, or null when GitHub takes none on its lines. */
export function anchorOf(
  finding: Finding,
  diff: DiffLines,
): { range: [number, number]; hunk: number } | null {
  let range: [number, number] | null = null;
  if (allCommentable(diff, finding.line, finding.endLine)) range = [finding.line, finding.endLine];
  else {
    // the last commentable line of the finding: for a multi-line instruction partly in the hunk, its added end
    for (let n = finding.endLine; n >= finding.line; n--)
      if (diff.commentable.has(n)) {
        range = [n, n];
        break;
      }
  }
  if (!range) return null;
  const hunk = diff.hunks.findIndex((h) => h.start <= range[0] && range[1] <= h.end);
  return hunk < 0 ? null : { range, hunk };
}

export function allCommentable(diff: DiffLines, from: number, to: number): boolean {
  if (!inOneHunk(diff, from, to)) return false;
  for (let l = from; l <= to; l++) if (!diff.commentable.has(l)) return false;
  return true;
}

const bySeverity = (a: Candidate, b: Candidate): number =>
  SEVERITY_RANK[b.l.finding.severity] - SEVERITY_RANK[a.l.finding.severity];

export function buildComments(candidates: readonly Candidate[], options: PlanOptions): CommentsResult {
  // the same rule (ShellCheck: the same code) in one hunk of one file: one unit at its first place; in another hunk,
  // or on the first place's own lines (`apt update` and `apt install` on one line), a unit of its own
  const firsts = new Map<string, Unit>();
  const units: Unit[] = [];
  const sorted = [...candidates].sort(
    (a, b) =>
      cmp(a.l.file.path, b.l.file.path) ||
      a.range[0] - b.range[0] ||
      a.range[1] - b.range[1] ||
      a.l.finding.column - b.l.finding.column,
  );
  for (const c of sorted) {
    const key = `${c.l.file.path}\0${pragmaId(c.l.finding)}\0${c.l.finding.severity}\0${c.hunk}`;
    const unit = firsts.get(key);
    if (unit && c.range[0] > unit.first.range[1]) unit.also.push(c);
    else {
      const own = { first: c, also: [] };
      if (!unit) firsts.set(key, own);
      units.push(own);
    }
  }
  // units whose lines overlap share one thread (GitHub shows a line's threads stacked, and applies one suggestion
  // per line in a batch)
  const threads: Thread[] = [];
  const ordered = [...units].sort(
    (a, b) => cmp(a.first.l.file.path, b.first.l.file.path) || a.first.range[0] - b.first.range[0],
  );
  for (const u of ordered) {
    const last = threads[threads.length - 1];
    const r = u.first.range;
    if (last && last.path === u.first.l.file.path && r[0] <= last.range[1] && last.range[0] <= r[1]) {
      last.units.push(u);
      last.range = [Math.min(last.range[0], r[0]), Math.max(last.range[1], r[1])];
      if (SEVERITY_RANK[u.first.l.finding.severity] > SEVERITY_RANK[last.severity])
        last.severity = u.first.l.finding.severity;
    } else
      threads.push({
        path: u.first.l.file.path,
        units: [u],
        range: [r[0], r[1]],
        severity: u.first.l.finding.severity,
      });
  }
  for (const t of threads) t.units.sort((a, b) => bySeverity(a.first, b.first));

  const chosen = spreadBudget(threads, options.maxComments);
  const kept = new Set(chosen);
  let overBudget = 0;
  for (const t of threads) if (!kept.has(t)) for (const u of t.units) overBudget += 1 + u.also.length;
  const comments = chosen
    .map((t) => commentFor(t, options))
    .sort((a, b) => cmp(a.path, b.path) || a.line - b.line);
  const perFile = new Map<string, number>();
  for (const c of comments) perFile.set(c.path, (perFile.get(c.path) ?? 0) + 1);
  return { comments, overBudget, perFile };
}

/**
 * At most `max` threads, most severe first, and within a severity round-robin: each (file, rule) pair's first
 * thread before any pair's second, files with fewer threads so far first; so one file's ten copies of a message
 * never starve another file.
 */
function spreadBudget(threads: readonly Thread[], max: number): Thread[] {
  const pairRank = new Map<Thread, number>();
  const fileRank = new Map<Thread, number>();
  const pairs = new Map<string, number>();
  const filesSeen = new Map<string, number>();
  // ranks in file and line order, most severe threads first within a file
  const inOrder = [...threads].sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || cmp(a.path, b.path) || a.range[0] - b.range[0],
  );
  for (const t of inOrder) {
    const pair = `${t.severity}\0${t.path}\0${t.units[0]!.first.l.finding.rule}`;
    const file = `${t.severity}\0${t.path}`;
    pairRank.set(t, pairs.get(pair) ?? 0);
    pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
    fileRank.set(t, filesSeen.get(file) ?? 0);
    filesSeen.set(file, (filesSeen.get(file) ?? 0) + 1);
  }
  return inOrder
    .sort(
      (a, b) =>
        SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
        pairRank.get(a)! - pairRank.get(b)! ||
        fileRank.get(a)! - fileRank.get(b)! ||
        cmp(a.path, b.path) ||
        a.range[0] - b.range[0],
    )
    .slice(0, Math.max(0, max));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The most other places of a rule a comment links to ("also on lines …"); the check run lists them all. */
const ALSO_SHOWN = 10;

/** For a finding whose items the pull request only partly added: the sentence that names what it added. */
function addedHere(l: Located): string {
  if (!l.addedParts) return '';
  return ` This pull request adds ${listInBackticks(l.addedParts.map((p) => p.text))}.`;
}

/** The text of one thread. */
function commentFor(t: Thread, options: PlanOptions): PlannedComment {
  const first = t.units[0]!.first;
  const { file, source } = first.l;
  const diff = file.diff!;
  let range = t.range;
  const findings = t.units.map((u) => u.first.l.finding);
  const fixable = findings.filter((f) => f.fix && f.fix.edits.length > 0);
  let suggestion: string | null = null;
  if (options.suggestions && fixable.length > 0) {
    const s = combinedSuggestion(fixable, source, range);
    if (s && allCommentable(diff, s.from, s.to)) {
      range = [s.from, s.to];
      suggestion = s.text;
    }
  }
  const docs = (rule: string): string => `[\`${rule}\`](${options.rule(rule).docs})`;
  const also = (u: Unit): string => {
    if (u.also.length === 0) return '';
    const shown = u.also
      .slice(0, ALSO_SHOWN)
      .map((c) => lineLink(options.head, file.path, c.l.finding.line, String(c.l.finding.line)));
    const more = u.also.length - shown.length;
    return `also on line${u.also.length === 1 ? '' : 's'} ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  };
  const parts: string[] = [];
  if (t.units.length === 1) {
    const u = t.units[0]!;
    const f = u.first.l.finding;
    parts.push(
      `${SEVERITY_MARK[f.severity]} **${f.severity}** · ${docs(f.rule)}`,
      '',
      renderMessage(f.message) + addedHere(u.first.l),
    );
    if (u.also.length > 0) parts.push('', `_${capitalise(also(u))}._`);
  } else {
    const where = range[0] === range[1] ? 'this line' : 'these lines';
    parts.push(`**${t.units.length} findings on ${where}**`, '');
    for (const u of t.units) {
      const f = u.first.l.finding;
      const more = also(u);
      parts.push(
        `- ${SEVERITY_MARK[f.severity]} **${f.severity}** · ${docs(f.rule)}: ${renderMessage(f.message)}${addedHere(u.first.l)}${more ? ` (${more})` : ''}`,
      );
    }
  }
  const unsafe = fixable.filter((f) => !f.fix!.safe);
  if (suggestion !== null) {
    parts.push('', fenced(suggestion, 'suggestion'));
    // a suggestion that changes behaviour says what to check; a safe one needs no words
    if (unsafe.length > 0)
      parts.push(
        `Check before committing: ${unsafe.map((f) => renderMessage(f.fix!.description)).join('; ')}.`,
      );
    // under a list of findings, a suggestion reads as fixing them all: say which it leaves to the author
    const byHand = findings.filter((f) => !fixable.includes(f));
    if (byHand.length > 0)
      parts.push(
        `_The suggestion fixes ${listInBackticks(fixable.map((f) => f.rule))}; ${listInBackticks(byHand.map((f) => f.rule))} ${byHand.length === 1 ? 'needs' : 'need'} a change by hand._`,
      );
  } else if (fixable.length > 0) {
    const anyUnsafe = unsafe.length > 0;
    parts.push(
      '',
      `_Fixable: \`dockreview lint --fix${anyUnsafe ? '-unsafe' : ''}\` (${fixable.map((f) => renderMessage(f.fix!.description)).join('; ')})._`,
    );
  }
  const whys = t.units
    .map((u) => ({ rule: u.first.l.finding.rule, why: options.rule(u.first.l.finding.rule).why }))
    .filter((w, i, all) => w.why !== '' && all.findIndex((x) => x.rule === w.rule) === i);
  if (whys.length === 1)
    parts.push('', '<details><summary>Why</summary>', '', whys[0]!.why, '', '</details>');
  else if (whys.length > 1)
    parts.push(
      '',
      '<details><summary>Why</summary>',
      '',
      ...whys.map((w) => `- \`${w.rule}\`: ${w.why}`),
      '',
      '</details>',
    );
  parts.push('', silenceLine(file.kind, findings));
  const fps = t.units.flatMap((u) => [u.first.fp, ...u.also.map((c) => c.fp)]);
  parts.push('', `${MARKER_START}${fps.join(',')}${MARKER_END}`);
  const comment: PlannedComment = {
    path: file.path,
    line: range[1],
    side: 'RIGHT',
    body: parts.join('\n'),
    fingerprint: fps[0]!,
    fingerprints: fps,
    severity: t.severity,
  };
  if (range[0] < range[1]) {
    comment.start_line = range[0];
    comment.start_side = 'RIGHT';
  }
  return comment;
}

/** The id a pragma names for a finding: a ShellCheck finding's own code, so the pragma silences only that code. */
function pragmaId(f: Finding): string {
  return f.rule === 'shellcheck' && f.aliases[0] ? f.aliases[0] : f.rule;
}

function silenceLine(kind: string, findings: readonly Finding[]): string {
  const ids = [...new Set(findings.map(pragmaId))];
  if (kind === 'compose')
    return `<sub>Not applicable here? Set ${ids.map((id) => `\`${id}: off\``).join(', ')} under \`rules:\` in \`.github/dockreview.yml\`.</sub>`;
  return `<sub>Not applicable here? Add \`# dockreview ignore=${ids.join(',')}\` on the line above the instruction.</sub>`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The replacement for whole lines `from`..`to` that applies every fix of `findings` together, through the applier
 * `dockreview lint --fix-unsafe` uses: null when their edits conflict (the applier would leave one out), or reach
 * more than a few lines beyond `range`. A suggestion replaces entire lines, so the text covers them completely.
 */
export function combinedSuggestion(
  findings: readonly Finding[],
  source: SourceText,
  range: [number, number],
): { from: number; to: number; text: string } | null {
  const edits = findings.flatMap((f) => f.fix?.edits ?? []);
  if (edits.length === 0) return null;
  const text = source.text;
  let from = range[0];
  let to = range[1];
  for (const e of edits) {
    from = Math.min(from, source.positionAt(e.start).line);
    // an edit that ends right after a newline belongs to the line that newline closes
    const lastChar = e.end > e.start ? e.end - 1 : e.start;
    to = Math.max(to, source.positionAt(lastChar).line);
  }
  if (to - from > 20) return null;
  const { text: out, applied } = applyEdits(text, findings, true);
  if (applied.length !== findings.length) return null;
  const regionStart = source.lineStart(from);
  const regionEnd = to < source.lineCount ? source.lineStart(to + 1) : text.length;
  if (edits.some((e) => e.start < regionStart || e.end > regionEnd)) return null;
  let region = out.slice(regionStart, regionEnd + (out.length - text.length));
  // the block stands for whole lines: drop one closing line break; CRLF files keep \n inside the block
  if (region.endsWith('\n')) region = region.slice(0, -1);
  if (region.endsWith('\r')) region = region.slice(0, -1);
  return { from, to, text: region.replace(/\r\n/g, '\n') };
}
