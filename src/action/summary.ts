/**
 * The job summary (`GITHUB_STEP_SUMMARY`): markdown appended to the file the runner names, shown on the workflow
 * run's page. Written directly rather than through `core.summary`, which remembers the first file it was given.
 */
import { appendFileSync } from 'node:fs';
import type { PlannedAnnotation } from '../review/plan.js';

/** Rows past this are only counted: the summary file takes 1 MiB at most, and nobody reads that far. */
const MAX_ROWS = 500;

export function appendSummary(path: string | undefined, markdown: string): void {
  if (!path) return;
  appendFileSync(path, `${markdown.trimEnd()}\n\n`);
}

/** Every finding as a table row: where, rule, level and message. */
export function findingsTable(annotations: readonly PlannedAnnotation[]): string {
  if (annotations.length === 0) return '';
  const rows = annotations.slice(0, MAX_ROWS).map((a) => {
    const where = `${a.path}:${a.start_line}${a.start_column !== undefined ? `:${a.start_column}` : ''}`;
    return `| \`${cell(where)}\` | ${cell(a.title)} | ${a.annotation_level} | ${cell(a.message)} |`;
  });
  const more = annotations.length - rows.length;
  return [
    '| where | rule | level | message |',
    '| --- | --- | --- | --- |',
    ...rows,
    ...(more > 0 ? ['', `…and ${more} more.`] : []),
  ].join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}
