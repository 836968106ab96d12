import { beforeAll, describe, expect, it } from 'vitest';
import { initLint } from '../src/lint/engine.js';
import { isPosixShell, parseDockerfile, type DockerfileModel } from '../src/lint/dockerfile/model.js';
import type { ShellScript, Word } from '../src/lint/shell/parser.js';
import type { Span } from '../src/lint/types.js';

beforeAll(async () => {
  await initLint();
});

const parse = (text: string): DockerfileModel => parseDockerfile('Dockerfile', text);
const slice = (m: DockerfileModel, s: Span | null | undefined): string | null =>
  s ? m.source.text.slice(s.start, s.end) : null;
const words = (script: ShellScript | null): Word[] =>
  script ? script.commands.flatMap((c) => [c.name, ...c.args]) : [];

describe('stages', () => {
  const text =
    'ARG TAG=3.12\n' +
    'FROM --platform=$BUILDPLATFORM registry.example.com:5000/team/python:${TAG}-slim@sha256:abc AS Build\n' +
    'RUN make\n' +
    'FROM build AS test\n' +
    'FROM alpine:3.20 AS tools\n' +
    'FROM test\n';
  const m = parse(text);

  it('reads names, indexes and platforms', () => {
    expect(m.stages.map((s) => [s.index, s.name, s.platform])).toEqual([
      [0, 'build', '$BUILDPLATFORM'],
      [1, 'test', null],
      [2, 'tools', null],
      [3, null, null],
    ]);
    expect(slice(m, m.stages[0]!.nameSpan)).toBe('Build');
    expect(m.stageByName('BUILD')).toBe(m.stages[0]);
  });

  it('parses the image reference, and resolves global ARG defaults', () => {
    const s = m.stages[0]!;
    expect(slice(m, s.imageSpan)).toBe('registry.example.com:5000/team/python:${TAG}-slim@sha256:abc');
    expect(s.image).toMatchObject({
      registry: 'registry.example.com:5000',
      name: 'team/python',
      tag: '${TAG}-slim',
      digest: 'sha256:abc',
      dynamic: true,
    });
    expect(s.resolvedImage).toMatchObject({
      registry: 'registry.example.com:5000',
      name: 'team/python',
      tag: '3.12-slim',
      digest: 'sha256:abc',
      dynamic: false,
    });
    expect(m.stages[2]!.image).toMatchObject({ registry: null, name: 'alpine', tag: '3.20', digest: null });
  });

  it('links stages built FROM an earlier stage, and marks what ships', () => {
    const [build, test, tools, last] = m.stages;
    expect(test!.parent).toBe(build);
    expect(last!.parent).toBe(test);
    expect(tools!.parent).toBeNull();
    expect([build, test, tools, last].map((s) => s!.shipped)).toEqual([true, true, false, true]);
    expect([build, test, tools, last].map((s) => s!.isScratch)).toEqual([false, true, false, true]);
    expect(m.finalStage).toBe(last);
  });

  it('keeps instructions in their stage, and global ARGs apart', () => {
    expect(m.globalArgs.map((a) => [a.name, a.value])).toEqual([['TAG', '3.12']]);
    expect(m.stages[0]!.instructions.map((i) => i.keyword)).toEqual(['RUN']);
    expect(m.instructions.map((i) => i.keyword)).toEqual(['ARG', 'FROM', 'RUN', 'FROM', 'FROM', 'FROM']);
  });

  it('reads instructions written before any FROM as an implicit stage, global ARGs before them apart', () => {
    const lone = parse('ARG VERSION=2\nENV MODE=prod\nRUN make install\nARG LATE\n');
    expect(lone.globalArgs.map((a) => a.name)).toEqual(['VERSION']);
    const [implicit] = lone.stages;
    expect(lone.stages).toHaveLength(1);
    expect(implicit).toMatchObject({
      index: -1,
      name: null,
      from: null,
      parent: null,
      shipped: true,
      isScratch: false,
    });
    expect(implicit!.instructions.map((i) => i.keyword)).toEqual(['ENV', 'RUN', 'ARG']);
    expect(implicit!.instructions.every((i) => i.stage === implicit)).toBe(true);
    // the global ARGs above are in scope too: no FROM lies between them and the stage
    expect(implicit!.vars.map((v) => v.name)).toEqual(['VERSION', 'MODE', 'LATE']);
    expect(lone.finalStage).toBe(implicit);

    // a FROM after them starts the real stages; the implicit one ships only if the final stage is built from it
    const before = parse('COPY app /app\nFROM debian:12 AS run\nRUN true\n');
    // BuildKit numbers FROMs (`COPY --from=0`): the implicit stage is not one of them
    expect(before.stages.map((st) => [st.index, st.name, st.shipped])).toEqual([
      [-1, null, false],
      [0, 'run', true],
    ]);
    // an unknown word before FROM (a template line) is valid-syntax's concern and opens no stage
    expect(parse('{{ header }}\nFROM debian:12\n').stages).toHaveLength(1);
  });
});

describe('instructions', () => {
  it('have exact 1-based lines and offsets', () => {
    const text = 'FROM alpine:3.20\n\n# comment\nRUN apk add \\\n    curl\n  copy a b\n';
    const m = parse(text);
    const [from, run, copy] = m.instructions;
    expect([from!.line, from!.endLine, run!.line, run!.endLine, copy!.line]).toEqual([1, 1, 4, 5, 6]);
    expect(slice(m, run!.span)).toBe('RUN apk add \\\n    curl');
    expect(slice(m, run!.keywordSpan)).toBe('RUN');
    expect(slice(m, run!.argsSpan)).toBe('apk add \\\n    curl');
    expect(copy!.span.start).toBe(text.indexOf('copy'));
    expect([copy!.keyword, copy!.written]).toEqual(['COPY', 'copy']);
    expect(copy!.args.map((a) => [a.value, slice(m, a.span)])).toEqual([
      ['a', 'a'],
      ['b', 'b'],
    ]);
  });

  it('read ENV/ARG/LABEL pairs with their spans', () => {
    const m = parse('FROM alpine:3.20\nENV A=1 B="two words"\nENV C d e\nARG X\n');
    const [env, legacy, arg] = m.stages[0]!.instructions;
    expect(env!.pairs.map((p) => [p.name, p.value, slice(m, p.nameSpan), slice(m, p.valueSpan)])).toEqual([
      ['A', '1', 'A', '1'],
      ['B', 'two words', 'B', '"two words"'],
    ]);
    expect(legacy!.pairs.map((p) => [p.name, p.value])).toEqual([['C', 'd e']]);
    expect(arg!.pairs.map((p) => [p.name, p.value, p.valueSpan])).toEqual([['X', null, null]]);
  });

  it('read RUN --mount and other flags', () => {
    const m = parse(
      'FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache --network=none pip install x\n',
    );
    const run = m.each('RUN')[0]!;
    expect(run.flags.map((f) => [f.name, f.value, slice(m, f.span), slice(m, f.valueSpan)])).toEqual([
      [
        'mount',
        'type=cache,target=/root/.cache',
        '--mount=type=cache,target=/root/.cache',
        'type=cache,target=/root/.cache',
      ],
      ['network', 'none', '--network=none', 'none'],
    ]);
    expect(run.flag('mount')?.value).toBe('type=cache,target=/root/.cache');
    expect(slice(m, run.argsSpan)).toBe('pip install x');
    expect(words(run.shell).map((w) => w.value)).toEqual(['pip', 'install', 'x']);
  });

  it('tell exec form from shell form', () => {
    const m = parse('FROM alpine:3.20\nRUN ["echo", "a b"]\nCMD echo hi\nCMD ["sh"]\n');
    const [run, cmd, exec] = m.stages[0]!.instructions;
    expect(run!.json?.map((a) => a.value)).toEqual(['echo', 'a b']);
    expect(run!.shell).toBeNull();
    expect(cmd!.json).toBeNull();
    expect(words(cmd!.shell).map((w) => w.value)).toEqual(['echo', 'hi']);
    expect(exec!.json?.map((a) => a.value)).toEqual(['sh']);
  });
});

describe('directives', () => {
  it('reads syntax, escape and check', () => {
    const m = parse(
      '# syntax=docker/dockerfile:1.7\n# escape=`\n# check=skip=JSONArgsRecommended,StageNameCasing;error=true\nFROM alpine:3.20\n',
    );
    expect(m.directives.syntax).toBe('docker/dockerfile:1.7');
    expect(m.escape).toBe('`');
    expect(m.directives.checkSkip).toEqual(['JSONArgsRecommended', 'StageNameCasing']);
    expect(m.directives.checkError).toBe(true);
    expect(m.problems).toEqual([]);
  });

  it('only counts directives at the top of the file', () => {
    const m = parse('FROM alpine:3.20\n# escape=`\n');
    expect(m.escape).toBe('\\');
  });

  it('maps a Windows file with the backtick escape', () => {
    const text =
      '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir C:\\Windows `\n    && echo done\n';
    const m = parse(text);
    const run = m.each('RUN')[0]!;
    expect([run.line, run.endLine]).toEqual([3, 4]);
    const ws = words(run.shell);
    for (const w of ws) expect(text.slice(w.start, w.end)).toBe(w.raw);
    expect(ws.map((w) => w.raw)).toContain('C:\\Windows');
    expect(ws.at(-1)!.start).toBe(text.indexOf('done'));
  });

  it('reports a bad escape value as a problem', () => {
    const m = parse('# escape=x\nFROM alpine:3.20\n');
    expect(m.escape).toBe('\\');
    expect(m.problems.map((p) => [p.message, slice(m, p.span)])).toEqual([
      [expect.stringContaining('escape'), 'x'],
    ]);
  });
});

describe('ONBUILD', () => {
  it('puts triggers in each() with their own spans, inside the stage', () => {
    const text = 'FROM node:20\nONBUILD RUN npm ci | tee log\nRUN true\n';
    const m = parse(text);
    const runs = m.each('RUN');
    expect(runs).toHaveLength(2);
    const trig = runs.find((r) => r.onbuild)!;
    expect(trig.onbuild!.keyword).toBe('ONBUILD');
    expect(trig.onbuild!.trigger).toBe(trig);
    expect(trig.stage).toBe(m.stages[0]);
    expect(trig.line).toBe(2);
    expect(slice(m, trig.span)).toBe('RUN npm ci | tee log');
    expect(slice(m, trig.argsSpan)).toBe('npm ci | tee log');
    expect(words(trig.shell).map((w) => slice(m, w))).toEqual(['npm', 'ci', 'tee', 'log']);
    // the stage lists the ONBUILD, not its trigger
    expect(m.stages[0]!.instructions.map((i) => i.keyword)).toEqual(['ONBUILD', 'RUN']);
  });
});

describe('heredocs', () => {
  it('parses a RUN <<EOF body as the script, at its file offsets', () => {
    const text = 'FROM alpine:3.20\nRUN <<EOF\nset -e\napk add --no-cache curl\nEOF\nRUN true\n';
    const m = parse(text);
    const run = m.each('RUN')[0]!;
    expect(run.heredocs.map((h) => [h.name, h.content])).toEqual([
      ['EOF', 'set -e\napk add --no-cache curl'],
    ]);
    const script = run.shell!;
    expect(script.commands.map((c) => c.name.value)).toEqual(['set', 'apk']);
    const apk = script.commands[1]!;
    expect(apk.name.start).toBe(text.indexOf('apk'));
    expect(m.source.positionAt(apk.name.start)).toEqual({ line: 4, column: 1 });
    expect(m.each('RUN')[1]!.line).toBe(6);
  });

  it('ends the body at the delimiter line even after a line ending in `\\x`', () => {
    // dockerfile-ast reads any escape as a line continuation in the body and runs on past `EOF`
    for (const [opener, delimiter] of [
      ['<<EOF', 'EOF'],
      ['<<-EOF', '\tEOF'],
    ])
      for (const eol of ['\n', '\r\n']) {
        const text = `FROM alpine:3.20${eol}RUN ${opener}${eol}apk update${eol}echo \\x${eol}${delimiter}${eol}RUN true${eol}`;
        const run = parse(text).each('RUN')[0]!;
        expect(run.heredocs.map((h) => h.content.replace(/\r/g, ''))).toEqual(['apk update\necho \\x']);
        expect(run.shell!.commands.map((c) => c.name.value)).toEqual(['apk', 'echo']);
      }
  });

  it('parses the command line, not the body, when the heredoc is a command’s stdin', () => {
    const text = 'FROM alpine:3.20\nRUN cat <<EOF > /etc/motd\nhello\nEOF\n';
    const m = parse(text);
    const script = m.each('RUN')[0]!.shell!;
    // only the command line: the body is data for `cat`, not commands
    expect(script.commands.map((c) => c.name.value)).toEqual(['cat']);
    expect(script.commands[0]!.name.start).toBe(text.indexOf('cat'));
  });
});

describe('variables in scope (varsAt)', () => {
  const text =
    'ARG VERSION=1.0\nARG UNUSED=x\n' +
    'FROM alpine:3.20 AS base\nARG VERSION\nARG LOCAL=l\nENV HOME_DIR=/app\nRUN echo\n' +
    'FROM base AS child\nRUN echo\nENV LATE=1\n' +
    'FROM alpine:3.20\nRUN echo\n';
  const m = parse(text);
  const [run1, run2, run3] = m.each('RUN');

  it('re-declared global ARG inherits its default; global ARGs are not visible otherwise', () => {
    const vars = m.varsAt(run1!);
    expect(vars.get('VERSION')).toMatchObject({ kind: 'ARG', value: '1.0' });
    expect(vars.get('VERSION')!.instruction.line).toBe(4);
    expect(vars.has('UNUSED')).toBe(false);
    expect(vars.get('LOCAL')?.value).toBe('l');
    expect(vars.get('HOME_DIR')).toMatchObject({ kind: 'ENV', value: '/app' });
  });

  it('ENV is inherited through FROM <stage>, ARG is not; later declarations are not yet visible', () => {
    const vars = m.varsAt(run2!);
    expect(vars.get('HOME_DIR')?.value).toBe('/app');
    expect(vars.has('VERSION')).toBe(false);
    expect(vars.has('LOCAL')).toBe(false);
    expect(vars.has('LATE')).toBe(false);
    expect([...m.varsAt(run3!).keys()]).toEqual([]);
  });

  it('before the first FROM, only earlier global ARGs', () => {
    const second = m.instructions[1]!;
    expect([...m.varsAt(second).keys()]).toEqual(['VERSION']);
  });

  it('get and has (looked up by name) agree with iterating the scope, at every instruction', () => {
    const file = parse(
      'ARG A=g\nARG B\nARG A=g2\n' +
        'FROM alpine:3.20 AS one\nENV A=1 B=2\nARG A\nARG C\nRUN echo\nENV C=3 A=4\nONBUILD RUN echo\n' +
        'FROM one AS two\nARG B\nENV D=5\nRUN echo\nENV A=6\n' +
        'FROM two\nENV B=7\nRUN echo\nFROM one\nRUN echo\n',
    );
    const names = ['A', 'B', 'C', 'D', 'E'];
    let seen = 0;
    for (const ins of [
      ...file.instructions,
      ...file.instructions.flatMap((i) => (i.trigger ? [i.trigger] : [])),
    ]) {
      const scope = file.varsAt(ins);
      const whole = new Map(scope);
      expect(scope.size).toBe(whole.size);
      for (const n of names) {
        expect(scope.get(n), `${n} at line ${ins.line}`).toEqual(whole.get(n));
        expect(scope.has(n)).toBe(whole.has(n));
        if (whole.has(n)) seen++;
      }
    }
    expect(seen).toBeGreaterThan(30);
    // the first global ARG's default fills a stage ARG without one; a later stage ENV wins over the parent's
    expect(file.varsAt(file.each('RUN')[0]!).get('A')).toMatchObject({ kind: 'ARG', value: 'g' });
    expect(file.varsAt(file.each('RUN')[2]!).get('A')?.value).toBe('4');
    expect(file.varsAt(file.each('RUN')[3]!).get('B')?.value).toBe('7');
  });
});

describe('shellAt', () => {
  it('follows SHELL in the stage and through FROM <stage>', () => {
    const m = parse(
      'FROM debian:12 AS a\nRUN one\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN two\n' +
        'FROM a\nRUN three\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN four\n',
    );
    const [one, two, three, four] = m.each('RUN');
    expect(m.shellAt(one!)).toEqual(['/bin/sh', '-c']);
    expect(m.shellAt(two!)).toEqual(['/bin/bash', '-o', 'pipefail', '-c']);
    expect(m.shellAt(three!)).toEqual(['/bin/bash', '-o', 'pipefail', '-c']);
    expect(m.shellAt(four!)).toEqual(['powershell', '-Command']);
    expect(isPosixShell(m.shellAt(four!))).toBe(false);
    expect(isPosixShell(m.shellAt(one!))).toBe(true);
  });

  it('starts Windows images with cmd, as Docker does', () => {
    const m = parse(
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win\nRUN dir\nFROM win\nRUN dir\nFROM alpine:3.20\nRUN ls\n',
    );
    const [a, b, c] = m.each('RUN');
    expect(m.shellAt(a!)).toEqual(['cmd', '/S', '/C']);
    expect(m.shellAt(b!)).toEqual(['cmd', '/S', '/C']);
    expect(isPosixShell(m.shellAt(b!))).toBe(false);
    expect(m.shellAt(c!)).toEqual(['/bin/sh', '-c']);
  });
});

describe('shell mapping', () => {
  it('drops the blank and comment lines between `RUN \\` and its first command', () => {
    const text = 'FROM alpine:3.20\nRUN \\\n  \n\n# note\n  curl -sL x | tar x\n';
    const run = parse(text).each('RUN')[0]!;
    expect(run.shell!.text).toBe('  curl -sL x | tar x');
    expect(run.shell!.commands[0]!.name.start).toBe(text.indexOf('curl'));
    expect(run.shell!.toFile(0)).toBe(text.indexOf('  curl'));
  });

  it('maps words through continuations and comment lines inside them', () => {
    const text =
      'FROM debian:12\n' +
      'RUN apt-get update \\\n' +
      '    # refresh the lists first\n' +
      '\n' +
      '  && apt-get install -y --no-install-recommends \\\n' +
      '       curl "ca-certificates" \\\n' +
      '  && echo "$HOME" | tee /tmp/x\n';
    const m = parse(text);
    const script = m.each('RUN')[0]!.shell!;
    expect(script.text).not.toContain('refresh');
    expect(script.hasPipe).toBe(true);
    expect(script.hasError).toBe(false);
    const ws = words(script);
    expect(ws.map((w) => w.value)).toEqual([
      'apt-get',
      'update',
      'apt-get',
      'install',
      '-y',
      '--no-install-recommends',
      'curl',
      'ca-certificates',
      'echo',
      '$HOME',
      'tee',
      '/tmp/x',
    ]);
    for (const w of ws) expect(text.slice(w.start, w.end)).toBe(w.raw);
    const curl = ws.find((w) => w.value === 'curl')!;
    expect(m.source.positionAt(curl.start)).toEqual({ line: 6, column: 8 });
    expect(ws.find((w) => w.value === '$HOME')!.dynamic).toBe(true);
    expect(script.commands.map((c) => [c.name.value, c.prevOp, c.nextOp])).toEqual([
      ['apt-get', null, '&&'],
      ['apt-get', '&&', '&&'],
      ['echo', '&&', '|'],
      ['tee', '|', null],
    ]);
  });

  it('maps a word split by a continuation to its first and last character', () => {
    const text = 'FROM debian:12\nRUN echo abc\\\ndef\n';
    const m = parse(text);
    const w = words(m.each('RUN')[0]!.shell)[1]!;
    expect(w.value).toBe('abcdef');
    expect(text.slice(w.start, w.end)).toBe('abc\\\ndef');
  });

  it('gives each command the redirects that apply to it', () => {
    const m = parse(
      'FROM debian:12\nRUN echo a > one && echo b >> ~/two | cat 2>&1 && { c; d; } > /dev/null\n',
    );
    const cmds = m.each('RUN')[0]!.shell!.commands;
    expect(cmds.map((c) => [c.name.value, c.redirects])).toEqual([
      ['echo', [{ op: '>', target: 'one' }]],
      ['echo', [{ op: '>>', target: '~/two' }]],
      ['cat', [{ op: '>&', target: '1' }]],
      ['c', [{ op: '>', target: '/dev/null' }]],
      ['d', [{ op: '>', target: '/dev/null' }]],
    ]);
  });

  it('does not count `|` between case patterns as a pipe', () => {
    const m = parse('FROM alpine:3.20\nRUN case "$(uname -m)" in x86_64|aarch64) set -x && make ;; esac\n');
    const script = m.each('RUN')[0]!.shell!;
    expect(script.hasPipe).toBe(false);
    expect(script.commands.map((c) => [c.name.value, c.prevOp])).toEqual([
      ['uname', null],
      ['set', ';'],
      ['make', '&&'],
    ]);
  });

  it('marks commands inside substitutions and compound statements', () => {
    const m = parse('FROM debian:12\nRUN v=$(uname -m) && if true; then make; fi\n');
    const cmds = m.each('RUN')[0]!.shell!.commands;
    expect(cmds.map((c) => [c.name.value, c.inSubstitution, c.nested])).toEqual([
      ['uname', true, false],
      ['true', false, true],
      ['make', false, true],
    ]);
  });
});

describe('problems', () => {
  it("collects unknown instructions and missing arguments (an instruction before FROM is from-first's)", () => {
    const m = parse('RUN echo\nFROM alpine:3.20\nFOO bar\nCOPY\n');
    expect(m.problems.map((p) => [p.message, slice(m, p.span)])).toEqual([
      ['unknown instruction `FOO`', 'FOO'],
      ['`COPY` needs arguments', 'COPY'],
    ]);
  });
});

describe('line breaks', () => {
  it('maps dockerfile-ast positions through a lone \\r, which it reads as a line break and git does not', () => {
    const m = parse('FROM alpine:3.20 AS Base\rRUN echo hi\nFROM base\n');
    expect(m.instructions.map((i) => slice(m, i.span))).toEqual([
      'FROM alpine:3.20 AS Base',
      'RUN echo hi',
      'FROM base',
    ]);
    expect(slice(m, m.stages[0]!.nameSpan)).toBe('Base');
    // reported positions count lines as git does: the RUN is still on line 1
    expect(m.source.positionAt(m.instructions[1]!.span.start)).toEqual({ line: 1, column: 26 });
    expect(m.instructions.map((i) => [i.line, i.endLine])).toEqual([
      [1, 1],
      [1, 1],
      [2, 2],
    ]);
  });
});

describe("dockerfile-ast's argument split, kept per instruction", () => {
  it('hands out a new array each time: flags shifted off one answer do not shorten the next', () => {
    const m = parse('FROM alpine:3.20\nCOPY --chown=1 --link a b /d/\nRUN <<EOF\necho hi\nEOF\n');
    const copy = m.each('COPY')[0]!;
    const ask = (): string[] => copy.ast.getArguments().map((a) => a.getValue());
    expect(ask()).toEqual(['a', 'b', '/d/']);
    expect(ask()).toEqual(['a', 'b', '/d/']);
    expect(copy.args.map((a) => a.value)).toEqual(['a', 'b', '/d/']);
    expect(copy.flags.map((f) => f.name)).toEqual(['chown', 'link']);
    const run = m.each('RUN')[0]!;
    expect(run.heredocs.map((h) => h.content)).toEqual(['echo hi']);
    expect(run.ast.getArguments().map((a) => a.getValue())).toEqual(run.args.map((a) => a.value));
  });
});
