/**
 * The app end to end: a Probot instance receives webhook events and talks to a nock fake of api.github.com. Every
 * test registers exactly the requests it expects, asserts their bodies, and ends with `gh.verify()`, which fails on
 * an unused interceptor, an unexpected request, or a request body GitHub's OpenAPI description rejects.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { createNodeMiddleware, type Probot } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import dockreviewApp from '../src/app.js';
import { COMMENTS_PER_THREAD, THREADS_LISTED } from '../src/github/review-threads.js';
import { ALL_RULES, docsUrl } from '../src/lint/rules/index.js';
import {
  CHECK_RUN_ID,
  FakeGitHub,
  HEAD_SHA,
  OWNER,
  PR_NUMBER,
  REPO,
  ROUTES,
  addedFilePatch,
  checkRunRerequestedPayload,
  checkSuiteRerequestedPayload,
  fixture,
  makeProbot,
  onlyRules,
  pullRequestPayload,
  signature,
  validateRequest,
  type FakeFile,
  type GraphqlCall,
  type PullRequestPayloadOptions,
  useFakeGitHub,
} from './helpers/github.js';

interface ReviewComment {
  path: string;
  line: number;
  side: string;
  start_line?: number;
  start_side?: string;
  body: string;
}
interface ReviewBody {
  commit_id: string;
  event: string;
  body: string;
  comments: ReviewComment[];
}
interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: string;
  title: string;
  message: string;
}
interface CheckUpdate {
  status?: string;
  conclusion?: string;
  completed_at?: string;
  output: { title: string; summary: string; annotations?: Annotation[] };
}

const FINGERPRINT_LINE = /\n\n<!-- dockreview:fingerprint=[0-9a-f]{20} -->$/;
const API_DOCKERFILE = 'services/api/Dockerfile';
/** The rules these tests exercise; every other rule is off, so new rules in the lint core do not move the tests. */
const RULES = ['prefer-slim-base', 'apt-clean-lists', 'no-maintainer', 'npm-ci', 'exec-form', 'no-cd-in-run'];
// The fixtures' errors are MAINTAINER lines and their warnings `RUN cd` lines: by default `no-maintainer` is info
// (the image builds fine), `no-cd-in-run` off and a lone shell-form `CMD` info (the shell execs it), so the config
// grades them as a team that wants them gone would; `apt-clean-lists` (a warning in the stage a runtime image ships)
// stays the fixtures' info finding.
const GRADES =
  '  no-maintainer: error\n  no-cd-in-run: warning\n  exec-form: warning\n  apt-clean-lists: info\n';
function repoConfig(extra = ''): Record<string, string> {
  return { '.github/dockreview.yml': onlyRules(RULES, GRADES + extra) };
}
const SHA_B = 'b'.repeat(40);
const SHA_C = 'c'.repeat(40);

let gh: FakeGitHub;
let probot: Probot;
let deliveries = 0;

useFakeGitHub((g, p) => {
  gh = g;
  probot = p;
});

function receivePullRequest(
  o: PullRequestPayloadOptions = {},
  id = `delivery-${++deliveries}`,
): Promise<void> {
  return probot.receive({ id, name: 'pull_request', payload: pullRequestPayload(o) } as never);
}

function why(rule: string): string {
  return ALL_RULES.find((r) => r.id === rule)!.why;
}

/** The finished check run: the last PATCH, with every batch's annotations gathered. */
function completed(): CheckUpdate & { allAnnotations: Annotation[] } {
  const updates = gh.bodies<CheckUpdate>(ROUTES.updateCheck);
  const last = updates[updates.length - 1]!;
  return { ...last, allAnnotations: updates.flatMap((u) => u.output.annotations ?? []) };
}

/** The usual interceptors of a full review of `files`, contents from `head`. */
function fullReview(files: FakeFile[], head: Record<string, string>, o: { review?: boolean } = {}): void {
  gh.token().createCheckRun().listFiles(files).graphql({ defaultBranch: repoConfig(), head }).getPull();
  if (o.review !== false) gh.createReview();
  gh.updateCheckRun();
}

describe('1. a pull request with findings', () => {
  it('sends exactly: check run, files, one query (with the comments), head, one review, completed check run', async () => {
    let graphql: GraphqlCall | undefined;
    gh.token()
      .createCheckRun()
      .listFiles([{ path: API_DOCKERFILE, status: 'modified', patch: fixture('findings/Dockerfile.patch') }])
      .graphql(
        { defaultBranch: repoConfig(), head: { [API_DOCKERFILE]: fixture('findings/Dockerfile') } },
        { onCall: (c) => (graphql = c) },
      )
      .getPull()
      .createReview()
      .updateCheckRun();

    await receivePullRequest();
    gh.verify();

    // 6 requests, one fewer than when the review comments had a REST listing of their own: the contents query reads
    // them with the pull request's review threads (issue 14)
    expect(gh.calls()).toEqual([
      ROUTES.createCheck,
      ROUTES.listFiles,
      ROUTES.graphql,
      ROUTES.getPull,
      ROUTES.createReview,
      ROUTES.updateCheck,
    ]);
    for (const r of gh.requests.filter((r) => r.path.startsWith('/repos/')))
      expect(r.path.startsWith(`/repos/${OWNER}/${REPO}/`)).toBe(true);
    expect(gh.on(ROUTES.listFiles)[0]!.path).toBe(`/repos/${OWNER}/${REPO}/pulls/${PR_NUMBER}/files`);

    // the check run: created in progress on the head commit
    const [create] = gh.bodies(ROUTES.createCheck);
    expect(create).toEqual({
      name: 'dockreview',
      head_sha: HEAD_SHA,
      status: 'in_progress',
      external_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      started_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      output: {
        title: 'Reviewing container files…',
        summary: 'dockreview is reading the changed Dockerfiles and Compose files.',
      },
    });

    // one query: the Dockerfile at the head commit, the config on the default branch and in the org's .github
    expect(graphql!.variables).toEqual({
      owner: OWNER,
      repo: REPO,
      f0: `${HEAD_SHA}:${API_DOCKERFILE}`,
      // what the rules read beside it: the build context's ignore files
      f1: `${HEAD_SHA}:services/api/.dockerignore`,
      f2: `${HEAD_SHA}:services/api/Dockerfile.dockerignore`,
      f3: 'HEAD:.github/dockreview.yml',
      f4: 'HEAD:.github/dockreview.yaml',
      f5: 'HEAD:.hadolint.yaml',
      f6: 'HEAD:.hadolint.yml',
      f7: 'HEAD:.github/dockreview.yml',
      f8: 'HEAD:.github/dockreview.yaml',
    });
    expect(graphql!.query).toContain('org: repository(owner: $owner, name: ".github")');

    // one review, event COMMENT, on the head commit, comments on the added lines 3–5 only
    const [review] = gh.bodies<ReviewBody>(ROUTES.createReview);
    expect(review!.event).toBe('COMMENT');
    expect(review!.commit_id).toBe(HEAD_SHA);
    const at = (line: number): string =>
      `https://github.com/${OWNER}/${REPO}/blob/${HEAD_SHA}/${API_DOCKERFILE}#L${line}`;
    // the verdict in one sentence; `apt-clean-lists` (info, below the default `comment_on: warning`) is a nitpick
    expect(review!.body).toBe(
      [
        '❌ dockreview found 1 error that blocks the merge. The comments below say what and why; the `dockreview` check run lists every finding.',
        '',
        '<details><summary>Nitpicks: 1 info on changed lines, below `comment_on: warning`</summary>',
        '',
        `- 🔵 \`${API_DOCKERFILE}\` [line 3](${at(3)}) · [\`apt-clean-lists\`](${docsUrl('apt-clean-lists')}): \`apt-get update\` leaves the package lists in the image: add \`rm -rf /var/lib/apt/lists/*\` at the end of this RUN.`,
        '',
        '</details>',
      ].join('\n'),
    );
    expect(review!.comments.map(({ body: _b, ...c }) => c)).toEqual([
      { path: API_DOCKERFILE, line: 5, side: 'RIGHT' },
    ]);

    // single-line: the severity, the rule linked to its page (no aliases), the message, the suggestion, the why
    // collapsed, how to silence it
    const [maintainer] = review!.comments;
    expect(maintainer!.body.replace(FINGERPRINT_LINE, '')).toBe(
      [
        `🔴 **error** · [\`no-maintainer\`](${docsUrl('no-maintainer')})`,
        '',
        '`MAINTAINER` is deprecated: record `dev@example.com` as `LABEL org.opencontainers.image.authors="dev@example.com"` instead.',
        '',
        '```suggestion',
        'LABEL org.opencontainers.image.authors="dev@example.com"',
        '```',
        '',
        '<details><summary>Why</summary>',
        '',
        why('no-maintainer'),
        '',
        '</details>',
        '',
        '<sub>Not applicable here? Add `# dockreview ignore=no-maintainer` on the line above the instruction.</sub>',
      ].join('\n'),
    );
    expect(maintainer!.body).toMatch(FINGERPRINT_LINE);
    expect(docsUrl('no-maintainer')).toBe(
      'https://github.com/dockreview/dockreview/blob/main/docs/rules/no-maintainer.md',
    );

    // the check run completed: failure (an error on a changed line, fail_on defaults to error), every finding
    const [update] = gh.bodies<CheckUpdate>(ROUTES.updateCheck);
    expect(update).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(update!.completed_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(update!.output.title).toBe('1 error, 1 info on changed lines (3 pre-existing)');
    const summary = update!.output.summary;
    expect(summary).toContain(
      [
        `❌ Blocks merge: 1 error on a changed line: \`no-maintainer\` in \`${API_DOCKERFILE}\` [line 5](${at(5)})`,
        '',
        'This check fails on an error on a changed line.',
        '',
        '### On changed lines: 1 error, 1 info',
        '',
        '| severity | rule | where | message |',
        '| --- | --- | --- | --- |',
        `| 🔴 error | [\`no-maintainer\`](${docsUrl('no-maintainer')}) | \`${API_DOCKERFILE}\` [line 5](${at(5)}) | \`MAINTAINER\` is deprecated: record \`dev@example.com\` as \`LABEL org.opencontainers.image.authors="dev@example.com"\` instead. |`,
        `| 🔵 info | [\`apt-clean-lists\`](${docsUrl('apt-clean-lists')}) | \`${API_DOCKERFILE}\` [line 3](${at(3)}) | \`apt-get update\` leaves the package lists in the image: add \`rm -rf /var/lib/apt/lists/*\` at the end of this RUN. |`,
        '',
        '<details><summary>3 findings on lines this pull request did not change: 2 warnings, 1 info</summary>',
      ].join('\n'),
    );
    expect(summary).toContain('**Review:** 1 new comment, 1 below `comment_on: warning` listed as nitpicks.');
    expect(summary).toContain(`### Files reviewed\n\n- \`${API_DOCKERFILE}\`: 1 comment\n`);
    expect(summary).toContain('- `fail_on: error`');
    // most severe first, then by path and line; the commented error (line 5) is in its thread, not annotated again
    expect(update!.output.annotations!.map(({ message: _m, ...a }) => a)).toEqual([
      {
        path: API_DOCKERFILE,
        start_line: 7,
        end_line: 7,
        start_column: 5,
        end_column: 11,
        annotation_level: 'warning',
        title: 'npm-ci',
      },
      {
        path: API_DOCKERFILE,
        start_line: 10,
        end_line: 10,
        start_column: 5,
        end_column: 19,
        annotation_level: 'warning',
        title: 'exec-form (DL3025, JSONArgsRecommended)',
      },
      {
        path: API_DOCKERFILE,
        start_line: 1,
        end_line: 1,
        start_column: 6,
        end_column: 22,
        annotation_level: 'notice',
        title: 'prefer-slim-base',
      },
      {
        path: API_DOCKERFILE,
        start_line: 3,
        end_line: 3,
        start_column: 5,
        end_column: 19,
        annotation_level: 'notice',
        title: 'apt-clean-lists (DL3009, DFL:apt-get_missing_rm)',
      },
    ]);
    // annotations are plain text: the quotes keep their words, not their backticks
    expect(update!.output.annotations![3]!.message).toBe(
      'apt-get update leaves the package lists in the image: add rm -rf /var/lib/apt/lists/* at the end of this RUN.\nFix: delete the apt lists at the end of the RUN.',
    );
    expect(update!.output.annotations![2]!.message).toMatch(
      /\nFix \(suggestion\): use node:20-bookworm-slim\.$/,
    );
  });

  it('a warning-only pull request passes under the default fail_on (error)', async () => {
    const text = 'FROM alpine:3.20\nRUN cd /src && make\nUSER app\n';
    fullReview([{ path: 'Dockerfile', patch: addedFilePatch(text) }], { Dockerfile: text });
    await receivePullRequest();
    gh.verify();
    expect(completed()).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(gh.bodies<ReviewBody>(ROUTES.createReview)[0]!.comments).toHaveLength(1);
  });

  it('a closed pull request is ignored: no request at all', async () => {
    await receivePullRequest({ state: 'closed' });
    gh.verify();
    expect(gh.requests).toEqual([]);
  });
});

describe('2. no container file changed', () => {
  it('completes the check run success with one line; 4 requests (check created, files, config query, completed)', async () => {
    let graphql: GraphqlCall | undefined;
    gh.token()
      .createCheckRun()
      .listFiles([
        { path: 'README.md', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b' },
        { path: 'docs/Dockerfile.md', status: 'added', patch: '@@ -0,0 +1 @@\n+FROM x' },
        { path: 'src/index.ts', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b' },
      ])
      .graphql({}, { onCall: (c) => (graphql = c) })
      .updateCheckRun();
    await receivePullRequest();
    gh.verify();

    // DESIGN.md says "two calls" (plus the check run's creation); the flow still reads the config, because a
    // `files.include` there may select more files: 4 requests besides the installation token
    expect(gh.calls()).toEqual([ROUTES.createCheck, ROUTES.listFiles, ROUTES.graphql, ROUTES.updateCheck]);
    expect(Object.values(graphql!.variables).filter((v) => v.startsWith(HEAD_SHA))).toEqual([]);
    expect(gh.bodies<CheckUpdate>(ROUTES.updateCheck)).toEqual([
      {
        status: 'completed',
        conclusion: 'success',
        completed_at: expect.any(String),
        output: {
          title: 'No Dockerfile or Compose file changed',
          summary: 'No Dockerfile or Compose file changed in this pull request: nothing to review.',
        },
      },
    ]);
  });

  it('a files.include in the config selects a file the default names would not', async () => {
    const text = 'FROM alpine:3.20\nMAINTAINER ops@example.com\nUSER app\n';
    gh.token()
      .createCheckRun()
      .listFiles([{ path: 'build/app.docker', patch: addedFilePatch(text) }])
      // first query: config only; the second fetches the file the config selected
      .graphql({ defaultBranch: repoConfig('files:\n  include: ["**/*.docker"]\n') })
      .graphql({ head: { 'build/app.docker': text } })
      // no file has a container file's name, so the first query did not read the comments: listed through REST
      .listReviewComments()
      .getPull()
      .createReview()
      .updateCheckRun();
    await receivePullRequest();
    gh.verify();
    const [, second] = gh.bodies<GraphqlCall>(ROUTES.graphql);
    expect(second!.variables).toEqual({
      owner: OWNER,
      repo: REPO,
      f0: `${HEAD_SHA}:build/app.docker`,
      f1: `${HEAD_SHA}:build/.dockerignore`,
      f2: `${HEAD_SHA}:build/app.docker.dockerignore`,
    });
    expect(gh.bodies<ReviewBody>(ROUTES.createReview)[0]!.comments.map((c) => [c.path, c.line])).toEqual([
      ['build/app.docker', 2],
    ]);
  });
  it('a YAML file files.include selects is linted as Compose, whatever its name', async () => {
    const text = 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n';
    gh.token()
      .createCheckRun()
      .listFiles([{ path: 'deploy/stack.yml', patch: addedFilePatch(text) }])
      .graphql({
        defaultBranch: {
          '.github/dockreview.yml': onlyRules(
            ['compose-no-version'],
            // `compose-no-version` is info: `comment_on: info` makes it a comment to look at
            'files:\n  include: ["deploy/*.yml"]\ncomment_on: info\n',
          ),
        },
      })
      .graphql({ head: { 'deploy/stack.yml': text } })
      // as above: only the config selects the file, its review lists the comments through REST
      .listReviewComments()
      .getPull()
      .createReview()
      .updateCheckRun();
    await receivePullRequest();
    gh.verify();
    const [, second] = gh.bodies<GraphqlCall>(ROUTES.graphql);
    // a Compose file has no .dockerignore to fetch beside it
    expect(second!.variables).toEqual({ owner: OWNER, repo: REPO, f0: `${HEAD_SHA}:deploy/stack.yml` });
    const comments = gh.bodies<ReviewBody>(ROUTES.createReview)[0]!.comments;
    expect(comments.find((c) => c.line === 1)?.body).toContain('compose-no-version');
  });
});

/** FROM, then 100 `RUN cd` (warnings, lines 2–101), 20 `MAINTAINER` (errors, lines 102–121), USER: 120 findings. */
function manyFindings(): string {
  const lines = ['FROM alpine:3.20'];
  for (let i = 1; i <= 100; i++) lines.push(`RUN cd /src${i} && make`);
  for (let i = 1; i <= 20; i++) lines.push(`MAINTAINER dev${i}@example.com`);
  lines.push('USER app');
  return `${lines.join('\n')}\n`;
}

describe('3. 120 findings', () => {
  it('folds each rule into one comment, and annotates none of what the comments list', async () => {
    const text = manyFindings();
    gh.token()
      .createCheckRun()
      .listFiles([{ path: 'Dockerfile', patch: addedFilePatch(text) }])
      .graphql({ defaultBranch: repoConfig(), head: { Dockerfile: text } })
      .getPull()
      .createReview()
      .updateCheckRun();
    await receivePullRequest();
    gh.verify();

    // the two comments stand for all 120 findings: no annotation repeats them
    const updates = gh.bodies<CheckUpdate>(ROUTES.updateCheck);
    expect(updates.map((u) => [u.status, u.conclusion, u.output.annotations?.length])).toEqual([
      ['completed', 'failure', undefined],
    ]);
    expect(updates[0]!.output.title).toBe('20 errors, 100 warnings on changed lines');
    expect(updates[0]!.output.summary).not.toContain('**Annotations:**');

    // one rule firing many times in one hunk is one comment at its first place, listing the others: the 20
    // MAINTAINER errors are one comment on line 102, the 100 `RUN cd` warnings one on line 2
    const [review] = gh.bodies<ReviewBody>(ROUTES.createReview);
    expect(review!.comments.map((c) => c.line)).toEqual([2, 102]);
    const at = (line: number): string =>
      `https://github.com/${OWNER}/${REPO}/blob/${HEAD_SHA}/Dockerfile#L${line}`;
    expect(review!.comments[1]!.body).toContain(
      `_Also on lines [103](${at(103)}), [104](${at(104)}), [105](${at(105)}), [106](${at(106)}), [107](${at(107)}), [108](${at(108)}), [109](${at(109)}), [110](${at(110)}), [111](${at(111)}), [112](${at(112)}) and 9 more._`,
    );
    expect(review!.body).toBe(
      '❌ dockreview found 20 errors that block the merge. The comments below say what and why; the `dockreview` check run lists every finding.',
    );
    expect(updates[0]!.output.summary).toContain('**Review:** 2 new comments.');
    // the usual 6 requests (the comments come with the contents query): no more for 120 findings
    expect(gh.calls()).toHaveLength(6);
  });

  it('max_comments from the config; the rest annotated, one page of 50 in one request', async () => {
    const text = manyFindings();
    gh.token()
      .createCheckRun()
      .listFiles([{ path: 'Dockerfile', patch: addedFilePatch(text) }])
      .graphql({ head: { Dockerfile: text }, defaultBranch: repoConfig('max_comments: 1\n') })
      .getPull()
      .createReview()
      .updateCheckRun();
    await receivePullRequest();
    gh.verify();
    // the errors' comment first: max_comments keeps the most severe
    expect(gh.bodies<ReviewBody>(ROUTES.createReview)[0]!.comments.map((c) => c.line)).toEqual([102]);
    // the 100 uncommented warnings: the first 50 annotated, in the one request that completes the run
    const updates = gh.bodies<CheckUpdate>(ROUTES.updateCheck);
    expect(updates.map((u) => [u.status, u.output.annotations?.length])).toEqual([['completed', 50]]);
    expect(updates[0]!.output.annotations!.map((a) => a.start_line)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 2),
    );
    expect(updates[0]!.output.summary).toContain(
      '**Annotations:** the 50 most severe findings without a review comment, and 50 more findings not annotated: run `dockreview lint` locally, or see the tables.',
    );
  });
});

describe('4. a re-push after earlier comments', () => {
  it('posts nothing already posted (no review when nothing is new), and only the new finding later', async () => {
    const a = fixture('findings/Dockerfile');
    // push 1: five findings on added lines, three comments (the two info findings are nitpicks)
    fullReview([{ path: API_DOCKERFILE, patch: addedFilePatch(a) }], { [API_DOCKERFILE]: a });
    await receivePullRequest();
    gh.verify();
    const first = gh.bodies<ReviewBody>(ROUTES.createReview)[0]!.comments;
    expect(first).toHaveLength(3);

    // push 2: a comment line on top moves every finding down one line; the fingerprints still match
    const b = `# the API service\n${a}`;
    gh = new FakeGitHub();
    gh.createCheckRun()
      .listFiles([{ path: API_DOCKERFILE, patch: addedFilePatch(b) }])
      .graphql({ defaultBranch: repoConfig(), head: { [API_DOCKERFILE]: b } }, { headSha: SHA_B })
      .hold(first.map((c) => c.body))
      .getPull(SHA_B)
      .updateCheckRun();
    await receivePullRequest({ action: 'synchronize', headSha: SHA_B });
    gh.verify();
    expect(gh.on(ROUTES.createReview)).toEqual([]);
    expect(completed()).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(completed().output.summary).toContain(
      '**Review:** 0 new comments, 3 findings already commented by an earlier run, 2 below `comment_on: warning` listed as nitpicks.',
    );
    // the three commented findings keep their threads; only the two nitpicks are annotations
    expect(completed().allAnnotations.map((a) => a.annotation_level)).toEqual(['notice', 'notice']);

    // push 3: one new finding, one new comment
    const c = `${b}MAINTAINER ops@example.com\n`;
    gh = new FakeGitHub();
    gh.createCheckRun()
      .listFiles([{ path: API_DOCKERFILE, patch: addedFilePatch(c) }])
      .graphql({ defaultBranch: repoConfig(), head: { [API_DOCKERFILE]: c } }, { headSha: SHA_C })
      .hold(first.map((x) => x.body))
      .getPull(SHA_C)
      .createReview()
      .updateCheckRun();
    await receivePullRequest({ action: 'synchronize', headSha: SHA_C });
    gh.verify();
    const [review] = gh.bodies<ReviewBody>(ROUTES.createReview);
    expect(review!.commit_id).toBe(SHA_C);
    expect(review!.comments.map((x) => [x.line, x.body.split('\n')[0]])).toEqual([
      [12, expect.stringContaining('`no-maintainer`')],
    ]);
  });
});

/** The first review of `a`, added whole to the API Dockerfile: the bodies of its three comments. */
async function firstReviewComments(a: string): Promise<string[]> {
  fullReview([{ path: API_DOCKERFILE, patch: addedFilePatch(a) }], { [API_DOCKERFILE]: a });
  await receivePullRequest();
  gh.verify();
  const bodies = gh.bodies<ReviewBody>(ROUTES.createReview)[0]!.comments.map((c) => c.body);
  expect(bodies).toHaveLength(3);
  return bodies;
}

describe('4b. fingerprints come only from the app’s own comments', () => {
  it('a person’s comment carrying the markers suppresses nothing; the same comments by the bot do', async () => {
    const a = fixture('findings/Dockerfile');
    const bodies = await firstReviewComments(a);

    const rerun = async (author: { login: string; type: string; appId?: number }): Promise<number> => {
      gh = new FakeGitHub();
      gh.createCheckRun()
        .listFiles([{ path: API_DOCKERFILE, patch: addedFilePatch(a) }])
        .graphql({ defaultBranch: repoConfig(), head: { [API_DOCKERFILE]: a } }, { headSha: SHA_B })
        .hold(bodies, author)
        .getPull(SHA_B);
      gh.updateCheckRun();
      if (author.type !== 'Bot') gh.createReview();
      await receivePullRequest({ action: 'synchronize', headSha: SHA_B });
      gh.verify();
      // the comments came with the contents query, where GitHub names a bot by its bare login (`dockreview`,
      // `__typename: "Bot"`) and has no `performed_via_github_app`: no REST listing
      expect(gh.on(ROUTES.listComments)).toEqual([]);
      return gh.bodies<ReviewBody>(ROUTES.createReview).flatMap((r) => r.comments).length;
    };
    // copies of the bot's comments, posted by a person: every finding is commented again
    expect(await rerun({ login: 'mallory', type: 'User' })).toBe(3);
    expect(await rerun({ login: 'mallory[bot]', type: 'User' })).toBe(3);
    // a person whose login is the bot's bare login, as GraphQL writes the bot's: a User, not the bot
    expect(await rerun({ login: 'dockreview', type: 'User' })).toBe(3);
    // the bot's own (with or without the app field REST may send): nothing new to post
    expect(await rerun({ login: 'dockreview[bot]', type: 'Bot' })).toBe(0);
    expect(await rerun({ login: 'dockreview[bot]', type: 'Bot', appId: 123 })).toBe(0);
  });
});

describe('4c. more comments than the contents query reads', () => {
  /** A re-push of `a` after the first review's comments, with `more` shaping the rest; the requests made. */
  async function repush(more: (first: string[]) => void): Promise<string[]> {
    const a = fixture('findings/Dockerfile');
    const first = await firstReviewComments(a);
    gh = new FakeGitHub();
    more(first);
    gh.createCheckRun()
      .listFiles([{ path: API_DOCKERFILE, patch: addedFilePatch(a) }])
      .graphql({ defaultBranch: repoConfig(), head: { [API_DOCKERFILE]: a } }, { headSha: SHA_B })
      .listReviewComments()
      .getPull(SHA_B)
      .updateCheckRun();
    await receivePullRequest({ action: 'synchronize', headSha: SHA_B });
    gh.verify();
    // every earlier comment found, through the REST listing: nothing posted twice
    expect(gh.on(ROUTES.createReview)).toEqual([]);
    expect(completed().output.summary).toContain('3 findings already commented by an earlier run');
    return gh.calls();
  }

  it('over 100 threads: the app’s comments in the 101st and later are found through the REST listing', async () => {
    const calls = await repush((first) => {
      // 98 threads people started, then the app’s 3: threads 99 to 101, the last one beyond the query’s page
      gh.hold(
        Array.from({ length: 98 }, (_, i) => `question ${i}`),
        { login: 'octocat', type: 'User' },
      );
      gh.hold(first);
    });
    expect(calls).toEqual([
      ROUTES.createCheck,
      ROUTES.listFiles,
      ROUTES.graphql,
      ROUTES.listComments,
      ROUTES.getPull,
      ROUTES.updateCheck,
    ]);
  });

  it('a thread longer than the query reads sends the review to the REST listing too', async () => {
    const calls = await repush((first) => {
      gh.hold(first);
      for (let i = 0; i < COMMENTS_PER_THREAD; i++) gh.reply(0, `reply ${i}`);
    });
    expect(calls.filter((r) => r === ROUTES.listComments)).toHaveLength(1);
  });

  it('a GitHub that cannot run the query with the threads (errors, no data): asked again without them, REST lists the comments', async () => {
    const calls = await repush((first) => {
      gh.hold(first);
      // what GitHub answers a field its schema lacks (an older Enterprise Server): 200, errors, no data
      gh.scope
        .post('/graphql', (body: GraphqlCall) => body?.query?.includes('reviewThreads') === true)
        .reply(200, {
          errors: [
            {
              path: ['query', 'repository', 'pullRequest'],
              extensions: { code: 'undefinedField', typeName: 'PullRequestReviewComment' },
              message: "Field 'fullDatabaseId' doesn't exist on type 'PullRequestReviewComment'",
            },
          ],
        });
    });
    expect(calls).toEqual([
      ROUTES.createCheck,
      ROUTES.listFiles,
      ROUTES.graphql,
      ROUTES.graphql,
      ROUTES.listComments,
      ROUTES.getPull,
      ROUTES.updateCheck,
    ]);
    const [refused, again] = gh.bodies<GraphqlCall>(ROUTES.graphql);
    expect(refused!.query).toContain('reviewThreads');
    expect(again!.query).not.toContain('reviewThreads');
    expect(again!.variables).toEqual(refused!.variables);
  });

  it('exactly as many as the query reads: no REST listing', async () => {
    const a = fixture('findings/Dockerfile');
    fullReview([{ path: API_DOCKERFILE, patch: addedFilePatch(a) }], { [API_DOCKERFILE]: a });
    await receivePullRequest();
    gh.verify();
    const first = gh.bodies<ReviewBody>(ROUTES.createReview)[0]!.comments.map((c) => c.body);
    gh = new FakeGitHub();
    gh.hold(
      Array.from({ length: THREADS_LISTED - first.length }, (_, i) => `question ${i}`),
      { login: 'octocat', type: 'User' },
    ).hold(first);
    for (let i = 1; i < COMMENTS_PER_THREAD; i++) gh.reply(0, `reply ${i}`);
    gh.createCheckRun()
      .listFiles([{ path: API_DOCKERFILE, patch: addedFilePatch(a) }])
      .graphql({ defaultBranch: repoConfig(), head: { [API_DOCKERFILE]: a } }, { headSha: SHA_B })
      .getPull(SHA_B)
      .updateCheckRun();
    await receivePullRequest({ action: 'synchronize', headSha: SHA_B });
    gh.verify();
    expect(gh.on(ROUTES.listComments)).toEqual([]);
    expect(gh.on(ROUTES.createReview)).toEqual([]);
    expect(completed().output.summary).toContain('3 findings already commented by an earlier run');
  });
});

describe('5. a superseded head', () => {
  it('posts no review and completes the check run neutral', async () => {
    gh.token()
      .createCheckRun()
      .listFiles([{ path: API_DOCKERFILE, status: 'modified', patch: fixture('findings/Dockerfile.patch') }])
      .graphql({ defaultBranch: repoConfig(), head: { [API_DOCKERFILE]: fixture('findings/Dockerfile') } })
      .getPull(SHA_B)
      .updateCheckRun();
    await receivePullRequest();
    gh.verify();
    expect(gh.on(ROUTES.createReview)).toEqual([]);
    expect(gh.bodies<CheckUpdate>(ROUTES.updateCheck)).toEqual([
      {
        status: 'completed',
        conclusion: 'neutral',
        completed_at: expect.any(String),
        output: {
          title: 'Superseded by a newer commit',
          summary: `The pull request moved to bbbbbbb while ${HEAD_SHA.slice(0, 7)} was being reviewed; the review of the new head replaces this one.`,
        },
      },
    ]);
  });
});

describe('6. an invalid config', () => {
  it('fails the check run naming the key and its line; the handler does not throw', async () => {
    gh.token()
      .createCheckRun()
      .listFiles([{ path: API_DOCKERFILE, status: 'modified', patch: fixture('findings/Dockerfile.patch') }])
      .graphql({
        head: { [API_DOCKERFILE]: fixture('findings/Dockerfile') },
        defaultBranch: { '.github/dockreview.yml': fixture('invalid-config.yml') },
      })
      .updateCheckRun();
    await expect(receivePullRequest()).resolves.toBeUndefined();
    gh.verify();
    expect(gh.calls()).toEqual([ROUTES.createCheck, ROUTES.listFiles, ROUTES.graphql, ROUTES.updateCheck]);
    const [update] = gh.bodies<CheckUpdate>(ROUTES.updateCheck);
    expect(update).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      output: { title: 'Invalid dockreview configuration' },
    });
    expect(update!.output.summary).toBe(
      'Invalid configuration: .github/dockreview.yml:3:1: unknown key `max_coments`\n\nFix the configuration on the default branch, then re-run this check.',
    );
  });

  it('an unknown rule in the org-wide config names the file in the owner’s .github repository', async () => {
    gh.token()
      .createCheckRun()
      .listFiles([{ path: 'Dockerfile', patch: addedFilePatch('FROM alpine:3.20\n') }])
      .graphql({
        head: { Dockerfile: 'FROM alpine:3.20\n' },
        org: { '.github/dockreview.yml': 'rules:\n  no-such-rule: off\n' },
      })
      .updateCheckRun();
    await receivePullRequest();
    gh.verify();
    expect(gh.bodies<CheckUpdate>(ROUTES.updateCheck)[0]!.output.summary).toMatch(
      /^Invalid configuration: acme\/\.github:\.github\/dockreview\.yml:2:3: unknown rule `no-such-rule`/,
    );
  });
});

describe('config from the default branch and the org', () => {
  it('fail_on: never from the repository config turns a failing review into success', async () => {
    const text = fixture('findings/Dockerfile');
    gh.token()
      .createCheckRun()
      .listFiles([{ path: API_DOCKERFILE, patch: addedFilePatch(text) }])
      .graphql({
        head: { [API_DOCKERFILE]: text },
        defaultBranch: repoConfig('fail_on: never\nsuggestions: false\n'),
        org: { '.github/dockreview.yml': 'fail_on: warning\n' },
      })
      .getPull()
      .createReview()
      .updateCheckRun();
    await receivePullRequest();
    gh.verify();
    expect(completed().conclusion).toBe('success');
    expect(completed().output.summary).toContain('- `fail_on: never`');
    expect(completed().output.summary).toContain('- config files: `.github/dockreview.yml`');
    for (const c of gh.bodies<ReviewBody>(ROUTES.createReview)[0]!.comments)
      expect(c.body).not.toContain('```suggestion');
  });

  it('the org-wide config applies when the repository has none; a .hadolint.yaml turns rules off', async () => {
    const text = fixture('findings/Dockerfile');
    gh.token()
      .createCheckRun()
      .listFiles([{ path: API_DOCKERFILE, patch: addedFilePatch(text) }])
      .graphql({
        head: { [API_DOCKERFILE]: text },
        defaultBranch: { '.hadolint.yaml': 'ignored:\n  - DL4000\n' },
        org: { '.github/dockreview.yml': onlyRules(RULES, 'fail_on: warning\ncomments: none\n') },
      })
      .getPull()
      .updateCheckRun();
    await receivePullRequest();
    gh.verify();
    // comments: none → no comment listing, no review; DL4000 (no-maintainer) ignored; warnings now fail; at their
    // default grades apt's lists left in this runtime image are a warning (line 3, before npm-ci's), and the lone
    // shell-form CMD is info (the shell execs it), so it comes last
    expect(completed().conclusion).toBe('failure');
    expect(completed().allAnnotations.map((a) => a.title.split(' ')[0])).toEqual([
      'apt-clean-lists',
      'npm-ci',
      'prefer-slim-base',
      'exec-form',
    ]);
    expect(completed().output.summary).toContain(
      '- config files: `.hadolint.yaml`, `acme/.github:.github/dockreview.yml`',
    );
  });

  it('an owner without a .github repository (GraphQL NOT_FOUND with partial data) still gets reviewed', async () => {
    const text = 'FROM alpine:3.20\nUSER app\n';
    gh.token()
      .createCheckRun()
      .listFiles([{ path: 'Dockerfile', patch: addedFilePatch(text) }])
      .graphql({ defaultBranch: repoConfig(), head: { Dockerfile: text }, org: 'missing' })
      .getPull()
      .updateCheckRun();
    await receivePullRequest();
    gh.verify();
    expect(completed()).toMatchObject({ conclusion: 'success', output: { title: 'No problems found' } });
  });
});

describe('_extends', () => {
  it('loads the named config from another repository first (one contents request)', async () => {
    const text = fixture('findings/Dockerfile');
    gh.token()
      .createCheckRun()
      .listFiles([{ path: API_DOCKERFILE, patch: addedFilePatch(text) }])
      .graphql({
        head: { [API_DOCKERFILE]: text },
        defaultBranch: { '.github/dockreview.yml': '_extends: acme/policies\nmax_comments: 1\n' },
      });
    gh.scope
      .get('/repos/acme/policies/contents/.github%2Fdockreview.yml')
      .reply(200, onlyRules(RULES, `${GRADES}fail_on: never\n`), {
        // what GitHub sends for `Accept: application/vnd.github.raw` (Octokit decodes it as text by the charset)
        'content-type': 'application/vnd.github.raw; charset=utf-8',
      });
    gh.getPull().createReview().updateCheckRun();
    await receivePullRequest();
    gh.verify();
    expect(gh.calls()).toContain(ROUTES.getContent);
    expect(completed().conclusion).toBe('success');
    expect(completed().output.summary).toContain(
      '- config files: `acme/policies:.github/dockreview.yml`, `.github/dockreview.yml`',
    );
    expect(gh.bodies<ReviewBody>(ROUTES.createReview)[0]!.comments).toHaveLength(1);
  });

  it('a config that does not exist fails the check naming it', async () => {
    gh.token()
      .createCheckRun()
      .listFiles([{ path: 'Dockerfile', patch: addedFilePatch('FROM alpine:3.20\n') }])
      .graphql({
        head: { Dockerfile: 'FROM alpine:3.20\n' },
        defaultBranch: { '.github/dockreview.yml': '_extends: policies\n' },
      })
      .updateCheckRun();
    gh.scope
      .get('/repos/acme/policies/contents/.github%2Fdockreview.yml')
      .reply(404, { message: 'Not Found' });
    await receivePullRequest();
    gh.verify();
    expect(completed()).toMatchObject({
      conclusion: 'failure',
      output: { title: 'Invalid dockreview configuration' },
    });
    expect(completed().output.summary).toContain(
      '.github/dockreview.yml: `_extends: policies` could not be used: the file does not exist, the app cannot read it, or it is not a valid dockreview config',
    );
  });
});

describe('7. GitHub answers 500 to the review', () => {
  it('still completes the check run with every finding (posted 3 times, checking in between what landed)', async () => {
    gh.token()
      .createCheckRun()
      .listFiles([{ path: API_DOCKERFILE, status: 'modified', patch: fixture('findings/Dockerfile.patch') }])
      .graphql({ defaultBranch: repoConfig(), head: { [API_DOCKERFILE]: fixture('findings/Dockerfile') } })
      // listed after each of the two failed posts that may have landed; the first read came with the contents
      .listReviewComments({ times: 2 })
      .getPull()
      .createReview({ status: 500, times: 3 })
      .updateCheckRun();
    await expect(receivePullRequest()).resolves.toBeUndefined();
    gh.verify();
    expect(gh.on(ROUTES.createReview)).toHaveLength(3);
    const done = completed();
    expect(done).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(done.allAnnotations).toHaveLength(5);
    expect(done.output.summary).toContain(
      '> The review comments could not be posted (GitHub answered 500: Server Error',
    );
    expect(done.output.summary).toContain('every finding is in the findings table below.');
  });

  it('a 500 while listing files still ends the check run (failure, with the reason)', async () => {
    gh.token().createCheckRun().updateCheckRun();
    gh.scope
      .get(`/repos/${OWNER}/${REPO}/pulls/${PR_NUMBER}/files`)
      .query(true)
      .reply(500, { message: 'boom' });
    await expect(receivePullRequest()).resolves.toBeUndefined();
    gh.verify();
    expect(completed()).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      output: { title: 'Review failed' },
    });
    expect(completed().output.summary).toMatch(
      /^dockreview could not finish this review: GitHub answered 500: boom \(error id [0-9a-f]{8}\)/,
    );
  });
});

describe('8. removed and renamed files', () => {
  it('skips a removed Dockerfile entirely and lints a renamed one under its new path', async () => {
    let graphql: GraphqlCall | undefined;
    const renamed = 'docker/api.Dockerfile';
    gh.token()
      .createCheckRun()
      .listFiles([
        { path: 'old/Dockerfile', status: 'removed', patch: '@@ -1,2 +0,0 @@\n-FROM alpine\n-MAINTAINER x' },
        {
          path: renamed,
          status: 'renamed',
          previousPath: API_DOCKERFILE,
          patch: fixture('findings/Dockerfile.patch'),
        },
      ])
      .graphql(
        { defaultBranch: repoConfig(), head: { [renamed]: fixture('findings/Dockerfile') } },
        { onCall: (c) => (graphql = c) },
      )
      .getPull()
      .createReview()
      .updateCheckRun();
    await receivePullRequest();
    gh.verify();
    const heads = Object.values(graphql!.variables).filter((v) => v.startsWith(`${HEAD_SHA}:`));
    expect(heads).toEqual([
      `${HEAD_SHA}:${renamed}`,
      `${HEAD_SHA}:docker/.dockerignore`,
      `${HEAD_SHA}:docker/api.Dockerfile.dockerignore`,
    ]);
    // the patch adds lines 3–5: the MAINTAINER error is a comment, `apt-clean-lists` (info) a nitpick
    expect(gh.bodies<ReviewBody>(ROUTES.createReview)[0]!.comments.map((c) => [c.path, c.line])).toEqual([
      [renamed, 5],
    ]);
    expect(new Set(completed().allAnnotations.map((a) => a.path))).toEqual(new Set([renamed]));
    expect(completed().output.summary).toContain(
      '### Files reviewed\n\n- `docker/api.Dockerfile`: 1 comment\n',
    );
  });

  it('a file GitHub cannot give (binary, or no patch) is noted in the summary', async () => {
    const text = 'FROM alpine:3.20\nMAINTAINER a@example.com\nUSER app\n';
    gh.token()
      .createCheckRun()
      .listFiles([
        { path: 'a/Dockerfile', patch: '@@ -0,0 +1 @@\n+x' },
        { path: 'b/Dockerfile' }, // too large: no patch
      ])
      .graphql({
        defaultBranch: repoConfig(),
        head: { 'a/Dockerfile': { text: '', isBinary: true }, 'b/Dockerfile': text },
      })
      .getPull()
      .updateCheckRun();
    await receivePullRequest();
    gh.verify();
    // b's finding counts as changed (no diff) but GitHub takes no comment without a diff: annotation only
    expect(gh.on(ROUTES.createReview)).toEqual([]);
    expect(completed().conclusion).toBe('failure');
    expect(completed().output.summary).toContain(
      '- `a/Dockerfile` was not reviewed: GitHub reports it as binary.',
    );
    expect(completed().output.summary).toContain(
      '- `b/Dockerfile` has no diff from GitHub (too large): its findings are in the annotations only.',
    );
  });
});

describe('9. the same webhook delivered three times', () => {
  it('comments once: the later runs find the fingerprints', async () => {
    const text = fixture('findings/Dockerfile');
    gh.token() // the installation token is cached between deliveries
      .createCheckRun(CHECK_RUN_ID, 3)
      .listFiles([{ path: API_DOCKERFILE, patch: addedFilePatch(text) }], { times: 3 })
      .graphql({ defaultBranch: repoConfig(), head: { [API_DOCKERFILE]: text } }, { times: 3 })
      .getPull(HEAD_SHA, { times: 3 })
      .createReview()
      .updateCheckRun(3);
    const payload = pullRequestPayload();
    for (let i = 0; i < 3; i++)
      await probot.receive({ id: 'same-delivery', name: 'pull_request', payload } as never);
    gh.verify();
    expect(gh.on(ROUTES.createReview)).toHaveLength(1);
    expect(gh.posted).toHaveLength(3);
    const updates = gh.bodies<CheckUpdate>(ROUTES.updateCheck);
    expect(updates.map((u) => u.conclusion)).toEqual(['failure', 'failure', 'failure']);
    expect(updates[2]!.output.summary).toContain(
      '**Review:** 0 new comments, 3 findings already commented by an earlier run, 2 below `comment_on: warning` listed as nitpicks.',
    );
  });
});

describe('10. re-run requests', () => {
  const text = 'FROM alpine:3.20\nUSER app\n';
  function cleanReview(): void {
    gh.token()
      .createCheckRun()
      .listFiles([{ path: 'Dockerfile', patch: addedFilePatch(text) }])
      .graphql({ defaultBranch: repoConfig(), head: { Dockerfile: text } })
      .getPull()
      .updateCheckRun();
  }

  it('check_suite.rerequested reviews the pull request of the suite', async () => {
    cleanReview();
    await probot.receive({ id: 'cs', name: 'check_suite', payload: checkSuiteRerequestedPayload() } as never);
    gh.verify();
    expect(gh.bodies(ROUTES.createCheck)[0]).toMatchObject({ name: 'dockreview', head_sha: HEAD_SHA });
    expect(gh.on(ROUTES.listFiles)[0]!.path).toBe(`/repos/${OWNER}/${REPO}/pulls/${PR_NUMBER}/files`);
    expect(completed()).toMatchObject({ conclusion: 'success', output: { title: 'No problems found' } });
  });

  it('check_suite.rerequested from a fork (no pull_requests in the payload) looks the pull request up', async () => {
    gh.pullsForCommit(HEAD_SHA, [
      { number: PR_NUMBER, headSha: HEAD_SHA },
      { number: 3, headSha: HEAD_SHA, state: 'closed' },
    ]);
    cleanReview();
    await probot.receive({
      id: 'cs-fork',
      name: 'check_suite',
      payload: checkSuiteRerequestedPayload({ pulls: [] }),
    } as never);
    gh.verify();
    expect(gh.calls()[0]).toBe(ROUTES.pullsForCommit);
    // the lookup, then a clean review's 5 requests (6 before issue 14: its comments come with the contents query)
    expect(gh.calls()).toHaveLength(6);
  });

  it('check_run.rerequested of our check run reviews again', async () => {
    cleanReview();
    await probot.receive({ id: 'cr', name: 'check_run', payload: checkRunRerequestedPayload() } as never);
    gh.verify();
    expect(gh.bodies(ROUTES.createCheck)[0]).toMatchObject({ name: 'dockreview', head_sha: HEAD_SHA });
    expect(completed().conclusion).toBe('success');
  });

  it('check_run.rerequested of another app’s check run is ignored', async () => {
    await probot.receive({
      id: 'cr-other',
      name: 'check_run',
      payload: checkRunRerequestedPayload({ name: 'randscape' }),
    } as never);
    gh.verify();
    expect(gh.requests).toEqual([]);
  });
});

describe('11. API calls per review', () => {
  async function callsFor(count: number): Promise<string[]> {
    const files: FakeFile[] = [];
    const head: Record<string, string> = {};
    for (let i = 0; i < count; i++) {
      // an error, a warning and an info each: 30 files have more uncommented findings than one page of annotations
      const text = `FROM alpine:3.20\nMAINTAINER ops${i}@example.com\nRUN cd /src && make\nRUN apt-get update && apt-get install -y --no-install-recommends curl=8.5.0-r0\nUSER app\n`;
      files.push({ path: `svc${i}/Dockerfile`, patch: addedFilePatch(text) });
      head[`svc${i}/Dockerfile`] = text;
    }
    let graphql: GraphqlCall | undefined;
    gh.token()
      .createCheckRun()
      .listFiles(files)
      .graphql({ defaultBranch: repoConfig(), head }, { onCall: (c) => (graphql = c) })
      .getPull()
      .createReview()
      .updateCheckRun();
    await receivePullRequest();
    gh.verify();
    // each Dockerfile and its two possible ignore files, all in the one query
    expect(Object.values(graphql!.variables).filter((v) => v.startsWith(`${HEAD_SHA}:`))).toHaveLength(
      count * 3,
    );
    // 25 comments at most (`max_comments`), none of their findings annotated, the rest in one page of 50
    const comments = gh.bodies<ReviewBody>(ROUTES.createReview)[0]!.comments;
    expect(comments).toHaveLength(Math.min(25, count * 2));
    expect(completed().allAnnotations).toHaveLength(Math.min(50, count * 3 - comments.length));
    return gh.calls();
  }

  it('is the same for 1 and for 30 changed Dockerfiles, and at most 8', async () => {
    const one = await callsFor(1);
    gh.dispose();
    nock.cleanAll();
    gh = new FakeGitHub();
    probot = await makeProbot();
    const thirty = await callsFor(30);
    // 6: the review comments come with the contents query, no listing of their own (7 before issue 14)
    expect(one).toHaveLength(6);
    expect(thirty).toEqual(one);
    expect(thirty.length).toBeLessThanOrEqual(8);
    // the writes: the check run created, one review, the check run completed
    expect(thirty.filter((r) => !r.startsWith('GET ') && r !== ROUTES.graphql)).toEqual([
      ROUTES.createCheck,
      ROUTES.createReview,
      ROUTES.updateCheck,
    ]);
  });

  it('grows with pages of files, not files: 150 files are one more request', async () => {
    const files: FakeFile[] = [];
    const head: Record<string, string> = {};
    const text = 'FROM alpine:3.20\nUSER app\n';
    for (let i = 0; i < 150; i++) {
      files.push({ path: `svc${i}/Dockerfile`, patch: addedFilePatch(text) });
      head[`svc${i}/Dockerfile`] = text;
    }
    gh.token()
      .createCheckRun()
      .listFiles(files)
      .graphql({ defaultBranch: repoConfig(), head })
      .getPull()
      .updateCheckRun();
    await receivePullRequest();
    gh.verify();
    expect(gh.calls()).toEqual([
      ROUTES.createCheck,
      ROUTES.listFiles,
      ROUTES.listFiles,
      ROUTES.graphql,
      ROUTES.getPull,
      ROUTES.updateCheck,
    ]);
    // the summary names the first 100 files reviewed and counts the rest
    expect(completed().output.summary).toContain('- … and 50 more files.');
  });
});

describe('12. the HTTP middleware', () => {
  let server: Server | undefined;
  afterEach(async () => {
    nock.disableNetConnect();
    if (server) await new Promise((resolve) => server!.close(resolve));
    server = undefined;
  });

  async function serve(): Promise<string> {
    const p = await makeProbot({ load: false });
    const middleware = await createNodeMiddleware(dockreviewApp, { probot: p });
    server = createServer((req, res) => {
      void middleware(req, res, () => res.writeHead(404).end());
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    nock.enableNetConnect((host) => host.startsWith('127.0.0.1'));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  }

  function post(url: string, body: string, sig: string): Promise<Response> {
    return fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'pull_request',
        'x-github-delivery': 'd-1',
        'x-hub-signature-256': sig,
      },
      body,
    });
  }

  it('a correctly signed webhook gets 200 and is handled', async () => {
    gh.token()
      .createCheckRun()
      .listFiles([{ path: 'README.md', patch: '@@ -1 +1 @@\n-a\n+b' }])
      .graphql({})
      .updateCheckRun();
    const url = await serve();
    const body = JSON.stringify(pullRequestPayload());
    const res = await post(url, body, signature(body));
    expect(res.status).toBe(200);
    gh.verify();
    expect(gh.calls()).toEqual([ROUTES.createCheck, ROUTES.listFiles, ROUTES.graphql, ROUTES.updateCheck]);
  });

  it('a bad signature is rejected and nothing runs', async () => {
    const url = await serve();
    const body = JSON.stringify(pullRequestPayload());
    const res = await post(url, body, signature(body, 'not-the-secret'));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const tampered = await post(url, body.replace('"opened"', '"reopened"'), signature(body));
    expect(tampered.status).toBeGreaterThanOrEqual(400);
    expect(tampered.status).toBeLessThan(500);
    gh.verify();
    expect(gh.requests).toEqual([]);
  });
});

describe('13. OpenAPI validation of request bodies', () => {
  it('is not vacuous: the validator rejects what GitHub would reject', () => {
    const annotation = {
      path: 'Dockerfile',
      start_line: 1,
      end_line: 1,
      annotation_level: 'warning',
      message: 'm',
    };
    const checkRun = `/repos/${OWNER}/${REPO}/check-runs/1`;
    expect(
      validateRequest('PATCH', checkRun, { output: { title: 't', summary: 's', annotations: [annotation] } }),
    ).toEqual([]);
    expect(
      validateRequest('PATCH', checkRun, {
        output: { title: 't', summary: 's', annotations: Array.from({ length: 51 }, () => annotation) },
      }),
    ).not.toEqual([]);
    expect(validateRequest('PATCH', checkRun, { conclusion: 'passed' })).not.toEqual([]);
    expect(
      validateRequest('PATCH', checkRun, {
        output: { title: 't', summary: 's', annotations: [{ ...annotation, annotation_level: 'error' }] },
      }),
    ).not.toEqual([]);
    expect(
      validateRequest('POST', `/repos/${OWNER}/${REPO}/pulls/1/reviews`, {
        event: 'COMMENT',
        comments: [{ line: 1 }],
      }),
    ).not.toEqual([]);
    expect(validateRequest('POST', `/repos/${OWNER}/${REPO}/check-runs`, { name: 'x' })).not.toEqual([]);
    expect(validateRequest('POST', '/repos/a/b/no-such-endpoint', {})).not.toEqual([]);
    expect(
      validateRequest('POST', '/graphql', { query: 'query { viewer { login } }', variables: { n: 1 } }),
    ).toEqual(['GraphQL variable n is not a string']);
    expect(validateRequest('POST', '/graphql', { variables: {} })).toEqual([
      'GraphQL body has no query string',
    ]);
  });
});
