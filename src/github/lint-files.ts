/**
 * The lint phase of a review: every selected file linted in the worker pool, all at once, with the related files
 * its rules read beside it. Knows nothing of GitHub but the shapes of its answers.
 */
import type { Config } from '../config/config.js';
import { chosenKind, relatedPaths } from '../lint/engine.js';
import { DEFAULT_LIMITS } from '../lint/limits.js';
import type { LintPool } from '../lint/pool.js';
import { ALL_RULES } from '../lint/rules/index.js';
import type { FileKind } from '../lint/types.js';
import { parsePatch, type DiffLines } from '../review/diff.js';
import { inlineCode } from '../review/markdown.js';
import type { PlanFile } from '../review/plan.js';
import type { BlobText, PullFile } from './gateway.js';
import { textOf } from './repo-config.js';

/** Kinds the engine lints today; other container files are listed in the summary as not reviewed. */
const LINTED = new Set<FileKind>(ALL_RULES.map((r) => r.kind as FileKind));

export interface LintedFiles {
  planFiles: PlanFile[];
  /** What is worth knowing but reviewed, for the summary's notes. */
  notes: string[];
  /** Files linted only in part (the deadline, a rule's limit): what is missing there may not be fixed. */
  partial: Set<string>;
}

/**
 * Lints the selected files in the pool, all at once (the pool runs as many as it has workers). What could not be
 * linted goes to `notReviewed` (the check fails); what is worth knowing but reviewed goes to the notes.
 */
export async function lintFiles(
  pool: LintPool,
  selected: PullFile[],
  head: Map<string, BlobText | null>,
  config: Config,
  deadline: number,
  notReviewed: string[],
): Promise<LintedFiles> {
  const notes: string[] = [];
  const partial = new Set<string>();
  const available = new Map<string, string | null>();
  for (const [path, blob] of head) available.set(path, textOf(blob));
  const lintConfig = withoutFunctions(config);
  const jobs = selected.map(async (f): Promise<PlanFile | null> => {
    const kind = chosenKind(f.path);
    const blob = head.get(f.path) ?? null;
    const text = textOf(blob);
    if (text === null) {
      notReviewed.push(
        `${inlineCode(f.path)} was not reviewed: ${blob?.isBinary ? 'GitHub reports it as binary' : 'its content could not be read at this commit'}.`,
      );
      return null;
    }
    if (blob?.isTruncated && blob.byteSize <= (config.limits?.maxFileSize ?? DEFAULT_LIMITS.maxFileSize)) {
      notReviewed.push(
        `${inlineCode(f.path)} was not reviewed: GitHub sent only part of it and the whole file could not be fetched.`,
      );
      return null;
    }
    if (!LINTED.has(kind)) {
      notes.push(`${inlineCode(f.path)} was not reviewed: ${kind} files are not linted by this version yet.`);
      return null;
    }
    // a Dockerfile reads only its own related files; a Compose file may follow extends/include through the others
    const own =
      kind === 'compose'
        ? available
        : new Map(
            relatedPaths(f.path, kind).flatMap((p) => (available.has(p) ? [[p, available.get(p)!]] : [])),
          );
    const diff = f.patch !== undefined ? parsePatch(f.patch) : null;
    // byteSize: an oversize file gets the core's `file-too-large` finding even if GitHub sent only part of it
    const result = await pool.lint(
      {
        path: f.path,
        text,
        kind,
        byteSize: blob?.byteSize ?? text.length,
        available: own,
        ...(config.pragmaPolicy === 'base-only' ? { ignoredPragmaLines: addedCommentLines(text, diff) } : {}),
      },
      lintConfig,
      deadline,
    );
    if (result.incomplete?.length) partial.add(f.path);
    for (const reason of result.incomplete ?? [])
      notReviewed.push(`${inlineCode(f.path)} was not fully reviewed: ${reason}.`);
    if (result.omitted)
      notes.push(
        `${inlineCode(f.path)} has ${result.omitted} more findings than are listed here (the most severe are kept).`,
      );
    if (f.patch === undefined)
      notes.push(
        `${inlineCode(f.path)} has no diff from GitHub (too large): its findings are in the annotations only.`,
      );
    return {
      path: f.path,
      kind,
      text,
      findings: result.findings,
      diff,
      ...(result.suppressed ? { suppressed: result.suppressed } : {}),
      ...(result.unhonouredPragmas ? { unhonouredPragmas: result.unhonouredPragmas } : {}),
    };
  });
  const planFiles = (await Promise.all(jobs)).filter((f): f is PlanFile => f !== null);
  return { planFiles, notes, partial };
}

/**
 * The comment lines the pull request added (where a pragma it adds can be): every comment line when GitHub sent no
 * diff, since then nothing shows which lines were already there.
 */
function addedCommentLines(text: string, diff: DiffLines | null): number[] {
  const lines: number[] = [];
  let line = 1;
  for (let i = 0; i <= text.length; line++) {
    const end = text.indexOf('\n', i);
    const stop = end < 0 ? text.length : end;
    let j = i;
    while (j < stop && (text[j] === ' ' || text[j] === '\t')) j++;
    if (text[j] === '#' && j < stop && (!diff || diff.added.has(line))) lines.push(line);
    if (end < 0) break;
    i = end + 1;
  }
  return lines;
}

/** The config as it crosses to a worker thread: data only (a test clock cannot cross, and is not needed there). */
function withoutFunctions(config: Config): Config {
  if (!config.limits?.now) return config;
  const { now: _now, ...limits } = config.limits;
  return { ...config, limits };
}
