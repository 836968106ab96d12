/**
 * The job summary (`GITHUB_STEP_SUMMARY`): markdown appended to the file the runner names, shown on the workflow
 * run's page. Written directly rather than through `core.summary`, which remembers the first file it was given.
 */
import { appendFileSync } from 'node:fs';
import { inlineCode, renderMessage, tableCell } from '../review/markdown.js';
import type { PlannedAnnotation } from '../review/plan.js';

/** Rows past this are only counted: the summary file takes 1 MiB at most, and nobody reads that far. */
const MAX_ROWS = 500;

export function appendSummary(path: string | undefined, markdown: string): void {
  if (!path) return;
  appendFileSync(path, `${markdown.trimEnd()}\n\n`);
}

/** One row of the findings table: where, which rule, how bad, and the message (markdown with code spans). */
export interface FindingRow {
  path: string;
  line: number;
  column?: number;
  rule: string;
  level: string;
  message: string;
}

/** Findings as a table, every cell escaped: the paths and messages quote the repository's files. */
export function findingsTable(rows: readonly FindingRow[]): string {
  if (rows.length === 0) return '';
  const shown = rows.slice(0, MAX_ROWS).map((r) => {
    const where = `${r.path}:${r.line}${r.column !== undefined ? `:${r.column}` : ''}`;
    return `| ${tableCell(inlineCode(where))} | ${tableCell(renderMessage(r.rule))} | ${r.level} | ${tableCell(renderMessage(r.message))} |`;
  });
  const more = rows.length - shown.length;
  return [
    '| where | rule | level | message |',
    '| --- | --- | --- | --- |',
    ...shown,
    ...(more > 0 ? ['', `…and ${more} more.`] : []),
  ].join('\n');
}

/** The table's rows from annotations (their message is plain text, so it is escaped like any text). */
export function annotationRows(annotations: readonly PlannedAnnotation[]): FindingRow[] {
  return annotations.map((a) => ({
    path: a.path,
    line: a.start_line,
    ...(a.start_column !== undefined ? { column: a.start_column } : {}),
    rule: a.title,
    level: a.annotation_level,
    message: a.message,
  }));
}
