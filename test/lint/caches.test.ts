import { describe, expect, it } from 'vitest';
import { CACHE_CLEANUPS, PACKAGE_CACHES } from '../../src/lint/packages/caches.js';
import { rmCovers } from '../../src/lint/packages/cleanup.js';
import { runCommands } from '../../src/lint/dockerfile/run.js';
import { parse, useParser } from './dockerfile-helpers.js';

useParser();

describe('PACKAGE_CACHES', () => {
  it('names absolute or home folders only, each removed by `rm -rf <dir>/*`', () => {
    for (const [manager, dirs] of Object.entries(PACKAGE_CACHES)) {
      for (const dir of dirs) {
        expect(dir, manager).toMatch(/^(\/|~\/)/);
        expect(rmCovers(`${dir}/*`, dir), `${manager}: ${dir}`).toBe(true);
      }
    }
  });
});

describe('CACHE_CLEANUPS', () => {
  /** Per manager: commands that fill its cache, commands that empty it, commands that do neither. */
  const CASES: [keyof typeof CACHE_CLEANUPS, string[], string[], string[]][] = [
    [
      'yum',
      ['yum install -y x', 'yum update -y'],
      ['yum clean all', 'dnf clean all'],
      ['yum clean metadata'],
    ],
    [
      'dnf',
      ['dnf install -y x', 'microdnf install x'],
      ['dnf clean all', 'yum clean all'],
      ['yum install x'],
    ],
    [
      'zypper',
      ['zypper install -y x', 'zypper in x'],
      ['zypper clean --all', 'zypper cc'],
      ['zypper search x'],
    ],
    ['pacman', ['pacman -Syu --noconfirm', 'pacman -S x'], ['pacman -Scc --noconfirm'], ['pacman -Ss x']],
    ['npm', ['npm ci', 'npm install'], ['npm cache clean --force'], ['npm run build']],
    [
      'yarn',
      ['yarn', 'yarn install', 'yarn global add x'],
      ['yarn cache clean'],
      ['yarn --version', 'yarn build'],
    ],
  ];
  for (const [manager, fills, empties, neither] of CASES) {
    it(`${manager}: tells the commands that fill its cache from those that empty it`, () => {
      const cache = CACHE_CLEANUPS[manager];
      const commands = (lines: string[]) => lines.map((l) => runCommands(parse(`FROM a\nRUN ${l}\n`))[0]!);
      // the empties are judged against the first fill: a cleanup empties the cache of the install before it
      const fill = commands(fills)[0]!;
      expect(commands(fills).map((c) => [cache.fills(c), cache.empties(c, fill)])).toEqual(
        fills.map(() => [true, false]),
      );
      expect(commands(empties).map((c) => [cache.fills(c), cache.empties(c, fill)])).toEqual(
        empties.map(() => [false, true]),
      );
      expect(commands(neither).map((c) => [cache.fills(c), cache.empties(c, fill)])).toEqual(
        neither.map(() => [false, false]),
      );
    });
  }

  it('dnf: microdnf and dnf (or yum) each clean only their own cache', () => {
    const [dnf, microdnf, dnfClean, microdnfClean, yumClean] = [
      'dnf install -y x',
      'microdnf install x',
      'dnf clean all',
      'microdnf clean all',
      'yum clean all',
    ].map((l) => runCommands(parse(`FROM a\nRUN ${l}\n`))[0]!);
    const { empties } = CACHE_CLEANUPS.dnf;
    expect([
      empties(microdnfClean!, microdnf!),
      empties(dnfClean!, microdnf!),
      empties(yumClean!, microdnf!),
    ]).toEqual([true, false, false]);
    expect([empties(dnfClean!, dnf!), empties(yumClean!, dnf!), empties(microdnfClean!, dnf!)]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('proposes the cleanup of the tool that installed', () => {
    expect(CACHE_CLEANUPS.dnf.fix('microdnf')).toEqual({
      clean: 'microdnf clean all',
      description: 'run `microdnf clean all` at the end of the RUN',
    });
    expect(CACHE_CLEANUPS.npm.fix().clean).toBe('npm cache clean --force');
  });
});
