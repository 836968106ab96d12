/**
 * Threads that follow the code, end to end: the app reviews a push, the author fixes one finding by hand and commits
 * the suggestion of another, and the next review marks both threads fixed in one GraphQL request, posts nothing
 * twice, and leaves alone what a person wrote.
 */
import type { Probot } from 'probot';
import { describe, expect, it } from 'vitest';
import { THREADS_LISTED } from '../src/github/review-threads.js';
import { fingerprintsOf } from '../src/review/plan.js';
import {
  FakeGitHub,
  ROUTES,
  addedFilePatch,
  fixture,
  onlyRules,
  pullRequestPayload,
  useFakeGitHub,
} from './helpers/github.js';

const PATH = 'services/api/Dockerfile';
const RULES = ['prefer-slim-base', 'apt-clean-lists', 'no-maintainer', 'npm-ci', 'exec-form'];
// a lone shell-form CMD is info by default (the shell execs it): graded a warning here, so it is a comment;
// `apt-clean-lists` (a warning in a runtime image's last stage) stays the fixture's info finding
const CONFIG = {
  '.github/dockreview.yml': onlyRules(
    RULES,
    '  no-maintainer: error\n  exec-form: warning\n  apt-clean-lists: info\n',
  ),
};
const SHA_A = 'a'.repeat(40);
const SHA_B = 'b'.repeat(40);
const SHA_C = 'c'.repeat(40);

interface ReviewBody {
  comments: { path: string; line: number; body: string }[];
}
interface CheckUpdate {
  conclusion?: string;
  output: { title: string; summary: string; annotations?: { start_line: number; title: string }[] };
}

let gh: FakeGitHub;
let probot: Probot;

useFakeGitHub((g, p) => {
  gh = g;
  probot = p;
});

async function push(
  sha: string,
  text: string,
  o: { review?: boolean; mutation?: boolean } = {},
): Promise<void> {
  gh.createCheckRun()
    .listFiles([{ path: PATH, patch: addedFilePatch(text) }])
    .graphql({ defaultBranch: CONFIG, head: { [PATH]: text } }, { headSha: sha })
    .getPull(sha);
  if (o.review) gh.createReview();
  if (o.mutation) gh.threadMutations();
  gh.updateCheckRun();
  await probot.receive({
    id: `push-${sha.slice(0, 4)}`,
    name: 'pull_request',
    payload: pullRequestPayload({ action: 'synchronize', headSha: sha }),
  } as never);
  gh.verify();
}

/**
 * The next push's view of the pull request: a fresh fake GitHub that holds the comments the first review posted
 * (copies, so a test may change them without touching the first review's record).
 */
function nextPushHolding(posted: FakeGitHub['posted']): void {
  gh.dispose();
  gh = new FakeGitHub();
  gh.posted.push(...posted.map((c) => ({ ...c })));
}

/** The first push reviewed (SHA_A); answers what that review posted. */
async function firstReview(text: string): Promise<FakeGitHub['posted']> {
  gh.token();
  await push(SHA_A, text, { review: true });
  return gh.posted.map((c) => ({ ...c }));
}

/**
 * The second push (SHA_B) with thread resolving on: it removes the MAINTAINER line and rewrites the CMD by hand,
 * fixing two of the first review's findings.
 */
async function pushFixesResolving(a: string): Promise<void> {
  const b = a
    .replace('MAINTAINER dev@example.com\n', '')
    .replace('CMD node server.js', 'CMD ["node", "server.js"]');
  process.env.DOCKREVIEW_RESOLVE_THREADS = 'true';
  try {
    await push(SHA_B, b, { mutation: true });
  } finally {
    delete process.env.DOCKREVIEW_RESOLVE_THREADS;
  }
}

/** The lines of a ```suggestion block. */
function suggestion(body: string): string {
  const m = /```suggestion\n([\s\S]*?)\n```/.exec(body);
  if (!m) throw new Error(`no suggestion in ${body}`);
  return m[1]!;
}

describe('a push that fixes one finding and commits one suggestion', () => {
  it('marks both threads fixed in one request, comments nothing twice, leaves a replied thread open', async () => {
    const a = fixture('findings/Dockerfile');
    const posted = await firstReview(a);
    const first = gh.bodies<ReviewBody>(ROUTES.createReview)[0]!.comments;
    // MAINTAINER (line 5, with a suggestion), `npm ci` (7), the shell-form CMD (10)
    expect(first.map((c) => c.line)).toEqual([5, 7, 10]);

    // the author commits the MAINTAINER suggestion, rewrites the CMD by hand, adds a comment line on top (every
    // line moves) and answers the CMD thread; someone else copies the app's first comment, marker and all
    const b = `# the API service\n${a.replace('MAINTAINER dev@example.com', suggestion(first[0]!.body)).replace('CMD node server.js', 'CMD ["node", "server.js"]')}`;
    nextPushHolding(posted);
    gh.reply(2, 'Done, switched to the exec form.');
    gh.posted.push({ ...posted[0]!, author: { login: 'mallory', type: 'User' } });
    await push(SHA_B, b, { mutation: true });

    // no review: the `npm ci` finding still stands and is already commented
    expect(gh.on(ROUTES.createReview)).toEqual([]);
    // the earlier comments, replies and copy included, come with the contents query: no listing of their own
    expect(gh.calls()).toEqual([
      ROUTES.createCheck,
      ROUTES.listFiles,
      ROUTES.graphql,
      ROUTES.getPull,
      ROUTES.graphql,
      ROUTES.updateCheck,
    ]);
    // one request: both fixed comments noted; the quiet one minimized as resolved, the replied one only noted;
    // the `npm ci` thread, the reply and the copy are not touched
    expect(gh.mutations).toHaveLength(1);
    const note = '<!-- dockreview:fixed -->✅ Fixed in `bbbbbbb`\n\n';
    expect(gh.mutations[0]).toEqual([
      {
        alias: 'n0',
        kind: 'updatePullRequestReviewComment',
        subject: 'PRRC_500',
        body: `${note}${posted[0]!.body}`,
      },
      { alias: 'm0', kind: 'minimizeComment', subject: 'PRRC_500', classifier: 'RESOLVED' },
      {
        alias: 'n1',
        kind: 'updatePullRequestReviewComment',
        subject: 'PRRC_502',
        body: `${note}${posted[2]!.body}`,
      },
    ]);
    // the note keeps the fingerprint marker last: the findings still count as commented
    expect(fingerprintsOf(gh.posted[0]!.body)).toEqual(fingerprintsOf(posted[0]!.body));
    const done = gh.bodies<CheckUpdate>(ROUTES.updateCheck)[0]!;
    expect(done.output.summary).toContain('**Fixed:** 2 earlier comments marked fixed in `bbbbbbb`.');
    // the standing `npm ci` finding has its thread: it is not an annotation too
    expect(done.output.annotations?.map((a) => a.title.split(' ')[0])).toEqual([
      'prefer-slim-base',
      'apt-clean-lists',
    ]);

    // the next push changes nothing: nothing is marked twice, nothing posted
    nextPushHolding(gh.posted);
    await push(SHA_C, b);
    expect(gh.on(ROUTES.createReview)).toEqual([]);
    expect(gh.on(ROUTES.graphql)).toHaveLength(1);
    expect(gh.bodies<CheckUpdate>(ROUTES.updateCheck)[0]!.output.summary).not.toContain('**Fixed:**');
  });

  it('DOCKREVIEW_RESOLVE_THREADS=true: the threads come with the contents query, the quiet fixed one is resolved', async () => {
    const a = fixture('findings/Dockerfile');
    const posted = await firstReview(a);
    nextPushHolding(posted);
    gh.reply(2, 'Will do.');
    await pushFixesResolving(a);
    // one read (files, threads and their comments in the one query), one write for the threads
    expect(gh.on(ROUTES.graphql)).toHaveLength(2);
    expect(gh.on(ROUTES.listComments)).toEqual([]);
    expect(gh.bodies<{ query: string }>(ROUTES.graphql)[0]!.query).toContain('reviewThreads(first: 100)');
    expect(gh.mutations[0]!.map((m) => [m.kind, m.subject])).toEqual([
      ['updatePullRequestReviewComment', 'PRRC_500'],
      ['minimizeComment', 'PRRC_500'],
      ['resolveReviewThread', 'PRRT_500'],
      ['updatePullRequestReviewComment', 'PRRC_502'],
    ]);
  });

  it('over 100 threads: the comments are listed through REST, the fixed threads read are resolved as before', async () => {
    const a = fixture('findings/Dockerfile');
    const posted = await firstReview(a);
    nextPushHolding(posted);
    // the app's 3 threads first, then as many of people's as make one more than the contents query reads
    gh.hold(
      Array.from({ length: THREADS_LISTED + 1 - posted.length }, (_, i) => `question ${i}`),
      { login: 'octocat', type: 'User' },
    );
    gh.listReviewComments();
    await pushFixesResolving(a);
    expect(gh.calls()).toEqual([
      ROUTES.createCheck,
      ROUTES.listFiles,
      ROUTES.graphql,
      ROUTES.listComments,
      ROUTES.getPull,
      ROUTES.graphql,
      ROUTES.updateCheck,
    ]);
    // the thread ids the query read are matched to the listed comments: both quiet fixed threads resolved
    expect(gh.mutations[0]!.map((m) => [m.kind, m.subject])).toEqual([
      ['updatePullRequestReviewComment', 'PRRC_500'],
      ['minimizeComment', 'PRRC_500'],
      ['resolveReviewThread', 'PRRT_500'],
      ['updatePullRequestReviewComment', 'PRRC_502'],
      ['minimizeComment', 'PRRC_502'],
      ['resolveReviewThread', 'PRRT_502'],
    ]);
  });

  it('a refused update is said in the summary and does not fail the review', async () => {
    const a = fixture('findings/Dockerfile');
    const posted = await firstReview(a);
    nextPushHolding(posted);
    const b = a.replace('MAINTAINER dev@example.com\n', '');
    gh.createCheckRun()
      .listFiles([{ path: PATH, patch: addedFilePatch(b) }])
      .graphql({ defaultBranch: CONFIG, head: { [PATH]: b } }, { headSha: SHA_B })
      .getPull(SHA_B)
      .threadMutations({ refuse: ['PRRC_500'] })
      .updateCheckRun();
    await probot.receive({
      id: 'refused',
      name: 'pull_request',
      payload: pullRequestPayload({ action: 'synchronize', headSha: SHA_B }),
    } as never);
    gh.verify();
    const done = gh.bodies<CheckUpdate>(ROUTES.updateCheck)[0]!;
    expect(done.conclusion).toBe('success');
    expect(done.output.summary).toContain(
      '**Fixed:** the findings of 1 earlier comment are gone in `bbbbbbb`; GitHub refused 2 of the 2 updates marking them (edit, minimize).',
    );
  });
});

describe('two reviews of one head at once (a draft opened and marked ready at once, a re-run during a review)', () => {
  it('run one after the other: the second reads what the first posted and posts nothing twice', async () => {
    const a = fixture('findings/Dockerfile');
    gh.token();
    for (let i = 0; i < 2; i++)
      gh.createCheckRun()
        .listFiles([{ path: PATH, patch: addedFilePatch(a) }])
        .graphql({ defaultBranch: CONFIG, head: { [PATH]: a } }, { headSha: SHA_A })
        .getPull(SHA_A)
        .updateCheckRun();
    gh.createReview();
    // both deliveries handled at once, as the server does when they arrive together
    await Promise.all(
      (['opened', 'ready_for_review'] as const).map((action) =>
        probot.receive({
          id: `at-once-${action}`,
          name: 'pull_request',
          payload: pullRequestPayload({ action, headSha: SHA_A }),
        } as never),
      ),
    );
    gh.verify();
    // one review with the three comments; the second review found them in its contents query
    expect(gh.on(ROUTES.createReview)).toHaveLength(1);
    expect(gh.posted).toHaveLength(3);
    expect(gh.bodies<CheckUpdate>(ROUTES.updateCheck).map((u) => u.conclusion)).toEqual([
      'failure',
      'failure',
    ]);
  });
});
