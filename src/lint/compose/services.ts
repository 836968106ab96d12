/**
 * How a Compose rule walks the services of a file and reports on them: a value merged from an anchor into several
 * services is one place in the file, and gets one finding, not one per service.
 */
import type { ComposeModel, ComposeService } from './model.js';
import type { Report } from '../rule.js';
import type { Span } from '../types.js';

type ReportFn = (r: Report) => void;

/**
 * A report function that keeps one finding per span: a value merged from an anchor into several services is one
 * place in the file, and gets one finding (naming the first service), not one per service.
 */
export function oncePerSpan(report: ReportFn): ReportFn {
  const seen = new Set<string>();
  return (r) => {
    const at = r.at as Span;
    const key = `${at.start}:${at.end}`;
    if (seen.has(key)) return;
    seen.add(key);
    report(r);
  };
}

/**
 * Calls `visit` on each service of the file, in order, with a report function shared by all of them that keeps one
 * finding per span (`oncePerSpan`): the walk of every rule whose findings stand in the services' values.
 */
export function eachService(
  model: ComposeModel,
  report: ReportFn,
  visit: (service: ComposeService, report: ReportFn) => void,
): void {
  const once = oncePerSpan(report);
  for (const service of model.services) visit(service, once);
}
