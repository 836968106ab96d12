/**
 * A strict fake of GitHub served over HTTP on 127.0.0.1, for tests that drive the real server process (the app
 * reaches it through `GHE_HOST`/`GHE_PROTOCOL`: REST under `/api/v3`, GraphQL at `/api/graphql`).
 *
 * It keeps state as GitHub does: one repository with its default branch, commits (a full file tree each), pull
 * requests with their head, check runs with their annotations, review comments with their lines, replies and
 * thread state. Each pull request's files and patches are computed here from its base and head trees (a line diff of
 * its own, not the app's parser, so the app's reading of patches is checked, not assumed). It is strict where GitHub
 * is strict, and records each refusal as a problem the test fails on:
 * - every REST request body is validated against GitHub's OpenAPI description (./github-api.ts); a mismatch is
 *   answered 422, as GitHub answers an invalid body;
 * - a review comment whose line (or range) is not inside one hunk of the file's diff at that commit is answered
 *   422, and the whole review is refused, as GitHub does;
 * - more than 50 annotations in one check-run request is answered 422;
 * - a request without credentials is answered 401; an unknown route 404;
 * - GraphQL: only the contents query (files, and a pull request's review threads with their comments, exactly as
 *   the app asks for them, at most 100 of each) and the thread mutations the app sends are understood; an unknown
 *   node id is a NOT_FOUND error.
 * Every request is counted by its route (the OpenAPI template, `POST /graphql` for GraphQL).
 */
import { createPublicKey, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  findOperation,
  isMutation,
  parseMutations,
  ROUTES,
  threadsAnswer,
  threadsSelection,
  validateRequest,
  type GraphqlCall,
} from './github-api.js';
import { blobOid } from './payloads.js';

/** Why GitHub would refuse `authorization` as the app's JWT, or null (the checks GitHub documents). */
function appJwtProblem(authorization: string, privateKey: string, appId: number): string | null {
  const m = /^bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/i.exec(authorization);
  if (!m) return 'A JSON web token could not be decoded';
  const [, header, payload, signature] = m as unknown as [string, string, string, string];
  const read = (part: string): Record<string, unknown> =>
    JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  if (read(header).alg !== 'RS256') return "'alg' must be RS256";
  const signed = verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    createPublicKey(privateKey),
    Buffer.from(signature, 'base64url'),
  );
  if (!signed) return 'A JSON web token could not be decoded';
  const { iat, exp, iss } = read(payload) as { iat: number; exp: number; iss: unknown };
  const now = Math.floor(Date.now() / 1000);
  if (String(iss) !== String(appId)) return `'Issuer' claim ('iss') must be the app id ${appId}`;
  if (!(iat <= now + 60))
    return "'Issued at' claim ('iat') must be an Integer representing a time in the past";
  if (!(exp > now && exp - iat <= 600))
    return "'Expiration time' claim ('exp') is too far in the future or past";
  return null;
}

/** A file tree: path → text. */
export type Tree = Record<string, string>;

/** One request the fake received. */
export interface Call {
  method: string;
  path: string;
  /** `METHOD /template` from the OpenAPI description; `POST /graphql` for GraphQL; `? METHOD path` if unknown. */
  route: string;
  /** `query` or `mutation` for GraphQL. */
  graphql?: 'query' | 'mutation';
  status: number;
}

export interface ReviewComment {
  id: number;
  nodeId: string;
  reviewId: number;
  path: string;
  line: number;
  startLine?: number;
  body: string;
  commitId: string;
  inReplyToId?: number;
  user: { login: string; type: string };
  /** Set for comments an app wrote. */
  appId?: number;
  minimized?: string;
  threadResolved?: boolean;
}

export interface CheckRun {
  id: number;
  name: string;
  headSha: string;
  externalId?: string;
  status: string;
  conclusion?: string;
  title?: string;
  summary?: string;
  annotations: unknown[];
  /** Requests that wrote to this run (create and updates). */
  writes: number;
}

interface Pull {
  number: number;
  base: Tree;
  head: string;
  /** Every head the pull request had, oldest first: a review may still name an earlier one. */
  commits: string[];
  state: 'open' | 'closed';
}

interface FileDiff {
  path: string;
  status: 'added' | 'modified' | 'removed';
  patch: string;
  additions: number;
  deletions: number;
  /** Head-side lines inside each hunk, first and last (inclusive): where a review comment may go. */
  hunks: { start: number; end: number }[];
}

export interface StrictGitHubOptions {
  owner: string;
  repo: string;
  installationId: number;
  /** The app's id: its comments carry `performed_via_github_app`. */
  appId: number;
  /** The app's bot user, author of what the app posts. */
  botLogin: string;
  /**
   * The app's private key (PEM): given, an installation token is only issued for an app JWT GitHub would accept
   * (RS256 signed with this key, issued by `appId`, at most 10 minutes long, not issued in the future).
   */
  privateKey?: string;
}

const ANNOTATIONS_PER_REQUEST = 50;
const PER_PAGE_MAX = 100;

export class StrictGitHub {
  readonly calls: Call[] = [];
  /** What GitHub would have refused or could not answer: the test fails on any. */
  readonly problems: string[] = [];
  readonly checkRuns: CheckRun[] = [];
  readonly comments: ReviewComment[] = [];
  /** Each review the app posted: the ids of its comments. */
  readonly reviews: { id: number; pull: number; commitId: string; body: string; commentIds: number[] }[] = [];
  /** The GraphQL mutations requests, each a list of `name subject`. */
  readonly mutations: string[][] = [];
  port = 0;

  private server: Server | undefined;
  private readonly commits = new Map<string, Tree>();
  private defaultBranch: Tree = {};
  private readonly pulls = new Map<number, Pull>();
  private nextId = 1000;
  private readonly waiters: { test: () => boolean; resolve: () => void }[] = [];

  constructor(readonly o: StrictGitHubOptions) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        this.problems.push(`the fake failed on ${req.method} ${req.url}: ${String(err)}`);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** What Probot reads to talk to this fake instead of github.com. */
  env(): Record<string, string> {
    return { GHE_HOST: `127.0.0.1:${this.port}`, GHE_PROTOCOL: 'http' };
  }

  // -------------------------------------------------------------------------------------------------------------
  // The repository, as a test sets it up

  setDefaultBranch(tree: Tree): void {
    this.defaultBranch = { ...tree };
  }

  /** Opens pull request `number` from `base` to the commit `sha` with the files `head`. */
  openPull(number: number, base: Tree, sha: string, head: Tree): void {
    this.commits.set(sha, { ...head });
    this.pulls.set(number, { number, base: { ...base }, head: sha, commits: [sha], state: 'open' });
  }

  /** A push to the pull request's branch: `sha` with the files `head` becomes its head. */
  push(number: number, sha: string, head: Tree): void {
    const pull = this.pull(number);
    this.commits.set(sha, { ...head });
    pull.head = sha;
    pull.commits.push(sha);
  }

  /** A person's reply in the thread of comment `to`. */
  reply(to: number, body: string, login = 'octocat'): ReviewComment {
    const first = this.comments.find((c) => c.id === to);
    if (!first) throw new Error(`no review comment ${to}`);
    const id = this.nextId++;
    const comment: ReviewComment = {
      id,
      nodeId: `PRRC_${id}`,
      reviewId: first.reviewId,
      path: first.path,
      line: first.line,
      body,
      commitId: first.commitId,
      inReplyToId: to,
      user: { login, type: 'User' },
    };
    this.comments.push(comment);
    return comment;
  }

  // -------------------------------------------------------------------------------------------------------------
  // What a test reads back

  /** The number of calls so far: `since(mark)` gives the calls made after it. */
  mark(): number {
    return this.calls.length;
  }

  since(mark: number): Call[] {
    return this.calls.slice(mark);
  }

  /** Calls counted by route (GraphQL split into queries and mutations), the installation token left out. */
  static byRoute(calls: readonly Call[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const c of calls) {
      if (c.route === 'POST /app/installations/{installation_id}/access_tokens') continue;
      const key = c.graphql ? `${c.route} (${c.graphql})` : c.route;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Resolves with this app's check run on `sha` once it is completed; rejects after `timeoutMs`. */
  completedCheck(sha: string, timeoutMs: number, context: () => string = () => ''): Promise<CheckRun> {
    const find = (): CheckRun | undefined =>
      this.checkRuns.find((r) => r.headSha === sha && r.status === 'completed');
    const found = find();
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(
          new Error(
            `no completed check run on ${sha.slice(0, 7)} after ${timeoutMs} ms\nproblems: ${this.problems.join('\n') || 'none'}\n${context()}`,
          ),
        );
      }, timeoutMs);
      const waiter = {
        test: () => find() !== undefined,
        resolve: () => {
          clearTimeout(timer);
          resolve(find()!);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** The app's comments that start a thread on pull request `number`, oldest first. */
  threadsOf(number: number): ReviewComment[] {
    const ids = new Set(this.reviews.filter((r) => r.pull === number).flatMap((r) => r.commentIds));
    return this.comments.filter((c) => ids.has(c.id));
  }

  // -------------------------------------------------------------------------------------------------------------
  // Serving

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const ghe = url.pathname === '/api/graphql' || url.pathname.startsWith('/api/v3/');
    const path = url.pathname === '/api/graphql' ? '/graphql' : url.pathname.replace(/^\/api\/v3(?=\/)/, '');
    const op = path === '/graphql' ? undefined : findOperation(method, path);
    const call: Call = {
      method,
      path,
      route:
        path === '/graphql' ? 'POST /graphql' : op ? `${op.method} ${op.template}` : `? ${method} ${path}`,
      status: 0,
    };
    this.calls.push(call);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      call.status = status;
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': String(Math.max(0, 5000 - this.calls.length)),
        'x-ratelimit-resource': path === '/graphql' ? 'graphql' : 'core',
        ...headers,
      });
      res.end(body === undefined ? '' : JSON.stringify(body));
      for (const w of this.waiters.filter((x) => x.test())) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    };
    const refuse = (status: number, message: string, errors?: unknown[]): void => {
      this.problems.push(
        `${status} ${method} ${path}: ${message}${errors ? ` ${JSON.stringify(errors)}` : ''}`,
      );
      send(status, { message, ...(errors ? { errors } : {}), status: String(status) });
    };

    if (!ghe) return refuse(404, 'not under /api/v3 or /api/graphql: the app does not use GHE_HOST');
    const auth = req.headers.authorization ?? '';
    if (!/^(token|bearer) \S+$/i.test(auth)) return refuse(401, 'Requires authentication');

    let body: unknown;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        return refuse(400, 'Problems parsing JSON');
      }
    }
    const invalid = validateRequest(method, path, body);
    if (invalid.length > 0) return refuse(path === '/graphql' ? 400 : 422, invalid.join('; '));
    if (path === '/graphql') {
      const gql = body as GraphqlCall;
      call.graphql = isMutation(gql) ? 'mutation' : 'query';
      const answer = call.graphql === 'mutation' ? this.mutate(gql) : this.query(gql);
      if ('problem' in answer) return refuse(400, answer.problem);
      return send(200, answer.result);
    }
    if (!op) return refuse(404, 'Not Found');
    const params = paramsOf(op.template, path);
    if (
      params.installation_id === undefined &&
      (params.owner !== this.o.owner || params.repo !== this.o.repo)
    )
      return refuse(404, `no repository ${params.owner}/${params.repo}`);
    if (!/^token /i.test(auth) && call.route !== ROUTE.token)
      return refuse(401, 'an installation token is needed here, not the app JWT');
    const pages = (items: unknown[]): [unknown[], Record<string, string>] => {
      const perPage = Math.min(PER_PAGE_MAX, Number(url.searchParams.get('per_page') ?? 30));
      const page = Number(url.searchParams.get('page') ?? 1);
      const last = Math.max(1, Math.ceil(items.length / perPage));
      const headers: Record<string, string> = {};
      if (page < last) {
        const next = new URL(url.href);
        next.searchParams.set('page', String(page + 1));
        headers.link = `<http://127.0.0.1:${this.port}${next.pathname}${next.search}>; rel="next"`;
      }
      return [items.slice((page - 1) * perPage, page * perPage), headers];
    };

    switch (call.route) {
      case ROUTE.token: {
        const jwtProblem = this.o.privateKey ? appJwtProblem(auth, this.o.privateKey, this.o.appId) : null;
        if (jwtProblem) return refuse(401, jwtProblem);
        if (Number(params.installation_id) !== this.o.installationId)
          return refuse(404, `no installation ${params.installation_id}`);
        return send(201, {
          token: 'ghs_e2e',
          expires_at: new Date(Date.now() + 3_600_000).toISOString(),
          permissions: { checks: 'write', pull_requests: 'write', contents: 'read', metadata: 'read' },
          repository_selection: 'selected',
        });
      }
      case ROUTE.createCheck: {
        const b = body as Record<string, unknown>;
        if (!this.commits.has(b.head_sha as string)) return refuse(422, 'No commit found for SHA');
        const annotations = outputAnnotations(b);
        if (annotations.length > ANNOTATIONS_PER_REQUEST)
          return refuse(422, `more than ${ANNOTATIONS_PER_REQUEST} annotations in one request`);
        const run: CheckRun = {
          id: this.nextId++,
          name: b.name as string,
          headSha: b.head_sha as string,
          status: (b.status as string | undefined) ?? 'queued',
          annotations,
          writes: 1,
        };
        if (typeof b.external_id === 'string') run.externalId = b.external_id;
        if (b.conclusion !== undefined) {
          run.status = 'completed';
          run.conclusion = b.conclusion as string;
        }
        setOutput(run, b);
        this.checkRuns.push(run);
        return send(201, checkRunJson(run));
      }
      case ROUTE.updateCheck: {
        const run = this.checkRuns.find((r) => r.id === Number(params.check_run_id));
        if (!run) return refuse(404, 'Not Found');
        const b = body as Record<string, unknown>;
        const annotations = outputAnnotations(b);
        if (annotations.length > ANNOTATIONS_PER_REQUEST)
          return refuse(422, `more than ${ANNOTATIONS_PER_REQUEST} annotations in one request`);
        run.annotations.push(...annotations);
        run.writes++;
        if (b.status !== undefined) run.status = b.status as string;
        if (b.conclusion !== undefined) {
          run.status = 'completed';
          run.conclusion = b.conclusion as string;
        }
        setOutput(run, b);
        return send(200, checkRunJson(run));
      }
      case ROUTE.listCheckRuns: {
        const runs = this.checkRuns.filter(
          (r) =>
            r.headSha === params.ref &&
            (!url.searchParams.has('check_name') || r.name === url.searchParams.get('check_name')),
        );
        return send(200, { total_count: runs.length, check_runs: runs.map(checkRunJson) });
      }
      case ROUTE.getPull: {
        const pull = this.pulls.get(Number(params.pull_number));
        if (!pull) return refuse(404, 'Not Found');
        return send(200, {
          number: pull.number,
          state: pull.state,
          head: { sha: pull.head, ref: 'feature' },
          base: { ref: 'main' },
        });
      }
      case ROUTE.listFiles: {
        const pull = this.pulls.get(Number(params.pull_number));
        if (!pull) return refuse(404, 'Not Found');
        const files = this.diffOf(pull, pull.head).map((f) => ({
          sha: f.status === 'removed' ? '0'.repeat(40) : blobOid(this.commits.get(pull.head)![f.path]!),
          filename: f.path,
          status: f.status,
          additions: f.additions,
          deletions: f.deletions,
          changes: f.additions + f.deletions,
          blob_url: `https://github.com/${this.o.owner}/${this.o.repo}/blob/${pull.head}/${f.path}`,
          raw_url: `https://github.com/${this.o.owner}/${this.o.repo}/raw/${pull.head}/${f.path}`,
          contents_url: `http://127.0.0.1:${this.port}/api/v3/repos/${this.o.owner}/${this.o.repo}/contents/${f.path}`,
          patch: f.patch,
        }));
        const [page, headers] = pages(files);
        return send(200, page, headers);
      }
      case ROUTE.listComments: {
        const pull = Number(params.pull_number);
        const ids = new Set(this.reviews.filter((r) => r.pull === pull).map((r) => r.id));
        const [page, headers] = pages(this.comments.filter((c) => ids.has(c.reviewId)).map(commentJson));
        return send(200, page, headers);
      }
      case ROUTE.createReview:
        return this.createReview(Number(params.pull_number), body as ReviewBody, send, refuse);
      case ROUTE.pullsForCommit: {
        const pulls = [...this.pulls.values()].filter((p) => p.commits.includes(params.commit_sha!));
        return send(
          200,
          pulls.map((p) => ({ number: p.number, state: p.state, head: { sha: p.head, ref: 'feature' } })),
        );
      }
      case ROUTE.getBlob: {
        for (const tree of this.commits.values())
          for (const t of Object.values(tree))
            if (blobOid(t) === params.file_sha)
              return send(200, {
                sha: params.file_sha,
                node_id: `B_${params.file_sha}`,
                size: Buffer.byteLength(t),
                content: Buffer.from(t).toString('base64'),
                encoding: 'base64',
              });
        return refuse(404, 'Not Found');
      }
      case ROUTE.getContent:
        // `_extends` into another repository: none exists here
        return send(404, { message: 'Not Found', status: '404' });
      default:
        return refuse(404, `the fake does not serve ${call.route}`);
    }
  }

  private pull(number: number): Pull {
    const pull = this.pulls.get(number);
    if (!pull) throw new Error(`no pull request ${number}`);
    return pull;
  }

  /** The pull request's files at `sha` against its base, as GitHub lists them. */
  private diffOf(pull: Pull, sha: string): FileDiff[] {
    const head = this.commits.get(sha)!;
    const paths = [...new Set([...Object.keys(pull.base), ...Object.keys(head)])].sort();
    const out: FileDiff[] = [];
    for (const path of paths) {
      const before = pull.base[path];
      const after = head[path];
      if (before === after) continue;
      const d = lineDiff(before ?? '', after ?? '');
      out.push({
        path,
        status: before === undefined ? 'added' : after === undefined ? 'removed' : 'modified',
        ...d,
      });
    }
    return out;
  }

  private createReview(
    number: number,
    b: ReviewBody,
    send: (status: number, body: unknown) => void,
    refuse: (status: number, message: string, errors?: unknown[]) => void,
  ): void {
    const pull = this.pulls.get(number);
    if (!pull) return refuse(404, 'Not Found');
    const commitId = b.commit_id ?? pull.head;
    if (!pull.commits.includes(commitId))
      return refuse(422, `commit_id ${commitId} is not part of the pull request`);
    const diff = new Map(this.diffOf(pull, commitId).map((f) => [f.path, f]));
    const errors: string[] = [];
    for (const c of b.comments ?? []) {
      const file = diff.get(c.path);
      const from = c.start_line ?? c.line;
      if (c.line === undefined)
        errors.push(`${c.path}: a comment needs a line (positions are not used by the app)`);
      else if (!file) errors.push(`${c.path} is not part of the pull request's diff`);
      else if (c.side !== undefined && c.side !== 'RIGHT') errors.push(`${c.path}:${c.line}: side ${c.side}`);
      else if (from! > c.line) errors.push(`${c.path}: start_line ${from} after line ${c.line}`);
      else if (!file.hunks.some((h) => h.start <= from! && c.line! <= h.end))
        errors.push(
          `${c.path}:${from === c.line ? c.line : `${from}-${c.line}`}: line must be part of the diff`,
        );
    }
    // GitHub refuses the whole review, naming no comment in particular
    if (errors.length > 0) return refuse(422, 'Unprocessable Entity', errors);
    const id = this.nextId++;
    const commentIds: number[] = [];
    for (const c of b.comments ?? []) {
      const cid = this.nextId++;
      const comment: ReviewComment = {
        id: cid,
        nodeId: `PRRC_${cid}`,
        reviewId: id,
        path: c.path,
        line: c.line!,
        body: c.body,
        commitId,
        user: { login: this.o.botLogin, type: 'Bot' },
        appId: this.o.appId,
      };
      if (c.start_line !== undefined) comment.startLine = c.start_line;
      this.comments.push(comment);
      commentIds.push(cid);
    }
    this.reviews.push({ id, pull: number, commitId, body: b.body ?? '', commentIds });
    send(200, {
      id,
      node_id: `PRR_${id}`,
      state: b.event === 'COMMENT' ? 'COMMENTED' : 'PENDING',
      commit_id: commitId,
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // GraphQL

  /**
   * The contents query: `object(expression: "<rev>:<path>")` aliases, the `.github` repository, the review threads
   * with their comments (the app's comments that start a thread, each with the replies to it).
   */
  private query(call: GraphqlCall): { result: object } | { problem: string } {
    const q = call.query;
    if (!q.trimStart().startsWith('query')) return { problem: 'not a query the fake knows' };
    const declared = new Set([...q.matchAll(/\$(\w+): String!/g)].map((m) => m[1]!));
    for (const name of Object.keys(call.variables ?? {}))
      if (!declared.has(name)) return { problem: `variable $${name} is not declared` };
    for (const name of declared)
      if (call.variables?.[name] === undefined) return { problem: `variable $${name} has no value` };
    if (call.variables.owner !== this.o.owner || call.variables.repo !== this.o.repo)
      return { problem: `no repository ${call.variables.owner}/${call.variables.repo}` };
    const orgBlock = /org: repository\(owner: \$owner, name: "\.github"\) \{([^\n]*)\}/.exec(q)?.[1] ?? '';
    const orgAliases = new Set([...orgBlock.matchAll(/(\w+): object\(/g)].map((m) => m[1]!));
    const repository: Record<string, unknown> = {};
    const threads = threadsSelection(q);
    if (threads !== null && 'problem' in threads) return threads;
    if (threads !== null) {
      if (!this.pulls.has(threads.pull)) return { problem: `no pull request ${threads.pull}` };
      repository.pullRequest = threadsAnswer(
        this.threadsOf(threads.pull).map((first) =>
          [first, ...this.comments.filter((c) => c.inReplyToId === first.id)].map((c) => ({
            id: c.id,
            path: c.path,
            body: c.body,
            user: c.user,
          })),
        ),
        threads,
      );
    }
    for (const [alias, expression] of Object.entries(call.variables)) {
      if (alias === 'owner' || alias === 'repo' || orgAliases.has(alias)) continue;
      const colon = expression.indexOf(':');
      const rev = expression.slice(0, colon);
      const tree = rev === 'HEAD' ? this.defaultBranch : this.commits.get(rev);
      const text = tree?.[expression.slice(colon + 1)];
      repository[alias] =
        text === undefined
          ? null
          : {
              text,
              isBinary: false,
              byteSize: Buffer.byteLength(text),
              isTruncated: false,
              oid: blobOid(text),
            };
    }
    if (orgAliases.size === 0) return { result: { data: { repository } } };
    // the owner has no `.github` repository: an error beside the data, as GitHub answers it
    return {
      result: {
        data: { repository, org: null },
        errors: [
          {
            type: 'NOT_FOUND',
            path: ['org'],
            message: `Could not resolve to a Repository with the name '${this.o.owner}/.github'.`,
          },
        ],
      },
    };
  }

  /** The thread updates: each mutation applied to the comment (or thread) it names, unknown ids NOT_FOUND. */
  private mutate(call: GraphqlCall): { result: object } | { problem: string } {
    const list = parseMutations(call);
    const written = call.query.split('\n').filter((l) => /^\s*\w+: \w+\(input:/.test(l)).length;
    if (list.length === 0 || list.length !== written)
      return { problem: 'a mutation the fake cannot read (one aliased mutation a line)' };
    this.mutations.push(list.map((m) => `${m.kind} ${m.subject}`));
    const data: Record<string, unknown> = {};
    const errors: object[] = [];
    for (const m of list) {
      const id = Number(/^PRR[CT]_(\d+)$/.exec(m.subject)?.[1]);
      const comment = this.comments.find((c) => c.id === id);
      const ok =
        comment !== undefined &&
        (m.kind === 'resolveReviewThread' ? m.subject.startsWith('PRRT_') : m.subject.startsWith('PRRC_'));
      if (!ok) {
        data[m.alias] = null;
        errors.push({
          type: 'NOT_FOUND',
          path: [m.alias],
          message: `Could not resolve to a node with the global id of '${m.subject}'`,
        });
        continue;
      }
      if (m.kind === 'updatePullRequestReviewComment') {
        if (m.body === undefined) return { problem: `${m.alias}: no body` };
        comment.body = m.body;
      } else if (m.kind === 'minimizeComment') {
        const classifiers = ['SPAM', 'ABUSE', 'OFF_TOPIC', 'OUTDATED', 'DUPLICATE', 'RESOLVED'];
        if (!classifiers.includes(m.classifier ?? ''))
          return { problem: `${m.alias}: classifier ${m.classifier}` };
        comment.minimized = m.classifier!;
      } else comment.threadResolved = true;
      data[m.alias] = { clientMutationId: null };
    }
    if (errors.length > 0) this.problems.push(`GraphQL: ${JSON.stringify(errors)}`);
    return { result: errors.length > 0 ? { data, errors } : { data } };
  }
}

const ROUTE = ROUTES;

interface ReviewBody {
  commit_id?: string;
  body?: string;
  event?: string;
  comments?: { path: string; line?: number; side?: string; start_line?: number; body: string }[];
}

/** The path parameters of `path` by the names in `template`. */
function paramsOf(template: string, path: string): Record<string, string | undefined> {
  const names = template.split('/');
  const values = path.split('/');
  const out: Record<string, string | undefined> = {};
  names.forEach((n, i) => {
    const m = /^\{(\w+)\}$/.exec(n);
    if (m) out[m[1]!] = decodeURIComponent(values[i] ?? '');
  });
  return out;
}

function outputAnnotations(b: Record<string, unknown>): unknown[] {
  return ((b.output as { annotations?: unknown[] } | undefined)?.annotations ?? []).slice();
}

function setOutput(run: CheckRun, b: Record<string, unknown>): void {
  const output = b.output as { title?: string; summary?: string } | undefined;
  if (output?.title !== undefined) run.title = output.title;
  if (output?.summary !== undefined) run.summary = output.summary;
}

function checkRunJson(run: CheckRun): object {
  return {
    id: run.id,
    name: run.name,
    head_sha: run.headSha,
    external_id: run.externalId ?? null,
    status: run.status,
    conclusion: run.conclusion ?? null,
    output: {
      title: run.title ?? null,
      summary: run.summary ?? null,
      annotations_count: run.annotations.length,
    },
  };
}

function commentJson(c: ReviewComment): object {
  return {
    id: c.id,
    node_id: c.nodeId,
    pull_request_review_id: c.reviewId,
    path: c.path,
    line: c.line,
    original_line: c.line,
    side: 'RIGHT',
    ...(c.startLine !== undefined ? { start_line: c.startLine, start_side: 'RIGHT' } : {}),
    commit_id: c.commitId,
    original_commit_id: c.commitId,
    body: c.body,
    user: c.user,
    ...(c.appId !== undefined ? { performed_via_github_app: { id: c.appId } } : {}),
    ...(c.inReplyToId !== undefined ? { in_reply_to_id: c.inReplyToId } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Diffs

/** A hunk header's range as git writes it: the count left out when it is 1. */
function range(start: number, count: number): string {
  return count === 1 ? String(start) : `${start},${count}`;
}

/** Lines of a text, without the final newline's empty line. */
function linesOf(text: string): string[] {
  if (text === '') return [];
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}

/** Largest line count the quadratic diff below takes: these are test files, a few dozen lines each. */
const MAX_DIFF_LINES = 2000;

/**
 * A unified diff of two texts as GitHub gives it per file (hunks only, three lines of context), from a longest
 * common subsequence of lines; with the head-side range of each hunk, where review comments may go.
 */
export function lineDiff(
  before: string,
  after: string,
): Pick<FileDiff, 'patch' | 'additions' | 'deletions' | 'hunks'> {
  const a = linesOf(before);
  const b = linesOf(after);
  if (a.length > MAX_DIFF_LINES || b.length > MAX_DIFF_LINES)
    throw new Error(`the fake diffs files of at most ${MAX_DIFF_LINES} lines`);
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..]
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  // each line of the diff with its old and new line numbers (the count of lines before it on that side, plus 1)
  const ops: { op: ' ' | '-' | '+'; text: string; oldNo: number; newNo: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ op: ' ', text: a[i]!, oldNo: i + 1, newNo: j + 1 });
      i++;
      j++;
    } else if (i < a.length && (j >= b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      // a removed line before the added ones that replace it, as git writes a changed line
      ops.push({ op: '-', text: a[i]!, oldNo: i + 1, newNo: j + 1 });
      i++;
    } else {
      ops.push({ op: '+', text: b[j]!, oldNo: i + 1, newNo: j + 1 });
      j++;
    }
  }
  // hunks: each change with three lines of context either side, overlapping ranges merged
  const ranges: [number, number][] = [];
  ops.forEach((o, k) => {
    if (o.op === ' ') return;
    const from = Math.max(0, k - 3);
    const to = Math.min(ops.length - 1, k + 3);
    const last = ranges[ranges.length - 1];
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else ranges.push([from, to]);
  });
  const out: string[] = [];
  const hunks: { start: number; end: number }[] = [];
  for (const [from, to] of ranges) {
    const slice = ops.slice(from, to + 1);
    const oldCount = slice.filter((o) => o.op !== '+').length;
    const newCount = slice.filter((o) => o.op !== '-').length;
    // a side with no lines in the hunk is numbered by the line before it (0 at the top of the file)
    const oldStart = oldCount === 0 ? slice[0]!.oldNo - 1 : slice.find((o) => o.op !== '+')!.oldNo;
    const newStart = newCount === 0 ? slice[0]!.newNo - 1 : slice.find((o) => o.op !== '-')!.newNo;
    out.push(
      `@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`,
      ...slice.map((o) => `${o.op}${o.text}`),
    );
    if (newCount > 0) hunks.push({ start: newStart, end: newStart + newCount - 1 });
  }
  return {
    patch: out.join('\n'),
    additions: ops.filter((o) => o.op === '+').length,
    deletions: ops.filter((o) => o.op === '-').length,
    hunks,
  };
}
