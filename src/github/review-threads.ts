/**
 * A pull request's review comments as the review's contents query reads them (GitHub's GraphQL: the review threads
 * with their comments), in the shape the REST listing gives them (`GitHubGateway.reviewComments`), so the review
 * needs no request of its own for them. The gateway adds the selection to its query and reads the answer here.
 */
import type { ExistingComment } from '../review/threads.js';

/**
 * Review threads read with the contents: the first page (GitHub's largest). Beyond it the review lists the comments
 * through REST, and only the threads read can be resolved (the others are still minimized).
 */
export const THREADS_LISTED = 100;
/**
 * Comments read per thread: a thread of the app's is its comment and the replies to it, rarely more than a few.
 * With the threads, at most 100 + 100 × 50 nodes, far below GitHub's 500 000 a query; a longer thread sends the
 * review to the REST listing.
 */
export const COMMENTS_PER_THREAD = 50;

/**
 * The pull request's review threads with their comments, in GitHub's GraphQL schema: `fullDatabaseId` (a BigInt,
 * sent as a string) is the REST id (`databaseId` is deprecated, too small for 64-bit ids); the author is an `Actor`,
 * its kind in `__typename`. Review comments have no GraphQL field for REST's `performed_via_github_app`.
 */
export function reviewThreadsField(pullNumber: number): string {
  const comment = 'id fullDatabaseId path body author { __typename login }';
  const comments = `comments(first: ${COMMENTS_PER_THREAD}) { pageInfo { hasNextPage } nodes { ${comment} } }`;
  return `pullRequest(number: ${Math.trunc(pullNumber)}) { reviewThreads(first: ${THREADS_LISTED}) { pageInfo { hasNextPage } nodes { id ${comments} } } }`;
}

interface GraphqlComment {
  id?: unknown;
  fullDatabaseId?: unknown;
  path?: unknown;
  body?: unknown;
  author?: { __typename?: unknown; login?: unknown } | null;
}

export interface PullThreads {
  reviewThreads?: {
    pageInfo?: { hasNextPage?: unknown };
    nodes?: ({
      id?: unknown;
      comments?: { pageInfo?: { hasNextPage?: unknown }; nodes?: (GraphqlComment | null)[] } | null;
    } | null)[];
  } | null;
}

/**
 * The threads of the answer, and every comment in the shape the REST listing gives (`reviewComments()`), or no
 * comments when the answer may not hold them all: more threads or comments than were read, or a node GitHub left
 * out (null on an error). Replies point at their thread's first comment, as REST's `in_reply_to_id` does.
 */
export function readThreads(pull: PullThreads | null | undefined): {
  threads: Map<number, string>;
  comments?: ExistingComment[];
} {
  const threads = new Map<number, string>();
  const comments: ExistingComment[] = [];
  const page = pull?.reviewThreads;
  let complete = page?.pageInfo?.hasNextPage === false && Array.isArray(page.nodes);
  for (const t of page?.nodes ?? []) {
    if (typeof t?.id !== 'string' || !t.comments || !Array.isArray(t.comments.nodes)) {
      complete = false;
      continue;
    }
    if (t.comments.pageInfo?.hasNextPage !== false) complete = false;
    let first: number | undefined;
    for (const node of t.comments.nodes) {
      const c = node ? fromGraphql(node) : null;
      if (c === null) {
        complete = false;
        continue;
      }
      if (first === undefined) {
        first = c.id;
        threads.set(c.id, t.id);
      } else c.inReplyToId = first;
      c.threadId = t.id;
      comments.push(c);
    }
  }
  if (!complete) return { threads };
  // in the REST listing's order (ascending ids: oldest first), whichever way the threads came
  return { threads, comments: comments.sort((a, b) => a.id - b.id) };
}

/**
 * One comment of the GraphQL answer as the REST listing gives it, or null when a field is missing. GraphQL names a
 * bot by its bare login (`dockreview`) where REST gives its user's (`dockreview[bot]`) and says `__typename: "Bot"`
 * where REST says `type: "Bot"`: a Bot's login gets the suffix, so a bot is recognised exactly as from REST, and
 * nobody else's login is touched (a person named like the bot stays a `User`, whose comments never count as the
 * app's).
 */
function fromGraphql(n: GraphqlComment): ExistingComment | null {
  const id = typeof n.fullDatabaseId === 'string' ? Number(n.fullDatabaseId) : NaN;
  if (!Number.isSafeInteger(id) || typeof n.id !== 'string') return null;
  if (typeof n.path !== 'string' || typeof n.body !== 'string') return null;
  const out: ExistingComment = { id, nodeId: n.id, path: n.path, body: n.body };
  const kind = n.author?.__typename;
  const login = n.author?.login;
  // a deleted account (GitHub's ghost) has no author: no login, no type, as REST's null user
  if (typeof kind === 'string' && typeof login === 'string') {
    out.type = kind;
    out.login = kind === 'Bot' ? `${login}[bot]` : login;
  }
  return out;
}
