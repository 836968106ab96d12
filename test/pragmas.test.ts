/** Inline ignore pragmas: dockreview's, hadolint's and BuildKit's `# check=skip=…`, local and file-wide. */
import { beforeAll, describe, expect, it } from 'vitest';
import { initLint, lintSource, type LintConfig } from '../src/lint/engine.js';
import { parseDockerfile } from '../src/lint/dockerfile/model.js';
import { isSuppressed, parseCheckComment, parsePragma, readSuppressions } from '../src/lint/pragmas.js';

beforeAll(async () => {
  await initLint();
});

const APT = 'RUN apt-get update && apt-get install -y gcc';

/** `line:rule` of the findings of the rules that matter here. */
function hits(text: string, config: LintConfig = { rules: {} }): string[] {
  const watched = new Set(['apt-no-install-recommends', 'apt-clean-lists', 'exec-form', 'no-maintainer']);
  return lintSource({ path: 'Dockerfile', text }, config)
    .findings.filter((f) => watched.has(f.rule))
    .map((f) => `${f.line}:${f.rule}`);
}

const file = (...lines: string[]): string => `${lines.join('\n')}\n`;

describe('baseline', () => {
  it('without pragmas every watched rule reports', () => {
    expect(hits(file('FROM debian', APT, APT))).toEqual([
      '2:apt-clean-lists',
      '2:apt-no-install-recommends',
      '3:apt-clean-lists',
      '3:apt-no-install-recommends',
    ]);
  });
});

describe('local pragmas', () => {
  it('`# dockreview ignore=<id>` on the line above an instruction', () => {
    expect(hits(file('FROM debian', '# dockreview ignore=apt-no-install-recommends', APT, APT))).toEqual([
      '3:apt-clean-lists',
      '4:apt-clean-lists',
      '4:apt-no-install-recommends',
    ]);
  });

  it('`# hadolint ignore=DL3015` by alias, case-insensitively', () => {
    expect(hits(file('FROM debian', '# hadolint ignore=DL3015', APT, APT))).toEqual([
      '3:apt-clean-lists',
      '4:apt-clean-lists',
      '4:apt-no-install-recommends',
    ]);
    expect(hits(file('FROM debian', '#hadolint ignore=dl3015', APT))).toEqual(['3:apt-clean-lists']);
  });

  it('with several comment lines between the pragma and the instruction', () => {
    expect(
      hits(file('FROM debian', '# hadolint ignore=DL3015', '# we need the recommends here', '#', APT)),
    ).toEqual(['5:apt-clean-lists']);
  });

  it('two pragmas stacked above one instruction both apply', () => {
    expect(
      hits(file('FROM debian', '# hadolint ignore=DL3015', '# dockreview ignore=apt-clean-lists', APT)),
    ).toEqual([]);
  });

  it('a list of ids `a,b` (and `a, b`)', () => {
    expect(hits(file('FROM debian', '# hadolint ignore=DL3015,DL3009', APT, APT))).toEqual([
      '4:apt-clean-lists',
      '4:apt-no-install-recommends',
    ]);
    expect(
      hits(file('FROM debian', '# dockreview ignore=apt-clean-lists, apt-no-install-recommends', APT)),
    ).toEqual([]);
  });

  it('covers findings on the continuation lines of the instruction', () => {
    const run = 'RUN apt-get update \\\n    && apt-get install -y gcc';
    expect(hits(file('FROM debian', run))).toEqual(['2:apt-clean-lists', '3:apt-no-install-recommends']);
    expect(hits(file('FROM debian', '# hadolint ignore=DL3015', run))).toEqual(['3:apt-clean-lists']);
  });

  it('`ignore=` naming another rule does not suppress', () => {
    expect(hits(file('FROM debian', '# hadolint ignore=DL3008', APT))).toEqual([
      '3:apt-clean-lists',
      '3:apt-no-install-recommends',
    ]);
    expect(hits(file('FROM debian', '# dockreview ignore=apt-no-install', APT))).toEqual([
      '3:apt-clean-lists',
      '3:apt-no-install-recommends',
    ]);
  });

  it('a pragma not directly above does not apply', () => {
    // a blank line in between
    expect(hits(file('FROM debian', '# hadolint ignore=DL3015', '', APT))).toEqual([
      '4:apt-clean-lists',
      '4:apt-no-install-recommends',
    ]);
    // another instruction in between
    expect(hits(file('FROM debian', '# hadolint ignore=DL3015', 'WORKDIR /app', APT))).toEqual([
      '4:apt-clean-lists',
      '4:apt-no-install-recommends',
    ]);
    // below the instruction
    expect(hits(file('FROM debian', APT, '# hadolint ignore=DL3015'))).toEqual([
      '2:apt-clean-lists',
      '2:apt-no-install-recommends',
    ]);
  });

  it('text after the ids is not a pragma', () => {
    expect(hits(file('FROM debian', '# see hadolint ignore=DL3015', APT))).toEqual([
      '3:apt-clean-lists',
      '3:apt-no-install-recommends',
    ]);
  });

  it('a `# reason` may follow the ids', () => {
    expect(
      hits(file('FROM debian', '# hadolint ignore=DL3015 # the base needs the recommends', APT)),
    ).toEqual(['3:apt-clean-lists']);
    expect(hits(file('FROM debian', '# dockreview global ignore=apt-clean-lists,DL3015 #why', APT))).toEqual(
      [],
    );
  });

  it('a local pragma does not apply to the whole file', () => {
    const s = readSuppressions(
      parseDockerfile('Dockerfile', file('FROM debian', '# hadolint ignore=DL3015', APT)),
    );
    expect([...s.global]).toEqual([]);
    // instruction line 3, silenced by the pragma on line 2
    expect([...s.byLine.entries()].map(([l, ids]) => [l, [...ids]])).toEqual([[3, [['dl3015', 2]]]]);
  });
});

describe('what pragmas silence, and which are honoured', () => {
  it('lists every finding a pragma silenced, with the line of that pragma', () => {
    const r = lintSource(
      {
        path: 'Dockerfile',
        text: file('# dockreview global ignore=all', 'FROM debian', APT, 'MAINTAINER me'),
      },
      { rules: {} },
    );
    expect(r.findings).toEqual([]);
    const silenced = r.suppressed ?? [];
    expect(silenced.length).toBeGreaterThanOrEqual(3);
    expect(new Set(silenced.map((x) => x.pragmaLine))).toEqual(new Set([1]));
    expect(silenced.map((x) => `${x.line}:${x.rule}`)).toEqual(
      expect.arrayContaining(['3:apt-clean-lists', '3:apt-no-install-recommends', '4:no-maintainer']),
    );
  });

  it('a local pragma is named by its own line', () => {
    const r = lintSource(
      { path: 'Dockerfile', text: file('FROM debian', '# hadolint ignore=DL3015', APT) },
      { rules: {} },
    );
    expect(r.suppressed).toMatchObject([{ rule: 'apt-no-install-recommends', line: 3, pragmaLine: 2 }]);
  });

  it('does not honour pragmas on the lines it is told to ignore (base-only), and lists them', () => {
    const text = file('# dockreview global ignore=all', 'FROM debian', '# hadolint ignore=DL3015', APT);
    const r = lintSource({ path: 'Dockerfile', text, ignoredPragmaLines: [1] }, { rules: {} });
    // the global pragma on line 1 was added by the pull request: not honoured; the local one on line 3 still is
    expect(r.unhonouredPragmas).toEqual([1]);
    expect(r.findings.map((f) => `${f.line}:${f.rule}`)).toContain('4:apt-clean-lists');
    expect(r.findings.map((f) => f.rule)).not.toContain('apt-no-install-recommends');
    expect(r.suppressed).toMatchObject([{ rule: 'apt-no-install-recommends', pragmaLine: 3 }]);
  });

  it("BuildKit's `# check=skip=` directive is file-wide and named by its line", () => {
    const r = lintSource(
      { path: 'Dockerfile', text: file('# check=skip=DL3015', 'FROM debian', APT, APT) },
      { rules: {} },
    );
    expect(r.suppressed?.map((x) => `${x.line}:${x.rule}:${x.pragmaLine}`)).toEqual([
      '3:apt-no-install-recommends:1',
      '4:apt-no-install-recommends:1',
    ]);
  });
});

describe("hadolint's pragma grammar and its new forms", () => {
  // DL3002 (no-root-user) is reported on the last USER root of the image
  const watch = (text: string): string[] =>
    lintSource({ path: 'Dockerfile', text }, { rules: { 'no-root-user': { severity: 'warning' } } })
      .findings.filter((f) => f.rule === 'no-root-user')
      .map((f) => `${f.line}:${f.rule}`);

  it('a trailing `# reason` keeps the pragma', () => {
    expect(
      watch(file('FROM scratch', '# hadolint ignore=DL3002 # base image runs as root', 'USER root')),
    ).toEqual([]);
    expect(watch(file('FROM scratch', '# hadolint ignore=DL3001,DL3002 #why', 'USER root'))).toEqual([]);
  });

  it('`ignore=crazy,DL3002` is no pragma at all, as in hadolint: DL3002 is still reported', () => {
    expect(watch(file('FROM scratch', '# hadolint ignore=crazy,DL3002', 'USER root'))).toEqual([
      '3:no-root-user',
    ]);
    // a dockreview pragma takes any id: an unknown one silences nothing and voids nothing
    expect(watch(file('FROM scratch', '# dockreview ignore=crazy,DL3002', 'USER root'))).toEqual([]);
  });

  it('Trivy ids in any form in a dockreview pragma', () => {
    for (const id of ['DS002', 'DS-0002', 'avd-ds-0002'])
      expect(watch(file('FROM scratch', `# dockreview ignore=${id}`, 'USER root')), id).toEqual([]);
  });

  it('`# hadolint stage ignore=` above a FROM covers that stage, and not the next', () => {
    const text = file('# hadolint stage ignore=DL3015', 'FROM debian AS one', APT, APT, 'FROM debian', APT);
    // (apt-clean-lists is for the stage that ships only)
    expect(hits(text)).toEqual(['6:apt-clean-lists', '6:apt-no-install-recommends']);
  });

  it('mid-stage: from the next instruction to the end of the stage', () => {
    const text = file(
      'FROM debian',
      APT,
      '# hadolint stage ignore=DL3015,DL3009',
      APT,
      APT,
      'FROM debian',
      APT,
    );
    expect(hits(text)).toEqual([
      '2:apt-no-install-recommends',
      '7:apt-clean-lists',
      '7:apt-no-install-recommends',
    ]);
  });

  it('`# dockreview stage ignore=` by id; a stage pragma is not a line or a global one', () => {
    const text = file('FROM debian', '# dockreview stage ignore=apt-clean-lists', APT, 'FROM debian', APT);
    expect(hits(text)).toEqual([
      '3:apt-no-install-recommends',
      '5:apt-clean-lists',
      '5:apt-no-install-recommends',
    ]);
    const s = readSuppressions(parseDockerfile('Dockerfile', text));
    expect([...s.global]).toEqual([]);
    expect([...s.byLine]).toEqual([]);
    expect(s.stages).toEqual([{ from: 3, to: 4, ids: new Map([['apt-clean-lists', 2]]) }]);
  });

  it('a stage pragma after the last instruction covers nothing', () => {
    expect(hits(file('FROM debian', APT, '# hadolint stage ignore=DL3015'))).toEqual([
      '2:apt-clean-lists',
      '2:apt-no-install-recommends',
    ]);
  });
});

describe('file-wide pragmas', () => {
  it('`# dockreview global ignore=…` anywhere in the file', () => {
    expect(
      hits(file('FROM debian', APT, '# dockreview global ignore=apt-no-install-recommends', APT)),
    ).toEqual(['2:apt-clean-lists', '4:apt-clean-lists']);
  });

  it('`# hadolint global ignore=…` with a list, on the first line (where dockerfile-ast reads it as a directive)', () => {
    expect(hits(file('# hadolint global ignore=DL3015,DL3009', 'FROM debian', APT, APT))).toEqual([]);
  });

  it('BuildKit `# check=skip=…` as a parser directive at the top', () => {
    const text = file(
      '# check=skip=JSONArgsRecommended',
      'FROM debian AS a',
      'CMD python a.py',
      'FROM debian',
      'CMD python b.py',
    );
    expect(hits(text)).toEqual([]);
    // without the directive both CMDs are flagged
    expect(hits(text.split('\n').slice(1).join('\n'))).toEqual(['2:exec-form', '4:exec-form']);
    const m = parseDockerfile('Dockerfile', text);
    expect(m.directives.checkSkip).toEqual(['JSONArgsRecommended']);
  });

  it('the check directive with several names and `error=true`', () => {
    const text = file(
      '# syntax=docker/dockerfile:1',
      '# check=skip=JSONArgsRecommended,MaintainerDeprecated;error=true',
      'FROM debian',
      'MAINTAINER me',
      'CMD python a.py',
    );
    expect(hits(text)).toEqual([]);
    expect(parseDockerfile('Dockerfile', text).directives.checkError).toBe(true);
  });

  it('`# check=skip=all` skips every rule', () => {
    const text = file('# check=skip=all', 'FROM debian', APT, 'CMD python a.py');
    expect(lintSource({ path: 'Dockerfile', text }, { rules: {} }).findings).toEqual([]);
  });

  it('a check named under `experimental=` still runs under `skip=all` or its own `skip=`, as in BuildKit', () => {
    const watched = (text: string): string[] =>
      lintSource(
        { path: 'Dockerfile', text, related: new Map([['.dockerignore', 'secrets.env\n']]) },
        { rules: {} },
      )
        .findings.filter((f) => f.rule === 'copy-ignored-file' || f.rule === 'no-maintainer')
        .map((f) => `${f.line}:${f.rule}`);
    const body = ['FROM debian', 'COPY secrets.env /etc/app/', 'MAINTAINER me'];
    expect(watched(file('# check=skip=all;experimental=CopyIgnoredFile', ...body))).toEqual([
      '3:copy-ignored-file',
    ]);
    expect(
      watched(file('# check=skip=CopyIgnoredFile,MaintainerDeprecated;experimental=all', ...body)),
    ).toEqual(['3:copy-ignored-file']);
    // without the experimental list the skip holds
    expect(watched(file('# check=skip=all', ...body))).toEqual([]);
  });

  it('`# check=skip=…` after the first instruction is not a directive: it applies to the next instruction only', () => {
    expect(
      hits(
        file(
          'FROM debian AS a',
          '# check=skip=JSONArgsRecommended',
          'CMD python a.py',
          'FROM debian',
          'CMD python b.py',
        ),
      ),
    ).toEqual(['5:exec-form']);
  });
});

describe('turning pragmas off', () => {
  const text = file(
    '# check=skip=MaintainerDeprecated',
    '# dockreview global ignore=apt-clean-lists',
    'FROM debian',
    '# hadolint ignore=DL3015',
    APT,
    '# check=skip=JSONArgsRecommended',
    'CMD python a.py',
    'MAINTAINER me',
  );

  it('with pragmas on, all of them apply', () => {
    expect(hits(text, { rules: {}, pragmas: true })).toEqual([]);
  });

  it('`pragmas: false` ignores every kind of pragma', () => {
    expect(hits(text, { rules: {}, pragmas: false })).toEqual([
      '5:apt-clean-lists',
      '5:apt-no-install-recommends',
      '7:exec-form',
      '8:no-maintainer',
    ]);
  });
});

describe('isSuppressed', () => {
  it('matches the id or any alias, locally by instruction line, or globally', () => {
    const s = {
      global: new Map([['dl3007', 1]]),
      byLine: new Map([[4, new Map([['no-cd-in-run', 3]])]]),
      unhonoured: [],
    };
    // the answer is the line of the pragma that silences the finding
    expect(isSuppressed(s, 'no-latest-tag', ['DL3007'], null)).toBe(1);
    expect(isSuppressed(s, 'no-cd-in-run', ['DL3003'], 4)).toBe(3);
    expect(isSuppressed(s, 'no-cd-in-run', ['DL3003'], 5)).toBeNull();
    expect(isSuppressed(s, 'no-cd-in-run', ['DL3003'], null)).toBeNull();
    expect(isSuppressed(s, 'pipefail', ['DL4006'], 4)).toBeNull();
  });
});

describe('the pragma scanner', () => {
  it('reads the forms the pragmas take, and nothing else', () => {
    expect(parsePragma('# hadolint ignore=DL3002 # base image runs as root')).toEqual({
      tool: 'hadolint',
      global: false,
      ids: 'DL3002',
    });
    expect(parsePragma('#DockReview   Global   ignore =  a, b c')).toEqual({
      tool: 'DockReview',
      global: true,
      ids: 'a, b c',
    });
    expect(parsePragma('# dockreview ignore=,')).toEqual({ tool: 'dockreview', global: false, ids: ',' });
    expect(parsePragma('# hadolint stage ignore=DL3011 # why')).toEqual({
      tool: 'hadolint',
      global: false,
      stage: true,
      ids: 'DL3011',
    });
    for (const no of [
      // hadolint's grammar: a list with anything but D, L, S, C and digits in a name is no pragma
      '# hadolint ignore=,',
      '# hadolint ignore=crazy,DL3002',
      '# hadolint ignore=DL3008 trailing',
      '# hadolint ignore=DS-0002',
      '# hadolint stageignore=DL3002',
      '# hadolint ignore=',
      '# hadolint ignore= # only a reason',
      '# hadolintignore=DL3002',
      '# hadolint globalignore=DL3002',
      '# hadolint ignore=DL3002!',
      '# hadolint ignore DL3002',
      '# see hadolint ignore=DL3002',
      'hadolint ignore=DL3002',
    ])
      expect(parsePragma(no), no).toBeNull();
  });

  it('reads `# check=` comments', () => {
    expect(parseCheckComment('# check = skip=A;error=true')).toBe('skip=A;error=true');
    expect(parseCheckComment('#check=')).toBe('');
    expect(parseCheckComment('# checks=skip=A')).toBeNull();
  });
});
