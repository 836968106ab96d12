import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initLint, lintSource } from '../../../src/lint/engine.js';
import rule from '../../../src/lint/rules/dockerfile/shellcheck.js';
import { fingerprint } from '../../../src/review/plan.js';
import { testRule } from '../../rule-tester.js';

const installed = spawnSync('shellcheck', ['--version'], { stdio: 'ignore' }).status === 0;

// the paths that need no binary: a missing shellcheck, and one that never answers
const dir = mkdtempSync(join(tmpdir(), 'dockreview-sc-test-'));
const sleeper = join(dir, 'shellcheck-that-hangs');
writeFileSync(sleeper, '#!/bin/sh\nexec sleep 5\n', { mode: 0o755 });

testRule(rule, {
  valid: [
    {
      name: 'no RUN to check: nothing said even without the binary',
      code: 'FROM debian:12\nCMD ["echo", "hi"]\n',
      options: { shellcheckPath: '/nonexistent/shellcheck' },
    },
  ],
  invalid: [
    {
      name: 'binary missing: one info finding on line 1, once per file',
      code: 'FROM debian:12\nRUN echo $HOME\nRUN echo $PATH\n',
      options: { shellcheckPath: '/nonexistent/shellcheck' },
      errors: [{ line: 1, column: 1, severity: 'info', message: 'ShellCheck is not installed', aliases: [] }],
    },
    {
      name: 'time limit',
      code: 'FROM debian:12\nRUN echo $HOME\n',
      options: { shellcheckPath: sleeper, timeoutMs: 300 },
      errors: [{ line: 1, column: 1, severity: 'info', message: 'did not finish within 300 ms' }],
    },
  ],
});

describe('a ShellCheck that could not check the file leaves its review incomplete', () => {
  beforeAll(async () => {
    await initLint();
  });
  const lint = (options: Record<string, unknown>) =>
    lintSource(
      { path: 'Dockerfile', text: 'FROM debian:12\nRUN echo $HOME\n' },
      { rules: { shellcheck: { options } } },
    );

  it('timed out: incomplete, so a pull-request review fails', () => {
    expect(lint({ shellcheckPath: sleeper, timeoutMs: 300 }).incomplete).toEqual([
      'ShellCheck did not check its `RUN` scripts (it timed out)',
    ]);
  });

  it('not installed: the host chose it, the same for every file; noted, not incomplete', () => {
    expect(lint({ shellcheckPath: '/nonexistent/shellcheck' }).incomplete).toBeUndefined();
  });
});

if (!installed) {
  describe('shellcheck (with the binary)', () => {
    it.skip('skipped: `shellcheck` is not on PATH here (CI installs it; `apt-get install -y shellcheck`)', () => {});
  });
} else {
  testRule(rule, {
    valid: [
      'FROM debian:12\nRUN echo "$HOME" && ls /tmp\n',
      {
        name: "Fedora's /bin/sh is bash: bash-only syntax is checked as bash (toolbox)",
        code: 'FROM registry.fedoraproject.org/fedora:38\nRUN if [[ -n "$(compgen -c dnf)" ]]; then echo "${HOME//a/b}"; fi\n',
      },
      {
        name: 'a base from a build arg, but dnf in the RUN: the Red Hat family, /bin/sh is bash (ollama)',
        code: 'ARG BASE=almalinux:8\nFROM ${BASE}\nARG V=1.2\nRUN dnf install -y make && echo "${V//./-}"\n',
      },
      {
        name: "apk in the RUN: BusyBox ash, whose [ takes == (appwrite's own base image)",
        code: 'FROM appwrite/base:2.0.0\nRUN apk add --no-cache git && if [ "$HOME" == "/root" ]; then echo root; fi\n',
      },
      {
        name: 'BusyBox ash has pipefail: no SC3040 for the pipefail fix on Alpine (node:22-alpine too)',
        code: 'FROM node:22-alpine\nRUN set -o pipefail && wget -qO- https://example.com | tar x\n',
      },
      {
        name: 'an ARG-declared variable is not SC2154',
        code: 'FROM debian:12\nARG version\nRUN echo "$version"\n',
      },
      {
        name: 'ENV of the stage built FROM, several per ENV',
        code: 'FROM debian:12 AS base\nENV app_dir=/app data_dir=/data\nFROM base\nRUN echo "$app_dir" "$data_dir"\n',
      },
      {
        name: 'proxy build args are predefined',
        code: 'FROM debian:12\nRUN echo "$http_proxy" "$no_proxy"\n',
      },
      {
        name: 'a secret mount with env= declares its variable',
        code: 'FROM debian:12\nRUN --mount=type=secret,id=tok,env=api_token curl -H "Authorization: $api_token" https://example.com\n',
      },
      {
        name: 'SHELL bash allows bash syntax',
        code: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN [[ -d /tmp ]] && echo ok\n',
      },
      {
        name: 'the hadolint shell pragma sets the dialect',
        code: 'FROM debian:12\n# hadolint shell=bash\nRUN [[ -d /tmp ]] && echo ok\n',
      },
      {
        name: 'PowerShell stages and the powershell pragma are skipped',
        code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Write-Host $env:PATH\nFROM debian:12\n# hadolint shell=powershell\nRUN Write-Host $env:PATH\n',
      },
      { name: 'exec form is not a shell', code: 'FROM debian:12\nRUN ["echo", "$HOME"]\n' },
      {
        name: 'heredocs after a command line reach ShellCheck with their bodies, as the shell reads them (no SC1044)',
        code: 'FROM debian:12\nRUN cat <<EOF > /etc/x.conf\na=1\nEOF\nRUN <<EOT bash\nset -e\necho "$HOME"\nEOT\nRUN python3 <<EOF\nprint(1)\nEOF\nRUN cat <<A > /a && cat <<B > /b\n1\nA\n2\nB\n',
      },
      {
        name: "local in /bin/sh: Debian's dash and Alpine's BusyBox ash have it (no SC3043)",
        code: 'FROM debian:12\nRUN f() { local x="$1"; echo "$x"; }; f a\nFROM python:3.12-slim\nRUN f() { local y=1; echo "$y"; }; f\nFROM alpine:3.20\nRUN f() { local z=1; echo "$z"; }; f\n',
      },
      {
        name: 'hadolint ignore pragma with the SC code',
        code: 'FROM debian:12\n# hadolint ignore=SC2086\nRUN echo $HOME\n',
      },
      {
        name: 'a code switched off in config (`SC2086: off` is the `codes` option)',
        code: 'FROM debian:12\nRUN echo $HOME\n',
        options: { codes: { SC2086: 'off' } },
      },
    ],
    invalid: [
      {
        name: "a code's setting named like an Object.prototype key is no severity: ShellCheck's own level stays",
        code: 'FROM debian:12\nRUN echo $HOME\n',
        options: { codes: { SC2086: 'constructor' } },
        errors: [{ line: 2, column: 10, severity: 'info', message: 'SC2086' }],
        output: 'FROM debian:12\nRUN echo "$HOME"\n',
      },
      {
        name: 'unquoted variable: SC2086 at the exact column, as info, with the fix',
        code: 'FROM debian:12\nRUN echo $HOME\n',
        errors: [{ line: 2, column: 10, severity: 'info', message: 'SC2086', aliases: ['SC2086'] }],
        output: 'FROM debian:12\nRUN echo "$HOME"\n',
      },
      {
        name: 'the message names what ShellCheck points at, which its one-line title does not (issue 12)',
        code: 'FROM debian:12\nRUN for f in $(ls *.txt); do echo "$f"; done\n',
        errors: [
          {
            line: 2,
            column: 14,
            severity: 'error',
            message: 'SC2045 on `$(ls *.txt)`: Iterating over ls output',
          },
          // a one-character subject is named even though `*` occurs in ShellCheck's text
          { line: 2, column: 19, severity: 'info', message: 'SC2035 on `*`: Use ./*glob*' },
        ],
      },
      {
        name: "the subject is not repeated where ShellCheck's text names it, nor quoted when too long to read in a sentence",
        code: 'FROM debian:12\nRUN read line\nRUN for f in $(find /usr/share/doc -name \'*.gz\' -type f -newer /etc/hostname -print); do echo "$f"; done\n',
        errors: [
          { line: 2, column: 5, message: 'SC2162: read without -r' },
          { line: 2, column: 10, message: 'SC2034: line appears unused' },
          { line: 3, column: 14, message: 'SC2044: For loops over find output' },
        ],
      },
      {
        name: 'a code given a severity in config keeps it; another code switched off leaves this one alone',
        code: 'FROM debian:12\nRUN echo $HOME\n',
        options: { codes: { SC2086: 'error', SC2046: 'off' } },
        errors: [{ line: 2, column: 10, severity: 'error', aliases: ['SC2086'] }],
        output: 'FROM debian:12\nRUN echo "$HOME"\n',
      },
      {
        name: 'through a line continuation',
        code: 'FROM debian:12\nRUN apt-get update \\\n  && echo $HOME \\\n  && ls\n',
        errors: [{ line: 3, column: 11, message: 'SC2086' }],
        output: 'FROM debian:12\nRUN apt-get update \\\n  && echo "$HOME" \\\n  && ls\n',
      },
      {
        name: 'a closing quote goes before the continuation, not onto the next line',
        code: 'FROM debian:12\nRUN echo $HOME\\\n  && ls\n',
        errors: [{ line: 2, column: 10 }],
        output: 'FROM debian:12\nRUN echo "$HOME"\\\n  && ls\n',
      },
      {
        name: 'undeclared variable: SC2154 as a warning; an ARG of another stage does not count',
        code: 'FROM debian:12 AS build\nARG version\nFROM debian:12\nRUN echo "$version"\n',
        errors: [{ line: 4, column: 11, severity: 'warning', message: 'SC2154', aliases: ['SC2154'] }],
      },
      {
        name: 'POSIX sh by default: bash syntax is flagged',
        code: 'FROM debian:12\nRUN [[ -d /tmp ]] && echo ok\n',
        errors: [{ line: 2, column: 5, severity: 'warning', aliases: ['SC3010'] }],
      },
      {
        name: 'POSIX sh on Debian (dash): set -o pipefail is SC3040',
        code: 'FROM debian:12\nRUN set -o pipefail && printf x | wc -c\n',
        errors: [{ line: 2, column: 12, aliases: ['SC3040'] }],
      },
      {
        name: 'apt-get in the RUN on an unknown base: dash, which has no [[ (SC3010 stays)',
        code: 'ARG BASE\nFROM $BASE\nRUN apt-get update && if [[ -n "$HOME" ]]; then echo x; fi\n',
        errors: [{ line: 3, aliases: ['SC3010'] }],
      },
      {
        name: 'local on a base whose /bin/sh is unknown is still strict POSIX: SC3043',
        code: 'ARG BASE\nFROM $BASE\nRUN f() { local x=1; echo "$x"; }; f\n',
        errors: [{ line: 3, aliases: ['SC3043'] }],
      },
      {
        name: 'ONBUILD: only ENV carries over to the child build, not ARG',
        code: 'FROM debian:12\nARG version\nENV home_dir=/app\nONBUILD RUN echo "$home_dir" "$version"\n',
        errors: [{ line: 4, column: 31, message: 'SC2154' }],
      },
      {
        name: 'heredoc body, a fix with new text',
        code: 'FROM debian:12\nRUN <<EOF\ncd /tmp\necho "$HOME"\nEOF\n',
        errors: [{ line: 3, column: 1, severity: 'warning', aliases: ['SC2164'] }],
        output: 'FROM debian:12\nRUN <<EOF\ncd /tmp || exit\necho "$HOME"\nEOF\n',
      },
      {
        name: 'a syntax error stays in its own RUN',
        code: 'FROM debian:12\nRUN echo "open\nRUN echo "$HOME"\n',
        errors: [
          { line: 2, column: 5, severity: 'info', aliases: ['SC1009'] },
          { line: 2, column: 10, severity: 'error', aliases: ['SC1073'] },
          { line: 2, column: 15, severity: 'error', aliases: ['SC1072'] },
        ],
      },
    ],
  });

  describe('a review comment follows the word it is about across pushes', () => {
    beforeAll(async () => {
      await initLint();
    });
    const sc2086 = (text: string) =>
      lintSource({ path: 'Dockerfile', text }, { rules: {} }).findings.filter(
        (f) => f.aliases[0] === 'SC2086',
      );

    it('fixing the first of two SC2086 leaves the second its fingerprint (it named no word: they were told apart by order)', () => {
      const before = sc2086('FROM debian:12\nRUN echo $HOME\nRUN echo $PATH\n');
      const after = sc2086('FROM debian:12\nRUN echo "$HOME"\nRUN echo $PATH\n');
      expect(before.map((f) => f.message.split(':')[0])).toEqual(['SC2086 on `$HOME`', 'SC2086 on `$PATH`']);
      expect(after).toHaveLength(1);
      // each message occurs once in its file, so each fingerprint is its occurrence 0
      expect(fingerprint(after[0]!, 'Dockerfile')).toBe(fingerprint(before[1]!, 'Dockerfile'));
      expect(fingerprint(after[0]!, 'Dockerfile')).not.toBe(fingerprint(before[0]!, 'Dockerfile'));
    });
  });
}
