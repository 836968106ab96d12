/**
 * The app on a Compose file that extends and includes others: the files it names are fetched in the one extra
 * query, what those name in turn is not (one level), and the findings use what was fetched.
 */
import type { Probot } from 'probot';
import { describe, expect, it } from 'vitest';
import { plainText } from '../src/review/markdown.js';
import {
  FakeGitHub,
  HEAD_SHA,
  OWNER,
  REPO,
  ROUTES,
  addedFilePatch,
  onlyRules,
  pullRequestPayload,
  type GraphqlCall,
  useFakeGitHub,
} from './helpers/github.js';

interface Annotation {
  path: string;
  start_line: number;
  message: string;
}

let gh: FakeGitHub;
let probot: Probot;

useFakeGitHub((g, p) => {
  gh = g;
  probot = p;
});

const COMPOSE = [
  'include:',
  '  - db/compose.yaml',
  'services:',
  '  app:',
  '    extends: {file: common.yaml, service: app}',
  '    depends_on: [db, cache]',
  '  worker:',
  '    extends: {file: common.yaml, service: wrker}',
  '',
].join('\n');

describe('Compose extends and include in the app', () => {
  it('fetches the extended and included files in the one extra query, and no further', async () => {
    gh.token()
      .createCheckRun()
      .listFiles([{ path: 'deploy/compose.yaml', patch: addedFilePatch(COMPOSE) }])
      .graphql({
        defaultBranch: { '.github/dockreview.yml': onlyRules(['compose-undefined-reference']) },
        head: { 'deploy/compose.yaml': COMPOSE },
      })
      .graphql({
        head: {
          'deploy/db/compose.yaml': 'services:\n  db:\n    image: postgres:16\n',
          'deploy/common.yaml':
            'services:\n  app:\n    image: acme/app:1\n    extends: {file: base.yaml, service: app}\n',
        },
      })
      .getPull()
      .createReview()
      .updateCheckRun();
    await probot.receive({ id: 'd1', name: 'pull_request', payload: pullRequestPayload() } as never);
    gh.verify();

    const [, second] = gh.bodies<GraphqlCall>(ROUTES.graphql);
    expect(second!.variables).toEqual({
      owner: OWNER,
      repo: REPO,
      f0: `${HEAD_SHA}:deploy/db/compose.yaml`,
      f1: `${HEAD_SHA}:deploy/common.yaml`,
    });
    const updates = gh.bodies<{ output: { annotations?: Annotation[] } }>(ROUTES.updateCheck);
    const annotations = updates.flatMap((u) => u.output.annotations ?? []);
    // `db` comes from the include; `cache` is declared nowhere; `wrker` is not in common.yaml: both findings are
    // review comments, so neither is an annotation too
    expect(annotations).toEqual([]);
    // the same rule twice in one hunk: one comment at the first place, "also on line 8"; the summary lists both
    const [review] = gh.bodies<{ comments: { path: string; line: number; body: string }[] }>(
      ROUTES.createReview,
    );
    expect(review!.comments.map((c) => [c.path, c.line])).toEqual([['deploy/compose.yaml', 6]]);
    expect(plainText(review!.comments[0]!.body)).toContain(
      'Service app refers in depends_on to the service cache, which is not a service of this file nor of the files it includes',
    );
    const summary = plainText(
      (updates[updates.length - 1] as { output: { summary: string } }).output.summary,
    );
    expect(summary).toContain('Service worker extends wrker, which common.yaml does not define');
  });
});
