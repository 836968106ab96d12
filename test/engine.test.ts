/** The engine: rule selection, severities, ordering, isolation of failing rules, file kinds, syntax errors. */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  detectKind,
  initLint,
  lintFiles,
  lintSource,
  rulesFor,
  sortFindings,
  type LintConfig,
} from '../src/lint/engine.js';
import { defineRule, type Batcher, type DockerfileRule, type Rule } from '../src/lint/rule.js';
import { ALL_RULES } from '../src/lint/rules/index.js';
import { SourceText } from '../src/lint/source.js';
import type { Finding } from '../src/lint/types.js';
import { EXAMPLE } from './helpers/example.js';

beforeAll(async () => {
  await initLint();
});

// ShellCheck is an external binary that may or may not be installed: its own tests cover it
const NONE: LintConfig = { rules: { shellcheck: { severity: 'off' } } };

/** A rule for tests: every field defaulted but `id` and `check`. */
function fakeRule(rule: Partial<DockerfileRule> & Pick<DockerfileRule, 'id' | 'check'>): Rule {
  return defineRule({
    aliases: [],
    kind: 'dockerfile',
    severity: 'warning',
    fixable: false,
    summary: 'test rule',
    why: 'test rule',
    ...rule,
  });
}

/** Reports once on every instruction with the given keyword. */
function onKeyword(id: string, keyword: string, extra: Partial<DockerfileRule> = {}): Rule {
  return fakeRule({
    id,
    ...extra,
    check({ model, report }) {
      for (const ins of model.each(keyword)) report({ at: ins, message: `${id} on ${keyword}` });
    },
  });
}

const lint = (text: string, config: LintConfig = NONE, rules?: readonly Rule[]): Finding[] =>
  lintSource({ path: 'Dockerfile', text }, config, undefined, rules).findings;

const summary = (fs: readonly Finding[]): string[] => fs.map((f) => `${f.line}:${f.column} ${f.rule}`);

describe('rule selection', () => {
  const composeRule = { ...onKeyword('compose-only', 'FROM'), kind: 'compose' } as unknown as Rule;
  const dockerRule = onKeyword('docker-only', 'FROM');

  it('picks the rules of the file kind only', () => {
    expect(rulesFor('dockerfile', NONE, [composeRule, dockerRule]).map((e) => e.rule.id)).toEqual([
      'docker-only',
    ]);
    expect(rulesFor('compose', NONE, [composeRule, dockerRule]).map((e) => e.rule.id)).toEqual([
      'compose-only',
    ]);
    expect(summary(lint('FROM alpine\n', NONE, [composeRule, dockerRule]))).toEqual(['1:1 docker-only']);
  });

  it('runs every registered Dockerfile rule by default', () => {
    expect(rulesFor('dockerfile', { rules: {} }).map((e) => e.rule.id)).toEqual(
      ALL_RULES.filter((r) => r.kind === 'dockerfile' && r.severity !== 'off').map((r) => r.id),
    );
  });

  it('a compose file gets no Dockerfile findings', () => {
    const r = lintSource({ path: 'compose.yaml', text: 'FROM python\nMAINTAINER me\n' }, NONE);
    expect(r.kind).toBe('compose');
    expect(r.path).toBe('compose.yaml');
    const dockerfileRules = new Set(ALL_RULES.filter((x) => x.kind === 'dockerfile').map((x) => x.id));
    expect(r.findings.filter((f) => dockerfileRules.has(f.rule))).toEqual([]);
  });

  it('an explicit kind wins over the file name', () => {
    const r = lintSource({ path: 'notes.txt', text: 'FROM alpine\nMAINTAINER me\n' }, NONE, 'dockerfile');
    expect(r.kind).toBe('dockerfile');
    expect(r.findings.map((f) => f.rule)).toContain('no-maintainer');
  });

  it('merges the rule default options with the configured ones', () => {
    let seen: Record<string, unknown> | undefined;
    const rule = fakeRule({
      id: 'opts',
      options: { a: 1, b: 2 },
      check({ options }) {
        seen = options;
      },
    });
    lint('FROM alpine\n', { rules: { opts: { options: { b: 3, c: 4 } } } }, [rule]);
    expect(seen).toEqual({ a: 1, b: 3, c: 4 });
    lint('FROM alpine\n', NONE, [rule]);
    expect(seen).toEqual({ a: 1, b: 2 });
  });
});

describe('severities', () => {
  it('uses each rule default severity', () => {
    const fs = lint(EXAMPLE);
    const sev = (id: string): string[] => fs.filter((f) => f.rule === id).map((f) => f.severity);
    expect(sev('apt-no-install-recommends')).toEqual(['info']);
    expect(sev('require-user')).toEqual(['info']);
    // a lone shell-form command (`CMD python app.py`): the shell execs it, so the rule grades it info
    expect(sev('exec-form')).toEqual(['info']);
    expect(sev('pip-no-cache-dir')).toEqual(['info']);
  });

  it('overrides the severity of a rule by id', () => {
    const fs = lint(EXAMPLE, { rules: { 'apt-no-install-recommends': { severity: 'error' } } });
    expect(fs.filter((f) => f.rule === 'apt-no-install-recommends').map((f) => f.severity)).toEqual([
      'error',
    ]);
    // the others keep theirs
    expect(fs.find((f) => f.rule === 'exec-form')!.severity).toBe('info');
  });

  it('`off` disables a rule', () => {
    const fs = lint(EXAMPLE, { rules: { 'apt-no-install-recommends': { severity: 'off' } } });
    expect(fs.some((f) => f.rule === 'apt-no-install-recommends')).toBe(false);
    expect(fs.some((f) => f.rule === 'apt-clean-lists')).toBe(true);
    expect(
      rulesFor('dockerfile', { rules: { 'exec-form': { severity: 'off' } } }).map((e) => e.rule.id),
    ).not.toContain('exec-form');
  });

  it('a rule that is off by default runs only when configured', () => {
    const rule = onKeyword('quiet', 'FROM', { severity: 'off' });
    expect(lint('FROM alpine\n', NONE, [rule])).toEqual([]);
    expect(
      lint('FROM alpine\n', { rules: { quiet: { severity: 'info' } } }, [rule]).map((f) => f.severity),
    ).toEqual(['info']);
  });

  it('a per-finding severity applies unless the config sets one', () => {
    const rule = fakeRule({
      id: 'raises',
      severity: 'warning',
      check({ model, report }) {
        report({ at: model.instructions[0]!, message: 'raised', severity: 'error' });
      },
    });
    expect(lint('FROM alpine\n', NONE, [rule])[0]!.severity).toBe('error');
    expect(lint('FROM alpine\n', { rules: { raises: { severity: 'info' } } }, [rule])[0]!.severity).toBe(
      'info',
    );
  });
});

describe('findings', () => {
  it('carry the rule aliases, or only the ones the report names', () => {
    const rule = fakeRule({
      id: 'aliased',
      aliases: ['DL1', 'Two'],
      check({ model, report }) {
        report({ at: model.instructions[0]!, message: 'all' });
        report({ at: model.instructions[1]!, message: 'one', aliases: ['Two'] });
      },
    });
    expect(lint('FROM a\nRUN b\n', NONE, [rule]).map((f) => f.aliases)).toEqual([['DL1', 'Two'], ['Two']]);
  });

  it('positions are 1-based lines and UTF-16 columns of the span, end exclusive', () => {
    const text = 'FROM alpine\r\nRUN echo "é😀" && \\\n  true\n';
    const rule = fakeRule({
      id: 'pos',
      check({ model, report }) {
        const run = model.each('RUN')[0]!;
        report({ at: run, message: 'whole' });
        const t = run.shell!.commands[1]!.name;
        report({ at: { start: t.start, end: t.end }, message: 'word' });
      },
    });
    const fs = lint(text, NONE, [rule]);
    expect(fs.map((f) => [f.message, f.line, f.column, f.endLine, f.endColumn])).toEqual([
      ['whole', 2, 1, 3, 7],
      ['word', 3, 3, 3, 7],
    ]);
    expect(text.slice(fs[1]!.span.start, fs[1]!.span.end)).toBe('true');
  });

  it('fix safety defaults to the rule fixability, edits sorted by offset', () => {
    const mk = (id: string, fixable: 'yes' | 'sugg', safe?: boolean): Rule =>
      fakeRule({
        id,
        fixable,
        check({ report }) {
          report({
            at: { start: 0, end: 4 },
            message: id,
            fix: {
              description: 'd',
              safe,
              edits: [
                { start: 5, end: 5, text: 'b' },
                { start: 0, end: 0, text: 'a' },
              ],
            },
          });
        },
      });
    const fs = lint('FROM alpine\n', NONE, [mk('r1', 'yes'), mk('r2', 'sugg'), mk('r3', 'sugg', true)]);
    expect(fs.map((f) => [f.rule, f.fix!.safe])).toEqual([
      ['r1', true],
      ['r2', false],
      ['r3', true],
    ]);
    expect(fs[0]!.fix!.edits.map((e) => e.start)).toEqual([0, 5]);
  });

  it('a fix with no edits is dropped', () => {
    const rule = fakeRule({
      id: 'empty-fix',
      fixable: 'yes',
      check({ report }) {
        report({ at: { start: 0, end: 1 }, message: 'm', fix: { description: 'nothing', edits: [] } });
      },
    });
    const [f] = lint('FROM alpine\n', NONE, [rule]);
    expect(f!.fix).toBeUndefined();
  });

  it('identical reports are de-duplicated', () => {
    const rule = fakeRule({
      id: 'twice',
      check({ model, report }) {
        report({ at: model.instructions[0]!, message: 'same' });
        report({ at: model.instructions[0]!, message: 'same' });
        report({ at: model.instructions[0]!, message: 'other' });
      },
    });
    expect(lint('FROM alpine\n', NONE, [rule]).map((f) => f.message)).toEqual(['other', 'same']);
  });
});

describe('order', () => {
  it('is deterministic: the same input twice gives identical output', () => {
    const a = lintSource({ path: 'Dockerfile', text: EXAMPLE }, NONE);
    const b = lintSource({ path: 'Dockerfile', text: EXAMPLE }, NONE);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.findings.length).toBeGreaterThan(5);
  });

  it('sorts by line, column, then rule id', () => {
    const fs = lint(EXAMPLE);
    const keys = fs.map((f) => [f.line, f.column, f.rule] as const);
    const sorted = [...keys].sort(
      (x, y) => x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0),
    );
    expect(keys).toEqual(sorted);
    expect(summary(fs).slice(0, 2)).toEqual(['1:6 prefer-slim-base', '1:6 require-user']);
  });

  it('sorts findings reported out of order, whatever the rule order', () => {
    const z = fakeRule({
      id: 'z-rule',
      check({ model, report }) {
        for (const ins of [...model.instructions].reverse()) report({ at: ins.keywordSpan, message: 'z' });
      },
    });
    const a = fakeRule({
      id: 'a-rule',
      check({ model, report }) {
        report({ at: model.instructions[1]!.keywordSpan, message: 'a' });
        report({ at: model.instructions[0]!.argsSpan!, message: 'a' });
      },
    });
    const text = 'FROM alpine\nRUN true\n';
    const expected = ['1:1 z-rule', '1:6 a-rule', '2:1 a-rule', '2:1 z-rule'];
    expect(summary(lint(text, NONE, [z, a]))).toEqual(expected);
    expect(summary(lint(text, NONE, [a, z]))).toEqual(expected);
  });

  it('sortFindings breaks ties by span end, then message', () => {
    const f = (rule: string, end: number, message: string): Finding => ({
      rule,
      aliases: [],
      severity: 'info',
      message,
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: end + 1,
      span: { start: 0, end },
    });
    const out = sortFindings([f('b', 1, 'x'), f('a', 5, 'y'), f('a', 5, 'x'), f('a', 2, 'z')]);
    expect(out.map((x) => `${x.rule}${x.span.end}${x.message}`)).toEqual(['a2z', 'a5x', 'a5y', 'b1x']);
  });
});

describe('a rule that throws', () => {
  const boom = fakeRule({
    id: 'boom',
    check() {
      throw new Error('kaput');
    },
  });
  const boomString = fakeRule({
    id: 'boom-string',
    check({ report, model }) {
      report({ at: model.instructions[0]!, message: 'reported before throwing' });
      throw 'not an Error';
    },
  });

  it('becomes one internal error finding, and the other rules still report', () => {
    const fs = lint('FROM alpine\nMAINTAINER me\n', NONE, [boom, onKeyword('ok', 'MAINTAINER')]);
    expect(fs).toEqual([
      {
        rule: 'boom',
        aliases: [],
        severity: 'error',
        message: 'internal error while checking this file, please report it: kaput',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        span: { start: 0, end: 0 },
      },
      expect.objectContaining({ rule: 'ok', line: 2, message: 'ok on MAINTAINER' }),
    ]);
  });

  it('keeps what the rule reported before it threw, and reads non-Error throws', () => {
    const fs = lint('FROM alpine\n', NONE, [boomString]);
    expect(fs.map((f) => f.message)).toEqual([
      'internal error while checking this file, please report it: not an Error',
      'reported before throwing',
    ]);
  });

  it('does not run at all when configured off', () => {
    const fs = lint('FROM alpine\n', { rules: { boom: { severity: 'off' } } }, [boom]);
    expect(fs).toEqual([]);
  });
});

describe('detectKind', () => {
  it.each([
    ['Dockerfile', 'dockerfile'],
    ['Dockerfile.dev', 'dockerfile'],
    ['app.Dockerfile', 'dockerfile'],
    ['services/api/Dockerfile', 'dockerfile'],
    ['services\\api\\Dockerfile.prod', 'dockerfile'],
    ['Containerfile', 'dockerfile'],
    ['build/Containerfile.base', 'dockerfile'],
    ['dockerfile', 'dockerfile'],
    ['compose.yaml', 'compose'],
    ['compose.yml', 'compose'],
    ['docker-compose.yml', 'compose'],
    ['docker-compose.prod.yml', 'compose'],
    ['deploy/docker-compose.override.yaml', 'compose'],
  ] as const)('%s → %s', (path, kind) => {
    expect(detectKind(path)).toBe(kind);
  });

  it.each([
    'README.md',
    'Makefile',
    'dockerfiles/README.md',
    'Dockerfile/notes.txt',
    'compose.json',
    'docker-compose.yml.bak',
    'composer.json',
    'src/main.ts',
    '.dockerignore',
  ])('%s → null', (path) => {
    expect(detectKind(path)).toBeNull();
  });
});

describe('syntax errors', () => {
  const text = 'FROM alpine:3.20\nFOO bar\nRUN apt-get update && apt-get install -y curl\nMAINTAINER me\n';

  it('an unknown instruction is a valid-syntax finding and the rest of the file is still linted', () => {
    const fs = lint(text);
    const syntax = fs.filter((f) => f.rule === 'valid-syntax');
    expect(syntax.map((f) => [f.line, f.column, f.endColumn, f.severity])).toEqual([[2, 1, 4, 'error']]);
    expect(syntax[0]!.message).toContain('Unknown instruction `FOO`');
    expect(syntax[0]!.aliases).toEqual(['DL1000']);
    expect(fs.some((f) => f.rule === 'apt-no-install-recommends' && f.line === 3)).toBe(true);
    expect(fs.some((f) => f.rule === 'no-maintainer' && f.line === 4)).toBe(true);
  });

  it('a misspelt keyword gets a suggestion', () => {
    const fs = lint('FROM alpine\nRUNN true\n').filter((f) => f.rule === 'valid-syntax');
    expect(fs.map((f) => f.message)).toEqual(['Unknown instruction `RUNN` (did you mean `RUN`?).']);
  });

  it('a heredoc opener dockerfile-ast cannot read costs no rule its findings', () => {
    // found by test/fuzz.test.ts: dockerfile-ast's getHeredocs() throws on this opener
    const fs = lint("FROM alpine\nRUN <<-'A<<-'A'\napk add curl\nA\n");
    expect(fs.filter((f) => f.message.startsWith('internal error'))).toEqual([]);
    expect(fs.map((f) => f.rule)).toEqual(['pin-base-image', 'require-user']);
  });

  it('a file with no FROM is still linted as one stage: its stage rules report beside from-first', () => {
    // hadolint lints such a file too; before, stage rules (clean-ups, WORKDIR) saw no stage and said nothing
    const fs = lint(
      'ENV PIP_NO_CACHE_DIR=1\nCOPY build.sh build.sh\nRUN yum install -y httpd && pip install flask\n',
    );
    const rules = fs.map((f) => `${f.line}:${f.rule}`);
    expect(rules).toEqual(
      expect.arrayContaining(['1:from-first', '2:copy-relative-dest-needs-workdir', '3:yum-clean']),
    );
    // the stage's ENV is read: pip's cache is already off
    expect(rules).not.toContain('3:pip-no-cache-dir');
    expect(fs.filter((f) => f.message.startsWith('internal error'))).toEqual([]);
  });

  it('an empty file has no FROM, and lints without throwing', () => {
    for (const t of ['', '\n', '# only a comment\n', '\r\n\r\n']) {
      const fs = lint(t);
      expect(fs.map((f) => f.rule)).toEqual(['valid-syntax']);
      expect(fs[0]!.message).toContain('no `FROM`');
    }
  });
});

describe('SourceText', () => {
  it('maps offsets to positions and back, with CRLF', () => {
    const s = new SourceText('Dockerfile', 'ab\r\ncd\nef');
    expect(s.lineCount).toBe(3);
    expect(s.positionAt(0)).toEqual({ line: 1, column: 1 });
    expect(s.positionAt(4)).toEqual({ line: 2, column: 1 });
    expect(s.positionAt(99)).toEqual({ line: 3, column: 3 });
    expect(s.offsetAt(1, 1)).toBe(5);
    expect(s.lineText(1)).toBe('ab');
    expect(s.lineText(2)).toBe('cd');
    expect(s.lineEnd(3)).toBe(9);
    expect(s.eol).toBe('\r\n');
  });
});

describe('lintFiles with a rule that defers its outside work', () => {
  // a batcher that records when it was asked, and answers each request with its own text
  function setup(): { rules: Rule[]; log: string[] } {
    const log: string[] = [];
    const batcher: Batcher<string, string> = {
      run: (requests) => {
        log.push(`batch started: ${requests.join(', ')}`);
        return Promise.resolve(requests.map((r) => `answer to ${r}`));
      },
    };
    const first = fakeRule({
      id: 'a-first',
      check({ model, report }) {
        log.push('a-first ran');
        for (const ins of model.each('FROM')) report({ message: 'a-first', at: ins });
      },
    });
    const deferring = fakeRule({
      id: 'b-deferring',
      defers: true,
      check({ model, report, defer }) {
        log.push('b-deferring ran');
        const ins = model.instructions[0]!;
        const answer = (text: string): void => report({ message: text, at: ins });
        if (defer) defer(batcher, model.source.text.split('\n')[0]!, answer);
        else answer('done alone');
      },
    });
    const last = fakeRule({
      id: 'c-last',
      check({ model, report }) {
        log.push('c-last ran');
        report({ message: 'c-last', at: model.instructions[0]! });
      },
    });
    return { rules: [first, deferring, last], log };
  }

  it('runs it first and starts the batch before the other rules run, with the findings of linting alone', async () => {
    const { rules, log } = setup();
    const inputs = ['FROM a:1', 'FROM b:1'].map((text, i) => ({ path: `d${i}/Dockerfile`, text }));
    const together = await lintFiles(
      inputs.map((input) => ({ input, config: NONE })),
      rules,
    );
    expect(log).toEqual([
      'b-deferring ran',
      'b-deferring ran',
      'batch started: FROM a:1, FROM b:1',
      'a-first ran',
      'c-last ran',
      'a-first ran',
      'c-last ran',
    ]);
    expect(together.map((r) => r.findings.map((f) => `${f.rule}: ${f.message}`))).toEqual([
      ['a-first: a-first', 'b-deferring: answer to FROM a:1', 'c-last: c-last'],
      ['a-first: a-first', 'b-deferring: answer to FROM b:1', 'c-last: c-last'],
    ]);
    // alone, the rule is not offered `defer` and every rule runs in registry order
    log.length = 0;
    const alone = lintSource(inputs[0]!, NONE, undefined, rules);
    expect(log).toEqual(['a-first ran', 'b-deferring ran', 'c-last ran']);
    expect(alone.findings.map((f) => f.message)).toEqual(['a-first', 'done alone', 'c-last']);
  });

  it('offers `defer` only to a rule that declares it', async () => {
    let offered: boolean | undefined;
    const rule = fakeRule({
      id: 'plain',
      check({ defer }) {
        offered = defer !== undefined;
      },
    });
    await lintFiles([{ input: { path: 'Dockerfile', text: 'FROM a:1' }, config: NONE }], [rule]);
    expect(offered).toBe(false);
  });
});
