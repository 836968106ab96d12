import { describe, expect, it } from 'vitest';
import { SourceText } from '../src/lint/source.js';
import type { Finding, Severity, TextEdit } from '../src/lint/types.js';
import { parsePatch } from '../src/review/diff.js';
import {
  fingerprint,
  fingerprintOf,
  plan,
  suggestionFor,
  type PlanFile,
  type PlanOptions,
} from '../src/review/plan.js';

const OPTIONS: PlanOptions = {
  failOn: 'error',
  failOnExisting: false,
  comments: 'changed-lines',
  maxComments: 25,
  suggestions: true,
  posted: new Set(),
  rule: (id) => ({ why: `Why ${id} matters.`, docs: `https://docs.example/${id}.md` }),
  configLines: ['`fail_on: error`', 'config files: none (defaults)'],
};

function opts(o: Partial<PlanOptions> = {}): PlanOptions {
  return { ...OPTIONS, ...o };
}

/** The patch of a new file: every line added. */
function added(text: string): string {
  const lines = text.replace(/\r?\n$/, '').split(/\r?\n/);
  return [`@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`)].join('\n');
}

interface FindingSpec {
  rule?: string;
  aliases?: string[];
  severity?: Severity;
  message?: string;
  /** Flagged text: the finding covers its first occurrence (or `line`..`endLine` when given). */
  at?: string;
  line?: number;
  endLine?: number;
  fix?: { description?: string; safe?: boolean; edits: TextEdit[] };
}

/** A finding on `text`, positioned like the engine's (1-based lines, exclusive end column). */
function finding(text: string, spec: FindingSpec): Finding {
  const src = new SourceText('f', text);
  let start: number;
  let end: number;
  if (spec.at !== undefined) {
    start = text.indexOf(spec.at);
    if (start < 0) throw new Error(`"${spec.at}" not in text`);
    end = start + spec.at.length;
  } else {
    start = src.lineStart(spec.line!);
    end = src.lineEnd(spec.endLine ?? spec.line!);
  }
  const s = src.positionAt(start);
  const e = src.positionAt(end);
  const f: Finding = {
    rule: spec.rule ?? 'demo-rule',
    aliases: spec.aliases ?? [],
    severity: spec.severity ?? 'warning',
    message: spec.message ?? 'Demo message.',
    line: s.line,
    column: s.column,
    endLine: e.line,
    endColumn: e.column,
    span: { start, end },
  };
  if (spec.fix)
    f.fix = {
      description: spec.fix.description ?? 'fix it',
      safe: spec.fix.safe ?? true,
      edits: spec.fix.edits,
    };
  return f;
}

/** An edit replacing the first occurrence of `from` in `text`. */
function replace(text: string, from: string, to: string): TextEdit {
  const start = text.indexOf(from);
  if (start < 0) throw new Error(`"${from}" not in text`);
  return { start, end: start + from.length, text: to };
}

function file(
  text: string,
  findings: Finding[],
  patch: string | null = added(text),
  path = 'Dockerfile',
): PlanFile {
  return { path, kind: 'dockerfile', text, findings, diff: patch === null ? null : parsePatch(patch) };
}

/** The ```suggestion block of a comment body, or null. */
function suggestionBlock(body: string): string | null {
  return /\n(`{3,4})suggestion\n([\s\S]*?)\1(?:\n|$)/.exec(body)?.[2] ?? null;
}

describe('comments and suggestions', () => {
  it('single-line fix: a one-line comment whose suggestion is the fixed line', () => {
    const text = 'FROM alpine:3.20\nMAINTAINER ops@example.com\nUSER app\n';
    const f = finding(text, {
      rule: 'no-maintainer',
      aliases: ['DL4000'],
      severity: 'error',
      message: '`MAINTAINER` is deprecated.',
      line: 2,
      fix: {
        edits: [replace(text, 'MAINTAINER ops@example.com', 'LABEL org.opencontainers.image.authors="ops"')],
      },
    });
    const p = plan([file(text, [f])], opts());
    expect(p.comments).toHaveLength(1);
    const c = p.comments[0]!;
    expect(c).toMatchObject({ path: 'Dockerfile', line: 2, side: 'RIGHT', severity: 'error' });
    expect(c.start_line).toBeUndefined();
    expect(c.start_side).toBeUndefined();
    expect(c.body).toBe(
      [
        '**[`no-maintainer`](https://docs.example/no-maintainer.md)** (`DL4000`) · error',
        '',
        '`MAINTAINER` is deprecated.',
        '',
        '> Why no-maintainer matters.',
        '',
        '```suggestion',
        'LABEL org.opencontainers.image.authors="ops"',
        '```',
        '',
        `<!-- dockreview:fingerprint=${c.fingerprint} -->`,
      ].join('\n'),
    );
    expect(fingerprintOf(c.body)).toBe(c.fingerprint);
  });

  it('multi-line fix: the comment spans the lines the edits touch (start_line … line)', () => {
    const text = 'FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y curl\nUSER app\n';
    const end = text.indexOf('curl') + 'curl'.length;
    const f = finding(text, {
      rule: 'apt-clean-lists',
      at: 'apt-get update',
      fix: { edits: [{ start: end, end, text: ' \\\n    && rm -rf /var/lib/apt/lists/*' }] },
    });
    const [c] = plan([file(text, [f])], opts()).comments;
    expect(c).toMatchObject({ start_line: 2, start_side: 'RIGHT', line: 3, side: 'RIGHT' });
    expect(suggestionBlock(c!.body)).toBe(
      'RUN apt-get update \\\n    && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
    );
  });

  it('a fix that inserts a line before the flagged one stays a single-line comment with two lines suggested', () => {
    const text = 'FROM alpine:3.20\nRUN cd /app && make\nUSER app\n';
    const lineStart = text.indexOf('RUN');
    const f = finding(text, {
      rule: 'no-cd-in-run',
      at: 'cd /app',
      fix: {
        safe: false,
        description: 'move `cd /app` into `WORKDIR /app`',
        edits: [
          { start: lineStart, end: lineStart, text: 'WORKDIR /app\n' },
          replace(text, 'cd /app && ', ''),
        ],
      },
    });
    const [c] = plan([file(text, [f])], opts()).comments;
    expect(c!.line).toBe(2);
    expect(c!.start_line).toBeUndefined();
    expect(suggestionBlock(c!.body)).toBe('WORKDIR /app\nRUN make\n');
    // an unsafe fix says it is only a suggestion
    expect(c!.body).toContain(
      '_move `cd /app` into `WORKDIR /app`: a suggestion, check it changes only what you intend before committing._',
    );
  });

  it('whole-line deletion: an empty suggestion block', () => {
    const text = 'FROM alpine:3.20\nMAINTAINER ops\nUSER app\n';
    const start = text.indexOf('MAINTAINER');
    const f = finding(text, { line: 2, fix: { edits: [{ start, end: text.indexOf('USER'), text: '' }] } });
    const [c] = plan([file(text, [f])], opts()).comments;
    expect(c!.line).toBe(2);
    expect(c!.start_line).toBeUndefined();
    expect(c!.body).toContain('\n```suggestion\n```\n');
    expect(suggestionBlock(c!.body)).toBe('');
  });

  it('CRLF files: the suggestion has plain \\n line breaks and no \\r', () => {
    const text = 'FROM debian:12\r\nRUN apt-get update \\\r\n    && apt-get install -y curl\r\nUSER app\r\n';
    const end = text.indexOf('curl') + 'curl'.length;
    const f = finding(text, {
      at: 'apt-get update',
      fix: { edits: [{ start: end, end, text: ' \\\r\n    && rm -rf /var/lib/apt/lists/*' }] },
    });
    const [c] = plan([file(text, [f])], opts()).comments;
    expect(c).toMatchObject({ start_line: 2, line: 3 });
    const block = suggestionBlock(c!.body)!;
    expect(block).not.toContain('\r');
    expect(block).toBe(
      'RUN apt-get update \\\n    && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
    );

    const single = finding(text, { line: 4, fix: { edits: [replace(text, 'USER app', 'USER 10001')] } });
    const [s] = plan([file(text, [single])], opts()).comments;
    expect(suggestionBlock(s!.body)).toBe('USER 10001\n');
  });

  it('a suggestion that contains ``` is fenced with four backticks', () => {
    const text = 'FROM alpine\nLABEL a=b\n';
    const f = finding(text, { line: 2, fix: { edits: [replace(text, 'a=b', 'a="```"')] } });
    const [c] = plan([file(text, [f])], opts()).comments;
    expect(c!.body).toContain('\n````suggestion\nLABEL a="```"\n````\n');
  });

  it('a fix reaching outside the hunk: the comment keeps to the finding, without a suggestion', () => {
    const text = 'FROM alpine:3.20\nWORKDIR /app\nRUN make\nCOPY . .\nUSER app\nCMD ["app"]\n';
    // only line 3 changed; the fix edits line 6, outside the hunk (lines 2–4)
    const patch = '@@ -2,3 +2,3 @@\n WORKDIR /app\n-RUN make all\n+RUN make\n COPY . .';
    const f = finding(text, {
      rule: 'demo-rule',
      line: 3,
      fix: {
        description: 'rewrite CMD',
        safe: true,
        edits: [replace(text, 'CMD ["app"]', 'CMD ["app", "-v"]')],
      },
    });
    const p = plan([file(text, [f], patch)], opts());
    expect(p.comments).toHaveLength(1);
    const c = p.comments[0]!;
    expect(c.line).toBe(3);
    expect(c.start_line).toBeUndefined();
    expect(suggestionBlock(c.body)).toBeNull();
    expect(c.body).toContain('_Fixable: `dockreview lint --fix` (rewrite CMD)._');
    const unsafe = finding(text, {
      line: 3,
      fix: { description: 'x', safe: false, edits: [replace(text, 'CMD ["app"]', 'CMD ["b"]')] },
    });
    expect(plan([file(text, [unsafe], patch)], opts()).comments[0]!.body).toContain(
      '_Fixable: `dockreview lint --fix-unsafe` (x)._',
    );
  });

  it('suggestions: false keeps the comment and drops the suggestion', () => {
    const text = 'FROM alpine\nMAINTAINER x\n';
    const f = finding(text, { line: 2, fix: { edits: [replace(text, 'MAINTAINER x', 'LABEL a=x')] } });
    const [c] = plan([file(text, [f])], opts({ suggestions: false })).comments;
    expect(suggestionBlock(c!.body)).toBeNull();
    expect(c!.body).toContain('_Fixable: `dockreview lint --fix` (fix it)._');
  });

  it('a finding outside the diff gets no comment, but an annotation; it does not fail the check', () => {
    const text = 'FROM alpine:3.20\nMAINTAINER x\nRUN make\nUSER app\n';
    const patch = '@@ -3,2 +3,2 @@\n-RUN make all\n+RUN make\n USER app';
    const f = finding(text, { line: 2, severity: 'error' });
    const p = plan([file(text, [f], patch)], opts());
    expect(p.comments).toEqual([]);
    expect(p.annotations).toHaveLength(1);
    expect(p.annotations[0]).toMatchObject({ start_line: 2, end_line: 2, annotation_level: 'failure' });
    expect(p.conclusion).toBe('success');
    expect(p.title).toBe('No problems on changed lines (1 pre-existing)');
    expect(plan([file(text, [f], patch)], opts({ failOnExisting: true })).conclusion).toBe('failure');
  });

  it('a multi-line finding partly in the hunk is commented on one line of it that GitHub takes (its last)', () => {
    const text = 'FROM alpine\nRUN a \\\n  && b \\\n  && c\nUSER app\n';
    // the hunk covers lines 3–5 only; the finding spans 2–4
    const patch = '@@ -3,3 +3,3 @@\n-  && x \\\n+  && b \\\n   && c\n USER app';
    const f = finding(text, { line: 2, endLine: 4 });
    const [c] = plan([file(text, [f], patch)], opts()).comments;
    expect(c).toMatchObject({ line: 4 });
    expect(c!.start_line).toBeUndefined();
  });

  it('no patch from GitHub: every finding counts as changed, none gets a comment', () => {
    const text = 'FROM alpine\nMAINTAINER x\n';
    const p = plan([file(text, [finding(text, { line: 2, severity: 'error' })], null)], opts());
    expect(p.comments).toEqual([]);
    expect(p.notCommented).toBe(1);
    expect(p.conclusion).toBe('failure');
  });

  it('comments: none posts nothing and still annotates', () => {
    const text = 'FROM alpine\nMAINTAINER x\n';
    const p = plan([file(text, [finding(text, { line: 2 })])], opts({ comments: 'none' }));
    expect(p.comments).toEqual([]);
    expect(p.annotations).toHaveLength(1);
  });
});

describe('fingerprints', () => {
  const base = 'FROM alpine:3.20\nRUN cd /app && make\nUSER app\n';
  const moved = '# the app\nFROM alpine:3.20\n\nRUN   cd /app && make\nUSER app\n';
  const fBase = finding(base, { rule: 'no-cd-in-run', at: 'cd /app' });
  const fMoved = finding(moved, { rule: 'no-cd-in-run', at: 'cd /app' });

  it('stay the same when the flagged line moves (and when its whitespace changes)', () => {
    expect(fMoved.line).toBe(4);
    expect(fingerprint(fBase, 'Dockerfile', new SourceText('Dockerfile', base))).toBe(
      fingerprint(fMoved, 'Dockerfile', new SourceText('Dockerfile', moved)),
    );
  });

  it('change with the rule, the path and the line content', () => {
    const src = new SourceText('Dockerfile', base);
    const fp = fingerprint(fBase, 'Dockerfile', src);
    expect(fingerprint({ ...fBase, rule: 'other' }, 'Dockerfile', src)).not.toBe(fp);
    expect(fingerprint(fBase, 'api/Dockerfile', src)).not.toBe(fp);
    const changed = base.replace('make', 'make all');
    expect(fingerprint(fBase, 'Dockerfile', new SourceText('Dockerfile', changed))).not.toBe(fp);
  });

  it('posted fingerprints are skipped and counted; a re-run after a move posts nothing', () => {
    const first = plan([file(base, [fBase])], opts());
    expect(first.comments).toHaveLength(1);
    const posted = new Set([fingerprintOf(first.comments[0]!.body)!]);
    const second = plan([file(moved, [fMoved])], opts({ posted }));
    expect(second.comments).toEqual([]);
    expect(second.alreadyPosted).toBe(1);
    expect(second.summary).toContain('**Review comments:** 0 new, 1 already posted by an earlier run.');
  });

  it('fingerprintOf reads only the hidden marker', () => {
    expect(fingerprintOf('text <!-- dockreview:fingerprint=0123456789abcdef0123 --> more')).toBe(
      '0123456789abcdef0123',
    );
    expect(fingerprintOf('dockreview:fingerprint=0123456789abcdef0123')).toBeNull();
    expect(fingerprintOf('')).toBeNull();
  });
});

describe('max_comments', () => {
  it('keeps the most severe first, then posts in file order', () => {
    const lines = ['FROM alpine'];
    for (let i = 1; i <= 6; i++) lines.push(`RUN step${i}`);
    const text = `${lines.join('\n')}\n`;
    const severities: Severity[] = ['style', 'info', 'warning', 'error', 'info', 'error'];
    const findings = severities.map((severity, i) => finding(text, { line: i + 2, severity }));
    const p = plan([file(text, findings)], opts({ maxComments: 3 }));
    expect(p.comments.map((c) => [c.line, c.severity])).toEqual([
      [4, 'warning'],
      [5, 'error'],
      [7, 'error'],
    ]);
    expect(p.notCommented).toBe(3);
    expect(p.annotations).toHaveLength(6);
    expect(p.summary).toContain(
      '**Review comments:** 3 new, 3 only here (over `max_comments` or outside the diff).',
    );
  });

  it('sorts comments across files by path, then line', () => {
    const a = 'FROM a\nRUN x\nRUN y\n';
    const p = plan(
      [
        file(a, [finding(a, { line: 3 }), finding(a, { line: 2 })], added(a), 'z/Dockerfile'),
        file(a, [finding(a, { line: 3 })], added(a), 'a/Dockerfile'),
      ],
      opts(),
    );
    expect(p.comments.map((c) => `${c.path}:${c.line}`)).toEqual([
      'a/Dockerfile:3',
      'z/Dockerfile:2',
      'z/Dockerfile:3',
    ]);
  });
});

describe('conclusion', () => {
  const text = 'FROM alpine\nRUN a\nRUN b\nUSER app\n';
  // line 2 changed, line 3 pre-existing
  const patch = '@@ -1,3 +1,3 @@\n FROM alpine\n-RUN old\n+RUN a\n RUN b';
  const warningChanged = finding(text, { line: 2, severity: 'warning' });
  const errorExisting = finding(text, { line: 3, severity: 'error' });
  const run = (o: Partial<PlanOptions>, findings = [warningChanged, errorExisting]): string =>
    plan([file(text, findings, patch)], opts(o)).conclusion;

  it('fail_on counts changed lines only', () => {
    expect(run({ failOn: 'error' })).toBe('success');
    expect(run({ failOn: 'warning' })).toBe('failure');
    expect(run({ failOn: 'info' })).toBe('failure');
    expect(run({ failOn: 'style' })).toBe('failure');
  });

  it('fail_on_existing counts every finding in the changed files', () => {
    expect(run({ failOn: 'error', failOnExisting: true })).toBe('failure');
    expect(run({ failOn: 'error', failOnExisting: true }, [warningChanged])).toBe('success');
  });

  it('never never fails', () => {
    expect(run({ failOn: 'never' })).toBe('success');
    expect(run({ failOn: 'never', failOnExisting: true })).toBe('success');
  });

  it('no findings: success, "No problems found"', () => {
    const p = plan([file(text, [], patch)], opts());
    expect(p).toMatchObject({
      conclusion: 'success',
      title: 'No problems found',
      comments: [],
      annotations: [],
    });
  });
});

describe('annotations', () => {
  it('map severities to levels; columns only on single-line annotations; the fix in the message', () => {
    const text = 'FROM alpine\nRUN a \\\n  && b\nUSER root\nLABEL x=1\n';
    const p = plan(
      [
        file(text, [
          finding(text, { rule: 'r-error', aliases: ['DL1', 'X2'], severity: 'error', at: 'alpine' }),
          finding(text, { rule: 'r-warning', severity: 'warning', line: 2, endLine: 3 }),
          finding(text, {
            rule: 'r-info',
            severity: 'info',
            at: 'root',
            fix: { description: 'use a uid', safe: false, edits: [replace(text, 'root', '10001')] },
          }),
          finding(text, {
            rule: 'r-style',
            severity: 'style',
            at: 'x=1',
            fix: { description: 'quote it', edits: [replace(text, 'x=1', 'x="1"')] },
          }),
        ]),
      ],
      opts(),
    );
    expect(p.annotations).toEqual([
      {
        path: 'Dockerfile',
        start_line: 1,
        end_line: 1,
        start_column: 6,
        end_column: 12,
        annotation_level: 'failure',
        title: 'r-error (DL1, X2)',
        message: 'Demo message.',
      },
      {
        path: 'Dockerfile',
        start_line: 2,
        end_line: 3,
        annotation_level: 'warning',
        title: 'r-warning',
        message: 'Demo message.',
      },
      {
        path: 'Dockerfile',
        start_line: 4,
        end_line: 4,
        start_column: 6,
        end_column: 10,
        annotation_level: 'notice',
        title: 'r-info',
        message: 'Demo message.\nFix (suggestion): use a uid.',
      },
      {
        path: 'Dockerfile',
        start_line: 5,
        end_line: 5,
        start_column: 7,
        end_column: 10,
        annotation_level: 'notice',
        title: 'r-style',
        message: 'Demo message.\nFix: quote it.',
      },
    ]);
  });
});

describe('summary', () => {
  it('states the threshold, the counts table, fixable findings, comments, the findings table and the config', () => {
    const text = 'FROM alpine\nRUN a\nRUN b\nUSER app\n';
    const patch = '@@ -1,3 +1,3 @@\n FROM alpine\n-RUN old\n+RUN a\n RUN b';
    const findings = [
      finding(text, {
        rule: 'r1',
        aliases: ['DL1'],
        line: 2,
        severity: 'error',
        fix: { edits: [replace(text, 'a', 'A')] },
      }),
      finding(text, { rule: 'r1', aliases: ['DL1'], line: 3, severity: 'error' }),
      finding(text, {
        rule: 'r2',
        line: 2,
        severity: 'warning',
        fix: { safe: false, edits: [replace(text, 'RUN a', 'RUN aa')] },
      }),
    ];
    const p = plan([file(text, findings, patch, 'api/Dockerfile')], opts());
    expect(p.title).toBe('1 error, 1 warning on changed lines (1 pre-existing)');
    expect(p.summary).toBe(
      [
        '**1** container file reviewed. This check fails on error or worse on changed lines.',
        '',
        '| | error | warning | info | style |',
        '| --- | ---: | ---: | ---: | ---: |',
        '| on changed lines | 1 | 1 | 0 | 0 |',
        '| pre-existing | 1 | 0 | 0 | 0 |',
        '',
        '**Fixable:** 2 findings — 1 with a safe fix (`dockreview lint --fix`), 1 with a suggestion (`--fix-unsafe`).',
        '',
        '**Review comments:** 2 new.',
        '',
        '### Findings',
        '',
        '| file | rule | severity | on changed lines | pre-existing |',
        '| --- | --- | --- | ---: | ---: |',
        '| `api/Dockerfile` | [`r1`](https://docs.example/r1.md) (DL1) | error | 1 | 1 |',
        '| `api/Dockerfile` | [`r2`](https://docs.example/r2.md) | warning | 1 | 0 |',
        '',
        '### Config in force',
        '',
        '- `fail_on: error`',
        '- config files: none (defaults)',
      ].join('\n'),
    );
  });

  it('other thresholds read right', () => {
    const text = 'FROM a\n';
    expect(plan([file(text, [])], opts({ failOn: 'never' })).summary).toContain('This check never fails.');
    expect(plan([file(text, [])], opts({ failOn: 'style', failOnExisting: true })).summary).toContain(
      'This check fails on style anywhere in the changed files.',
    );
  });

  it('stays under GitHub’s 65535-character limit, saying how many rows it left out', () => {
    const text = 'FROM a\nRUN b\n';
    const files = Array.from({ length: 800 }, (_, i) =>
      file(
        text,
        [finding(text, { rule: `rule-with-a-long-name-${i}`, line: 2 })],
        added(text),
        `services/service-number-${i}/Dockerfile`,
      ),
    );
    const p = plan(files, opts());
    expect(p.summary.length).toBeLessThan(65535);
    expect(p.summary).toMatch(
      /_\d+ more rows omitted to fit GitHub's size limit; the annotations list every finding\._/,
    );
    expect(p.annotations).toHaveLength(800);
  });
});

describe('suggestionFor', () => {
  it('gives up on fixes spanning more than 20 lines', () => {
    const text = `FROM a\n${Array.from({ length: 30 }, (_, i) => `RUN s${i}`).join('\n')}\n`;
    const f = finding(text, {
      line: 2,
      fix: { edits: [replace(text, 'RUN s0', 'RUN t0'), replace(text, 'RUN s29', 'RUN t29')] },
    });
    expect(suggestionFor(f, new SourceText('f', text))).toBeNull();
  });

  it('returns null without edits', () => {
    const text = 'FROM a\n';
    expect(suggestionFor(finding(text, { line: 1 }), new SourceText('f', text))).toBeNull();
  });
});
