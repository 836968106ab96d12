/**
 * Threads that follow the code: which of the app's earlier review comments a push has fixed, and what becomes of
 * each. Pure, like the plan: the GitHub layer lists the comments and sends the updates (docs/github-app.md).
 */
import { fingerprintsOf, writtenByApp, type AppIdentity, type CommentAuthor } from './plan.js';

/** A review comment on the pull request, as GitHub lists it. */
export interface ExistingComment extends CommentAuthor {
  /** REST id, what replies point at. */
  id: number;
  /** GraphQL node id, what the mutations take. */
  nodeId: string;
  path: string;
  body: string;
  /** The comment this one replies to (a thread's first comment); absent for a thread's first comment. */
  inReplyToId?: number;
  /** The thread's GraphQL id, when the review read it (used only to resolve the thread). */
  threadId?: string;
}

/** What to do to one of the app's threads. */
export interface ThreadUpdate {
  /** The thread's first comment (the app's), by GraphQL node id. */
  commentId: string;
  path: string;
  /** The comment's new body: the note "Fixed in `<sha>`" above what it said. */
  body: string;
  /** Collapse the comment (minimize): only when no one else wrote in the thread. */
  minimize: boolean;
  /** Resolve the thread, when the app may and no one else wrote in it. */
  resolveThreadId?: string;
}

/** Starts a body the app has marked fixed: what keeps a second push from noting it twice. */
export const FIXED_MARKER = '<!-- dockreview:fixed -->';
/** GitHub's limit on a comment body. */
const BODY_LIMIT = 65536;

export interface FollowOptions {
  /** The head commit the fixes are in. */
  sha: string;
  /** Files this review linted completely: only there does a missing finding mean it was fixed. */
  reviewed: ReadonlySet<string>;
  /** Every finding's fingerprint in those files (`Plan.standing`). */
  standing: ReadonlySet<string>;
  /** Resolve threads too (needs `contents: write`, an opt-in): only those whose `threadId` is known. */
  resolve: boolean;
  /** The app, when known; otherwise any bot's marked comment counts as the app's (see `writtenByApp`). */
  app?: AppIdentity | null;
}

/**
 * The app's threads this push fixed: a first comment of a thread that the app wrote, on a file reviewed now, none
 * of whose findings stands any more, not marked fixed already. A thread someone else wrote in gets the note and
 * nothing more; the others are also minimized (and resolved, when asked). Comments the app did not write are never
 * touched, whatever marker they carry.
 */
export function fixedThreads(comments: readonly ExistingComment[], o: FollowOptions): ThreadUpdate[] {
  const app = o.app ?? null;
  const byApp = (c: ExistingComment): boolean => writtenByApp(c, app);
  const othersWrote = new Set<number>();
  for (const c of comments) if (c.inReplyToId !== undefined && !byApp(c)) othersWrote.add(c.inReplyToId);
  const updates: ThreadUpdate[] = [];
  for (const c of comments) {
    if (c.inReplyToId !== undefined || !byApp(c) || !o.reviewed.has(c.path)) continue;
    if (c.body.startsWith(FIXED_MARKER)) continue;
    const fps = fingerprintsOf(c.body);
    if (fps.length === 0 || fps.some((fp) => o.standing.has(fp))) continue;
    const body = `${fixedNote(o.sha)}${c.body}`;
    if (body.length > BODY_LIMIT) continue;
    const quiet = !othersWrote.has(c.id);
    const update: ThreadUpdate = { commentId: c.nodeId, path: c.path, body, minimize: quiet };
    if (quiet && o.resolve && c.threadId !== undefined) update.resolveThreadId = c.threadId;
    updates.push(update);
  }
  return updates;
}

/** The note a fixed comment starts with (the marker is invisible once rendered). */
export function fixedNote(sha: string): string {
  return `${FIXED_MARKER}✅ Fixed in \`${sha.slice(0, 7)}\`\n\n`;
}
