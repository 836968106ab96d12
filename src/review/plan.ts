/**
 * From findings and the pull request's diff to what the app posts: review comments on changed lines (with
 * ```suggestion blocks where a fix stays inside the commented lines), annotations for the most severe findings, the
 * check-run summary and its conclusion. Pure: no GitHub, no I/O, so the CLI's `review` command shows exactly the
 * same. Every text that comes from the pull request (messages quote its files, paths are its own) goes into markdown
 * through ./markdown.ts, so nothing of it renders live.
 */
import { createHash } from 'node:crypto';
import { parseCheckComment, parsePragma } from '../lint/pragmas.js';
import { SourceText } from '../lint/source.js';
import {
  SEVERITY_RANK,
  type FileKind,
  type Finding,
  type Severity,
  type SuppressedFinding,
} from '../lint/types.js';
import { inOneHunk, type DiffLines } from './diff.js';
import { fenced, inlineCode, plainText, renderMessage, tableCell } from './markdown.js';

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
  suggestions: boolean;
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
  fingerprint: string;
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
  /** The most severe findings, at most `MAX_ANNOTATIONS`. */
  annotations: PlannedAnnotation[];
  /** Findings left without an annotation by that limit (the summary says so). */
  notAnnotated: number;
  conclusion: 'success' | 'failure';
  title: string;
  summary: string;
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

const MARKER_START = '<!-- dockreview:fingerprint=';
const MARKER_END = ' -->';
const FINGERPRINT = /^[0-9a-f]{8,64}$/;

/**
 * The fingerprint hidden in a comment body this app wrote, if any: only a marker that ends the body (trailing
 * whitespace aside) counts, as the app writes it, so a marker quoted inside the comment's text cannot pass for it.
 */
export function fingerprintOf(body: string): string | null {
  const t = body.trimEnd();
  if (!t.endsWith(MARKER_END)) return null;
  const start = t.lastIndexOf(MARKER_START);
  if (start < 0) return null;
  const fp = t.slice(start + MARKER_START.length, t.length - MARKER_END.length);
  return FINGERPRINT.test(fp) ? fp : null;
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

/** rule + path + the flagged lines' content with whitespace folded: stable across pushes that move the lines. */
export function fingerprint(finding: Finding, path: string, source: SourceText): string {
  const lines: string[] = [];
  for (let l = finding.line; l <= finding.endLine; l++)
    lines.push(source.lineText(l).trim().replace(/\s+/g, ' '));
  return createHash('sha256')
    .update(`${finding.rule}\0${path}\0${lines.join('\n')}`)
    .digest('hex')
    .slice(0, 20);
}

interface Located {
  file: PlanFile;
  source: SourceText;
  finding: Finding;
  changed: boolean;
}

export function plan(files: readonly PlanFile[], options: PlanOptions): Plan {
  const located: Located[] = [];
  for (const file of files) {
    const source = new SourceText(file.path, file.text);
    for (const finding of file.findings) {
      located.push({ file, source, finding, changed: isChanged(finding, file.diff) });
    }
  }
  const counts = countFindings(located);
  const failing = located.filter(
    (l) =>
      (l.changed || options.failOnExisting) &&
      options.failOn !== 'never' &&
      SEVERITY_RANK[l.finding.severity] >= SEVERITY_RANK[options.failOn],
  );
  const conclusion = failing.length > 0 ? 'failure' : 'success';

  const comments: PlannedComment[] = [];
  let alreadyPosted = 0;
  let notCommented = 0;
  if (options.comments !== 'none') {
    // most severe first, so max_comments keeps what matters
    const candidates = located
      .filter((l) => l.changed)
      .sort((a, b) => SEVERITY_RANK[b.finding.severity] - SEVERITY_RANK[a.finding.severity]);
    const seen = new Set<string>();
    for (const l of candidates) {
      const fp = fingerprint(l.finding, l.file.path, l.source);
      if (options.posted.has(fp) || seen.has(fp)) {
        alreadyPosted++;
        continue;
      }
      const comment = commentFor(l, fp, options);
      if (!comment || comments.length >= options.maxComments) {
        notCommented++;
        continue;
      }
      seen.add(fp);
      comments.push(comment);
    }
    comments.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  }

  // most severe first, then by file and line, so the page GitHub shows holds what matters
  const annotations = [...located]
    .sort(
      (a, b) =>
        SEVERITY_RANK[b.finding.severity] - SEVERITY_RANK[a.finding.severity] ||
        (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0) ||
        a.finding.line - b.finding.line,
    )
    .slice(0, MAX_ANNOTATIONS)
    .map(({ file, finding }) => annotationFor(file.path, finding));
  const notAnnotated = located.length - annotations.length;
  const title = titleFor(counts);
  const summary = summaryFor(files, located, counts, options, {
    comments: comments.length,
    alreadyPosted,
    notCommented,
    notAnnotated,
  });
  return {
    comments,
    alreadyPosted,
    notCommented,
    annotations,
    notAnnotated,
    conclusion,
    title,
    summary,
    counts,
  };
}

function isChanged(finding: Finding, diff: DiffLines | null): boolean {
  if (!diff) return true;
  for (let l = finding.line; l <= finding.endLine; l++) if (diff.added.has(l)) return true;
  return false;
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

/** The comment for a finding on changed lines, or null when GitHub would not take one there. */
function commentFor(l: Located, fp: string, options: PlanOptions): PlannedComment | null {
  const { file, source, finding } = l;
  const diff = file.diff;
  if (!diff) return null;
  const info = options.rule(finding.rule);
  let range: [number, number] | null = null;
  let suggestion: string | null = null;
  if (finding.fix && options.suggestions) {
    const s = suggestionFor(finding, source);
    if (s && allCommentable(diff, s.from, s.to)) {
      range = [s.from, s.to];
      suggestion = s.text;
    }
  }
  if (!range) {
    if (allCommentable(diff, finding.line, finding.endLine)) range = [finding.line, finding.endLine];
    else {
      const line = [finding.line, finding.endLine, ...diff.added].find(
        (n) => n >= finding.line && n <= finding.endLine && diff.commentable.has(n),
      );
      if (line === undefined) return null;
      range = [line, line];
    }
  }
  const aliases = finding.aliases.length > 0 ? ` (${finding.aliases.map((a) => `\`${a}\``).join(', ')})` : '';
  const parts = [
    `**[\`${finding.rule}\`](${info.docs})**${aliases} · ${finding.severity}`,
    '',
    renderMessage(finding.message),
    '',
    `> ${info.why}`,
  ];
  if (suggestion !== null) {
    parts.push('', fenced(suggestion, 'suggestion'));
    if (!finding.fix!.safe)
      parts.push(
        `_${renderMessage(finding.fix!.description)}: a suggestion, check it changes only what you intend before committing._`,
      );
  } else if (finding.fix) {
    parts.push(
      '',
      `_Fixable: \`dockreview lint --fix${finding.fix.safe ? '' : '-unsafe'}\` (${renderMessage(finding.fix.description)})._`,
    );
  }
  parts.push('', `<!-- dockreview:fingerprint=${fp} -->`);
  const comment: PlannedComment = {
    path: file.path,
    line: range[1],
    side: 'RIGHT',
    body: parts.join('\n'),
    fingerprint: fp,
    severity: finding.severity,
  };
  if (range[0] < range[1]) {
    comment.start_line = range[0];
    comment.start_side = 'RIGHT';
  }
  return comment;
}

function allCommentable(diff: DiffLines, from: number, to: number): boolean {
  if (!inOneHunk(diff, from, to)) return false;
  for (let l = from; l <= to; l++) if (!diff.commentable.has(l)) return false;
  return true;
}

/**
 * The replacement text for whole lines `from`..`to` that applies the fix, when its edits stay within the finding's
 * lines (or a few lines around them). A suggestion replaces entire lines, so the text covers them completely.
 */
export function suggestionFor(
  finding: Finding,
  source: SourceText,
): { from: number; to: number; text: string } | null {
  const edits = finding.fix?.edits ?? [];
  if (edits.length === 0) return null;
  const text = source.text;
  let from = finding.line;
  let to = finding.endLine;
  for (const e of edits) {
    from = Math.min(from, source.positionAt(e.start).line);
    // an edit that ends right after a newline belongs to the line that newline closes
    const lastChar = e.end > e.start ? e.end - 1 : e.start;
    to = Math.max(to, source.positionAt(lastChar).line);
  }
  if (to - from > 20) return null;
  const regionStart = source.lineStart(from);
  const regionEnd = to < source.lineCount ? source.lineStart(to + 1) : text.length;
  if (edits.some((e) => e.start < regionStart || e.end > regionEnd)) return null;
  let region = text.slice(regionStart, regionEnd);
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    region = region.slice(0, e.start - regionStart) + e.text + region.slice(e.end - regionStart);
  }
  // the block stands for whole lines: drop one closing line break; CRLF files keep \n inside the block
  if (region.endsWith('\n')) region = region.slice(0, -1);
  if (region.endsWith('\r')) region = region.slice(0, -1);
  return { from, to, text: region.replace(/\r\n/g, '\n') };
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

const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info', 'style'];

function describeCounts(c: Record<Severity, number>): string {
  const parts = SEVERITY_ORDER.filter((s) => c[s] > 0).map(
    (s) => `${c[s]} ${s}${c[s] === 1 || s === 'info' || s === 'style' ? '' : 's'}`,
  );
  return parts.length > 0 ? parts.join(', ') : 'no problems';
}

function total(c: Record<Severity, number>): number {
  return c.error + c.warning + c.info + c.style;
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

const SUMMARY_LIMIT = 60000;

function summaryFor(
  files: readonly PlanFile[],
  located: readonly Located[],
  counts: PlanCounts,
  options: PlanOptions,
  review: { comments: number; alreadyPosted: number; notCommented: number; notAnnotated: number },
): string {
  const out: string[] = [];
  const threshold =
    options.failOn === 'never'
      ? 'never fails'
      : `fails on ${options.failOn}${options.failOn === 'style' ? '' : ' or worse'} ${options.failOnExisting ? 'anywhere in the changed files' : 'on changed lines'}`;
  out.push(
    `**${files.length}** container file${files.length === 1 ? '' : 's'} reviewed. This check ${threshold}.`,
    '',
  );
  out.push('| | error | warning | info | style |', '| --- | ---: | ---: | ---: | ---: |');
  out.push(`| on changed lines | ${SEVERITY_ORDER.map((s) => counts.changed[s]).join(' | ')} |`);
  out.push(`| pre-existing | ${SEVERITY_ORDER.map((s) => counts.existing[s]).join(' | ')} |`, '');
  const fixable = counts.fixable.safe + counts.fixable.suggestion;
  if (fixable > 0) {
    out.push(
      `**Fixable:** ${fixable} finding${fixable === 1 ? '' : 's'} — ${counts.fixable.safe} with a safe fix (\`dockreview lint --fix\`), ${counts.fixable.suggestion} with a suggestion (\`--fix-unsafe\`).`,
      '',
    );
  }
  out.push(
    `**Review comments:** ${review.comments} new${review.alreadyPosted > 0 ? `, ${review.alreadyPosted} already posted by an earlier run` : ''}${review.notCommented > 0 ? `, ${review.notCommented} only here (over \`max_comments\` or outside the diff)` : ''}.`,
    '',
  );
  if (review.notAnnotated > 0) {
    const n = review.notAnnotated;
    out.push(
      `**Annotations:** the ${MAX_ANNOTATIONS} most severe findings only, and ${n} more finding${n === 1 ? '' : 's'} not annotated: run \`dockreview lint\` locally, or see the table.`,
      '',
    );
  }
  out.push(...pragmaSection(files));
  if (located.length > 0) {
    out.push(
      '### Findings',
      '',
      '| file | rule | severity | on changed lines | pre-existing |',
      '| --- | --- | --- | ---: | ---: |',
    );
    const rows = new Map<
      string,
      { file: string; rule: string; severity: Severity; changed: number; existing: number; aliases: string[] }
    >();
    for (const l of located) {
      const key = `${l.file.path}\0${l.finding.rule}\0${l.finding.severity}`;
      const row = rows.get(key) ?? {
        file: l.file.path,
        rule: l.finding.rule,
        severity: l.finding.severity,
        changed: 0,
        existing: 0,
        aliases: [],
      };
      if (l.changed) row.changed++;
      else row.existing++;
      for (const a of l.finding.aliases) if (!row.aliases.includes(a)) row.aliases.push(a);
      rows.set(key, row);
    }
    let omitted = 0;
    let size = out.join('\n').length;
    for (const row of rows.values()) {
      const aliases = row.aliases.length > 0 ? ` (${row.aliases.join(', ')})` : '';
      const line = `| ${tableCell(inlineCode(row.file))} | [\`${row.rule}\`](${options.rule(row.rule).docs})${aliases} | ${row.severity} | ${row.changed} | ${row.existing} |`;
      if (size + line.length > SUMMARY_LIMIT - 2000) {
        omitted++;
        continue;
      }
      size += line.length + 1;
      out.push(line);
    }
    if (omitted > 0)
      out.push(
        '',
        `_${omitted} more row${omitted === 1 ? '' : 's'} omitted to fit GitHub's size limit; run \`dockreview lint\` locally for every finding._`,
      );
    out.push('');
  }
  out.push('### Config in force', '', ...options.configLines.map((l) => `- ${l}`));
  return out.join('\n');
}

/** The most pragma lines the summary names per file, and findings it lists per pragma. */
const PRAGMAS_SHOWN = 10;

/**
 * What the pragmas this pull request adds do: a pull request can silence its own findings, so the summary shows
 * every pragma on a changed line with what it silenced (by rule), a file-wide `ignore=all` called what it is, and
 * the pragmas `pragmas: base-only` did not honour. Pragmas already on the base branch were reviewed before.
 */
function pragmaSection(files: readonly PlanFile[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    const added = (line: number): boolean => !file.diff || file.diff.added.has(line);
    const byPragma = new Map<number, SuppressedFinding[]>();
    for (const s of file.suppressed ?? []) {
      if (!added(s.pragmaLine)) continue;
      const list = byPragma.get(s.pragmaLine) ?? [];
      list.push(s);
      byPragma.set(s.pragmaLine, list);
    }
    const unhonoured = (file.unhonouredPragmas ?? []).filter(added);
    if (byPragma.size === 0 && unhonoured.length === 0) continue;
    const source = new SourceText(file.path, file.text);
    const pragmaText = (line: number): string => inlineCode(source.lineText(line).trim());
    for (const [line, silenced] of [...byPragma.entries()].slice(0, PRAGMAS_SHOWN)) {
      const text = source.lineText(line).trim();
      const all = silencesAll(text);
      const rules = [...new Set(silenced.map((x) => x.rule))].sort();
      const worst = SEVERITY_ORDER.find((sev) => silenced.some((x) => x.severity === sev))!;
      out.push(
        `- ${inlineCode(file.path)} line ${line} adds ${pragmaText(line)}${all ? ', which silences **every rule**' : ''}: ${silenced.length} finding${silenced.length === 1 ? '' : 's'} silenced (worst: ${worst}) — ${rules
          .slice(0, PRAGMAS_SHOWN)
          .map((r) => `\`${r}\``)
          .join(
            ', ',
          )}${rules.length > PRAGMAS_SHOWN ? ` and ${rules.length - PRAGMAS_SHOWN} more rules` : ''}.`,
      );
    }
    if (byPragma.size > PRAGMAS_SHOWN)
      out.push(`- ${inlineCode(file.path)}: ${byPragma.size - PRAGMAS_SHOWN} more pragmas on changed lines.`);
    if (unhonoured.length > 0)
      out.push(
        `- ${inlineCode(file.path)}: ${unhonoured.length === 1 ? 'the pragma' : 'the pragmas'} on line${unhonoured.length === 1 ? '' : 's'} ${unhonoured.slice(0, PRAGMAS_SHOWN).join(', ')}${unhonoured.length > PRAGMAS_SHOWN ? '…' : ''} ${unhonoured.length === 1 ? 'was' : 'were'} not honoured: the config allows only pragmas already on the base branch (\`pragmas: base-only\`).`,
      );
  }
  return out.length > 0 ? ['### Pragmas this pull request adds', '', ...out, ''] : [];
}

/** Whether a pragma line names `all`: it silences every rule of its scope. */
function silencesAll(text: string): boolean {
  const p = parsePragma(text);
  const ids = p ? p.ids : (parseCheckComment(text) ?? '');
  return /(^|[\s,=;])all($|[\s,;])/i.test(ids);
}
