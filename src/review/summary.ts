/**
 * The texts of a plan other than the comments: the check-run summary (verdict first, then the findings on changed
 * lines by severity, each linked to its line, the rest collapsed, the files reviewed) and the review body (the same
 * verdict in one sentence, `comment_on`'s leftovers as a collapsed "Nitpicks" section). Pure.
 */
import { parseCheckComment, parsePragma } from '../lint/pragmas.js';
import { SourceText } from '../lint/source.js';
import { SEVERITY_RANK, type Severity, type SuppressedFinding } from '../lint/types.js';
import { SEVERITY_MARK, lineLink } from './comments.js';
import { inlineCode, renderMessage, tableCell } from './markdown.js';
import {
  MAX_ANNOTATIONS,
  commentThreshold,
  type Located,
  type PlanCounts,
  type PlanFile,
  type PlanOptions,
} from './plan.js';

export const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info', 'style'];

export function describeCounts(c: Record<Severity, number>): string {
  const parts = SEVERITY_ORDER.filter((s) => c[s] > 0).map(
    (s) => `${c[s]} ${s}${c[s] === 1 || s === 'info' || s === 'style' ? '' : 's'}`,
  );
  return parts.length > 0 ? parts.join(', ') : 'no problems';
}

export function total(c: Record<Severity, number>): number {
  return c.error + c.warning + c.info + c.style;
}

/** Most severe first, then by file and line. */
export function bySeverityThenPlace(a: Located, b: Located): number {
  return (
    SEVERITY_ORDER.indexOf(a.finding.severity) - SEVERITY_ORDER.indexOf(b.finding.severity) ||
    (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0) ||
    a.finding.line - b.finding.line ||
    a.finding.column - b.finding.column
  );
}

/** What blocks the merge, in one line: the first blocking finding linked to its line, or that nothing does. */
export function verdictLine(failing: readonly Located[], options: PlanOptions): string {
  if (failing.length === 0) return '✅ Nothing blocks the merge';
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, style: 0 };
  let onChanged = true;
  for (const l of failing) {
    counts[l.finding.severity]++;
    if (!l.changed) onChanged = false;
  }
  const first = [...failing].sort(bySeverityThenPlace)[0]!;
  const where = onChanged
    ? `on ${failing.length === 1 ? 'a changed line' : 'changed lines'}`
    : 'in the changed files';
  const place = `\`${first.finding.rule}\` in ${inlineCode(first.file.path)} ${lineLink(options.head, first.file.path, first.finding.line)}`;
  return `❌ Blocks merge: ${describeCounts(counts)} ${where}: ${failing.length === 1 ? '' : 'the first, '}${place}`;
}

export interface ReviewFacts {
  comments: number;
  alreadyPosted: number;
  overBudget: number;
  /** Findings at or above `comment_on` on changed lines GitHub takes no comment on (outside the hunks, no patch). */
  noPlace: number;
  nitpicks: number;
  notAnnotated: number;
  perFile: ReadonlyMap<string, number>;
}

const SUMMARY_LIMIT = 60000;
/** The most files the summary lists by name; with the tables' budget, the summary stays under GitHub's limit. */
const FILES_SHOWN = 100;
const TABLE_HEAD = ['| severity | rule | where | message |', '| --- | --- | --- | --- |'];

export function summaryFor(
  files: readonly PlanFile[],
  located: readonly Located[],
  failing: readonly Located[],
  counts: PlanCounts,
  options: PlanOptions,
  review: ReviewFacts,
): string {
  const out: string[] = [];
  out.push(verdictLine(failing, options), '');
  const threshold =
    options.failOn === 'never'
      ? 'This check never fails (`fail_on: never`).'
      : `This check fails on ${options.failOn === 'error' ? 'an error' : `${options.failOn} or more severe`} ${options.failOnExisting ? 'anywhere in the changed files' : 'on a changed line'}.`;
  out.push(threshold, '');
  let size = out.join('\n').length;
  let omitted = 0;
  const row = (l: Located): string | null => {
    const f = l.finding;
    const line = `| ${SEVERITY_MARK[f.severity]} ${f.severity} | [\`${f.rule}\`](${options.rule(f.rule).docs}) | ${tableCell(`${inlineCode(l.file.path)} ${lineLink(options.head, l.file.path, f.line)}`)} | ${tableCell(renderMessage(f.message))} |`;
    if (size + line.length > SUMMARY_LIMIT - 15000) {
      omitted++;
      return null;
    }
    size += line.length + 1;
    return line;
  };
  const changed = located.filter((l) => l.changed).sort(bySeverityThenPlace);
  const existing = located.filter((l) => !l.changed).sort(bySeverityThenPlace);
  if (changed.length > 0) {
    out.push(`### On changed lines: ${describeCounts(counts.changed)}`, '', ...TABLE_HEAD);
    for (const l of changed) {
      const r = row(l);
      if (r !== null) out.push(r);
    }
    out.push('');
  } else out.push('No findings on changed lines.', '');
  if (existing.length > 0) {
    out.push(
      `<details><summary>${existing.length} finding${existing.length === 1 ? '' : 's'} on lines this pull request did not change: ${describeCounts(counts.existing)}</summary>`,
      '',
      ...TABLE_HEAD,
    );
    for (const l of existing) {
      const r = row(l);
      if (r !== null) out.push(r);
    }
    out.push('', '</details>', '');
  }
  if (omitted > 0)
    out.push(
      `_${omitted} more row${omitted === 1 ? '' : 's'} omitted to fit GitHub's size limit; run \`dockreview lint\` locally for every finding._`,
      '',
    );
  const reviewParts = [`${review.comments} new comment${review.comments === 1 ? '' : 's'}`];
  if (review.alreadyPosted > 0)
    reviewParts.push(
      `${review.alreadyPosted} finding${review.alreadyPosted === 1 ? '' : 's'} already commented by an earlier run`,
    );
  if (review.nitpicks > 0)
    reviewParts.push(`${review.nitpicks} below \`comment_on: ${options.commentOn}\` listed as nitpicks`);
  if (review.overBudget > 0)
    reviewParts.push(`${review.overBudget} over \`max_comments: ${options.maxComments}\``);
  if (review.noPlace > 0)
    reviewParts.push(`${review.noPlace} where GitHub takes no comment (outside the diff's hunks)`);
  out.push(`**Review:** ${reviewParts.join(', ')}.`, '');
  const fixable = counts.fixable.safe + counts.fixable.suggestion;
  if (fixable > 0)
    out.push(
      `**Fixable:** ${fixable} finding${fixable === 1 ? '' : 's'} — ${counts.fixable.safe} with a safe fix (\`dockreview lint --fix\`), ${counts.fixable.suggestion} with a suggestion (\`--fix-unsafe\`).`,
      '',
    );
  if (review.notAnnotated > 0) {
    const n = review.notAnnotated;
    out.push(
      `**Annotations:** the ${MAX_ANNOTATIONS} most severe findings without a review comment, and ${n} more finding${n === 1 ? '' : 's'} not annotated: run \`dockreview lint\` locally, or see the tables.`,
      '',
    );
  }
  out.push(...pragmaSection(files));
  out.push('### Files reviewed', '');
  for (const file of files.slice(0, FILES_SHOWN))
    out.push(`- ${inlineCode(file.path)}: ${fileNote(file, located, options, review)}`);
  if (files.length > FILES_SHOWN) out.push(`- … and ${files.length - FILES_SHOWN} more files.`);
  out.push('', '### Config in force', '', ...options.configLines.map((l) => `- ${l}`));
  return out.join('\n');
}

/** What a file got from the review, and why not more. */
function fileNote(
  file: PlanFile,
  located: readonly Located[],
  options: PlanOptions,
  review: ReviewFacts,
): string {
  const n = review.perFile.get(file.path) ?? 0;
  if (n > 0) return `${n} comment${n === 1 ? '' : 's'}`;
  const mine = located.filter((l) => l.file === file);
  if (mine.length === 0) return 'no findings';
  const changed = mine.filter((l) => l.changed);
  if (changed.length === 0) return 'no comment: no findings on changed lines';
  if (options.comments === 'none') return 'no comment: `comments: none`';
  if (!file.diff) return 'no comment: GitHub sent no patch for it, so no line takes a comment';
  const role = changed[0]!.role;
  const threshold = commentThreshold(changed[0]!, options);
  if (
    role &&
    threshold !== options.commentOn &&
    changed.every((l) => SEVERITY_RANK[l.finding.severity] < SEVERITY_RANK[threshold])
  )
    return `no comment: taken for a test, example or development file (${role.reason}), which gets comments only for \`${threshold}\` (\`comment_on_fixtures\`): ${describeCounts(countOf(changed))} on changed lines`;
  return `no new comment: ${describeCounts(countOf(changed))} on changed lines, below \`comment_on\`, already commented or over \`max_comments\``;
}

function countOf(ls: readonly Located[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0, style: 0 };
  for (const l of ls) c[l.finding.severity]++;
  return c;
}

/** The most nitpicks the review body lists. */
const NITPICKS_SHOWN = 30;

/** The review body: the verdict in one sentence, then findings below `comment_on` on changed lines, collapsed. */
export function reviewBodyFor(
  failing: readonly Located[],
  nitpicks: readonly Located[],
  comments: number,
  options: PlanOptions,
): string {
  const blocking = failing.filter((l) => l.changed || options.failOnExisting);
  const verdict =
    blocking.length === 0
      ? '✅ dockreview found nothing that blocks the merge'
      : `❌ dockreview found ${describeCounts(countOf(blocking))} that block${blocking.length === 1 ? 's' : ''} the merge`;
  // no count of comments: when GitHub rejects one, the review goes out in parts, each with this body
  const out = [
    `${verdict}.${comments > 0 ? ' The comments below say what and why; the' : ' The'} \`dockreview\` check run lists every finding.`,
  ];
  if (nitpicks.length > 0) {
    const shown = [...nitpicks].sort(bySeverityThenPlace).slice(0, NITPICKS_SHOWN);
    out.push(
      '',
      `<details><summary>Nitpicks: ${describeCounts(countOf(nitpicks))} on changed lines, below \`comment_on: ${options.commentOn}\`</summary>`,
      '',
      ...shown.map(
        (l) =>
          `- ${SEVERITY_MARK[l.finding.severity]} ${inlineCode(l.file.path)} ${lineLink(options.head, l.file.path, l.finding.line)} · [\`${l.finding.rule}\`](${options.rule(l.finding.rule).docs}): ${renderMessage(l.finding.message)}`,
      ),
    );
    if (nitpicks.length > shown.length)
      out.push(`- … and ${nitpicks.length - shown.length} more in the check run.`);
    out.push('', '</details>');
  }
  return out.join('\n');
}

/** The most pragma lines the summary names per file, and findings it lists per pragma. */
const PRAGMAS_SHOWN = 10;

/**
 * What the pragmas this pull request adds do: a pull request can silence its own findings, so the summary shows
 * every pragma on a changed line with what it silenced (by rule), a file-wide `ignore=all` called what it is, and
 * the pragmas `pragmas: base-only` did not honour. Pragmas already on the base branch were reviewed before.
 */
export function pragmaSection(files: readonly PlanFile[]): string[] {
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
