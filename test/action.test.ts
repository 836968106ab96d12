/**
 * The GitHub Action's entry point in a simulated Actions environment: an event payload file built from
 * @octokit/webhooks-examples, the `GITHUB_*` and `INPUT_*` variables, temporary `GITHUB_OUTPUT` and
 * `GITHUB_STEP_SUMMARY` files, and the nock fake of api.github.com (which records every request, validates its body
 * against GitHub's OpenAPI description and fails on anything unexpected). Workflow commands are read back from
 * standard output the way the runner reads them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import nock from 'nock';
import type { Log } from 'sarif';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runAction } from '../src/action/run.js';
import { docsUrl } from '../src/lint/rules/index.js';
import {
  API,
  CHECK_RUN_ID,
  FakeGitHub,
  HEAD_SHA,
  OWNER,
  PR_NUMBER,
  REPO,
  ROUTES,
  fixture,
  onlyRules,
  pullRequestPayload,
  type GraphqlCall,
} from './helpers/github.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SARIF_SCHEMA = join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const DOCKERFILE = 'services/api/Dockerfile';
/** Every other rule is off, so new rules in the lint core do not move these tests (as in test/app.test.ts). */
const RULES = ['prefer-slim-base', 'apt-clean-lists', 'no-maintainer', 'npm-ci', 'exec-form', 'no-cd-in-run'];
// The fixture's error is its MAINTAINER line: `no-maintainer` is info by default (the image builds fine), so the
// config grades it as an error, as a team that wants it gone would (and the lone shell-form CMD, info by default, a
// warning); `comment_on: info` makes `apt-clean-lists`
// (graded info: a warning by default in a runtime image's last stage) a comment too, with its multi-line suggestion.
const GRADES = '  no-maintainer: error\n  exec-form: warning\n  apt-clean-lists: info\n';
const CONFIG = `comment_on: info\n${onlyRules(RULES, GRADES)}`;
const TOKEN = 'ghs_workflowtoken';
const RUN_URL = `https://github.com/${OWNER}/${REPO}/actions/runs/777`;
const MERGE_SHA = 'e'.repeat(40);
/** The fixture's findings as annotations (most severe first, then by line): rule, line, level. */
const EXPECTED_ANNOTATIONS = [
  ['no-maintainer', 5, 'failure'],
  ['npm-ci', 7, 'warning'],
  ['exec-form', 10, 'warning'],
  ['prefer-slim-base', 1, 'notice'],
  ['apt-clean-lists', 3, 'notice'],
];
const NO_RETRIES = { retry: { enabled: false }, throttle: { enabled: false as const } };

interface Command {
  name: string;
  properties: Record<string, string>;
  message: string;
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

let dir: string;
let workspace: string;
let gh: FakeGitHub;
let stdout: string;
let authorizations: (string | null)[];

beforeAll(() => {
  nock.disableNetConnect();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dockreview-action-'));
  workspace = join(dir, 'workspace');
  gh = new FakeGitHub();
  authorizations = [];
  gh.scope.on('request', (req: Request) => authorizations.push(req.headers.get('authorization')));
  stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  gh.dispose();
  nock.cleanAll();
  rmSync(dir, { recursive: true, force: true });
});

/** A checked-out repository: the config at its root and the fixture Dockerfile. */
function checkout(files: Record<string, string> = {}): void {
  mkdirSync(join(workspace, '.git'), { recursive: true });
  const all = { '.github/dockreview.yml': CONFIG, [DOCKERFILE]: fixture('findings/Dockerfile'), ...files };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(join(workspace, path, '..'), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
}

/** The runner's environment for one step: the event file, the `GITHUB_*` variables and the inputs. */
function environment(
  eventName: string,
  payload: object,
  inputs: Record<string, string> = {},
  o: { workspace?: boolean } = {},
): Record<string, string> {
  const eventPath = join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(payload));
  writeFileSync(join(dir, 'output'), '');
  writeFileSync(join(dir, 'summary'), '');
  const env: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_API_URL: API,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '777',
    GITHUB_SHA: MERGE_SHA,
    GITHUB_WORKSPACE: o.workspace === false ? '' : workspace,
    RUNNER_TEMP: join(dir, 'temp'),
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    INPUT_TOKEN: TOKEN,
    INPUT_CONFIG: '',
    'INPUT_FAIL-ON': 'conclusion',
    'INPUT_SARIF-FILE': '',
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  return env;
}

/** Runs the action in this process with `env` as the step's environment; retries and throttling off. */
async function run(env: Record<string, string>): Promise<number> {
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  return runAction(NO_RETRIES);
}

/** The step's outputs as the runner reads `GITHUB_OUTPUT` (`name<<delimiter` … `delimiter`). */
function outputs(): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = readFileSync(join(dir, 'output'), 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([\w-]+)<<(ghadelimiter_[\w-]+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; lines[i] !== m[2]; i++) value.push(lines[i]!);
    out[m[1]!] = value.join('\n');
  }
  return out;
}

function unescape(s: string): string {
  return s
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');
}

/** Workflow commands on standard output (`::name key=value,…::message`). */
function commands(text = stdout): Command[] {
  const out: Command[] = [];
  for (const line of text.split('\n')) {
    const m = /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const properties: Record<string, string> = {};
    for (const pair of m[2] ? m[2].split(',') : []) {
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1));
    }
    out.push({ name: m[1]!, properties, message: unescape(m[3]!) });
  }
  return out;
}

function fileAnnotations(): Command[] {
  return commands().filter((c) => c.properties.file !== undefined);
}

function summary(): string {
  return readFileSync(join(dir, 'summary'), 'utf8');
}

function forkPayload(): Record<string, unknown> {
  const payload = pullRequestPayload();
  const pr = payload.pull_request as {
    head: { repo: { full_name: string } };
    base: { repo: { full_name: string } };
  };
  pr.base.repo.full_name = `${OWNER}/${REPO}`;
  pr.head.repo.full_name = `contributor/${REPO}`;
  return payload;
}

let validateSarif: ValidateFunction;
function sarifValidator(): ValidateFunction {
  // the OASIS schema is draft-04; test/sarif.test.ts explains these settings
  if (validateSarif) return validateSarif;
  const schema = JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  delete schema.id;
  validateSarif = new Ajv({
    strict: false,
    allErrors: true,
    validateFormats: false,
    unicodeRegExp: false,
  }).compile(schema);
  return validateSarif;
}

describe('a pull request, with a token that can write', () => {
  it('posts the check run, one review with suggestions and the completed check run; writes SARIF and outputs', async () => {
    checkout();
    let graphql: GraphqlCall | undefined;
    gh.createCheckRun()
      .listFiles([{ path: DOCKERFILE, status: 'modified', patch: fixture('findings/Dockerfile.patch') }])
      .graphql(
        {
          defaultBranch: { '.github/dockreview.yml': CONFIG },
          head: { [DOCKERFILE]: fixture('findings/Dockerfile') },
        },
        { onCall: (c) => (graphql = c) },
      )
      .getPull()
      .createReview()
      .updateCheckRun();

    const code = await run(
      environment('pull_request', pullRequestPayload(), { 'sarif-file': 'out/dockreview.sarif' }),
    );
    gh.verify();

    // the app's flow, request for request, with the workflow's token and no installation token (6 requests: the
    // review comments come with the contents query)
    expect(gh.calls()).toEqual([
      ROUTES.createCheck,
      ROUTES.listFiles,
      ROUTES.graphql,
      ROUTES.getPull,
      ROUTES.createReview,
      ROUTES.updateCheck,
    ]);
    expect(gh.on(ROUTES.token)).toEqual([]);
    expect(new Set(authorizations)).toEqual(new Set([`token ${TOKEN}`]));

    // the check run: on the pull request's head (not the merge commit), linking to the workflow run
    expect(gh.bodies(ROUTES.createCheck)).toEqual([
      {
        name: 'dockreview',
        head_sha: HEAD_SHA,
        status: 'in_progress',
        external_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        started_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        output: {
          title: 'Reviewing container files…',
          summary: 'dockreview is reading the changed Dockerfiles and Compose files.',
        },
        details_url: RUN_URL,
      },
    ]);
    // config and contents from the same GraphQL query as the app: the repository's and the org's config
    expect(graphql!.variables).toMatchObject({
      f0: `${HEAD_SHA}:${DOCKERFILE}`,
      f3: 'HEAD:.github/dockreview.yml',
      f7: 'HEAD:.github/dockreview.yml',
    });

    // one review with the suggestions, on the head commit
    const [review] = gh.bodies<{
      commit_id: string;
      event: string;
      comments: { path: string; line: number; start_line?: number; body: string }[];
    }>(ROUTES.createReview);
    expect(review!.commit_id).toBe(HEAD_SHA);
    expect(review!.event).toBe('COMMENT');
    expect(review!.comments.map((c) => [c.path, c.start_line, c.line])).toEqual([
      [DOCKERFILE, 3, 4],
      [DOCKERFILE, undefined, 5],
    ]);
    expect(review!.comments[0]!.body).toContain(
      [
        '```suggestion',
        'RUN apt-get update \\',
        '    && apt-get install -y --no-install-recommends curl \\',
        '    && rm -rf /var/lib/apt/lists/*',
        '```',
      ].join('\n'),
    );
    expect(review!.comments[1]!.body).toContain(
      '```suggestion\nLABEL org.opencontainers.image.authors="dev@example.com"\n```',
    );

    // the check run completed with the conclusion and an annotation per finding
    const [done] = gh.bodies<{
      status: string;
      conclusion: string;
      output: { title: string; annotations: Annotation[] };
    }>(ROUTES.updateCheck);
    expect(gh.on(ROUTES.updateCheck)[0]!.path).toBe(`/repos/${OWNER}/${REPO}/check-runs/${CHECK_RUN_ID}`);
    expect(done!.status).toBe('completed');
    expect(done!.conclusion).toBe('failure');
    expect(done!.output.title).toBe('1 error, 1 info on changed lines (3 pre-existing)');
    // the findings on lines 3 and 5 are in the review's comments: no annotation repeats them
    expect(
      done!.output.annotations.map((a) => [a.title.split(' ')[0], a.start_line, a.annotation_level]),
    ).toEqual(EXPECTED_ANNOTATIONS.filter(([, line]) => line !== 3 && line !== 5));

    // the step: outputs, the job summary, fails as the check run does; no annotations of its own (the check run has them)
    const sarifFile = join(workspace, 'out/dockreview.sarif');
    expect(outputs()).toEqual({
      findings: '5',
      comments: '2',
      conclusion: 'failure',
      mode: 'review',
      'sarif-file': sarifFile,
    });
    expect(summary()).toContain('## dockreview: 1 error, 1 info on changed lines (3 pre-existing)');
    expect(summary()).toContain(`Posted on pull request #${PR_NUMBER} (${HEAD_SHA.slice(0, 7)})`);
    expect(fileAnnotations()).toEqual([]);
    expect(
      commands()
        .filter((c) => c.name === 'error')
        .map((c) => c.message),
    ).toEqual(['dockreview: 1 error, 1 info on changed lines (3 pre-existing) (fail-on: conclusion)']);
    expect(code).toBe(1);

    // SARIF of the checked-out repository: valid 2.1.0, paths relative to the repository root
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8')) as Log;
    expect(sarifValidator()(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(sarif.version).toBe('2.1.0');
    const results = sarif.runs[0]!.results!;
    expect(new Set(results.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri))).toEqual(
      new Set([DOCKERFILE]),
    );
    expect(results.find((r) => r.ruleId === 'no-maintainer')).toMatchObject({
      level: 'error',
      locations: [{ physicalLocation: { region: { startLine: 5 } } }],
    });
    expect(sarif.runs[0]!.tool.driver.rules!.find((r) => r.id === 'no-maintainer')!.helpUri).toBe(
      docsUrl('no-maintainer'),
    );
  });
});

describe('a pull request, with a read-only token (from a fork)', () => {
  it('falls back to an annotation per finding and a job summary when the check run is refused; fails per fail-on', async () => {
    gh.scope.post(`/repos/${OWNER}/${REPO}/check-runs`).reply(403, {
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/checks/runs#create-a-check-run',
    });
    gh.listFiles([{ path: DOCKERFILE, status: 'modified', patch: fixture('findings/Dockerfile.patch') }])
      .graphql({
        defaultBranch: { '.github/dockreview.yml': CONFIG },
        head: { [DOCKERFILE]: fixture('findings/Dockerfile') },
      })
      .getPull();
    gh.scope
      .post(`/repos/${OWNER}/${REPO}/pulls/${PR_NUMBER}/reviews`)
      .reply(403, { message: 'Resource not accessible by integration' });

    const code = await run(environment('pull_request', forkPayload(), {}, { workspace: false }));
    gh.verify();

    // the check run refused, the flow runs again without one: the same reads, the review tried once (refused too),
    // and no check-run update
    expect(gh.calls()).toEqual([
      ROUTES.createCheck,
      ROUTES.listFiles,
      ROUTES.graphql,
      ROUTES.getPull,
      ROUTES.createReview,
    ]);

    // every finding is a workflow annotation with the check run's file, lines, columns, title and message
    expect(
      fileAnnotations().map((c) => [c.properties.title!.split(' ')[0], Number(c.properties.line), c.name]),
    ).toEqual(
      EXPECTED_ANNOTATIONS.map(([rule, line, level]) => [rule, line, level === 'failure' ? 'error' : level]),
    );
    expect(stdout).toContain(
      '::error title=no-maintainer (DL4000%2C MaintainerDeprecated%2C CKV_DOCKER_6%2C DS-0022),file=services/api/Dockerfile,line=5,endLine=5,col=1,endColumn=11::MAINTAINER is deprecated: record dev@example.com as LABEL org.opencontainers.image.authors="dev@example.com" instead.%0AFix: replace with LABEL org.opencontainers.image.authors.\n',
    );
    expect(
      commands()
        .filter((c) => c.name === 'notice' && !c.properties.file)
        .map((c) => c.message),
    ).toEqual([
      "dockreview could not create its check run: the token is read-only (a pull request from a fork). Its findings are this step's annotations.",
    ]);

    expect(outputs()).toEqual({
      findings: '5',
      comments: '0',
      conclusion: 'failure',
      mode: 'annotations',
      'sarif-file': '',
    });
    const text = summary();
    expect(text).toContain('## dockreview: 1 error, 1 info on changed lines (3 pre-existing)');
    expect(text).toContain(
      '> The token could not create the `dockreview` check run (GitHub answered 403: Resource not accessible by integration - https://docs.github.com/rest/checks/runs#create-a-check-run): every finding is an annotation of this step and listed below.',
    );
    expect(text).toContain(
      '> The review comments could not be posted (GitHub answered 403: Resource not accessible by integration); every finding is in the findings table below.',
    );
    expect(text).toContain('### Every finding');
    expect(text).toContain(
      // escaped like any text from the repository: `_` cannot start emphasis, `@` cannot mention
      '| `services/api/Dockerfile:5:1` | no-maintainer (DL4000, MaintainerDeprecated, CKV\\_DOCKER\\_6, DS-0022) | failure | MAINTAINER is deprecated: record dev@\u200dexample.com as',
    );
    expect(code).toBe(1);
  });

  it('passes with fail-on: never, annotations still shown', async () => {
    gh.scope
      .post(`/repos/${OWNER}/${REPO}/check-runs`)
      .reply(403, { message: 'Resource not accessible by integration' });
    gh.listFiles([{ path: DOCKERFILE, status: 'modified', patch: fixture('findings/Dockerfile.patch') }])
      .graphql({
        defaultBranch: { '.github/dockreview.yml': CONFIG },
        head: { [DOCKERFILE]: fixture('findings/Dockerfile') },
      })
      .getPull();
    gh.scope
      .post(`/repos/${OWNER}/${REPO}/pulls/${PR_NUMBER}/reviews`)
      .reply(403, { message: 'Resource not accessible by integration' });

    const code = await run(environment('pull_request', forkPayload(), { 'fail-on': 'never' }));
    gh.verify();
    expect(fileAnnotations()).toHaveLength(5);
    expect(commands().filter((c) => c.name === 'error' && !c.properties.file)).toEqual([]);
    expect(outputs().conclusion).toBe('failure');
    expect(code).toBe(0);
  });
});

describe('fail-on a severity, on a pull request', () => {
  // annotations have three levels for five severities: fail-on reads the findings' own severities
  it.each([
    ['info', 0],
    ['style', 1],
  ] as const)('fail-on: %s with one style finding exits %d', async (failOn, exit) => {
    gh.scope
      .post(`/repos/${OWNER}/${REPO}/check-runs`)
      .reply(403, { message: 'Resource not accessible by integration' });
    gh.listFiles([{ path: DOCKERFILE, status: 'modified', patch: fixture('findings/Dockerfile.patch') }])
      .graphql({
        defaultBranch: {
          '.github/dockreview.yml': onlyRules(['prefer-slim-base'], '  prefer-slim-base: style\n'),
        },
        head: { [DOCKERFILE]: fixture('findings/Dockerfile') },
      })
      .getPull();
    // the finding is on a line the pull request did not change: no review to post

    const code = await run(environment('pull_request', forkPayload(), { 'fail-on': failOn }));
    gh.verify();
    expect(fileAnnotations().map((c) => [c.properties.title!.split(' ')[0], c.name])).toEqual([
      ['prefer-slim-base', 'notice'],
    ]);
    expect(outputs().conclusion).toBe('success');
    expect(code).toBe(exit);
  });
});

describe('a review that cannot be done', () => {
  it('an invalid config fails the check run and the step, whatever fail-on says', async () => {
    gh.createCheckRun()
      .listFiles([{ path: DOCKERFILE, status: 'modified', patch: fixture('findings/Dockerfile.patch') }])
      .graphql({
        head: { [DOCKERFILE]: fixture('findings/Dockerfile') },
        defaultBranch: { '.github/dockreview.yml': fixture('invalid-config.yml') },
      })
      .updateCheckRun();

    const code = await run(environment('pull_request', pullRequestPayload(), { 'fail-on': 'never' }));
    gh.verify();
    expect(gh.calls()).toEqual([ROUTES.createCheck, ROUTES.listFiles, ROUTES.graphql, ROUTES.updateCheck]);
    expect(gh.bodies(ROUTES.updateCheck)[0]).toMatchObject({
      conclusion: 'failure',
      output: { title: 'Invalid dockreview configuration' },
    });
    expect(outputs()).toMatchObject({ findings: '0', conclusion: 'failure', mode: 'review' });
    expect(
      commands()
        .filter((c) => c.name === 'error')
        .map((c) => c.message),
    ).toEqual(['dockreview: Invalid configuration: .github/dockreview.yml:3:1: unknown key `max_coments`']);
    expect(summary()).toContain('## dockreview: Invalid dockreview configuration');
    expect(code).toBe(1);
  });

  it('a pull request whose token lacks checks: write (not a fork) says which permission to grant', async () => {
    gh.scope
      .post(`/repos/${OWNER}/${REPO}/check-runs`)
      .reply(403, { message: 'Resource not accessible by integration' });
    gh.listFiles([{ path: 'README.md', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b' }]).graphql({});

    const code = await run(environment('pull_request', pullRequestPayload()));
    gh.verify();
    expect(gh.calls()).toEqual([ROUTES.createCheck, ROUTES.listFiles, ROUTES.graphql]);
    expect(
      commands()
        .filter((c) => c.name === 'notice')
        .map((c) => c.message),
    ).toEqual([
      "dockreview could not create its check run: the token may not write checks (does the workflow grant `checks: write`?). Its findings are this step's annotations.",
    ]);
    expect(outputs()).toMatchObject({ findings: '0', conclusion: 'success', mode: 'annotations' });
    expect(code).toBe(0);
  });
});

describe("the org's .github repository, unreadable with a workflow token", () => {
  it.each([
    ['does not resolve (NOT_FOUND)', 'missing'],
    ['is forbidden (FORBIDDEN)', 'forbidden'],
  ] as const)('the review goes on with the defaults when it %s', async (_what, kind) => {
    let query = '';
    gh.createCheckRun().listFiles([{ path: 'README.md', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b' }]);
    if (kind === 'missing') gh.graphql({ org: 'missing' }, { onCall: (c) => (query = c.query) });
    else
      gh.scope.post('/graphql').reply(200, async (req: Request) => {
        query = ((await req.json()) as GraphqlCall).query;
        return {
          data: { repository: {}, org: null },
          errors: [{ type: 'FORBIDDEN', path: ['org'], message: 'Resource not accessible by integration' }],
        };
      });
    gh.updateCheckRun();

    const code = await run(environment('pull_request', pullRequestPayload()));
    gh.verify();

    expect(query).toContain('org: repository(owner: $owner, name: ".github")');
    expect(gh.calls()).toEqual([ROUTES.createCheck, ROUTES.listFiles, ROUTES.graphql, ROUTES.updateCheck]);
    expect(gh.bodies(ROUTES.updateCheck)[0]).toMatchObject({
      status: 'completed',
      conclusion: 'success',
      output: { title: 'No Dockerfile or Compose file changed' },
    });
    expect(outputs()).toMatchObject({ findings: '0', conclusion: 'success', mode: 'review' });
    expect(commands().filter((c) => c.name === 'error')).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('other events lint the checked-out repository', () => {
  it('annotates every finding, writes SARIF and the outputs, and calls no API', async () => {
    checkout({ 'deploy/compose.yaml': 'services:\n  web:\n    build: ../services/api\n' });
    const code = await run(
      environment('push', { ref: 'refs/heads/main' }, { 'sarif-file': 'dockreview.sarif' }),
    );
    gh.verify();
    expect(gh.requests).toEqual([]);

    expect(
      fileAnnotations().map((c) => [
        c.properties.file,
        c.properties.title!.split(' ')[0],
        Number(c.properties.line),
        c.name,
      ]),
    ).toEqual(
      EXPECTED_ANNOTATIONS.map(([rule, line, level]) => [
        DOCKERFILE,
        rule,
        line,
        level === 'failure' ? 'error' : level,
      ]),
    );
    const sarifFile = join(workspace, 'dockreview.sarif');
    expect(outputs()).toEqual({
      findings: '5',
      comments: '0',
      conclusion: 'failure',
      mode: 'workspace',
      'sarif-file': sarifFile,
    });
    expect(summary()).toContain('## dockreview: 5 problems (1 error, 2 warnings, 2 info)');
    expect(summary()).toContain(
      `**2** container files linted in the workspace at ${MERGE_SHA.slice(0, 7)}; config: \`${join(workspace, '.github/dockreview.yml')}\`.`,
    );
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8')) as Log;
    expect(sarifValidator()(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(sarif.runs[0]!.results).toHaveLength(5);
    expect(code).toBe(1);
  });

  const CONFIGS = {
    fixture: CONFIG,
    'info-only': onlyRules(['prefer-slim-base', 'apt-clean-lists'], '  apt-clean-lists: info\n'),
  };
  it.each([
    { failOn: 'conclusion', rules: 'fixture', exit: 1 },
    { failOn: 'never', rules: 'fixture', exit: 0 },
    { failOn: 'error', rules: 'fixture', exit: 1 },
    { failOn: 'conclusion', rules: 'info-only', exit: 0 },
    { failOn: 'warning', rules: 'info-only', exit: 0 },
    { failOn: 'info', rules: 'info-only', exit: 1 },
    { failOn: 'style', rules: 'info-only', exit: 1 },
  ] as const)('fail-on: $failOn with the $rules rules exits $exit', async ({ failOn, rules, exit }) => {
    checkout({ '.github/dockreview.yml': CONFIGS[rules] });
    const code = await run(environment('workflow_dispatch', {}, { 'fail-on': failOn }));
    expect(code).toBe(exit);
    expect(commands().filter((c) => c.name === 'error' && !c.properties.file).length).toBe(exit);
  });

  it('reads the config the `config` input names', async () => {
    checkout({
      'ci/strict.yml': onlyRules(
        ['prefer-slim-base', 'apt-clean-lists'],
        '  apt-clean-lists: info\nfail_on: info\n',
      ),
    });
    const code = await run(environment('push', {}, { config: 'ci/strict.yml' }));
    expect(fileAnnotations().map((c) => c.properties.title)).toEqual([
      'prefer-slim-base',
      'apt-clean-lists (DL3009, DFL:apt-get_missing_rm)',
    ]);
    expect(outputs()).toMatchObject({ findings: '2', conclusion: 'failure' });
    expect(code).toBe(1);
  });

  it('says what to do when nothing was checked out', async () => {
    const code = await run(environment('push', {}, {}, { workspace: false }));
    expect(commands()).toEqual([
      {
        name: 'error',
        properties: {},
        message:
          'dockreview: `push` is not a pull request event, so dockreview lints the checked-out repository, but GITHUB_WORKSPACE is not set: run actions/checkout first, or run dockreview on `pull_request`',
      },
    ]);
    expect(code).toBe(1);
  });
});

describe('set-up errors', () => {
  it('a pull request without a token: a clear error, no request', async () => {
    const code = await run(environment('pull_request', pullRequestPayload(), { token: '' }));
    gh.verify();
    expect(gh.requests).toEqual([]);
    expect(commands()).toEqual([
      {
        name: 'error',
        properties: {},
        message:
          'dockreview: the `token` input is empty, and reviewing a pull request needs one: leave it unset for `${{ github.token }}` (with `checks: write` and `pull-requests: write` permissions) or pass a token',
      },
    ]);
    expect(code).toBe(1);
  });

  it('an unknown fail-on value', async () => {
    const code = await run(environment('pull_request', pullRequestPayload(), { 'fail-on': 'warnings' }));
    expect(commands().map((c) => c.message)).toEqual([
      'dockreview: the `fail-on` input must be one of conclusion, error, warning, info, style, never, not `warnings`',
    ]);
    expect(code).toBe(1);
  });

  it('a pull_request event whose payload has no pull request', async () => {
    const code = await run(environment('pull_request', { action: 'opened' }));
    expect(commands().map((c) => c.message)).toEqual([
      'dockreview: the event payload has no `pull_request` with a number and a head commit',
    ]);
    expect(code).toBe(1);
  });

  it('a closed pull request is skipped', async () => {
    const code = await run(environment('pull_request', pullRequestPayload({ state: 'closed' })));
    gh.verify();
    expect(gh.requests).toEqual([]);
    expect(outputs()).toMatchObject({ mode: 'skipped', conclusion: 'neutral' });
    expect(code).toBe(0);
  });

  it('a wrong DOCKREVIEW_SHELLCHECK_TIMEOUT_MS fails the step before any work', async () => {
    checkout();
    const env = environment('push', {});
    env.DOCKREVIEW_SHELLCHECK_TIMEOUT_MS = '0';
    const code = await run(env);
    expect(commands().map((c) => c.message)).toEqual([
      'dockreview: DOCKREVIEW_SHELLCHECK_TIMEOUT_MS: must be a whole number of milliseconds from 1 to 2147483647, not `0`',
    ]);
    expect(fileAnnotations()).toEqual([]);
    expect(code).toBe(1);
  });

  it("a repository config naming the ShellCheck executable fails the step, and it never runs; the step's environment is used", async () => {
    const evil = join(dir, 'evil');
    writeFileSync(evil, `#!/bin/sh\ntouch "${evil}.ran"\necho '{"comments":[]}'\n`, { mode: 0o755 });
    checkout({
      '.github/dockreview.yml': `rules:\n  shellcheck:\n    shellcheckPath: ${evil}\n`,
      Dockerfile: 'FROM debian:12\nRUN echo $HOME\n',
    });
    const code = await run(environment('push', {}));
    expect(commands().map((c) => c.message)).toEqual([
      expect.stringContaining(
        '.github/dockreview.yml:3:5: `rules.shellcheck.shellcheckPath` is not read from config files',
      ),
    ]);
    expect(existsSync(`${evil}.ran`)).toBe(false);
    expect(code).toBe(1);

    const host = join(dir, 'host-shellcheck');
    writeFileSync(host, `#!/bin/sh\ntouch "${host}.ran"\necho '{"comments":[]}'\n`, { mode: 0o755 });
    writeFileSync(join(workspace, '.github/dockreview.yml'), 'rules:\n  shellcheck: warning\n');
    const env = environment('push', {});
    env.DOCKREVIEW_SHELLCHECK = host;
    await run(env);
    expect(existsSync(`${host}.ran`)).toBe(true);
  });
});

describe('the committed bundle (bundle/action.js) as the runner starts it', () => {
  const MAIN = join(ROOT, 'bundle/action.js');

  function spawnAction(env: Record<string, string>): { status: number | null; stdout: string } {
    const r = spawnSync(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
    });
    return { status: r.status, stdout: r.stdout };
  }

  it('exits 1 with an error command when the token is missing', () => {
    const r = spawnAction(environment('pull_request', pullRequestPayload(), { token: '' }));
    expect(r.status).toBe(1);
    expect(commands(r.stdout).map((c) => c.name)).toEqual(['error']);
    expect(commands(r.stdout)[0]!.message).toMatch(/^dockreview: the `token` input is empty/);
  });

  it('lints the workspace on a push: annotations, outputs, exit code', () => {
    checkout();
    const r = spawnAction(environment('push', {}));
    expect(r.status).toBe(1);
    expect(
      commands(r.stdout)
        .filter((c) => c.properties.file)
        .map((c) => c.properties.line),
    ).toEqual(['5', '7', '10', '1', '3']);
    expect(outputs()).toMatchObject({ findings: '5', conclusion: 'failure', mode: 'workspace' });
  });
});

describe('action.yml', () => {
  interface ActionYml {
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, { description: string; value?: string }>;
    runs: { using: string; main: string; steps?: unknown };
  }
  const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYml;

  it("runs the committed bundle on the runner's Node, with nothing to install or build", () => {
    // a JavaScript action: the runner passes every input as the INPUT_* variable @actions/core reads
    expect(Object.keys(action.inputs)).toEqual(['token', 'config', 'fail-on', 'sarif-file']);
    expect(action.inputs.token!.default).toBe('${{ github.token }}');
    expect(action.runs).toEqual({ using: 'node20', main: 'bundle/action.js' });
    expect(existsSync(join(ROOT, action.runs.main))).toBe(true);
    // the bundle's shell parser reads its WebAssembly beside it
    for (const wasm of ['tree-sitter.wasm', 'tree-sitter-bash.wasm'])
      expect(existsSync(join(ROOT, 'bundle', wasm))).toBe(true);
  });

  it('declares the outputs the entry point writes', async () => {
    checkout();
    await run(environment('push', {}));
    expect(Object.keys(action.outputs)).toEqual(Object.keys(outputs()));
    // `value:` is for composite actions: a JavaScript action's outputs are what it writes
    for (const o of Object.values(action.outputs)) expect(o.value).toBeUndefined();
  });
});
