/**
 * The workflow run as the Actions runner describes it: the `GITHUB_*` variables and the event payload file. Read
 * once, checked, and handed on as plain data, so nothing else in the action touches the environment for it.
 */
import { readFileSync } from 'node:fs';

/** A problem with how the action was set up (event, environment, inputs): reported as is, without a stack. */
export class ActionError extends Error {}

export interface PullTarget {
  number: number;
  /** The pull request's head commit (the event's `GITHUB_SHA` is the merge commit, which a review does not see). */
  headSha: string;
  open: boolean;
  /** Head branch in another repository: the workflow token is then usually read-only. */
  fromFork: boolean;
}

export interface ActionContext {
  eventName: string;
  owner: string;
  repo: string;
  apiUrl: string;
  /** The workflow run's page, for the check run's details link; absent outside a real run. */
  runUrl?: string;
  /** The commit the workflow checked out (the merge commit for a pull request). */
  sha?: string;
  /** Where actions/checkout put the repository. */
  workspace?: string;
  /** The job summary file (`GITHUB_STEP_SUMMARY`). */
  stepSummary?: string;
  /** The pull request to review; null for any other event. */
  pull: PullTarget | null;
}

/** Events whose payload carries the pull request under review. */
export const PULL_REQUEST_EVENTS: readonly string[] = ['pull_request', 'pull_request_target'];

type Env = Record<string, string | undefined>;

export function readContext(env: Env): ActionContext {
  const eventName = required(env, 'GITHUB_EVENT_NAME');
  const repository = required(env, 'GITHUB_REPOSITORY');
  const slash = repository.indexOf('/');
  if (slash <= 0 || slash === repository.length - 1)
    throw new ActionError(`GITHUB_REPOSITORY must be \`owner/repo\`, not \`${repository}\``);
  const ctx: ActionContext = {
    eventName,
    owner: repository.slice(0, slash),
    repo: repository.slice(slash + 1),
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    pull: null,
  };
  const server = env.GITHUB_SERVER_URL?.replace(/\/+$/, '');
  if (server && env.GITHUB_RUN_ID) ctx.runUrl = `${server}/${repository}/actions/runs/${env.GITHUB_RUN_ID}`;
  if (env.GITHUB_SHA) ctx.sha = env.GITHUB_SHA;
  if (env.GITHUB_WORKSPACE) ctx.workspace = env.GITHUB_WORKSPACE;
  if (env.GITHUB_STEP_SUMMARY) ctx.stepSummary = env.GITHUB_STEP_SUMMARY;
  if (PULL_REQUEST_EVENTS.includes(eventName))
    ctx.pull = pullFrom(readEvent(required(env, 'GITHUB_EVENT_PATH')));
  return ctx;
}

function required(env: Env, name: string): string {
  const value = env[name];
  if (!value)
    throw new ActionError(`${name} is not set: dockreview's action runs in a GitHub Actions workflow job`);
  return value;
}

function readEvent(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ActionError(
      `cannot read the event payload GITHUB_EVENT_PATH names (${path}): ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
  try {
    const data = JSON.parse(text) as unknown;
    if (typeof data === 'object' && data !== null) return data as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new ActionError(`the event payload at ${path} is not a JSON object`);
}

interface PayloadPull {
  number?: unknown;
  state?: unknown;
  head?: { sha?: unknown; repo?: { full_name?: unknown } | null };
  base?: { repo?: { full_name?: unknown } | null };
}

function pullFrom(event: Record<string, unknown>): PullTarget {
  const pr = event.pull_request as PayloadPull | undefined;
  const number = pr?.number;
  const headSha = pr?.head?.sha;
  if (typeof number !== 'number' || typeof headSha !== 'string')
    throw new ActionError('the event payload has no `pull_request` with a number and a head commit');
  const headRepo = pr?.head?.repo?.full_name;
  const baseRepo = pr?.base?.repo?.full_name;
  return {
    number,
    headSha,
    open: pr?.state === undefined || pr.state === 'open',
    fromFork: typeof headRepo === 'string' && typeof baseRepo === 'string' && headRepo !== baseRepo,
  };
}
