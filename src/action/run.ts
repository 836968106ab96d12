/**
 * The GitHub Action, start to finish: a pull request gets the app's review (check run, review comments with
 * suggestions), or workflow annotations when the token is read-only; any other event lints the checked-out
 * repository. Optionally SARIF for code scanning. Returns the exit code; nothing here exits the process.
 */
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import * as core from '@actions/core';
import { ConfigError } from '../config/config.js';
import type { FlowLogger } from '../github/flow.js';
import { SEVERITY_RANK, type Severity } from '../lint/types.js';
import { planOptions } from '../review/options.js';
import { plan } from '../review/plan.js';
import { emitAnnotations } from './annotations.js';
import { ActionError, readContext, type ActionContext, type PullTarget } from './context.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { createOctokit, type OctokitTuning } from './octokit.js';
import { reviewPull } from './review.js';
import { annotationRows, appendSummary, findingsTable } from './summary.js';
import { lintWorkspace, reaches, writeSarif } from './workspace.js';

interface Outputs {
  findings: number;
  comments: number;
  conclusion: string;
  /** `review`, `annotations` (read-only token), `workspace` (not a pull request) or `skipped` (closed). */
  mode: string;
  sarifFile: string;
}

export async function runAction(tuning: OctokitTuning = {}): Promise<number> {
  try {
    const inputs = readInputs();
    const ctx = readContext(process.env);
    const failed = ctx.pull ? await pullRequest(ctx, ctx.pull, inputs, tuning) : await workspace(ctx, inputs);
    return failed ? 1 : 0;
  } catch (err) {
    core.error(
      err instanceof ActionError || err instanceof ConfigError
        ? `dockreview: ${err.message}`
        : `dockreview failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    return 1;
  }
}

/** The review of one pull request; true when the step should fail. */
async function pullRequest(
  ctx: ActionContext,
  pull: PullTarget,
  inputs: ActionInputs,
  tuning: OctokitTuning,
): Promise<boolean> {
  if (!pull.open) {
    core.info(`dockreview: pull request #${pull.number} is not open: nothing to review`);
    setOutputs({ findings: 0, comments: 0, conclusion: 'neutral', mode: 'skipped', sarifFile: '' });
    return false;
  }
  if (!inputs.token)
    throw new ActionError(
      'the `token` input is empty, and reviewing a pull request needs one: leave it unset for `${{ github.token }}` (with `checks: write` and `pull-requests: write` permissions) or pass a token',
    );
  const octokit = createOctokit(inputs.token, ctx.apiUrl, tuning);
  const review = await reviewPull(
    octokit,
    { owner: ctx.owner, repo: ctx.repo },
    { pullNumber: pull.number, headSha: pull.headSha },
    flowLogger(),
    ctx.runUrl,
  );
  const { outcome } = review;
  const annotations = review.check?.output.annotations ?? [];
  const title = review.check?.output.title ?? outcome.title;
  const head = [`## dockreview: ${title}`, ''];
  if (review.mode === 'annotations') {
    const posted =
      outcome.comments > 0
        ? ` (its ${outcome.comments} review comment${outcome.comments === 1 ? ' was' : 's were'} posted)`
        : '';
    const why = pull.fromFork
      ? 'the token is read-only (a pull request from a fork)'
      : 'the token may not write checks (does the workflow grant `checks: write`?)';
    core.notice(
      `dockreview could not create its check run: ${why}. Its findings are this step's annotations${posted}.`,
    );
    emitAnnotations(annotations);
    head.push(
      `> The token could not create the \`dockreview\` check run (${review.readOnlyReason ?? 'read-only'}): every finding is an annotation of this step and listed below.`,
      '',
    );
  } else {
    head.push(
      `Posted on pull request #${pull.number} (${pull.headSha.slice(0, 7)}): the \`dockreview\` check run and ${outcome.comments} review comment${outcome.comments === 1 ? '' : 's'}.`,
      '',
    );
  }
  const body = [...head, review.check?.output.summary ?? outcome.title];
  if (review.mode === 'annotations' && annotations.length > 0)
    body.push('', '### Every finding', '', findingsTable(annotationRows(annotations)));
  appendSummary(ctx.stepSummary, body.join('\n'));

  setOutputs({
    findings: outcome.findings,
    comments: outcome.comments,
    conclusion: outcome.conclusion,
    mode: review.mode,
    sarifFile: inputs.sarifFile ? await sarifOfWorkspace(ctx, inputs) : '',
  });

  // a failure without a single finding is the flow's own (invalid config, GitHub errors): fail whatever fail-on says
  if (outcome.conclusion === 'failure' && outcome.findings === 0) {
    core.error(`dockreview: ${outcome.title}`);
    return true;
  }
  const failing =
    inputs.failOn === 'conclusion'
      ? outcome.conclusion === 'failure'
      : inputs.failOn !== 'never' &&
        Object.entries(outcome.findingsBySeverity).some(
          ([severity, n]) =>
            n > 0 && SEVERITY_RANK[severity as Severity] >= SEVERITY_RANK[inputs.failOn as Severity],
        );
  if (failing) core.error(`dockreview: ${title} (fail-on: ${inputs.failOn})`);
  return failing;
}

/** Any other event: the checked-out repository, linted whole; true when the step should fail. */
async function workspace(ctx: ActionContext, inputs: ActionInputs): Promise<boolean> {
  const root = requireWorkspace(ctx, `\`${ctx.eventName}\` is not a pull request event, so dockreview lints`);
  const lint = await lintWorkspace(root, inputs.config || undefined);
  const linted = lint.files.filter((f) => f.text !== null);
  const result = plan(
    linted.map((f) => ({ path: f.path, kind: f.kind, text: f.text!, findings: f.findings, diff: null })),
    planOptions(lint.config),
  );
  emitAnnotations(result.annotations);
  for (const f of lint.files) if (f.error) core.warning(`${f.path}: ${f.error}`, { file: f.path });
  if (lint.files.length === 0 && readdirSync(root).length === 0)
    core.warning(
      `the workspace ${root} is empty: check out the repository (actions/checkout) before dockreview`,
    );

  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, style: 0 };
  for (const f of linted) for (const x of f.findings) counts[x.severity]++;
  const total = counts.error + counts.warning + counts.info + counts.style;
  const title =
    total === 0
      ? 'No problems found'
      : `${total} problem${total === 1 ? '' : 's'} (${(['error', 'warning', 'info', 'style'] as const)
          .filter((s) => counts[s] > 0)
          .map((s) => `${counts[s]} ${s}${counts[s] === 1 || s === 'info' || s === 'style' ? '' : 's'}`)
          .join(', ')})`;
  appendSummary(
    ctx.stepSummary,
    [
      `## dockreview: ${title}`,
      '',
      `**${linted.length}** container file${linted.length === 1 ? '' : 's'} linted in the workspace${ctx.sha ? ` at ${ctx.sha.slice(0, 7)}` : ''}; config: ${lint.config.sources.length > 0 ? lint.config.sources.map((s) => `\`${s}\``).join(', ') : 'defaults'}.`,
      '',
      // every finding, not only the 50 annotations a check run takes
      findingsTable(
        linted.flatMap((f) =>
          f.findings.map((x) => ({
            path: f.path,
            line: x.line,
            column: x.column,
            rule: x.rule,
            level: x.severity,
            message: x.message,
          })),
        ),
      ),
    ].join('\n'),
  );
  setOutputs({
    findings: total,
    comments: 0,
    conclusion: result.conclusion,
    mode: 'workspace',
    sarifFile: inputs.sarifFile ? writeSarif(sarifPath(root, inputs.sarifFile), lint.files) : '',
  });
  const failing =
    inputs.failOn === 'conclusion' ? result.conclusion === 'failure' : reaches(linted, inputs.failOn);
  if (failing) core.error(`dockreview: ${title} (fail-on: ${inputs.failOn})`);
  return failing;
}

async function sarifOfWorkspace(ctx: ActionContext, inputs: ActionInputs): Promise<string> {
  const root = requireWorkspace(ctx, 'the `sarif-file` input asks for SARIF of');
  const lint = await lintWorkspace(root, inputs.config || undefined);
  return writeSarif(sarifPath(root, inputs.sarifFile), lint.files);
}

function requireWorkspace(ctx: ActionContext, why: string): string {
  if (ctx.workspace && existsSync(ctx.workspace)) return ctx.workspace;
  throw new ActionError(
    `${why} the checked-out repository, but GITHUB_WORKSPACE ${ctx.workspace ? `(${ctx.workspace}) does not exist` : 'is not set'}: run actions/checkout first${ctx.pull ? '' : ', or run dockreview on `pull_request`'}`,
  );
}

/** A relative `sarif-file` is relative to the workspace, like every path in a workflow step. */
function sarifPath(root: string, file: string): string {
  return resolve(root, file);
}

function setOutputs(o: Outputs): void {
  core.setOutput('findings', o.findings);
  core.setOutput('comments', o.comments);
  core.setOutput('conclusion', o.conclusion);
  core.setOutput('mode', o.mode);
  core.setOutput('sarif-file', o.sarifFile);
}

/** The flow's log lines as plain step output (warnings as annotations would only repeat the summary). */
function flowLogger(): FlowLogger {
  const line =
    (level: string) =>
    (obj: object, msg?: string): void =>
      core.info(`dockreview ${level}: ${msg ?? ''} ${JSON.stringify(obj, errorFields)}`);
  return { info: line('info'), warn: line('warning'), error: line('error') };
}

function errorFields(_key: string, value: unknown): unknown {
  if (value instanceof Error)
    return {
      message: value.message,
      ...((value as { status?: number }).status ? { status: (value as { status?: number }).status } : {}),
    };
  return value;
}
