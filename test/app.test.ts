import nock from 'nock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Probot } from 'probot';
import { FakeGitHub, HEAD_SHA, ROUTES, fixture, makeProbot, pullRequestPayload } from './helpers/github.js';

let gh: FakeGitHub;
let probot: Probot;

beforeAll(() => {
  nock.disableNetConnect();
});
beforeEach(async () => {
  gh = new FakeGitHub();
  probot = await makeProbot();
});
afterEach(() => {
  gh.dispose();
  nock.cleanAll();
});

describe('explore', () => {
  it('runs', async () => {
    const path = 'services/api/Dockerfile';
    gh.token()
      .createCheckRun()
      .listFiles([{ path, status: 'modified', patch: fixture('findings/Dockerfile.patch') }])
      .graphql({ head: { [path]: fixture('findings/Dockerfile') } })
      .listReviewComments()
      .getPull()
      .createReview()
      .updateCheckRun();
    await probot.receive({ id: '1', name: 'pull_request', payload: pullRequestPayload() } as never);
    console.log(JSON.stringify(gh.requests.map((r) => [r.route, r.body]), null, 1));
    gh.verify();
  });
});
