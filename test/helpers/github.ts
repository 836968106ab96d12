/**
 * Shared helpers for the app's tests: a Probot instance wired for tests, and a nock-backed fake of the GitHub API
 * that records every request and validates its body against GitHub's OpenAPI description (./github-api.ts). The
 * webhook payload builders (./payloads.ts) are re-exported. Nothing here touches the network.
 */
import nock from 'nock';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { Probot, ProbotOctokit } from 'probot';
import dockreviewApp from '../../src/app.js';
import {
  findOperation,
  isMutation,
  parseMutations,
  ROUTES,
  threadsAnswer,
  threadsSelection,
  validateRequest,
  type GraphqlCall,
  type HeldComment,
  type ThreadMutation,
} from './github-api.js';
import {
  API,
  CHECK_RUN_ID,
  HEAD_SHA,
  INSTALLATION_ID,
  OWNER,
  PR_NUMBER,
  REPO,
  WEBHOOK_SECRET,
  blobOid,
  testPrivateKey,
} from './payloads.js';

// what the tests import from here; the payloads and the validation live in modules of their own, free of nock and
// Probot, for the test that drives the server process over HTTP (test/e2e-start.test.ts)
export { findOperation, validateRequest, type GraphqlCall, type ThreadMutation } from './github-api.js';
export * from './payloads.js';

// nock 15 intercepts through @mswjs/interceptors 0.44, which needs Node 22's Promise.withResolvers; the project
// runs on Node 20, so the tests supply it (the app itself never uses it)
if (typeof (Promise as { withResolvers?: unknown }).withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Probot

/**
 * A Probot as Probot's docs build one for tests: retries and throttling off, so every request is one request.
 *
 * The docs' object form, `ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } })`,
 * does not turn throttling off in Probot 14.3: Probot wraps the class again with its own `throttle` options, the
 * object form merges shallowly, so `enabled: false` is lost and every write waits a second (the plugin's write
 * limiter). The function form below runs last, after Probot's wrapper, and keeps both plugins off.
 */
const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { enabled: false },
}));

export async function makeProbot(options: { load?: boolean; secret?: string } = {}): Promise<Probot> {
  const probot = new Probot({
    appId: 123,
    privateKey: testPrivateKey(),
    secret: options.secret ?? WEBHOOK_SECRET,
    logLevel: 'fatal',
    Octokit: TestOctokit,
  });
  if (options.load !== false) await probot.load(dockreviewApp);
  return probot;
}

// ---------------------------------------------------------------------------------------------------------------
// The fake GitHub API

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  /** `METHOD /template` from the OpenAPI description (`POST /graphql` for GraphQL). */
  route: string;
  body: unknown;
}

export interface FakeFile {
  path: string;
  status?: 'added' | 'modified' | 'renamed' | 'removed' | 'copied' | 'changed' | 'unchanged';
  previousPath?: string;
  /** The unified diff; omitted for a file GitHub gives no patch for. */
  patch?: string;
}

export interface Blob {
  text: string;
  isBinary?: boolean;
  /** GitHub cut the text short: `text` is what GraphQL sends, `whole` the real file (or absent: cannot be fetched). */
  isTruncated?: boolean;
  whole?: string;
  /** GraphQL sends no text for it at all (as for some large or odd blobs). */
  noText?: boolean;
}

export interface GraphqlFiles {
  /** Files at the head commit, by path. */
  head?: Record<string, string | Blob>;
  /** Files on the repository's default branch (`HEAD:`), by path. */
  defaultBranch?: Record<string, string | Blob>;
  /** Files in the owner's `.github` repository; `'missing'`: that repository does not exist. */
  org?: Record<string, string | Blob> | 'missing';
}

export { ROUTES };

/**
 * One test's view of api.github.com: interceptors registered explicitly per test, every request recorded with its
 * route and body, every body validated against the OpenAPI description, and unexpected requests collected.
 * `verify()` fails the test on an unused interceptor, an unexpected request or an invalid body.
 */
export class FakeGitHub {
  readonly scope: nock.Scope;
  readonly requests: RecordedRequest[] = [];
  readonly invalid: string[] = [];
  readonly unexpected: string[] = [];
  /**
   * The review comments this fake holds (posted through it, held, replies): what the contents query and
   * `listReviewComments` answer.
   */
  readonly posted: PostedComment[] = [];
  /** The thread mutations the app sent, one entry per GraphQL request. */
  readonly mutations: ThreadMutation[][] = [];
  private readonly onNoMatch = (req: Request): void => {
    const url = new URL(req.url);
    if (url.hostname === '127.0.0.1') return; // the middleware test's own server
    this.unexpected.push(`${req.method} ${url.pathname}${url.search}`);
  };

  constructor() {
    this.scope = nock(API);
    this.scope.on('request', (req: Request, _interceptor: unknown, bodyText: string) => {
      const url = new URL(req.url);
      let body: unknown;
      if (bodyText) {
        try {
          body = JSON.parse(bodyText);
        } catch {
          this.invalid.push(`${req.method} ${url.pathname}: body is not JSON`);
          body = bodyText;
        }
      }
      const op = url.pathname === '/graphql' ? undefined : findOperation(req.method, url.pathname);
      const route = url.pathname === '/graphql' ? 'POST /graphql' : op ? `${op.method} ${op.template}` : '?';
      this.requests.push({ method: req.method, path: url.pathname, query: url.searchParams, route, body });
      this.invalid.push(...validateRequest(req.method, url.pathname, body));
    });
    nock.emitter.on('no match', this.onNoMatch);
  }

  /** The installation token Probot asks for before the first API call of an event. */
  token(installationId = INSTALLATION_ID, times = 1): this {
    this.scope
      .post(`/app/installations/${installationId}/access_tokens`)
      .times(times)
      .reply(201, {
        token: 'ghs_test',
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
        permissions: { checks: 'write', pull_requests: 'write', contents: 'read' },
        repository_selection: 'selected',
      });
    return this;
  }

  createCheckRun(id = CHECK_RUN_ID, times = 1): this {
    this.scope
      .post(`/repos/${OWNER}/${REPO}/check-runs`)
      .times(times)
      .reply(201, { id, name: 'dockreview', status: 'in_progress' });
    return this;
  }

  /** `checks.listForRef` for this app's check on `ref`: the runs given (id and external_id). */
  listCheckRuns(runs: { id: number; externalId: string }[] = [], ref = HEAD_SHA): this {
    this.scope
      .get(`/repos/${OWNER}/${REPO}/commits/${ref}/check-runs`)
      .query({ check_name: 'dockreview', filter: 'all', per_page: '100' })
      .reply(200, {
        total_count: runs.length,
        check_runs: runs.map((r) => ({
          id: r.id,
          name: 'dockreview',
          head_sha: ref,
          external_id: r.externalId,
          status: 'in_progress',
        })),
      });
    return this;
  }

  updateCheckRun(times = 1, id = CHECK_RUN_ID): this {
    this.scope
      .patch(`/repos/${OWNER}/${REPO}/check-runs/${id}`)
      .times(times)
      .reply(200, { id, name: 'dockreview' });
    return this;
  }

  /** `pulls.listFiles`; more than `perPage` files are served in pages linked with `Link` headers. */
  listFiles(files: FakeFile[], o: { number?: number; perPage?: number; times?: number } = {}): this {
    const number = o.number ?? PR_NUMBER;
    const perPage = o.perPage ?? 100;
    const pages = Math.max(1, Math.ceil(files.length / perPage));
    for (let page = 1; page <= pages; page++) {
      const slice = files.slice((page - 1) * perPage, page * perPage).map((f, i) => ({
        sha: `${String(page)}${String(i)}`.padStart(40, '0'),
        filename: f.path,
        status: f.status ?? 'added',
        additions: 1,
        deletions: 0,
        changes: 1,
        blob_url: `https://github.com/${OWNER}/${REPO}/blob/x/${f.path}`,
        raw_url: `https://github.com/${OWNER}/${REPO}/raw/x/${f.path}`,
        contents_url: `${API}/repos/${OWNER}/${REPO}/contents/${f.path}`,
        ...(f.patch !== undefined ? { patch: f.patch } : {}),
        ...(f.previousPath ? { previous_filename: f.previousPath } : {}),
      }));
      const base = `/repos/${OWNER}/${REPO}/pulls/${number}/files`;
      const headers: Record<string, string> = {};
      if (page < pages)
        headers.link = `<${API}${base}?per_page=${perPage}&page=${page + 1}>; rel="next", <${API}${base}?per_page=${perPage}&page=${pages}>; rel="last"`;
      this.scope
        .get(base)
        .query(page === 1 ? { per_page: String(perPage) } : { per_page: String(perPage), page: String(page) })
        .times(o.times ?? 1)
        .reply(200, slice, headers);
    }
    return this;
  }

  /**
   * The contents query: answers each `object(expression:)` alias from `files` (head expressions are `<sha>:<path>`,
   * default-branch and org ones `HEAD:<path>`), and the review threads from the comments this fake holds (`posted`,
   * as `listReviewComments` lists them); `onCall` sees each request. A query naming the pull request in a way the
   * fake does not know is answered with an error, and is invalid.
   */
  graphql(
    files: GraphqlFiles,
    o: { times?: number; headSha?: string; onCall?: (c: GraphqlCall) => unknown } = {},
  ): this {
    const headSha = o.headSha ?? HEAD_SHA;
    this.scope
      .post('/graphql', (body: GraphqlCall) => !isMutation(body))
      .times(o.times ?? 1)
      .reply(200, async (req: Request) => {
        const call = (await req.json()) as GraphqlCall;
        await o.onCall?.(call); // a test may hold the answer back (a slow GitHub, a race)
        const sel = threadsSelection(call.query);
        if (sel !== null && 'problem' in sel) {
          this.invalid.push(`POST /graphql: ${sel.problem}`);
          return { errors: [{ message: sel.problem }] };
        }
        return answerContents(
          call,
          files,
          headSha,
          sel === null ? null : threadsAnswer(heldThreads(this.posted), sel),
        );
      });
    return this;
  }

  /**
   * `pulls.listReviewComments`: the comments this fake holds, as the contents query answers them: those its reviews
   * posted so far (with the bodies thread mutations gave them), those `hold` put there and the replies `reply` added,
   * written by the app's bot user unless a comment names its own author. Comment `i` has id `500 + i` and node id
   * `PRRC_<id>`.
   */
  listReviewComments(o: { number?: number; times?: number } = {}): this {
    const number = o.number ?? PR_NUMBER;
    this.scope
      .get(`/repos/${OWNER}/${REPO}/pulls/${number}/comments`)
      .query({ per_page: '100' })
      .times(o.times ?? 1)
      .reply(200, () =>
        this.posted.map((c, i) => {
          const user = c.author ?? APP_BOT;
          return {
            id: 500 + i,
            node_id: `PRRC_${500 + i}`,
            path: c.path,
            line: c.line,
            body: c.body,
            ...(c.inReplyTo !== undefined ? { in_reply_to_id: 500 + c.inReplyTo } : {}),
            user: { login: user.login, type: user.type },
            ...(user.appId !== undefined ? { performed_via_github_app: { id: user.appId } } : {}),
          };
        }),
      );
    return this;
  }

  /**
   * Review comments already on the pull request (ids `500 + index` on, after those held before), by `author`
   * (default: the app's bot user): what both the contents query and `listReviewComments` answer.
   */
  hold(bodies: readonly string[], author?: CommentUser): this {
    for (const body of bodies)
      this.posted.push({ path: 'Dockerfile', line: 1, body, ...(author ? { author } : {}) });
    return this;
  }

  /** A person's reply to the posted comment `index` (its id is `500 + index`). */
  reply(index: number, body: string, author: CommentUser = { login: 'octocat', type: 'User' }): this {
    const to = this.posted[index]!;
    this.posted.push({ path: to.path, line: to.line, body, inReplyTo: index, author });
    return this;
  }

  /**
   * The GraphQL request that updates fixed threads: each aliased mutation recorded (in `mutations`), a posted
   * comment's body replaced as GitHub would, and `refuse` node ids answered with a FORBIDDEN error.
   */
  threadMutations(o: { refuse?: string[] } = {}): this {
    this.scope
      .post('/graphql', (body: GraphqlCall) => isMutation(body))
      .reply(200, async (req: Request) => {
        const call = (await req.json()) as GraphqlCall;
        const list = parseMutations(call);
        this.mutations.push(list);
        const data: Record<string, object | null> = {};
        const errors: object[] = [];
        for (const m of list) {
          if (o.refuse?.includes(m.subject)) {
            data[m.alias] = null;
            errors.push({
              type: 'FORBIDDEN',
              path: [m.alias],
              message: 'Resource not accessible by integration',
            });
            continue;
          }
          data[m.alias] = { clientMutationId: null };
          const index = Number(/^PRRC_(\d+)$/.exec(m.subject)?.[1]) - 500;
          if (m.kind === 'updatePullRequestReviewComment' && this.posted[index] && m.body !== undefined)
            this.posted[index].body = m.body;
        }
        return errors.length > 0 ? { data, errors } : { data };
      });
    return this;
  }

  /** `pulls.get`: the pull request with `headSha` as its head. */
  /** `git.getBlob`: a whole file by its blob id (what the app asks for a blob GraphQL cut short). */
  getBlob(text: string): this {
    const oid = blobOid(text);
    const content = Buffer.from(text).toString('base64');
    this.scope.get(`/repos/${OWNER}/${REPO}/git/blobs/${oid}`).reply(200, {
      sha: oid,
      node_id: 'B_1',
      url: `${API}/repos/${OWNER}/${REPO}/git/blobs/${oid}`,
      size: Buffer.byteLength(text),
      content,
      encoding: 'base64',
    });
    return this;
  }

  getPull(headSha = HEAD_SHA, o: { number?: number; times?: number } = {}): this {
    const number = o.number ?? PR_NUMBER;
    this.scope
      .get(`/repos/${OWNER}/${REPO}/pulls/${number}`)
      .times(o.times ?? 1)
      .reply(200, { number, state: 'open', head: { sha: headSha, ref: 'feature' } });
    return this;
  }

  /** `pulls.createReview`: remembers the comments (for `listReviewComments`), or answers `status` >= 400. */
  createReview(o: { number?: number; status?: number; times?: number } = {}): this {
    const number = o.number ?? PR_NUMBER;
    this.scope
      .post(`/repos/${OWNER}/${REPO}/pulls/${number}/reviews`)
      .times(o.times ?? 1)
      .reply(async (req: Request) => {
        if (o.status && o.status >= 400) return [o.status, { message: 'Server Error' }];
        const body = (await req.json()) as { comments?: { path: string; line: number; body: string }[] };
        for (const c of body.comments ?? []) this.posted.push({ path: c.path, line: c.line, body: c.body });
        return [200, { id: 777, state: 'COMMENTED' }];
      });
    return this;
  }

  pullsForCommit(sha: string, pulls: { number: number; headSha: string; state?: string }[]): this {
    this.scope.get(`/repos/${OWNER}/${REPO}/commits/${sha}/pulls`).reply(
      200,
      pulls.map((p) => ({ number: p.number, state: p.state ?? 'open', head: { sha: p.headSha } })),
    );
    return this;
  }

  /** Requests on one route, in order. */
  on(route: string): RecordedRequest[] {
    return this.requests.filter((r) => r.route === route);
  }

  /** Bodies of the requests on one route, in order. */
  bodies<T = Record<string, unknown>>(route: string): T[] {
    return this.on(route).map((r) => r.body as T);
  }

  /** Routes in the order they were called, the installation token excluded. */
  calls(): string[] {
    return this.requests.filter((r) => r.route !== ROUTES.token).map((r) => r.route);
  }

  /** Every interceptor used, nothing unexpected requested, every body valid for GitHub. */
  verify(): void {
    nock.emitter.removeListener('no match', this.onNoMatch);
    const problems = [
      ...this.unexpected.map((u) => `unexpected request ${u}`),
      ...this.invalid.map((i) => `invalid request: ${i}`),
      ...(this.scope.isDone() ? [] : this.scope.pendingMocks().map((m) => `not called: ${m}`)),
    ];
    if (problems.length > 0) throw new Error(problems.join('\n'));
  }

  dispose(): void {
    nock.emitter.removeListener('no match', this.onNoMatch);
  }
}

/** Who wrote a review comment, as GitHub lists it. */
export interface CommentUser {
  login: string;
  type: string;
  appId?: number;
}

/** The app's bot user, as GitHub lists the comments it wrote. */
export const APP_BOT: CommentUser = { login: 'dockreview[bot]', type: 'Bot' };

/** A review comment this fake holds: one the app posted, or a reply (`inReplyTo`: the index it answers). */
export interface PostedComment {
  path: string;
  line: number;
  body: string;
  inReplyTo?: number;
  /** Its author when not the listing's default. */
  author?: CommentUser;
}

function blobOf(v: string | Blob): {
  text: string | null;
  isBinary: boolean;
  byteSize: number;
  isTruncated: boolean;
  oid: string;
} {
  const b: Blob = typeof v === 'string' ? { text: v } : v;
  const real = b.whole ?? b.text;
  return {
    text: b.isBinary || b.noText ? null : b.text,
    isBinary: b.isBinary ?? false,
    byteSize: Buffer.byteLength(real),
    isTruncated: b.isTruncated ?? false,
    oid: blobOid(real),
  };
}

/** The comments held, thread by thread: each comment that replies to none, then the replies to it in order. */
function heldThreads(posted: readonly PostedComment[]): HeldComment[][] {
  const held = (c: PostedComment, i: number): HeldComment => {
    const user = c.author ?? APP_BOT;
    return { id: 500 + i, path: c.path, body: c.body, user: { login: user.login, type: user.type } };
  };
  return posted.flatMap((c, i) =>
    c.inReplyTo === undefined
      ? [[held(c, i), ...posted.flatMap((r, j) => (r.inReplyTo === i ? [held(r, j)] : []))]]
      : [],
  );
}

function answerContents(
  call: GraphqlCall,
  files: GraphqlFiles,
  headSha: string,
  pullRequest: object | null,
): object {
  const orgBlock =
    /org: repository\(owner: \$owner, name: "\.github"\) \{([^\n]*)\}/.exec(call.query)?.[1] ?? '';
  const orgAliases = new Set([...orgBlock.matchAll(/(\w+): object\(/g)].map((m) => m[1]!));
  const repository: Record<string, object | null> = {};
  const org: Record<string, object | null> = {};
  if (pullRequest !== null) repository.pullRequest = pullRequest;
  for (const [alias, expression] of Object.entries(call.variables)) {
    if (alias === 'owner' || alias === 'repo') continue;
    const colon = expression.indexOf(':');
    const rev = expression.slice(0, colon);
    const path = expression.slice(colon + 1);
    if (orgAliases.has(alias)) {
      const v = files.org === 'missing' ? undefined : files.org?.[path];
      org[alias] = rev === 'HEAD' && v !== undefined ? blobOf(v) : null;
    } else {
      const source = rev === 'HEAD' ? files.defaultBranch : rev === headSha ? files.head : undefined;
      const v = source?.[path];
      repository[alias] = v !== undefined ? blobOf(v) : null;
    }
  }
  if (orgAliases.size === 0) return { data: { repository } };
  if (files.org === 'missing')
    return {
      data: { repository, org: null },
      errors: [
        {
          type: 'NOT_FOUND',
          path: ['org'],
          locations: [{ line: 3, column: 3 }],
          message: `Could not resolve to a Repository with the name '${OWNER}/.github'.`,
        },
      ],
    };
  return { data: { repository, org } };
}

/**
 * The hooks every app test file needs: no real network, a fresh fake GitHub and Probot for each test (handed to
 * `use`), and the fake's interceptors checked and cleared after it.
 */
export function useFakeGitHub(use: (gh: FakeGitHub, probot: Probot) => void): void {
  let current: FakeGitHub | undefined;
  beforeAll(() => {
    nock.disableNetConnect();
  });
  beforeEach(async () => {
    current = new FakeGitHub();
    use(current, await makeProbot());
  });
  afterEach(() => {
    current?.dispose();
    nock.cleanAll();
  });
}
