/** The text and JSON reports, on hand-made findings: exact output, colours, summary and fix hints. */
import { describe, expect, it } from 'vitest';
import { formatJson, toJsonReport, type ReportFile } from '../src/report/json.js';
import { formatText } from '../src/report/text.js';
import type { Finding } from '../src/lint/types.js';

function finding(over: Partial<Finding> & Pick<Finding, 'rule' | 'severity' | 'line' | 'column'>): Finding {
  return {
    aliases: [],
    message: `${over.rule} message.`,
    endLine: over.line,
    endColumn: over.column + 3,
    span: { start: 0, end: 3 },
    ...over,
  };
}

const MAINTAINER = finding({
  rule: 'no-maintainer',
  aliases: ['DL4000'],
  severity: 'error',
  line: 2,
  column: 1,
  message: '`MAINTAINER` is deprecated.',
  fix: { description: 'use a LABEL', safe: true, edits: [{ start: 17, end: 40, text: 'LABEL a=b' }] },
});
const EXEC = finding({
  rule: 'exec-form',
  aliases: ['DL3025', 'JSONArgsRecommended'],
  severity: 'warning',
  line: 4,
  column: 5,
  endColumn: 18,
  message: '`CMD` in shell form.',
  fix: { description: 'rewrite in exec form', safe: true, edits: [{ start: 60, end: 73, text: '["a"]' }] },
});
const RECOMMENDS = finding({
  rule: 'apt-no-install-recommends',
  aliases: ['DL3015'],
  severity: 'info',
  line: 5,
  column: 23,
  message: 'no `--no-install-recommends`.',
  fix: {
    description: 'add it',
    safe: false,
    edits: [{ start: 90, end: 90, text: ' --no-install-recommends' }],
  },
});
const STYLE = finding({ rule: 'some-style', severity: 'style', line: 6, column: 1, message: 'style nit.' });

const FILES: ReportFile[] = [
  { path: 'app/Dockerfile', kind: 'dockerfile', findings: [MAINTAINER, EXEC, RECOMMENDS, STYLE] },
  { path: 'clean/Dockerfile', kind: 'dockerfile', findings: [] },
  { path: 'gone/Dockerfile', kind: 'dockerfile', findings: [], error: 'cannot read file (EACCES)' },
];

describe('text report', () => {
  it('groups by file, one `path:line:col severity rule (aliases) message` line per finding', () => {
    expect(formatText(FILES, { color: false })).toBe(
      [
        'app/Dockerfile',
        'app/Dockerfile:2:1 error no-maintainer (DL4000) `MAINTAINER` is deprecated.',
        'app/Dockerfile:4:5 warning exec-form (DL3025, JSONArgsRecommended) `CMD` in shell form.',
        'app/Dockerfile:5:23 info apt-no-install-recommends (DL3015) no `--no-install-recommends`.',
        'app/Dockerfile:6:1 style some-style style nit.',
        '',
        'gone/Dockerfile',
        '  error cannot read file (EACCES)',
        '',
        '4 problems (1 error, 1 warning, 1 info, 1 style). 1 file could not be linted.',
        '2 fixable with `--fix`, 1 more with `--fix-unsafe` (suggestions: review them)',
        '',
      ].join('\n'),
    );
  });

  it('counts in the plural', () => {
    const twice = (f: Finding): Finding[] => [f, { ...f, line: f.line + 10 }];
    const out = formatText(
      [
        {
          path: 'Dockerfile',
          kind: 'dockerfile',
          findings: [...twice(MAINTAINER), ...twice(EXEC), ...twice(RECOMMENDS), ...twice(STYLE)],
        },
      ],
      { color: false },
    );
    expect(out).toContain('\n8 problems (2 errors, 2 warnings, 2 info, 2 style)\n');
    expect(out).toContain(
      '\n4 fixable with `--fix`, 2 more with `--fix-unsafe` (suggestions: review them)\n',
    );
  });

  it('only suggestions: the hint names --fix-unsafe alone', () => {
    const out = formatText([{ path: 'D', kind: 'dockerfile', findings: [RECOMMENDS] }], { color: false });
    expect(out.split('\n').slice(-3)).toEqual([
      '1 problem (1 info)',
      '1 more with `--fix-unsafe` (suggestions: review them)',
      '',
    ]);
  });

  it('no fix hint when asked not to (after --fix) or when nothing is fixable', () => {
    const after = formatText([{ path: 'D', kind: 'dockerfile', findings: [EXEC] }], {
      color: false,
      showFixHint: false,
    });
    expect(after).toBe(
      'D\nD:4:5 warning exec-form (DL3025, JSONArgsRecommended) `CMD` in shell form.\n\n1 problem (1 warning)\n',
    );
    const unfixable = formatText([{ path: 'D', kind: 'dockerfile', findings: [STYLE] }], { color: false });
    expect(unfixable.endsWith('1 problem (1 style)\n')).toBe(true);
  });

  it('says so when there is nothing to report', () => {
    expect(formatText(FILES.slice(1, 2), { color: false })).toBe('No problems in 1 file.\n');
    expect(formatText([FILES[1]!, FILES[1]!], { color: false })).toBe('No problems in 2 files.\n');
    expect(formatText([], { color: false })).toBe('No problems in 0 files.\n');
    expect(formatText(FILES.slice(1), { color: false })).toBe(
      'gone/Dockerfile\n  error cannot read file (EACCES)\n\nNo problems in 1 file. 1 file could not be linted.\n',
    );
  });

  it('colours severities, file names and the summary when asked', () => {
    const out = formatText(FILES, { color: true });
    expect(out).toContain('\u001b[1mapp/Dockerfile\u001b[22m\n');
    expect(out).toContain(' \u001b[31merror\u001b[39m \u001b[1mno-maintainer\u001b[22m');
    expect(out).toContain(' \u001b[33mwarning\u001b[39m ');
    expect(out).toContain(' \u001b[36minfo\u001b[39m ');
    expect(out).toContain('\u001b[90m (DL3025, JSONArgsRecommended)\u001b[39m');
    expect(out).toContain('\u001b[31m1 error\u001b[39m');
    expect(formatText(FILES.slice(1, 2), { color: true })).toBe(
      '\u001b[32mNo problems in 1 file.\u001b[39m\n',
    );
    // the words are the same with and without colour
    // eslint-disable-next-line no-control-regex
    expect(out.replace(/\u001b\[\d+m/g, '')).toBe(formatText(FILES, { color: false }));
  });

  it('never colours when not asked, whatever the environment', () => {
    expect(formatText(FILES, { color: false })).not.toContain('\u001b[');
  });
});

describe('JSON report', () => {
  it('has the exact documented shape: no internal fields, optional fix and error', () => {
    expect(toJsonReport(FILES)).toEqual({
      version: 1,
      files: [
        {
          path: 'app/Dockerfile',
          kind: 'dockerfile',
          findings: [
            {
              rule: 'no-maintainer',
              aliases: ['DL4000'],
              severity: 'error',
              message: '`MAINTAINER` is deprecated.',
              line: 2,
              column: 1,
              endLine: 2,
              endColumn: 4,
              fix: {
                description: 'use a LABEL',
                safe: true,
                edits: [{ start: 17, end: 40, text: 'LABEL a=b' }],
              },
            },
            {
              rule: 'exec-form',
              aliases: ['DL3025', 'JSONArgsRecommended'],
              severity: 'warning',
              message: '`CMD` in shell form.',
              line: 4,
              column: 5,
              endLine: 4,
              endColumn: 18,
              fix: {
                description: 'rewrite in exec form',
                safe: true,
                edits: [{ start: 60, end: 73, text: '["a"]' }],
              },
            },
            {
              rule: 'apt-no-install-recommends',
              aliases: ['DL3015'],
              severity: 'info',
              message: 'no `--no-install-recommends`.',
              line: 5,
              column: 23,
              endLine: 5,
              endColumn: 26,
              fix: {
                description: 'add it',
                safe: false,
                edits: [{ start: 90, end: 90, text: ' --no-install-recommends' }],
              },
            },
            {
              rule: 'some-style',
              aliases: [],
              severity: 'style',
              message: 'style nit.',
              line: 6,
              column: 1,
              endLine: 6,
              endColumn: 4,
            },
          ],
        },
        { path: 'clean/Dockerfile', kind: 'dockerfile', findings: [] },
        { path: 'gone/Dockerfile', kind: 'dockerfile', findings: [], error: 'cannot read file (EACCES)' },
      ],
    });
  });

  it('prints one pretty-printed document and a newline', () => {
    const extra = {
      ...STYLE,
      fix: { description: 'd', safe: true, edits: [{ start: 1, end: 2, text: 'x', extra: 1 }] },
    };
    expect(formatJson([{ path: 'D', kind: 'dockerfile', findings: [extra] }])).toBe(
      `${[
        '{',
        '  "version": 1,',
        '  "files": [',
        '    {',
        '      "path": "D",',
        '      "kind": "dockerfile",',
        '      "findings": [',
        '        {',
        '          "rule": "some-style",',
        '          "aliases": [],',
        '          "severity": "style",',
        '          "message": "style nit.",',
        '          "line": 6,',
        '          "column": 1,',
        '          "endLine": 6,',
        '          "endColumn": 4,',
        '          "fix": {',
        '            "description": "d",',
        '            "safe": true,',
        '            "edits": [',
        '              {',
        '                "start": 1,',
        '                "end": 2,',
        '                "text": "x"',
        '              }',
        '            ]',
        '          }',
        '        }',
        '      ]',
        '    }',
        '  ]',
        '}',
      ].join('\n')}\n`,
    );
    expect(formatJson([])).toBe('{\n  "version": 1,\n  "files": []\n}\n');
  });
});
