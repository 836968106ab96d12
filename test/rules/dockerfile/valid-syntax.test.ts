import { beforeAll, describe, expect, it } from 'vitest';
import rule from '../../../src/lint/rules/dockerfile/valid-syntax.js';
import { initLint, lintSource } from '../../../src/lint/engine.js';
import { ALL_RULES } from '../../../src/lint/rules/index.js';
import { testRule } from '../../rule-tester.js';

testRule(rule, {
  valid: [
    {
      name: "an instruction before the first FROM is from-first's finding, not a syntax error",
      code: 'ARG V=1\nRUN echo $V\nFROM alpine:3.20\n',
    },
    'FROM alpine:3.20\nRUN echo hi\n',
    {
      name: 'every instruction in a normal shape',
      code:
        '# syntax=docker/dockerfile:1\nARG BASE=alpine:3.20\nFROM --platform=$BUILDPLATFORM $BASE AS build\n' +
        'COPY --from=ctx --chown=1000:1000 --link --exclude=*.md --exclude=*.txt . /src\nADD --checksum=sha256:abc https://x.test/a.tgz /a.tgz\n' +
        'RUN --mount=type=cache,target=/c --mount=type=secret,id=s --network=none make\n' +
        'ENV A=1 B=""\nLABEL x=y\nHEALTHCHECK --interval=30s CMD wget -qO- localhost || exit 1\nONBUILD RUN echo child\nFROM scratch\nHEALTHCHECK NONE\n',
    },
    { name: 'legacy ENV key value form', code: 'FROM alpine:3.20\nENV PATH /usr/local/bin:$PATH\n' },
    {
      name: 'a heredoc that is closed, COPY with a heredoc source',
      code: 'FROM alpine:3.20\nRUN <<EOF\necho a\nEOF\nCOPY <<EOF /etc/conf\nk=v\nEOF\n',
    },
    { name: 'lowercase instructions and ARG before FROM', code: 'arg V=1\nfrom alpine:3.20\nrun echo $V\n' },
    {
      name: 'backtick escape',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN echo a `\n  b\n',
    },
  ],
  invalid: [
    {
      name: 'an unknown instruction full of backticks is quoted as one code span',
      code: 'FROM alpine:3.20\nA```B x\n',
      errors: [{ line: 2, message: 'Unknown instruction ````A```B````.' }],
    },
    {
      name: 'a Jinja template: one info finding at the first tag, not one error per tag line',
      code: "{% if cookiecutter.node == 'y' %}\nFROM node:20 AS client\nRUN npm ci\n{%- endif %}\nFROM python:3.12\n{{ cookiecutter.extra }}\n",
      errors: [{ line: 1, column: 1, messageId: 'template', severity: 'info' }],
    },
    {
      name: 'a template whose first line is a {{ }} block of directives: one finding, no missing-FROM error',
      code: '{{\n    _ Downloads the SDK\n    set product to ARGS["product"] ^\n}}FROM x\n',
      errors: [{ line: 1, messageId: 'template', severity: 'info' }],
    },
    {
      name: 'a symbolic link checked out as a file (its target path, no newline)',
      code: 'docker/Dockerfile.debian',
      errors: [{ line: 1, column: 1, messageId: 'symlink', severity: 'info' }],
    },
    {
      name: 'unknown instruction, with a suggestion',
      code: 'FROM alpine:3.20\nRUNN echo hi\nFOO bar\n',
      errors: [
        {
          line: 2,
          column: 1,
          message: 'Unknown instruction `RUNN` (did you mean `RUN`?)',
          aliases: ['DL1000'],
          severity: 'error',
        },
        { line: 3, column: 1, message: 'Unknown instruction `FOO`.' },
      ],
    },
    {
      name: 'instructions without arguments, FROM without an image',
      code: 'FROM --platform=linux/amd64\nRUN\nWORKDIR\n',
      errors: [
        { line: 1, column: 1, messageId: 'parse', message: '`FROM` needs arguments' },
        { line: 2, column: 1, messageId: 'parse', message: '`RUN` needs arguments' },
        { line: 3, column: 1 },
      ],
    },
    {
      name: 'no FROM at all',
      code: '# just a comment\nARG V=1\n',
      errors: [{ line: 1, column: 1, messageId: 'noFrom' }],
    },
    {
      name: 'bad escape directive',
      code: '# escape=x\nFROM alpine:3.20\n',
      errors: [{ line: 1, column: 10, messageId: 'parse', message: 'escape directive' }],
    },
    {
      name: 'FROM with the wrong number of words',
      code: 'FROM alpine:3.20 build\nFROM alpine:3.20 AS a b\nFROM alpine:3.20 FROM b\n',
      errors: [
        { line: 1, column: 18, messageId: 'fromArgs', message: 'not `build`' },
        { line: 2, column: 18 },
        { line: 3, column: 18 },
      ],
    },
    {
      name: 'unknown and repeated flags; ONBUILD variant',
      code: 'FROM --platform=a --platform=b alpine:3.20\nCOPY --form=build /a /b\nRUN --mount=a --mount=b --netwrk=none x\nONBUILD COPY --chmod=644 --chmod=600 a b\n',
      errors: [
        { line: 1, column: 19, messageId: 'repeatedFlag', message: '`--platform`' },
        { line: 2, column: 6, messageId: 'unknownFlag', message: '`COPY` has no flag `--form`' },
        { line: 3, column: 25, messageId: 'unknownFlag', message: '`--netwrk`' },
        { line: 4, column: 26, messageId: 'repeatedFlag', message: '`--chmod`' },
      ],
    },
    {
      name: 'argument shapes: COPY with one path, ENV without a value, HEALTHCHECK forms',
      code: 'FROM alpine:3.20\nCOPY app\nENV A=1 \\\n  B\nLABEL team\nHEALTHCHECK curl localhost\nHEALTHCHECK NONE now\nHEALTHCHECK --retries=3 CMD\n',
      errors: [
        { line: 2, column: 6, messageId: 'copyOneArg', message: '`COPY`' },
        { line: 4, column: 3, messageId: 'noValue', message: '`ENV B`' },
        { line: 5, column: 7, messageId: 'noValue', message: '`LABEL team`' },
        { line: 6, column: 13, messageId: 'healthcheckType', message: 'not `curl`' },
        { line: 7, column: 18 },
        { line: 8, column: 25 },
      ],
    },
    {
      name: 'ONBUILD without an instruction, with an unknown one',
      code: 'FROM alpine:3.20\nONBUILD\nONBUILD CPY a b\n',
      errors: [
        { line: 2, column: 1, messageId: 'onbuildEmpty' },
        { line: 3, column: 9, messageId: 'unknownInstruction', message: '`CPY` (did you mean `COPY`?)' },
      ],
    },
    {
      name: 'unterminated heredoc',
      code: 'FROM alpine:3.20\nRUN <<EOF\necho a\n  EOF\n',
      errors: [{ line: 2, column: 7, messageId: 'heredocOpen', message: '`EOF`' }],
    },
  ],
});

describe('valid-syntax: the rest of the file is still linted', () => {
  beforeAll(async () => {
    await initLint();
  });
  it('reports the syntax error and other rules’ findings after it', () => {
    const text = 'FROM debian:12\nCOPPY . /app\nRUN apt-get update && apt-get install -y curl\n';
    const findings = lintSource({ path: 'Dockerfile', text }, { rules: {} }, undefined, ALL_RULES).findings;
    const byRule = findings.map((f) => `${f.line} ${f.rule}`);
    expect(byRule).toContain('2 valid-syntax');
    expect(byRule).toContain('3 apt-no-install-recommends');
    expect(findings.filter((f) => f.message.startsWith('internal error'))).toEqual([]);
  });
});
