/**
 * Check-run annotations as workflow commands (`::error file=…,line=…::message`): what a read-only token gets instead
 * of a check run, and what a workspace lint shows. Same file, lines, columns, title and message as the check run.
 */
import * as core from '@actions/core';
import type { PlannedAnnotation } from '../review/plan.js';

const EMIT: Record<PlannedAnnotation['annotation_level'], typeof core.error> = {
  failure: core.error,
  warning: core.warning,
  notice: core.notice,
};

export function emitAnnotations(annotations: readonly PlannedAnnotation[]): void {
  for (const a of annotations) {
    const properties: core.AnnotationProperties = {
      title: a.title,
      file: a.path,
      startLine: a.start_line,
      endLine: a.end_line,
    };
    if (a.start_column !== undefined) {
      properties.startColumn = a.start_column;
      properties.endColumn = a.end_column ?? a.start_column;
    }
    EMIT[a.annotation_level](a.message, properties);
  }
}
