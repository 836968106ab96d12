import { describe, expect, it } from 'vitest';
import {
  cacheOnMount,
  type CacheCleanup,
  removesDir,
  reportUncleaned,
  reportUncleanedInstalls,
  rmCovers,
  uncleanedInstalls,
} from '../../src/lint/packages/cleanup.js';
import { MOVABLE_CACHES } from '../../src/lint/packages/caches.js';
import { argsOf, runCommands, subcommand, type RunCommand } from '../../src/lint/dockerfile/run.js';
import type { Report } from '../../src/lint/rule.js';
import { parse, useParser } from './dockerfile-helpers.js';

useParser();

describe('rmCovers', () => {
  it('is true for the directory, a parent, or a glob over its contents', () => {
    expect(rmCovers('/var/cache/yum', '/var/cache/yum')).toBe(true);
    expect(rmCovers('/var/cache', '/var/cache/yum')).toBe(true);
    expect(rmCovers('/var/cache/yum/*', '/var/cache/yum')).toBe(true);
    expect(rmCovers('/var/lib/{apt,dpkg}/', '/var/lib/apt/lists')).toBe(true);
    expect(rmCovers('$HOME/.npm', '~/.npm/_cacache')).toBe(true);
  });
  it('is false for `/`, a sibling, or a relative path', () => {
    expect(rmCovers('/', '/var/cache/yum')).toBe(false);
    expect(rmCovers('/var/cache/apt', '/var/cache/yum')).toBe(false);
    expect(rmCovers('cache/yum', '/var/cache/yum')).toBe(false);
  });
});

describe('removesDir', () => {
  const removes = (line: string): boolean =>
    removesDir(runCommands(parse(`FROM a\nRUN ${line}\n`))[0]!, ['/var/cache/yum']);
  it('reads rm and find … -delete', () => {
    expect(removes('rm -rf /var/cache/yum')).toBe(true);
    expect(removes('find /var/cache/yum -type f -delete')).toBe(true);
    expect(removes('find /var/cache -exec rm -rf {} +')).toBe(true);
  });
  it('is false for a find that filters, or one that deletes nothing', () => {
    expect(removes('find /var/cache -name "*.rpm" -delete')).toBe(false);
    expect(removes('find /var/cache/yum -type f')).toBe(false);
    expect(removes('ls /var/cache/yum')).toBe(false);
  });
});

/** A yum-like manager, for the tests of the mechanics. */
const yum: CacheCleanup = {
  tools: ['yum'],
  fills: (c: RunCommand) => c.inv.tool === 'yum' && subcommand(argsOf(c.inv)) === 'install',
  empties: (c: RunCommand) => subcommand(argsOf(c.inv)) === 'clean',
  caches: ['/var/cache/yum'],
  fix: (tool) => ({ clean: `${tool} clean all`, description: 'clean it' }),
};

describe('uncleanedInstalls', () => {
  const lines = (text: string): number[] =>
    uncleanedInstalls(parse(text), yum).map((c) => c.instruction.line);
  it('reports the first install of a RUN that no cleanup follows', () => {
    expect(
      lines(
        'FROM a\nRUN yum install -y x\nRUN yum install -y y && yum clean all\nRUN yum clean all && yum install -y z\n',
      ),
    ).toEqual([2, 4]);
  });
  it('takes an `rm` or `find … -delete` of the cache for a cleanup', () => {
    expect(lines('FROM a\nRUN yum install -y x && rm -rf /var/cache/yum/*\n')).toEqual([]);
    expect(lines('FROM a\nRUN yum install -y x && find /var/cache/yum -delete\n')).toEqual([]);
    expect(lines('FROM a\nRUN yum install -y x && rm -rf /tmp/*\n')).toEqual([2]);
  });
  it('skips builder stages and cache mounts, counts ONBUILD', () => {
    expect(lines('FROM a AS b\nRUN yum install -y x\nFROM c\nCOPY --from=b /x /x\n')).toEqual([]);
    expect(lines('FROM a\nRUN --mount=type=cache,target=/var/cache/yum yum install -y x\n')).toEqual([]);
    expect(lines('FROM a AS b\nONBUILD RUN yum install -y x\nFROM c\n')).toEqual([2]);
  });
  it('leaves out an install whose movable cache it put on a mount', () => {
    const npm: CacheCleanup = {
      ...yum,
      tools: ['npm'],
      fills: (c) => c.inv.tool === 'npm',
      caches: ['/root/.npm'],
      movable: MOVABLE_CACHES.npm,
    };
    const found = (text: string): number[] =>
      uncleanedInstalls(parse(text), npm).map((c) => c.instruction.line);
    expect(found('FROM n\nRUN npm ci\nRUN --mount=type=cache,target=/c npm ci --cache /c\n')).toEqual([2]);
  });
});

describe('cacheOnMount', () => {
  const onMount = (text: string, tool: 'npm' | 'yarn'): boolean[] =>
    runCommands(parse(text))
      .filter((c) => c.inv.tool === tool)
      .map((c) => cacheOnMount(c, MOVABLE_CACHES[tool]));
  it("sees a cache mount on the cache's place in any home folder", () => {
    expect(onMount('FROM n\nRUN --mount=type=cache,target=/home/app/.npm npm ci\n', 'npm')).toEqual([true]);
    expect(onMount('FROM n\nRUN --mount=type=cache,target=/root/.cache/yarn yarn\n', 'yarn')).toEqual([true]);
    expect(onMount('FROM n\nRUN --mount=type=cache,target=/tmp/x npm ci\n', 'npm')).toEqual([false]);
  });
  it('follows the flag, the variable on the command and the ENV in scope to a mounted folder', () => {
    const mount = 'RUN --mount=type=cache,target=/cache';
    expect(onMount(`FROM n\n${mount} npm ci --cache /cache/npm\n`, 'npm')).toEqual([true]);
    expect(onMount(`FROM n\n${mount} NPM_CONFIG_CACHE=/cache npm ci\n`, 'npm')).toEqual([true]);
    expect(onMount(`FROM n\nENV NPM_CONFIG_CACHE=/cache\n${mount} npm ci\n`, 'npm')).toEqual([true]);
    expect(onMount(`FROM n\n${mount} yarn --cache-folder /cache/y\n`, 'yarn')).toEqual([true]);
    expect(onMount(`FROM n\nENV YARN_CACHE_FOLDER=/cache\n${mount} yarn\n`, 'yarn')).toEqual([true]);
    // yarn reads its variable in upper case only; a relative folder is never on a mount
    expect(onMount(`FROM n\n${mount} yarn_cache_folder=/cache yarn\n`, 'yarn')).toEqual([false]);
    expect(onMount(`FROM n\n${mount} npm ci --cache cache\n`, 'npm')).toEqual([false]);
  });
});

describe('reportUncleaned', () => {
  const cleanup = { clean: 'yum clean all', description: 'clean it' };
  it('reports each uncleaned install with the fix the manager gives for its tool', () => {
    const out: Report[] = [];
    reportUncleanedInstalls(
      parse('FROM centos:7\nRUN yum install -y a\nRUN yum install -y b\n'),
      (r) => out.push(r),
      yum,
    );
    expect(out.map((r) => [r.data?.command, r.fix?.description])).toEqual([
      ['`yum install`', 'clean it'],
      ['`yum install`', 'clean it'],
    ]);
  });

  function reportsOf(text: string, tool = 'yum'): Report[] {
    const out: Report[] = [];
    for (const c of runCommands(parse(text)).filter((c) => c.inv.tool === tool))
      reportUncleaned((r) => out.push(r), c, cleanup);
    return out;
  }

  it('reports from the tool to the sub-command, with the fix appending the cleanup to the RUN', () => {
    const text = 'FROM centos:7\nRUN yum install -y httpd\n';
    const [r] = reportsOf(text);
    expect(r).toMatchObject({
      at: { start: text.indexOf('yum'), end: text.indexOf(' -y') },
      messageId: 'fixable',
      data: { command: '`yum install`', clean: '`yum clean all`', run: 'this RUN' },
      fix: { description: 'clean it', edits: [{ text: ' \\\n    && yum clean all' }] },
    });
  });

  it('names the tool alone, and ends at it, when there is no sub-command (a bare `yarn`)', () => {
    const text = 'FROM node:20\nRUN yarn --frozen-lockfile\n';
    const [r] = reportsOf(text, 'yarn');
    expect(r).toMatchObject({
      at: { start: text.indexOf('yarn'), end: text.indexOf(' --frozen') },
      data: { command: '`yarn`' },
    });
  });

  it('says `unsafeEnd`, without a fix, where the end of the RUN cannot take one', () => {
    const [r] = reportsOf('FROM centos:7\nRUN yum install -y httpd # done\n');
    expect(r).toMatchObject({ messageId: 'unsafeEnd' });
    expect(r!.fix).toBeUndefined();
  });
});
