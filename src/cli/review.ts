/**
 * `dockreview review --base <ref>`: the review the app would post for the local diff between `<ref>` and HEAD —
 * same config, same lint, same planner — printed instead of sent. For previewing, and for debugging the app.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Config } from '../config/config.js';
import { resolveConfig } from '../config/discover.js';
import { withHostOptions, type HostShellcheckOptions } from '../config/host.js';
import { chosenKind, initLint, lintSource } from '../lint/engine.js';
import { ALL_RULES } from '../lint/rules/index.js';
import type { FileKind } from '../lint/types.js';
import { parseUnifiedDiff } from '../review/diff.js';
import { planOptions } from '../review/options.js';
import { inlineCode } from '../review/markdown.js';
import { plan, type Plan, type PlanFile } from '../review/plan.js';
import { fileSelector } from '../review/select.js';

export interface ReviewPreview {
  plan: Plan;
  /** Files reviewed, and the ones skipped with the reason. */
  files: string[];
  notes: string[];
}

/** Why the review could not be built, in the user's terms (no git command line: they did not type one). */
export class GitError extends Error {}

/**
 * Runs git (argv, no shell). `problem` says what failed in the user's terms; git's own first line of explanation,
 * if any, follows it.
 */
function git(cwd: string, args: string[], problem: string): string {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new GitError('`review` needs git, and there is no `git` on PATH');
    const said = (err as { stderr?: string }).stderr
      ?.split('\n')
      .map((l) => l.replace(/^(fatal|error): /, '').trim())
      .find((l) => l !== '');
    throw new GitError(said ? `${problem} (git: ${said})` : problem);
  }
}

/** Builds the review of HEAD against the merge base with `base`, as GitHub diffs a pull request. */
export async function previewReview(
  cwd: string,
  base: string,
  explicitConfig?: string,
  host: HostShellcheckOptions = {},
): Promise<ReviewPreview> {
  const root = git(
    cwd,
    ['rev-parse', '--show-toplevel'],
    'this folder is not in a git repository: run `dockreview review` in your checkout',
  ).trim();
  git(
    root,
    ['rev-parse', '--verify', '--quiet', `${base}^{commit}`],
    `\`${base}\` is not a branch, tag or commit of this repository (for a remote branch, \`git fetch\` it first, then pass e.g. \`origin/main\`)`,
  );
  const diffText = git(
    root,
    ['diff', '--no-color', '--no-ext-diff', '-M', '--unified=3', `${base}...HEAD`],
    `cannot compare your branch with \`${base}\`: they may share no history`,
  );
  const config: Config = withHostOptions(
    resolveConfig(root, explicitConfig && resolve(cwd, explicitConfig)),
    host,
  );
  const selected = fileSelector(config.files);
  const linted = new Set<FileKind>(ALL_RULES.map((r) => r.kind as FileKind));
  await initLint();
  const planFiles: PlanFile[] = [];
  const notes: string[] = [];
  const incomplete: string[] = [];
  for (const f of parseUnifiedDiff(diffText)) {
    if (f.status === 'removed' || !selected(f.path)) continue;
    const kind = chosenKind(f.path);
    if (!linted.has(kind)) {
      notes.push(`${inlineCode(f.path)} was not reviewed: ${kind} files are not linted by this version yet.`);
      continue;
    }
    const text = git(root, ['show', `HEAD:${f.path}`], `cannot read \`${f.path}\` at your last commit`);
    // pragmas: base-only honours only the pragmas the branch did not add, as the app does
    const ignoredPragmaLines = config.pragmaPolicy === 'base-only' ? [...f.diff.added] : undefined;
    const result = lintSource(
      { path: f.path, text, ...(ignoredPragmaLines ? { ignoredPragmaLines } : {}) },
      config,
      kind,
    );
    for (const reason of result.incomplete ?? [])
      incomplete.push(`${inlineCode(f.path)} was not fully reviewed: ${reason}.`);
    planFiles.push({
      path: f.path,
      kind,
      text,
      findings: result.findings,
      diff: f.diff,
      ...(result.suppressed ? { suppressed: result.suppressed } : {}),
      ...(result.unhonouredPragmas ? { unhonouredPragmas: result.unhonouredPragmas } : {}),
    });
  }
  const planned = plan(planFiles, planOptions(config));
  // a review that could not look at everything fails, as the app's does
  const result: Plan =
    incomplete.length > 0
      ? { ...planned, conclusion: 'failure', title: `Not fully reviewed: ${planned.title}` }
      : planned;
  return { plan: result, files: planFiles.map((f) => f.path), notes: [...incomplete, ...notes] };
}

export function formatPreview(p: ReviewPreview): string {
  const out: string[] = [];
  const { comments, conclusion, title, summary, reviewBody } = p.plan;
  out.push(`Review comments (${comments.length}):`, '');
  for (const c of comments) {
    out.push(
      `── ${c.path}:${c.start_line !== undefined ? `${c.start_line}-` : ''}${c.line} ──`,
      // the marker lists one fingerprint per finding the comment stands for
      c.body.replace(/\n?<!-- dockreview:fingerprint=[0-9a-f,]+ -->$/, ''),
      '',
    );
  }
  out.push('Review body:', '', reviewBody, '');
  out.push(`Check run \`dockreview\`: ${conclusion} — ${title}`, '', summary);
  if (p.notes.length > 0) out.push('', ...p.notes.map((n) => `- ${n}`));
  return `${out.join('\n')}\n`;
}
