/**
 * What GitHub's API accepts, for the fakes of GitHub (the nock one in ./github.ts, the HTTP server in
 * ./github-server.ts): request bodies validated against GitHub's OpenAPI description, and the app's thread-update
 * GraphQL mutations read back into a list. Shared so both fakes are exactly as strict.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------------------------------
// GitHub's OpenAPI description: operation lookup and request-body validation

export interface Operation {
  method: string;
  template: string;
  regex: RegExp;
  literal: number;
  schema: object | undefined;
  bodyRequired: boolean;
}

let operations: Operation[] | undefined;
const validators = new Map<string, ValidateFunction>();
const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
// the formats GitHub's request bodies use that we check; unknown formats are ignored (strict: false)
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/);

function loadOperations(): Operation[] {
  if (operations) return operations;
  // the dereferenced description: every $ref already resolved, so each request body schema stands alone
  const path = require.resolve('@octokit/openapi/generated/api.github.com.deref.json');
  const spec = JSON.parse(readFileSync(path, 'utf8')) as {
    paths: Record<
      string,
      Record<string, { requestBody?: { required?: boolean; content?: Record<string, { schema?: object }> } }>
    >;
  };
  operations = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    const pattern = template
      .split('/')
      .map((seg) => (/^\{[^}]+\}$/.test(seg) ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (!op) continue;
      operations.push({
        method: method.toUpperCase(),
        template,
        regex: new RegExp(`^${pattern}$`),
        literal: template.replace(/\{[^}]+\}/g, '').length,
        schema: op.requestBody?.content?.['application/json']?.schema,
        bodyRequired: op.requestBody?.required ?? false,
      });
    }
  }
  return operations;
}

/** The documented operation for a request (the most literal template wins: `/pulls/comments` over `/pulls/{n}`). */
export function findOperation(method: string, pathname: string): Operation | undefined {
  return loadOperations()
    .filter((o) => o.method === method && o.regex.test(pathname))
    .sort((a, b) => b.literal - a.literal)[0];
}

/** Problems with a request body against GitHub's OpenAPI description; empty when it is valid. */
export function validateRequest(method: string, pathname: string, body: unknown): string[] {
  if (pathname === '/graphql') return validateGraphql(method, body);
  const op = findOperation(method, pathname);
  if (!op) return [`${method} ${pathname} is not an operation of api.github.com`];
  if (body === undefined) return op.bodyRequired ? [`${method} ${op.template} requires a body`] : [];
  if (!op.schema) return [`${method} ${op.template} takes no JSON body, got one`];
  const key = `${op.method} ${op.template}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(op.schema);
    validators.set(key, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map(
    (e) => `${key}: body${e.instancePath} ${e.message ?? 'is invalid'} ${JSON.stringify(e.params)}`,
  );
}

function validateGraphql(method: string, body: unknown): string[] {
  if (method !== 'POST') return [`GraphQL must be POST, got ${method}`];
  const errors: string[] = [];
  if (typeof body !== 'object' || body === null) return ['GraphQL body is not an object'];
  const { query, variables, ...rest } = body as Record<string, unknown>;
  if (typeof query !== 'string' || query.length === 0) errors.push('GraphQL body has no query string');
  if (Object.keys(rest).length > 0)
    errors.push(`GraphQL body has extra keys ${Object.keys(rest).join(', ')}`);
  if (variables !== undefined) {
    if (typeof variables !== 'object' || variables === null)
      errors.push('GraphQL variables are not an object');
    else
      for (const [k, v] of Object.entries(variables))
        if (typeof v !== 'string') errors.push(`GraphQL variable ${k} is not a string`);
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------------------------
// GraphQL

/** A GraphQL request body as the app sends it. */
export interface GraphqlCall {
  query: string;
  variables: Record<string, string>;
}

/** One aliased mutation of a thread-update request, its variables resolved. */
export interface ThreadMutation {
  alias: string;
  kind: 'updatePullRequestReviewComment' | 'minimizeComment' | 'resolveReviewThread';
  /** The comment (or thread) it acts on. */
  subject: string;
  body?: string;
  classifier?: string;
}

export function isMutation(body: GraphqlCall): boolean {
  return typeof body?.query === 'string' && body.query.trimStart().startsWith('mutation');
}

/** The mutations of a request as the app writes them: `alias: name(input: { key: $var, … })`, one a line. */
export function parseMutations(call: GraphqlCall): ThreadMutation[] {
  const out: ThreadMutation[] = [];
  for (const m of call.query.matchAll(/^\s*(\w+): (\w+)\(input: \{([^}]*)\}\)/gm)) {
    const args = new Map<string, string>();
    for (const a of m[3]!.split(',')) {
      const [k, v] = a.split(':').map((x) => x.trim());
      args.set(k!, v!.startsWith('$') ? call.variables[v!.slice(1)]! : v!);
    }
    const kind = m[2] as ThreadMutation['kind'];
    const subject =
      args.get('pullRequestReviewCommentId') ?? args.get('subjectId') ?? args.get('threadId') ?? '';
    const entry: ThreadMutation = { alias: m[1]!, kind, subject };
    if (args.has('body')) entry.body = args.get('body')!;
    if (args.has('classifier')) entry.classifier = args.get('classifier')!;
    out.push(entry);
  }
  return out;
}

/** What the contents query asks of a pull request's review threads: its number and how many of each it reads. */
export interface ThreadsSelection {
  pull: number;
  threads: number;
  comments: number;
}

/**
 * The review-threads selection of the contents query, exactly as the app writes it (every field checked against
 * GitHub's GraphQL schema: `PullRequestReviewThread.comments`, `PullRequestReviewComment.fullDatabaseId`, an
 * `Actor`'s `login`): null when the query has none, a problem when it names `pullRequest` in any other way or asks
 * for more than GitHub's 100 nodes a connection.
 */
export function threadsSelection(query: string): ThreadsSelection | null | { problem: string } {
  if (!query.includes('pullRequest')) return null;
  const m =
    /pullRequest\(number: (\d+)\) \{ reviewThreads\(first: (\d+)\) \{ pageInfo \{ hasNextPage \} nodes \{ id comments\(first: (\d+)\) \{ pageInfo \{ hasNextPage \} nodes \{ id fullDatabaseId path body author \{ __typename login \} \} \} \} \} \}/.exec(
      query,
    );
  if (!m) return { problem: 'a pullRequest selection the fake does not know' };
  const [pull, threads, comments] = [m[1], m[2], m[3]].map(Number) as [number, number, number];
  if (threads < 1 || threads > 100 || comments < 1 || comments > 100)
    return { problem: `first: must be 1 to 100 (asked ${threads} threads, ${comments} comments)` };
  return { pull, threads, comments };
}

/** A review comment as a fake holds it, for the GraphQL answer. */
export interface HeldComment {
  id: number;
  path: string;
  body: string;
  /** As REST lists it (`login` with `[bot]` for a bot); null for a deleted account. */
  user: { login: string; type: string } | null;
}

/**
 * The `pullRequest` answer to a threads selection, as GitHub gives it: each thread its first comments in order,
 * `pageInfo.hasNextPage` where there are more than asked; ids `PRRT_<first comment id>` and `PRRC_<id>`, the REST id
 * as `fullDatabaseId` (a BigInt: a string); the author as an `Actor`, a bot by its bare login (GitHub's GraphQL has
 * no `[bot]` suffix: `dockreview`, where REST says `dockreview[bot]`).
 */
export function threadsAnswer(threads: readonly (readonly HeldComment[])[], sel: ThreadsSelection): object {
  const actor = (u: HeldComment['user']): object | null =>
    u === null
      ? null
      : { __typename: u.type, login: u.type === 'Bot' ? u.login.replace(/\[bot\]$/, '') : u.login };
  return {
    reviewThreads: {
      pageInfo: { hasNextPage: threads.length > sel.threads },
      nodes: threads.slice(0, sel.threads).map((t) => ({
        id: `PRRT_${t[0]!.id}`,
        comments: {
          pageInfo: { hasNextPage: t.length > sel.comments },
          nodes: t.slice(0, sel.comments).map((c) => ({
            id: `PRRC_${c.id}`,
            fullDatabaseId: String(c.id),
            path: c.path,
            body: c.body,
            author: actor(c.user),
          })),
        },
      })),
    },
  };
}

/** The REST routes (and GraphQL) the app calls, as the OpenAPI description names them: one table for both fakes. */
export const ROUTES = {
  token: 'POST /app/installations/{installation_id}/access_tokens',
  createCheck: 'POST /repos/{owner}/{repo}/check-runs',
  listCheckRuns: 'GET /repos/{owner}/{repo}/commits/{ref}/check-runs',
  updateCheck: 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
  listFiles: 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
  graphql: 'POST /graphql',
  listComments: 'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments',
  getPull: 'GET /repos/{owner}/{repo}/pulls/{pull_number}',
  createReview: 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
  pullsForCommit: 'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls',
  getContent: 'GET /repos/{owner}/{repo}/contents/{path}',
  getBlob: 'GET /repos/{owner}/{repo}/git/blobs/{file_sha}',
} as const;
