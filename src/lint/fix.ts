/**
 * The fix applier: takes every fix it can without overlaps, applies them at once, re-lints, and repeats until
 * nothing more applies (a fixed point), so fixes that touch the same text land over successive passes.
 */
import { lintSource, type FileResult, type LintConfig } from './engine.js';
import type { Rule } from './rule.js';
import type { Finding, SourceInput, TextEdit } from './types.js';

export interface FixOptions {
  /** Also apply suggestion fixes (`safe: false`). */
  unsafe?: boolean;
  /** Upper bound on passes; a rule whose fix keeps re-firing cannot loop forever. */
  maxPasses?: number;
  /** Only these rules (default: all). */
  rules?: readonly Rule[];
}

export interface FixResult {
  text: string;
  /** Fixes applied, over all passes. */
  applied: Finding[];
  /** The findings left on the fixed text. */
  result: FileResult;
  passes: number;
}

/** Applies the non-overlapping fixes of `findings` to `text` in one pass. */
export function applyEdits(
  text: string,
  findings: readonly Finding[],
  unsafe = false,
): { text: string; applied: Finding[] } {
  const candidates = findings.filter((f) => f.fix && (f.fix.safe || unsafe));
  const taken: TextEdit[] = [];
  const applied: Finding[] = [];
  for (const f of candidates) {
    const edits = f.fix!.edits;
    const clash = edits.some((e) => taken.some((t) => overlaps(e, t)));
    if (clash) continue;
    for (const e of edits) taken.push(e);
    applied.push(f);
  }
  if (taken.length === 0) return { text, applied };
  taken.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of taken) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { text: out, applied };
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  // touching ranges are fine; an insertion inside another edit's range is not
  return a.start < b.end && b.start < a.end
    ? true
    : (a.start === a.end && a.start > b.start && a.start < b.end) ||
        (b.start === b.end && b.start > a.start && b.start < a.end);
}

export function fixSource(input: SourceInput, config: LintConfig, options: FixOptions = {}): FixResult {
  const maxPasses = options.maxPasses ?? 10;
  let text = input.text;
  let result = lintSource(
    { path: input.path, text, related: input.related },
    config,
    undefined,
    options.rules,
  );
  const applied: Finding[] = [];
  let passes = 0;
  while (passes < maxPasses) {
    const step = applyEdits(text, result.findings, options.unsafe);
    if (step.applied.length === 0 || step.text === text) break;
    passes++;
    text = step.text;
    // a loop: a pass may apply more fixes than a call takes arguments
    for (const f of step.applied) applied.push(f);
    result = lintSource({ path: input.path, text, related: input.related }, config, undefined, options.rules);
  }
  return { text, applied, result, passes };
}
