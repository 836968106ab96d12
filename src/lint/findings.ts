/**
 * Findings as the engine makes them from rule reports: positions, the configured severity, a fix within the file's
 * fix-text budget; then de-duplicated, capped and put in a stable order. Also the finding a rule bug becomes.
 */
import type { DockerfileModel, Instruction } from './dockerfile/model.js';
import type { EnabledRule } from './engine.js';
import { messageOf, type Report, type Rule } from './rule.js';
import type { SourceText } from './source.js';
import { SEVERITY_RANK, type Finding, type Span } from './types.js';

/** Fix text allowed per file: this many characters per character of the file, and at least MIN_FIX_TEXT. */
export const FIX_TEXT_PER_BYTE = 4;
export const MIN_FIX_TEXT = 64 * 1024;

/** At most `max` findings, the most severe first (then in file order): the rest are counted, not kept. */
export function capFindings(findings: Finding[], max: number): { findings: Finding[]; omitted: number } {
  if (findings.length <= max) return { findings, omitted: 0 };
  const ranked = sortFindings(findings).sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  return { findings: ranked.slice(0, max), omitted: findings.length - max };
}

export function makeFinding(
  source: SourceText,
  rule: Rule,
  enabled: EnabledRule,
  r: Report,
  span: Span,
  aliases: string[],
  fixBudget: { left: number },
): Finding {
  const start = source.positionAt(span.start);
  const end = source.positionAt(Math.max(span.end, span.start));
  const finding: Finding = {
    rule: rule.id,
    aliases,
    // a configured severity wins; otherwise the rule may raise or lower it for this finding
    severity: enabled.severityOverridden ? enabled.severity : (r.severity ?? enabled.severity),
    message: messageOf(rule, r),
    ...(r.messageId !== undefined && { messageId: r.messageId }),
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    span: { start: span.start, end: Math.max(span.end, span.start) },
    ...(r.parts !== undefined &&
      r.parts.length > 0 && { parts: r.parts.map((p) => ({ text: p.text, span: p.span })) }),
  };
  const fixText = r.fix ? r.fix.edits.reduce((n, e) => n + e.text.length, 0) : 0;
  if (r.fix && r.fix.edits.length > 0 && fixText <= fixBudget.left) {
    fixBudget.left -= fixText;
    finding.fix = {
      description: r.fix.description,
      safe: r.fix.safe ?? rule.fixable === 'yes',
      edits: [...r.fix.edits].sort((a, b) => a.start - b.start || a.end - b.end),
    };
  }
  return finding;
}

export function spanOf(at: Span | Instruction): Span {
  return 'keyword' in at ? at.span : at;
}

export function instructionLine(model: DockerfileModel, span: Span): number | null {
  const list = model.instructions;
  let lo = 0;
  let hi = list.length - 1;
  let found: Instruction | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const ins = list[mid]!;
    if (ins.span.start <= span.start) {
      found = ins;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found && span.start <= found.span.end ? found.line : null;
}

export function internalError(ruleId: string, err: unknown): Finding {
  const message = err instanceof Error ? err.message : String(err);
  return {
    rule: ruleId,
    aliases: [],
    severity: 'error',
    message: `internal error while checking this file, please report it: ${message}`,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    span: { start: 0, end: 0 },
  };
}

export function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}\0${f.span.start}\0${f.span.end}\0${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      a.line - b.line ||
      a.column - b.column ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
      a.span.end - b.span.end ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}
