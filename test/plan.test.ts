import { describe, expect, it } from 'vitest';
import { SourceText } from '../src/lint/source.js';
import type { Finding, Severity, TextEdit } from '../src/lint/types.js';
import { parsePatch } from '../src/review/diff.js';
import {
  fingerprint,
  fingerprintOf,
  fingerprintsOf,
  MAX_ANNOTATIONS,
  plan,
  suggestionFor,
  writtenByApp,
  type PlanFile,
  type PlanOptions,
} from '../src/review/plan.js';

const OPTIONS: PlanOptions = {
  failOn: 'error',
  failOnExisting: false,
  comments: 'changed-lines',
  maxComments: 25,
  commentOn: 'warning',
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
        '🔴 **error** · [`no-maintainer`](https://docs.example/no-maintainer.md)',
        '',
        '`MAINTAINER` is deprecated.',
        '',
        '```suggestion',
        'LABEL org.opencontainers.image.authors="ops"',
        '```',
        '',
        '<details><summary>Why</summary>',
        '',
        'Why no-maintainer matters.',
        '',
        '</details>',
        '',
        '<sub>Not applicable here? Add `# dockreview ignore=no-maintainer` on the line above the instruction.</sub>',
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
    // a fix that changes behaviour says what to check
    expect(c!.body).toContain('\n```\nCheck before committing: move `cd /app` into `WORKDIR /app`.\n');
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

  it('a run of five backticks in the suggestion gets a fence of six: no line of it can end the block', () => {
    const text = 'FROM alpine\nLABEL a=b\n';
    const f = finding(text, { line: 2, fix: { edits: [replace(text, 'a=b', 'a="x`````y" ```')] } });
    const [c] = plan([file(text, [f])], opts()).comments;
    expect(c!.body).toContain('\n``````suggestion\nLABEL a="x`````y" ```\n``````\n');
    expect(fingerprintOf(c!.body)).toBe(c!.fingerprint);
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
    expect(fingerprint(fBase, 'Dockerfile')).toBe(fingerprint(fMoved, 'Dockerfile'));
    expect(fingerprint({ ...fBase, message: 'Demo   message. ' }, 'Dockerfile')).toBe(
      fingerprint(fBase, 'Dockerfile'),
    );
  });

  it('change with the rule, the path, what the finding says and its occurrence; not with the rest of the line', () => {
    const fp = fingerprint(fBase, 'Dockerfile');
    expect(fingerprint({ ...fBase, rule: 'other' }, 'Dockerfile')).not.toBe(fp);
    expect(fingerprint(fBase, 'api/Dockerfile')).not.toBe(fp);
    expect(fingerprint({ ...fBase, message: 'Another message.' }, 'Dockerfile')).not.toBe(fp);
    expect(fingerprint(fBase, 'Dockerfile', 1)).not.toBe(fp);
    // another suggestion committed on the same line: the line changed, this finding did not
    const changed = base.replace('make', 'make all');
    expect(fingerprint(finding(changed, { rule: 'no-cd-in-run', at: 'cd /app' }), 'Dockerfile')).toBe(fp);
  });

  it('posted fingerprints are skipped and counted; a re-run after a move posts nothing', () => {
    const first = plan([file(base, [fBase])], opts());
    expect(first.comments).toHaveLength(1);
    const posted = new Set([fingerprintOf(first.comments[0]!.body)!]);
    const second = plan([file(moved, [fMoved])], opts({ posted }));
    expect(second.comments).toEqual([]);
    expect(second.alreadyPosted).toBe(1);
    expect(second.summary).toContain(
      '**Review:** 0 new comments, 1 finding already commented by an earlier run.',
    );
  });

  it('fingerprintOf reads only the hidden marker, and only where the app puts it: at the very end', () => {
    const marker = '<!-- dockreview:fingerprint=0123456789abcdef0123 -->';
    expect(fingerprintOf(`text\n\n${marker}`)).toBe('0123456789abcdef0123');
    expect(fingerprintOf(`text\n\n${marker}\n  \n`)).toBe('0123456789abcdef0123');
    // anywhere else it is somebody's text, not the app's marker
    expect(fingerprintOf(`text ${marker} more`)).toBeNull();
    expect(fingerprintOf(`${marker}\nmore`)).toBeNull();
    expect(fingerprintOf('dockreview:fingerprint=0123456789abcdef0123')).toBeNull();
    expect(fingerprintOf('<!-- dockreview:fingerprint=0123XYZ -->')).toBeNull();
    expect(fingerprintOf('<!-- dockreview:fingerprint=0123456789abcdef0123 x -->')).toBeNull();
    expect(fingerprintOf('')).toBeNull();
  });

  it('a marker planted in the flagged text is neither rendered nor read back: the body ends with the real one', () => {
    const fake = '<!-- dockreview:fingerprint=ffffffffffffffffffff -->';
    const text = `FROM alpine\nLABEL x="${fake}"\n`;
    // a rule that quotes the file raw (not through code()), the worst case
    const f = finding(text, { line: 2, message: `Label ${fake} is odd.` });
    const [c] = plan([file(text, [f])], opts()).comments;
    expect(c!.body.match(/(?<!\\)<!--/g)).toHaveLength(1);
    expect(c!.body).toContain('Label \\<!-- dockreview:fingerprint=ffffffffffffffffffff --\\> is odd.');
    expect(fingerprintOf(c!.body)).toBe(c!.fingerprint);
    expect(c!.fingerprint).not.toBe('ffffffffffffffffffff');
  });
});

describe('max_comments', () => {
  it('keeps the most severe first, then posts in file order', () => {
    const lines = ['FROM alpine'];
    for (let i = 1; i <= 6; i++) lines.push(`RUN step${i}`);
    const text = `${lines.join('\n')}\n`;
    const severities: Severity[] = ['style', 'info', 'warning', 'error', 'info', 'error'];
    const findings = severities.map((severity, i) => finding(text, { rule: `r${i}`, line: i + 2, severity }));
    const p = plan([file(text, findings)], opts({ maxComments: 3, commentOn: 'style' }));
    expect(p.comments.map((c) => [c.line, c.severity])).toEqual([
      [4, 'warning'],
      [5, 'error'],
      [7, 'error'],
    ]);
    expect(p.notCommented).toBe(3);
    // the three commented findings are shown in their threads, not again as annotations
    expect(p.annotations.map((a) => a.start_line)).toEqual([3, 6, 2]);
    expect(p.summary).toContain('**Review:** 3 new comments, 3 over `max_comments: 3`.');
  });

  it('sorts comments across files by path, then line', () => {
    const a = 'FROM a\nRUN x\nRUN y\n';
    const p = plan(
      [
        file(
          a,
          [finding(a, { rule: 'rule-a', line: 3 }), finding(a, { rule: 'rule-b', line: 2 })],
          added(a),
          'z/Dockerfile',
        ),
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
      // no comments, so every finding is annotated
      opts({ comments: 'none' }),
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
        // an insertion right after r2's edit: the two fixes touch, they do not conflict
        fix: {
          edits: [{ start: text.indexOf('RUN a') + 5, end: text.indexOf('RUN a') + 5, text: ' --flag' }],
        },
      }),
      finding(text, { rule: 'r1', aliases: ['DL1'], line: 3, severity: 'error' }),
      finding(text, {
        rule: 'r2',
        line: 2,
        severity: 'warning',
        fix: { safe: false, edits: [replace(text, 'RUN a', 'RUN aa')] },
      }),
      finding(text, { rule: 'r3', line: 2, severity: 'info', message: 'Consider `x`.' }),
    ];
    const p = plan(
      [file(text, findings, patch, 'api/Dockerfile')],
      opts({ head: { owner: 'acme', repo: 'shop', sha: 'abc1234' } }),
    );
    expect(p.title).toBe('1 error, 1 warning, 1 info on changed lines (1 pre-existing)');
    expect(p.summary).toBe(
      [
        '❌ Blocks merge: 1 error on a changed line: `r1` in `api/Dockerfile` [line 2](https://github.com/acme/shop/blob/abc1234/api/Dockerfile#L2)',
        '',
        'This check fails on an error on a changed line.',
        '',
        '### On changed lines: 1 error, 1 warning, 1 info',
        '',
        '| severity | rule | where | message |',
        '| --- | --- | --- | --- |',
        '| 🔴 error | [`r1`](https://docs.example/r1.md) | `api/Dockerfile` [line 2](https://github.com/acme/shop/blob/abc1234/api/Dockerfile#L2) | Demo message. |',
        '| 🟠 warning | [`r2`](https://docs.example/r2.md) | `api/Dockerfile` [line 2](https://github.com/acme/shop/blob/abc1234/api/Dockerfile#L2) | Demo message. |',
        '| 🔵 info | [`r3`](https://docs.example/r3.md) | `api/Dockerfile` [line 2](https://github.com/acme/shop/blob/abc1234/api/Dockerfile#L2) | Consider `x`. |',
        '',
        '<details><summary>1 finding on lines this pull request did not change: 1 error</summary>',
        '',
        '| severity | rule | where | message |',
        '| --- | --- | --- | --- |',
        '| 🔴 error | [`r1`](https://docs.example/r1.md) | `api/Dockerfile` [line 3](https://github.com/acme/shop/blob/abc1234/api/Dockerfile#L3) | Demo message. |',
        '',
        '</details>',
        '',
        '**Review:** 1 new comment, 1 below `comment_on: warning` listed as nitpicks.',
        '',
        '**Fixable:** 2 findings — 1 with a safe fix (`dockreview lint --fix`), 1 with a suggestion (`--fix-unsafe`).',
        '',
        '### Files reviewed',
        '',
        '- `api/Dockerfile`: 1 comment',
        '',
        '### Config in force',
        '',
        '- `fail_on: error`',
        '- config files: none (defaults)',
      ].join('\n'),
    );
    // the review body: the same verdict in one sentence, the info finding as a collapsed nitpick
    expect(p.reviewBody).toBe(
      [
        '❌ dockreview found 1 error that blocks the merge. The comments below say what and why; the `dockreview` check run lists every finding.',
        '',
        '<details><summary>Nitpicks: 1 info on changed lines, below `comment_on: warning`</summary>',
        '',
        '- 🔵 `api/Dockerfile` [line 2](https://github.com/acme/shop/blob/abc1234/api/Dockerfile#L2) · [`r3`](https://docs.example/r3.md): Consider `x`.',
        '',
        '</details>',
      ].join('\n'),
    );
    // the error and the warning on line 2 share one thread, the error first, with one combined suggestion
    expect(p.comments).toHaveLength(1);
    const c = p.comments[0]!;
    expect(c).toMatchObject({ path: 'api/Dockerfile', line: 2, severity: 'error' });
    expect(c.start_line).toBeUndefined();
    expect(c.fingerprints).toHaveLength(2);
    expect(c.body).toBe(
      [
        '**2 findings on this line**',
        '',
        '- 🔴 **error** · [`r1`](https://docs.example/r1.md): Demo message.',
        '- 🟠 **warning** · [`r2`](https://docs.example/r2.md): Demo message.',
        '',
        '```suggestion',
        'RUN aa --flag',
        '```',
        'Check before committing: fix it.',
        '',
        '<details><summary>Why</summary>',
        '',
        '- `r1`: Why r1 matters.',
        '- `r2`: Why r2 matters.',
        '',
        '</details>',
        '',
        '<sub>Not applicable here? Add `# dockreview ignore=r1,r2` on the line above the instruction.</sub>',
        '',
        `<!-- dockreview:fingerprint=${c.fingerprints.join(',')} -->`,
      ].join('\n'),
    );
    expect(fingerprintsOf(c.body)).toEqual(c.fingerprints);
  });

  it('other thresholds read right', () => {
    const text = 'FROM a\n';
    expect(plan([file(text, [])], opts({ failOn: 'never' })).summary).toContain(
      'This check never fails (`fail_on: never`).',
    );
    expect(plan([file(text, [])], opts({ failOn: 'style', failOnExisting: true })).summary).toContain(
      'This check fails on style or more severe anywhere in the changed files.',
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
    const p = plan(files, opts({ comments: 'none' }));
    expect(p.summary.length).toBeLessThan(65535);
    expect(p.summary).toMatch(
      /_\d+ more rows omitted to fit GitHub's size limit; run `dockreview lint` locally for every finding\._/,
    );
    expect(p.annotations).toHaveLength(MAX_ANNOTATIONS);
    expect(p.notAnnotated).toBe(800 - MAX_ANNOTATIONS);
    expect(p.summary).toContain(
      `**Annotations:** the ${MAX_ANNOTATIONS} most severe findings without a review comment, and ${800 - MAX_ANNOTATIONS} more findings not annotated: run \`dockreview lint\` locally, or see the tables.`,
    );
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

describe('text from the pull request renders nothing live', () => {
  const ZWJ = '\u200d';

  it('in a comment: the message and the fix description keep their code spans, the rest is escaped', () => {
    const text = 'FROM alpine\nCOPY x y\n';
    const f = finding(text, {
      line: 2,
      message:
        'Hey @octocat and @org/team, see http://evil.example, www.evil.example, [x](https://e.x) <img src=x> org/repo#1 `@kept <b>` ok.',
      fix: { safe: false, description: 'ping @admin', edits: [replace(text, 'COPY x y', 'COPY x /y')] },
    });
    const [c] = plan([file(text, [f])], opts()).comments;
    const lines = c!.body.split('\n');
    expect(lines[2]).toBe(
      `Hey @${ZWJ}octocat and @${ZWJ}org/team, see http:${ZWJ}//evil.example, www${ZWJ}.evil.example, \\[x\\](https:${ZWJ}//e.x) \\<img src=x\\> org/repo#${ZWJ}1 \`@kept <b>\` ok.`,
    );
    expect(c!.body).toContain(`Check before committing: ping @${ZWJ}admin.`);
    // the only raw `<` left is inside the code span, the app's own tags (the collapsed "why", the small print) and
    // its marker
    const appTags = /<details><summary>Why<\/summary>|<\/details>|<\/?sub>/g;
    expect(c!.body.match(appTags)).toHaveLength(4);
    expect(
      c!.body
        .replace(/`@kept <b>`/, '')
        .replace(appTags, '')
        .match(/(?<!\\)</g),
    ).toHaveLength(1);
  });

  it('in the findings table: a path with backticks and pipes stays one code span in one cell', () => {
    const text = 'FROM a\nRUN b\n';
    const path = 'x`|@y/<img>|``z/Dockerfile';
    const p = plan([file(text, [finding(text, { rule: 'r1', line: 2 })], added(text), path)], opts());
    expect(p.summary).toContain(
      '| 🟠 warning | [`r1`](https://docs.example/r1.md) | ```x`\\|@y/<img>\\|``z/Dockerfile``` line 2 | Demo message. |',
    );
  });
});

describe('annotations are plain text and one page at most', () => {
  it('code spans lose their backticks, keep their words', () => {
    const text = 'FROM a\nRUN b\n';
    const f = finding(text, {
      line: 2,
      message: '`RUN b` quotes ``a`b`` and `` `x` ``.',
      fix: { description: 'use `c`', edits: [replace(text, 'RUN b', 'RUN c')] },
    });
    expect(plan([file(text, [f])], opts({ comments: 'none' })).annotations[0]!.message).toBe(
      'RUN b quotes a`b and `x`.\nFix: use c.',
    );
  });

  it(`keeps the ${MAX_ANNOTATIONS} most severe, then by path and line; the summary counts the rest`, () => {
    const lines = ['FROM a', ...Array.from({ length: 60 }, (_, i) => `RUN s${i}`)];
    const text = `${lines.join('\n')}\n`;
    const findings = Array.from({ length: 60 }, (_, i) =>
      finding(text, { line: i + 2, severity: i % 10 === 9 ? 'error' : 'style' }),
    );
    const p = plan(
      [file(text, findings, added(text), 'b/Dockerfile'), file(text, findings, added(text), 'a/Dockerfile')],
      opts({ comments: 'none' }),
    );
    expect(p.annotations).toHaveLength(MAX_ANNOTATIONS);
    expect(p.notAnnotated).toBe(120 - MAX_ANNOTATIONS);
    const order = p.annotations.map((a) => `${a.annotation_level} ${a.path}:${a.start_line}`);
    // the 12 errors first (a/ before b/, by line), then the style findings of a/ by line
    expect(order.slice(0, 13)).toEqual([
      ...[11, 21, 31, 41, 51, 61].map((l) => `failure a/Dockerfile:${l}`),
      ...[11, 21, 31, 41, 51, 61].map((l) => `failure b/Dockerfile:${l}`),
      'notice a/Dockerfile:2',
    ]);
    // 38 style findings of a/: lines 2–10, 12–20, 22–30, 32–40, 42, 43
    expect(order[MAX_ANNOTATIONS - 1]).toBe('notice a/Dockerfile:43');
    expect(p.summary).toContain(
      `**Annotations:** the ${MAX_ANNOTATIONS} most severe findings without a review comment, and 70 more findings not annotated: run \`dockreview lint\` locally, or see the tables.`,
    );
  });

  it('none for a finding commented by this plan or by an earlier run; the limit counts only the others', () => {
    const lines = ['FROM a', ...Array.from({ length: 60 }, (_, i) => `RUN s${i}`)];
    const text = `${lines.join('\n')}\n`;
    const findings = Array.from({ length: 60 }, (_, i) =>
      finding(text, { rule: `r${i}`, line: i + 2, severity: i < 3 ? 'error' : 'info' }),
    );
    const first = plan([file(text, findings)], opts());
    expect(first.comments.map((c) => c.line)).toEqual([2, 3, 4]);
    expect(first.annotations).toHaveLength(MAX_ANNOTATIONS);
    expect(first.annotations.every((a) => a.annotation_level === 'notice')).toBe(true);
    expect(first.notAnnotated).toBe(57 - MAX_ANNOTATIONS);
    // the next push: the three threads exist, nothing new is commented, and still none of the three is annotated
    const posted = new Set(first.comments.flatMap((c) => c.fingerprints));
    const next = plan([file(text, findings)], opts({ posted }));
    expect(next.comments).toEqual([]);
    expect(next.alreadyPosted).toBe(3);
    expect(next.annotations.map((a) => a.start_line)).toEqual(first.annotations.map((a) => a.start_line));
    expect(next.notAnnotated).toBe(7);
    expect([...next.standing].sort()).toEqual([...first.standing].sort());
    expect(next.standing.size).toBe(60);
  });

  it('says nothing of a limit when every finding is annotated', () => {
    const text = 'FROM a\nRUN b\n';
    const p = plan([file(text, [finding(text, { line: 2 })])], opts());
    expect(p.notAnnotated).toBe(0);
    expect(p.summary).not.toContain('**Annotations:**');
  });
});

describe('writtenByApp', () => {
  const app = { appId: 42, login: 'dockreview[bot]' };

  it('without the app identity, any bot user, nobody else', () => {
    expect(writtenByApp({ login: 'dockreview[bot]', type: 'Bot' }, null)).toBe(true);
    expect(writtenByApp({ login: 'github-actions[bot]', type: 'Bot' }, null)).toBe(true);
    expect(writtenByApp({ login: 'mallory', type: 'User' }, null)).toBe(false);
    // a user cannot call itself a bot: the type is GitHub's
    expect(writtenByApp({ login: 'mallory[bot]', type: 'User' }, null)).toBe(false);
    expect(writtenByApp({ login: 'ghost', type: 'Bot' }, null)).toBe(false);
    expect(writtenByApp({}, null)).toBe(false);
  });

  it('with it: the app id when GitHub gives it, else the bot login', () => {
    expect(writtenByApp({ login: 'dockreview[bot]', type: 'Bot', appId: 42 }, app)).toBe(true);
    expect(writtenByApp({ login: 'dockreview[bot]', type: 'Bot', appId: 7 }, app)).toBe(false);
    expect(writtenByApp({ login: 'dockreview[bot]', type: 'Bot' }, app)).toBe(true);
    expect(writtenByApp({ login: 'other[bot]', type: 'Bot' }, app)).toBe(false);
    expect(writtenByApp({ login: 'dockreview[bot]', type: 'User', appId: 42 }, app)).toBe(false);
  });
});

describe('what becomes a thread', () => {
  const HEAD = { owner: 'acme', repo: 'shop', sha: 'abc1234' };
  const at = (line: number, path = 'Dockerfile'): string =>
    `https://github.com/acme/shop/blob/abc1234/${path}#L${line}`;

  it('comment_on: warning by default; info and style are nitpicks in the review body, not threads', () => {
    const text = 'FROM a\nRUN b\nRUN c\n';
    const findings = [
      finding(text, { rule: 'advice', line: 2, severity: 'info' }),
      finding(text, { rule: 'format', line: 3, severity: 'style' }),
      finding(text, { rule: 'defect', line: 3, severity: 'warning' }),
    ];
    const p = plan([file(text, findings)], opts());
    expect(p.comments.map((c) => [c.line, c.severity])).toEqual([[3, 'warning']]);
    expect(p.nitpicks).toBe(2);
    expect(p.reviewBody).toContain('<details><summary>Nitpicks: 1 info, 1 style on changed lines');
    expect(plan([file(text, findings)], opts({ commentOn: 'info' })).comments).toHaveLength(2);
    expect(plan([file(text, findings)], opts({ commentOn: 'error' })).comments).toEqual([]);
    // a nitpick is still in the summary's table and the annotations; the commented finding is in its thread only
    expect(p.annotations.map((a) => a.title)).toEqual(['advice', 'format']);
    expect(p.summary).toContain(
      '| 🔵 info | [`advice`](https://docs.example/advice.md) | `Dockerfile` line 2 |',
    );
  });

  it('one package added to a long install: the thread sits on it and names it; the finding keeps its identity', () => {
    const text = 'FROM a\nRUN apt-get install -y \\\n    curl \\\n    wget \\\n    jq\n';
    const packages = ['curl', 'wget', 'jq'].map((p) => {
      const start = text.indexOf(p);
      return { text: p, span: { start, end: start + p.length } };
    });
    const f: Finding = {
      ...finding(text, {
        rule: 'apt-pin-versions',
        at: 'curl',
        message: 'Not pinned: `curl`, `wget` and `jq`.',
      }),
      parts: packages,
    };
    // the pull request adds the jq line (5) to an install that was there
    const patch =
      '@@ -1,4 +1,5 @@\n FROM a\n RUN apt-get install -y \\\n     curl \\\n-    wget\n+    wget \\\n+    jq';
    const p = plan([file(text, [f], patch)], opts());
    expect(p.comments.map((c) => c.line)).toEqual([5]);
    expect(p.comments[0]!.body).toContain(
      'Not pinned: `curl`, `wget` and `jq`. This pull request adds `jq`.',
    );
    expect(p.comments[0]!.fingerprints).toEqual([fingerprint(f, 'Dockerfile')]);
    // every part added (a new install): the finding stays where the rule put it, no sentence
    const whole = plan([file(text, [f])], opts());
    expect(whole.comments.map((c) => c.line)).toEqual([3]);
    expect(whole.comments[0]!.body).not.toContain('This pull request adds');
    // none added (another line changed): not on a changed line, no thread
    const other = '@@ -1,2 +1,2 @@\n-FROM b\n+FROM a\n RUN apt-get install -y \\';
    expect(plan([file(text, [f], other)], opts()).comments).toEqual([]);
  });

  it('the same ShellCheck code on the same line is reported once', () => {
    const text = 'FROM a\nRUN echo $x $y\n';
    const sc = (code: string, word: string): Finding =>
      finding(text, { rule: 'shellcheck', aliases: [code], at: word, message: `${code}: quote ${word}.` });
    const p = plan([file(text, [sc('SC2086', '$x'), sc('SC2086', '$y'), sc('SC2034', '$x')])], opts());
    expect(p.counts.changed.warning).toBe(2);
    expect(p.comments).toHaveLength(1);
    expect(p.comments[0]!.body.split('\n').slice(0, 4)).toEqual([
      '**2 findings on this line**',
      '',
      '- 🟠 **warning** · [`shellcheck`](https://docs.example/shellcheck.md): SC2086: quote \\$x.',
      '- 🟠 **warning** · [`shellcheck`](https://docs.example/shellcheck.md): SC2034: quote \\$x.',
    ]);
    // the pragma names ShellCheck's codes, so it silences only them
    expect(p.comments[0]!.body).toContain('`# dockreview ignore=SC2086,SC2034`');
  });

  it('one rule several times in one hunk: one comment at the first place, the others linked', () => {
    const text = 'FROM a\nRUN x\nRUN y\nRUN z\n';
    const findings = [2, 3, 4].map((line) => finding(text, { rule: 'rep', line, message: `On ${line}.` }));
    const p = plan([file(text, findings)], opts({ head: HEAD }));
    expect(p.comments).toHaveLength(1);
    expect(p.comments[0]!.line).toBe(2);
    expect(p.comments[0]!.fingerprints).toHaveLength(3);
    expect(p.comments[0]!.body).toContain(`\n\n_Also on lines [3](${at(3)}), [4](${at(4)})._\n`);
    // a re-run knows all three as commented
    const again = plan([file(text, findings)], opts({ posted: new Set(p.comments[0]!.fingerprints) }));
    expect(again.comments).toEqual([]);
    expect(again.alreadyPosted).toBe(3);
  });

  it('in different hunks, each place has its own comment', () => {
    const lines = ['FROM a', ...Array.from({ length: 20 }, (_, i) => `RUN s${i}`)];
    const text = `${lines.join('\n')}\n`;
    const patch = [
      '@@ -1,2 +1,2 @@',
      ' FROM a',
      '-RUN old0',
      '+RUN s0',
      '@@ -15,2 +15,2 @@',
      '-RUN old14',
      '+RUN s13',
      ' RUN s14',
    ].join('\n');
    const findings = [2, 15].map((line) => finding(text, { rule: 'rep', line }));
    const p = plan([file(text, findings, patch)], opts());
    expect(p.comments.map((c) => c.line)).toEqual([2, 15]);
    expect(p.comments.some((c) => c.body.includes('Also on'))).toBe(false);
  });

  it('fixes that conflict on one line: one thread, no suggestion, the fix named', () => {
    const text = 'FROM a\nRUN apt-get install curl\n';
    const findings = [
      finding(text, {
        rule: 'one',
        line: 2,
        fix: { description: 'add `-y`', edits: [replace(text, 'install', 'install -y')] },
      }),
      finding(text, {
        rule: 'two',
        line: 2,
        fix: { description: 'pin curl', edits: [replace(text, 'install curl', 'install curl=8')] },
      }),
    ];
    const [c] = plan([file(text, findings)], opts()).comments;
    expect(suggestionBlock(c!.body)).toBeNull();
    expect(c!.body).toContain('_Fixable: `dockreview lint --fix` (add `-y`; pin curl)._');
  });

  it('max_comments is spread across files and rules: one file’s repeats never starve another file', () => {
    // ten hunks of one rule in a.Dockerfile, one finding in b.Dockerfile, all warnings
    const lines = ['FROM a', ...Array.from({ length: 40 }, (_, i) => `RUN s${i}`)];
    const text = `${lines.join('\n')}\n`;
    const hunks = Array.from({ length: 10 }, (_, i) => 2 + i * 4);
    const patch = hunks.map((l) => `@@ -${l},1 +${l},1 @@\n-RUN old\n+${lines[l - 1]}`).join('\n');
    const a = file(
      text,
      hunks.map((line) => finding(text, { rule: 'same', line, message: 'Same message.' })),
      patch,
      'a.Dockerfile',
    );
    const b = file(text, [finding(text, { rule: 'other', line: 3 })], added(text), 'b.Dockerfile');
    const p = plan([a, b], opts({ maxComments: 3 }));
    expect(p.comments.map((c) => `${c.path}:${c.line}`)).toEqual([
      'a.Dockerfile:2',
      'a.Dockerfile:6',
      'b.Dockerfile:3',
    ]);
    expect(p.notCommented).toBe(8);
  });

  it('a Compose finding is silenced with the rules: key', () => {
    const text = 'services:\n  web:\n    image: nginx\n';
    const f = finding(text, { rule: 'compose-pin', line: 3 });
    const p = plan([{ ...file(text, [f], added(text), 'compose.yaml'), kind: 'compose' }], opts());
    expect(p.comments[0]!.body).toContain(
      '<sub>Not applicable here? Set `compose-pin: off` under `rules:` in `.github/dockreview.yml`.</sub>',
    );
  });

  it('nothing that blocks: the verdict says so in the summary and the review body', () => {
    const text = 'FROM a\nRUN b\n';
    const p = plan([file(text, [finding(text, { rule: 'w', line: 2 })])], opts({ head: HEAD }));
    expect(p.conclusion).toBe('success');
    expect(p.summary.split('\n')[0]).toBe('✅ Nothing blocks the merge');
    expect(p.reviewBody.split('\n')[0]).toBe(
      '✅ dockreview found nothing that blocks the merge. The comments below say what and why; the `dockreview` check run lists every finding.',
    );
    const many = plan(
      [file(text, [finding(text, { rule: 'e1', line: 2, severity: 'error' })], added(text), 'x/Dockerfile')],
      opts({ head: HEAD, failOn: 'warning' }),
    );
    expect(many.summary.split('\n')[0]).toBe(
      `❌ Blocks merge: 1 error on a changed line: \`e1\` in \`x/Dockerfile\` [line 2](${at(2, 'x/Dockerfile')})`,
    );
  });
});

describe('distinct findings on one line', () => {
  it('the same rule twice on one line: both in the one thread, each with its own identity', () => {
    const text = 'FROM a\nRUN apt update && apt install curl\n';
    const findings = [
      finding(text, { rule: 'apt-cli', at: 'apt update', message: 'Use `apt-get update`.' }),
      finding(text, { rule: 'apt-cli', at: 'apt install', message: 'Use `apt-get install`.' }),
    ];
    const p = plan([file(text, findings)], opts());
    expect(p.comments).toHaveLength(1);
    expect(p.comments[0]!.fingerprints).toHaveLength(2);
    expect(new Set(p.comments[0]!.fingerprints).size).toBe(2);
    expect(p.comments[0]!.body).toContain('Use `apt-get update`.');
    expect(p.comments[0]!.body).toContain('Use `apt-get install`.');
    expect(p.alreadyPosted).toBe(0);
  });
});

describe('the marker of a comment standing for many findings', () => {
  it('lists every fingerprint, however many, and a later run reads them all back', () => {
    const lines = ['FROM a', ...Array.from({ length: 300 }, (_, i) => `RUN s${i}`)];
    const text = `${lines.join('\n')}\n`;
    const findings = Array.from({ length: 300 }, (_, i) =>
      finding(text, { rule: 'rep', line: i + 2, message: 'Same.' }),
    );
    const [c] = plan([file(text, findings)], opts()).comments;
    expect(c!.fingerprints).toHaveLength(300);
    expect(fingerprintsOf(c!.body)).toEqual(c!.fingerprints);
    expect(c!.body.length).toBeLessThan(65536);
    expect(fingerprintsOf('<!-- dockreview:fingerprint=0123456789abcdef0123,nothex -->')).toEqual([]);
  });
});

describe('test, example and development files (comment_on_fixtures)', () => {
  const text =
    'services:\n  app:\n    image: app:1\n    network_mode: host\n    environment:\n      DB_PASSWORD: changeme\n';
  const findings = (path: string): PlanFile =>
    file(
      text,
      [
        finding(text, { rule: 'compose-host-namespaces', severity: 'warning', at: 'network_mode: host' }),
        finding(text, { rule: 'compose-literal-secrets', severity: 'error', at: 'DB_PASSWORD: changeme' }),
      ],
      added(text),
      path,
    );

  it('posts only errors on a file taken for a fixture, and lists its warnings as nitpicks', () => {
    const p = plan([findings('tests/e2e/compose.yaml')], opts({ commentOnFixtures: 'error' }));
    expect(p.comments.map((c) => c.body.includes('compose-literal-secrets'))).toEqual([true]);
    expect(p.nitpicks).toBe(1);
    expect(p.conclusion).toBe('failure'); // the gate does not change
  });

  it('treats a file that may ship as before', () => {
    const p = plan([findings('compose.yaml')], opts({ commentOnFixtures: 'error' }));
    expect(p.comments).toHaveLength(2);
    expect(p.nitpicks).toBe(0);
  });

  it('says in the summary why a fixture got no comment', () => {
    const only = file(
      text,
      [finding(text, { rule: 'compose-host-namespaces', severity: 'warning', at: 'network_mode: host' })],
      added(text),
      'examples/compose.yaml',
    );
    const p = plan([only], opts({ commentOnFixtures: 'error' }));
    expect(p.comments).toEqual([]);
    expect(p.summary).toContain(
      '- `examples/compose.yaml`: no comment: taken for a test, example or development file (in a `examples/` folder), which gets comments only for `error` (`comment_on_fixtures`): 1 warning on changed lines',
    );
  });

  it('never lowers the threshold: comment_on above comment_on_fixtures wins', () => {
    const p = plan(
      [findings('tests/compose.yaml')],
      opts({ commentOn: 'error', commentOnFixtures: 'warning' }),
    );
    expect(p.comments).toHaveLength(1);
  });
});
