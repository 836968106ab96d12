import { describe, expect, it } from 'vitest';
import {
  rpmAssumesYes,
  rpmCleansAll,
  rpmFetches,
  rpmFillsCache,
  rpmInstallOperands,
  rpmPinned,
  rpmPromptingSubcommand,
} from '../../src/lint/packages/rpm.js';
import { argsOf, toolCommands } from '../../src/lint/dockerfile/run.js';
import type { ParsedArgs } from '../../src/lint/shell/args.js';
import { parse, useParser } from './dockerfile-helpers.js';

useParser();

/** The parsed arguments of one yum/dnf/microdnf command line. */
function args(line: string): ParsedArgs {
  const [c] = toolCommands(parse(`FROM fedora\nRUN ${line}\n`), 'yum', 'dnf', 'microdnf');
  return argsOf(c!.inv);
}

describe('what a subcommand does', () => {
  it('sees downloads, aliases of distro-sync and group/module installs', () => {
    for (const l of [
      'dnf install x',
      'yum downgrade x',
      'dnf distro-sync',
      'dnf dsync',
      'dnf group install x',
      'dnf module install m',
    ])
      expect(rpmFetches(args(l)), l).toBe(true);
    for (const l of ['dnf remove x', 'yum clean all', 'dnf makecache', 'dnf module enable m'])
      expect(rpmFetches(args(l)), l).toBe(false);
  });
  it('counts makecache as filling the cache, not as a download of packages', () => {
    expect(rpmFillsCache(args('yum makecache'))).toBe(true);
    expect(rpmFillsCache(args('yum repolist'))).toBe(false);
  });
  it('finds the word that prompts, and the flags that answer it', () => {
    expect(rpmPromptingSubcommand(args('dnf remove x'))?.value).toBe('remove');
    expect(rpmPromptingSubcommand(args('dnf distrosync'))?.value).toBe('distrosync');
    expect(rpmPromptingSubcommand(args('dnf module enable nodejs:20'))?.value).toBe('module');
    expect(rpmPromptingSubcommand(args('dnf module list'))).toBeUndefined();
    expect(rpmPromptingSubcommand(args('yum makecache'))).toBeUndefined();
    expect(rpmAssumesYes(args('dnf -y install x'))).toBe(true);
    expect(rpmAssumesYes(args('dnf --setopt=assumeyes=True install x'))).toBe(true);
    expect(rpmAssumesYes(args('dnf install x'))).toBe(false);
  });
  it('reads `clean all`', () => {
    expect(rpmCleansAll(args('microdnf clean all'))).toBe(true);
    expect(rpmCleansAll(args('dnf clean packages'))).toBe(false);
  });
});

describe('install operands and pins', () => {
  it('splits packages from modules', () => {
    const pkg = rpmInstallOperands(args('dnf install -y a b'))!;
    expect(pkg.packages.map((w) => w.value)).toEqual(['a', 'b']);
    const mod = rpmInstallOperands(args('dnf module install nodejs:20'))!;
    expect(mod.modules.map((w) => w.value)).toEqual(['nodejs:20']);
    expect(rpmInstallOperands(args('dnf remove a'))).toBeNull();
  });
  it('reads RPM versions', () => {
    for (const s of [
      'httpd-2.4.57',
      'httpd-2.4.57-5.el9',
      'pkg >= 1.2',
      'x.rpm',
      'https://h/x',
      '@development',
    ])
      expect(rpmPinned(s), s).toBe(true);
    for (const s of ['httpd', 'python3-pip', 'lib-devel']) expect(rpmPinned(s), s).toBe(false);
  });
});
