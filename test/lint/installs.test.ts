import { describe, expect, it } from 'vitest';
import { INSTALL_TOOLS, installedPackages } from '../../src/lint/packages/installs.js';
import { toolCommands } from '../../src/lint/dockerfile/run.js';
import { parse, useParser } from './dockerfile-helpers.js';

useParser();

/** The package names each command of one RUN installs. */
function names(line: string): string[][] {
  return toolCommands(parse(`FROM x\nRUN ${line}\n`), ...Object.keys(INSTALL_TOOLS)).map((c) =>
    installedPackages(c).map((p) => p.name),
  );
}

describe('installedPackages', () => {
  it('reads each manager’s install verb, with its options before or after it', () => {
    expect(names('apt-get update && apt-get install -y --no-install-recommends curl openssh-server')).toEqual(
      [[], ['curl', 'openssh-server']],
    );
    expect(names('aptitude install -y ssh')).toEqual([['ssh']]);
    expect(names('apk add --no-cache --virtual .deps openssh')).toEqual([['openssh']]);
    expect(names('dnf -y install openssh-server && microdnf install dropbear && yum install -y a')).toEqual([
      ['openssh-server'],
      ['dropbear'],
      ['a'],
    ]);
    expect(names('zypper --non-interactive in openssh-server')).toEqual([['openssh-server']]);
    expect(names('pacman -Syu --noconfirm openssh')).toEqual([['openssh']]);
  });
  it('takes versions, releases, architectures and repositories off the name', () => {
    expect(names('apt-get install -y openssh-server=1:9.2p1-2 libc6:amd64 curl/bookworm-backports')).toEqual([
      ['openssh-server', 'libc6', 'curl'],
    ]);
    expect(names('apk add openssh=9.7_p1-r4 dropbear~2024 tini@edge')).toEqual([
      ['openssh', 'dropbear', 'tini'],
    ]);
    expect(names('dnf install -y openssh-server-8.7p1-38.el9 bash.x86_64 "curl >= 7"')).toEqual([
      ['openssh-server', 'bash', 'curl'],
    ]);
    expect(names('zypper in -y openssh-server>=9 && pacman -S --noconfirm extra/openssh=9.7')).toEqual([
      ['openssh-server'],
      ['openssh'],
    ]);
  });
  it('names no package for other verbs, queries, files, URLs, groups, patterns and variables', () => {
    expect(names('apt-get remove -y openssh-server && apk del openssh && dnf remove -y sshd')).toEqual([
      [],
      [],
      [],
    ]);
    expect(names('pacman -Ss openssh && pacman -Scc')).toEqual([[], []]);
    expect(names('apt-get install -y ./x.deb $PKGS && dnf install -y https://e.org/x.rpm @dev')).toEqual([
      [],
      [],
    ]);
    expect(names('zypper in -t pattern devel_basis')).toEqual([[]]);
  });
});

describe('installedPackages of a list held in an ARG or ENV', () => {
  const installed = (text: string): string[][] =>
    toolCommands(parse(text), ...Object.keys(INSTALL_TOOLS)).map((c) =>
      installedPackages(c).map((p) => p.name),
    );

  it('reads the items of the value in scope, versions taken off', () => {
    expect(
      installed(
        'FROM debian:12\nENV RUNTIME_DEPS="openssh-server=1:9.2p1-2  tini"\nRUN apt-get install -y $RUNTIME_DEPS\n',
      ),
    ).toEqual([['openssh-server', 'tini']]);
    expect(installed('FROM alpine:3.20\nARG EXTRA=dropbear\nRUN apk add --no-cache curl ${EXTRA}\n')).toEqual(
      [['curl', 'dropbear']],
    );
  });
  it('leaves out a list whose value is not known here: undeclared, declared empty, or only a build arg', () => {
    expect(installed('FROM debian:12\nRUN apt-get install -y $PKGS\n')).toEqual([[]]);
    expect(installed('FROM debian:12\nARG PKGS\nRUN apt-get install -y $PKGS\n')).toEqual([[]]);
    // part of a word is not a list of packages
    expect(installed('FROM debian:12\nARG V=2\nRUN apt-get install -y lib$V-dev\n')).toEqual([[]]);
  });
});

describe('installedPackages on hostile words', () => {
  it('reads long words in linear time', { timeout: 20_000 }, () => {
    const n = 50_000;
    expect(names(`dnf install -y "a${' '.repeat(n)}x" b${'-1'.repeat(n)}`)).toEqual([
      [`a${' '.repeat(n)}x`, 'b'],
    ]);
    expect(names(`apt-get install -y a${':a'.repeat(n)}`)[0]![0]!.length).toBe(2 * n - 1);
    expect(names(`pacman -S ${'/'.repeat(n)}x`)).toEqual([[`${'/'.repeat(n - 1)}x`]]);
  });
});
