/**
 * The security review's proof inputs, through the real review flow (a Probot app receiving a signed event, a strict
 * fake GitHub): each review ends promptly, and wherever it could not look at everything it concludes `failure` with a
 * line saying what was not reviewed, never `success`. Text from the pull request renders nothing live.
 */
import type { Probot } from 'probot';
import { describe, expect, it } from 'vitest';
import {
  FakeGitHub,
  ROUTES,
  addedFilePatch,
  onlyRules,
  pullRequestPayload,
  type FakeFile,
  type GraphqlFiles,
  useFakeGitHub,
} from './helpers/github.js';

interface CheckUpdate {
  conclusion?: string;
  output: { title: string; summary: string; annotations?: { message: string }[] };
}
interface ReviewBody {
  body: string;
  comments: { path: string; body: string }[];
}

let gh: FakeGitHub;
let probot: Probot;

useFakeGitHub((g, p) => {
  gh = g;
  probot = p;
});

const config = (rules: string[], extra = ''): Record<string, string> => ({
  '.github/dockreview.yml': onlyRules(rules, extra),
});

/** Receives one pull_request event and says how long the whole review took. */
async function review(): Promise<number> {
  const started = performance.now();
  await probot.receive({ id: 'delivery', name: 'pull_request', payload: pullRequestPayload() } as never);
  return performance.now() - started;
}

function completed(): CheckUpdate {
  const updates = gh.bodies<CheckUpdate>(ROUTES.updateCheck);
  return updates[updates.length - 1]!;
}

const added = (path: string, text: string): FakeFile => ({ path, patch: addedFilePatch(text) });

/**
 * One review against exactly the requests it should make: the check run, the files, the contents query (with the
 * existing review comments; and a truncated blob fetched whole), the head, a review when comments are posted, the
 * completed check run.
 */
async function reviewed(
  files: FakeFile[],
  contents: GraphqlFiles,
  o: { blob?: string; review?: boolean } = {},
): Promise<number> {
  gh.token().createCheckRun().listFiles(files).graphql(contents);
  if (o.blob !== undefined) gh.getBlob(o.blob);
  gh.getPull();
  if (o.review) gh.createReview();
  gh.updateCheckRun();
  const ms = await review();
  gh.verify();
  return ms;
}

describe('a review that could not look at everything fails, saying what it missed', () => {
  it('a file GitHub reports as binary (one NUL byte in a comment is enough)', async () => {
    const text = '# \0\nFROM alpine:3.20\n';
    await reviewed([added('Dockerfile', text)], {
      defaultBranch: config(['no-tls-verify-disabled']),
      head: { Dockerfile: { text, isBinary: true } },
    });
    expect(completed().conclusion).toBe('failure');
    expect(completed().output.summary).toMatch(
      /^❌ \*\*This check fails because not everything was reviewed:\*\*\n\n- `Dockerfile` was not reviewed: GitHub reports it as binary\./,
    );
  });

  it('a blob GitHub returns without text', async () => {
    await reviewed([added('Dockerfile', 'FROM alpine\n')], {
      defaultBranch: config(['no-tls-verify-disabled']),
      head: { Dockerfile: { text: 'FROM alpine\n', noText: true } },
    });
    expect(completed().conclusion).toBe('failure');
    expect(completed().output.summary).toContain(
      '- `Dockerfile` was not reviewed: its content could not be read at this commit.',
    );
  });

  it('a blob GitHub cut short is fetched whole (git blobs API) and reviewed whole', async () => {
    const whole = `FROM alpine:3.20\n${'# padding\n'.repeat(50)}RUN curl -k https://example.com/x | sh\n`;
    await reviewed(
      [added('Dockerfile', whole)],
      {
        defaultBranch: config(['no-tls-verify-disabled']),
        head: { Dockerfile: { text: whole.slice(0, 40), isTruncated: true, whole } },
      },
      { blob: whole, review: true },
    );
    // the finding is on the last line, beyond what GraphQL sent
    expect(completed().conclusion).toBe('failure');
    expect(completed().output.summary).not.toContain('not everything was reviewed');
    expect(gh.bodies<ReviewBody>(ROUTES.createReview)[0]!.comments).toMatchObject([{ path: 'Dockerfile' }]);
  });

  it('a pull request at the 3 000 files GitHub lists: files beyond them were not seen', async () => {
    const files: FakeFile[] = [];
    for (let i = 0; i < 3000; i++) files.push({ path: `docs/page${i}.md`, patch: '@@ -0,0 +1 @@\n+x' });
    await reviewed(files, { defaultBranch: config([]) });
    expect(completed().conclusion).toBe('failure');
    expect(completed().output.summary).toContain(
      'GitHub lists only the first 3,000 files of a pull request, and this one has at least that many',
    );
  });

  it('running out of the time budget (400 `curl -k` RUNs against a 1 ms budget): failure, never success', async () => {
    // big enough that parsing alone outlasts the budget on any machine: a file one fast rule can finish within 1 ms
    // made this test depend on the machine's speed
    const text = `FROM alpine:3.20\n${'RUN curl -k https://example.com/install.sh -o /tmp/i.sh && sh /tmp/i.sh\n'.repeat(400)}`;
    await reviewed([added('Dockerfile', text)], {
      defaultBranch: config(['no-tls-verify-disabled', 'no-maintainer'], 'limits: { time_budget_ms: 1 }\n'),
      head: { Dockerfile: text },
    });
    expect(completed().conclusion).toBe('failure');
    expect(completed().output.title).toMatch(/^Not fully reviewed: /);
    expect(completed().output.summary).toMatch(
      /- `Dockerfile` was not fully reviewed: linting it ran past its 1 ms time budget, so \d+ rules? (was|were) skipped\./,
    );
  });
});

describe('pragmas the pull request adds are shown', () => {
  it('`# dockreview global ignore=all` is named in the check-run summary with what it silenced', async () => {
    const text = '# dockreview global ignore=all\nFROM alpine:3.20\nRUN curl -k https://example.com/x | sh\n';
    await reviewed([added('Dockerfile', text)], {
      defaultBranch: config(['no-tls-verify-disabled']),
      head: { Dockerfile: text },
    });
    // nothing left to fail on (the pragma is honoured under `pragmas: all`), but nobody can miss it
    expect(completed().conclusion).toBe('success');
    expect(completed().output.summary).toContain(
      '### Pragmas this pull request adds\n\n- `Dockerfile` line 1 adds `# dockreview global ignore=all`, which silences **every rule**: 1 finding silenced (worst: error) — `no-tls-verify-disabled`.',
    );
  });

  it('`pragmas: base-only`: a pragma the pull request adds is not honoured, and the summary says so', async () => {
    const text = '# dockreview global ignore=all\nFROM alpine:3.20\nRUN curl -k https://example.com/x | sh\n';
    await reviewed(
      [added('Dockerfile', text)],
      {
        defaultBranch: config(['no-tls-verify-disabled'], 'pragmas: base-only\n'),
        head: { Dockerfile: text },
      },
      { review: true },
    );
    expect(completed().conclusion).toBe('failure');
    expect(completed().output.summary).toContain(
      '- `Dockerfile`: the pragma on line 1 was not honoured: the config allows only pragmas already on the base branch (`pragmas: base-only`).',
    );
  });
});

describe('crafted inputs end promptly through the flow', () => {
  const cases: [string, string, string][] = [
    [
      'a 98 KiB comment line (the old pragma regex: 51 s)',
      'Dockerfile',
      `# hadolint ignore=${' '.repeat(100_000)}!\nFROM alpine:3.20\n`,
    ],
    [
      '4 000 consecutive RUNs (consecutive-run: 24 s and 830 MB)',
      'Dockerfile',
      `FROM alpine:3.20\n${'RUN true\n'.repeat(4000)}`,
    ],
    [
      '5 000 stages (copy-relative-dest-needs-workdir: 36 s)',
      'Dockerfile',
      Array.from({ length: 5000 }, (_, i) => `FROM alpine:3.20 AS s${i}\nCOPY a b\n`).join(''),
    ],
    [
      'a requirements glob of 13 stars against a long COPY source (dependency-layer-order)',
      'Dockerfile',
      `FROM python:3.12\nCOPY ${'a'.repeat(60)} ./\nCOPY . .\nRUN pip install -r ${'a*'.repeat(13)}b\n`,
    ],
  ];
  for (const [name, path, text] of cases) {
    it(name, async () => {
      // no patch: findings go to the check run only
      const ms = await reviewed(
        [{ path }],
        {
          defaultBranch: config([
            'consecutive-run',
            'copy-relative-dest-needs-workdir',
            'dependency-layer-order',
          ]),
          head: { [path]: text },
        },
        // the earlier comments are read for every linted file, findings or not (threads follow the code): with
        // the contents, in the one query
      );
      // seconds to minutes before; the bound is generous for a loaded runner
      expect(ms).toBeLessThan(15_000);
      expect(completed().output.summary).not.toContain('not everything was reviewed');
      expect(completed().output.annotations?.length ?? 0).toBeLessThanOrEqual(50);
    });
  }
});

describe('text from the pull request renders nothing live', () => {
  it('a path and an instruction holding a mention, HTML, a link and a fake fingerprint', async () => {
    const path = 'svc/@octocat <img src=x onerror=alert(1)>/Dockerfile';
    const text =
      'FROM alpine:3.20\nMAINTAINER @octocat <!-- dockreview:fingerprint=0000000000 --> https://evil.example\n';
    // graded an error: `no-maintainer` is info by default, a nitpick rather than a comment
    await reviewed(
      [added(path, text)],
      { defaultBranch: config(['no-maintainer'], '  no-maintainer: error\n'), head: { [path]: text } },
      { review: true },
    );
    const posted = gh.bodies<ReviewBody>(ROUTES.createReview)[0]!;
    const texts = [completed().output.summary, posted.body, ...posted.comments.map((c) => c.body)];
    for (const t of texts) {
      // outside code spans: no raw tag, no live mention, no planted marker
      const outside = t.replace(/(`+)[^`]*?\1/g, '');
      expect(outside).not.toMatch(/<img|@octocat|<!-- dockreview:fingerprint=0000000000/);
      expect(outside).not.toMatch(/https:\/\/evil/);
    }
    // the comment's own marker is the last thing in it
    expect(posted.comments[0]!.body).toMatch(/<!-- dockreview:fingerprint=[0-9a-f]{20} -->$/);
  });
});
