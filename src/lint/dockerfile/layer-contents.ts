/**
 * What each command of a RUN leaves in the layer (package caches and lists, downloads, checkouts) and what it
 * deletes, with paths resolved against the RUN's working directory and home: the facts late-cleanup judges.
 */
import type { Instruction, Stage } from './model.js';
import type { Word } from '../shell/parser.js';
import { argsOf, type RunCommand, subcommand } from './run.js';
import { cacheMountCovers } from './mounts.js';
import { isRootUser, stageChain, userOf } from './stages.js';
import { globMatcher, normalisePath } from '../paths.js';
import { NPM_FETCHING } from '../packages/npm.js';
import { rpmFillsCache } from '../packages/rpm.js';
import { code } from '../quote.js';

/** Something a RUN leaves in its layer: a cache, package lists, a downloaded file, a checkout. */
export interface Item {
  kind: string;
  /** What it is, for messages. */
  label: string;
  /** Where it lives (absolute, or relative to an unknown home `~`). */
  paths: string[];
  /** True for directories, whose parts a cleanup may delete too. */
  dir: boolean;
}

export interface Leftover extends Item {
  run: Instruction;
}

/** A cleanup command and the words that name what it deletes. */
export interface Cleanup {
  cmd: RunCommand;
  at: { start: number; end: number };
  /** Item kinds it empties (`apt-get clean`), or paths it deletes (`rm`). */
  kinds: string[];
  paths: { path: string; word: Word }[];
}

const APT_CACHE_CMDS = new Set([
  'install',
  'upgrade',
  'dist-upgrade',
  'full-upgrade',
  'reinstall',
  'build-dep',
  'source',
  'download',
]);
const CACHE_DIRS: Record<string, { label: string; paths: (home: string) => string[] }> = {
  'apt-lists': { label: 'the apt package lists', paths: () => ['/var/lib/apt/lists'] },
  'apt-cache': { label: "apt's downloaded packages", paths: () => ['/var/cache/apt'] },
  'apk-cache': { label: "apk's package index", paths: () => ['/var/cache/apk'] },
  'pip-cache': { label: "pip's download cache", paths: (h) => [`${h}/.cache/pip`] },
  'npm-cache': { label: "npm's cache", paths: (h) => [`${h}/.npm`] },
  'yarn-cache': { label: "yarn's cache", paths: (h) => ['/usr/local/share/.cache/yarn', `${h}/.cache/yarn`] },
  'yum-cache': { label: "yum's cache", paths: () => ['/var/cache/yum'] },
  'dnf-cache': { label: "dnf's cache", paths: () => ['/var/cache/dnf', '/var/cache/yum'] },
};

function cacheItem(kind: string, home: string, extra: string[] = []): Item {
  const spec = CACHE_DIRS[kind]!;
  return { kind, label: spec.label, paths: [...spec.paths(home), ...extra], dir: true };
}

function basenameOfUrl(url: string): string {
  const clean = url.replace(/[?#].*$/s, '').replace(/(?<!\/)\/+$/, '');
  const i = clean.lastIndexOf('/');
  return i >= 0 ? clean.slice(i + 1) : clean;
}

const isUrl = (s: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(s) || /^[\w.-]+@[\w.-]+:/.test(s);

/** The environment one RUN runs in, for resolving paths. */
interface Env {
  home: string;
  cwd: string;
}

function resolve(env: Env, p: string): string {
  let path = p;
  if (path === '~' || path.startsWith('~/')) path = env.home + path.slice(1);
  else if (/^\$\{?HOME\}?(\/|$)/.test(path)) path = env.home + path.replace(/^\$\{?HOME\}?/, '');
  if (!path.startsWith('/') && !path.startsWith('~')) path = `${env.cwd}/${path}`;
  return normalisePath(path);
}

/** The environment after `other`, given the one before it. */
function step(env: Env, other: Instruction): Env {
  if (other.keyword === 'WORKDIR' && other.args[0]) {
    const w = other.args[0].value;
    return { ...env, cwd: normalisePath(w.startsWith('/') ? w : `${env.cwd}/${w}`) };
  }
  if (other.keyword === 'USER') {
    const user = userOf(other.model, other);
    return { ...env, home: user !== null && isRootUser(user) ? '/root' : '~' };
  }
  return env;
}

/** A stage's instruction starts and the environment before each (and at its end), computed once per stage. */
interface Timeline {
  starts: number[];
  envs: Env[];
}
const timelines = new WeakMap<Stage, Timeline>();

function timelineOf(stage: Stage): Timeline {
  let t = timelines.get(stage);
  if (t) return t;
  let env: Env = { home: '/root', cwd: '/' };
  // the stages this one is built from, whole when they come before it in the file
  for (const s of stageChain(stage).reverse()) {
    if (s === stage) break;
    for (const other of s.instructions) {
      if (other.span.start >= (stage.from?.span.start ?? 0)) break;
      env = step(env, other);
    }
  }
  const envs = [env];
  for (const other of stage.instructions) envs.push((env = step(env, other)));
  t = { starts: stage.instructions.map((i) => i.span.start), envs };
  timelines.set(stage, t);
  return t;
}

/** Index of the first of the sorted `starts` at or after `at`. */
export function firstAtOrAfter(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The working directory and home of a RUN: WORKDIR through the stage chain; `/root` unless a non-root USER. */
function envAt(ins: Instruction): Env {
  const stage = ins.stage;
  if (!stage) return { home: '/root', cwd: '/' };
  const t = timelineOf(stage);
  // a copy: the caller follows `cd` in it
  return { ...t.envs[firstAtOrAfter(t.starts, (ins.onbuild ?? ins).span.start)]! };
}

/** What a command creates in the layer, if anything we track. */
function creates(c: RunCommand, env: Env): Item[] {
  const { inv, instruction: ins } = c;
  const args = argsOf(inv);
  const sub = subcommand(args);
  const out: Item[] = [];
  const mounted = (kind: string): boolean =>
    CACHE_DIRS[kind]!.paths(env.home).some((p) => p.startsWith('/') && cacheMountCovers(ins, p));
  const cache = (kind: string, extra: string[] = []): void => {
    if (!mounted(kind)) out.push(cacheItem(kind, env.home, extra));
  };
  switch (inv.tool) {
    case 'apt-get':
    case 'apt':
      if (sub === 'update') cache('apt-lists');
      else if (sub && APT_CACHE_CMDS.has(sub)) cache('apt-cache');
      break;
    case 'apk':
      if ((sub === 'add' || sub === 'upgrade') && !args.has('--no-cache')) cache('apk-cache');
      else if (sub === 'update') cache('apk-cache');
      break;
    case 'pip': {
      if (sub !== 'install' || args.has('--no-cache-dir')) break;
      const vars = pipVarsAt(ins);
      if (
        vars.get('PIP_NO_CACHE_DIR')?.value ||
        c.command.assignments.some((a) => a.name === 'PIP_NO_CACHE_DIR')
      )
        break;
      const custom = args.value('--cache-dir') ?? vars.get('PIP_CACHE_DIR')?.value ?? null;
      if (custom && custom.startsWith('/') && cacheMountCovers(ins, custom)) break;
      cache('pip-cache', custom ? [resolve(env, custom)] : []);
      break;
    }
    case 'npm':
      if (sub && NPM_FETCHING.has(sub)) cache('npm-cache');
      break;
    case 'yarn':
      if (sub === undefined || sub === 'install' || sub === 'add') cache('yarn-cache');
      break;
    case 'yum':
    case 'dnf':
    case 'microdnf':
      if (rpmFillsCache(args)) cache(inv.tool === 'yum' ? 'yum-cache' : 'dnf-cache');
      break;
    case 'curl': {
      if (args.positionals.length === 0) break;
      const dir = args.value('--output-dir');
      const base = (f: string): string => resolve(env, dir && !f.startsWith('/') ? `${dir}/${f}` : f);
      for (const f of args.flags) {
        if (
          (f.name === '-o' || f.name === '--output') &&
          f.value &&
          f.value !== '-' &&
          !f.value.startsWith('/dev/')
        ) {
          out.push(download(base(f.value)));
        }
      }
      if (args.has('-O', '--remote-name', '--remote-name-all')) {
        for (const u of args.positionals)
          if (isUrl(u.value) && basenameOfUrl(u.value)) out.push(download(base(basenameOfUrl(u.value))));
      }
      break;
    }
    case 'wget': {
      const doc = args.value('-O', '--output-document');
      if (doc !== undefined) {
        if (doc !== '-' && !doc.startsWith('/dev/')) out.push(download(resolve(env, doc)));
        break;
      }
      const dir = args.value('-P', '--directory-prefix');
      for (const u of args.positionals) {
        if (!isUrl(u.value)) continue;
        const name = basenameOfUrl(u.value.replace(/^[a-z]+:\/\/[^/]*\/?$/i, '')) || 'index.html';
        out.push(download(resolve(env, dir ? `${dir}/${name}` : name)));
      }
      break;
    }
    case 'git': {
      const pos = args.positionals;
      if (pos[0]?.value !== 'clone' || !pos[1]) break;
      const where = args.value('-C');
      const e = where ? { ...env, cwd: resolve(env, where) } : env;
      const target = pos[2]?.value ?? basenameOfUrl(pos[1].value).replace(/\.git$/, '');
      if (target)
        out.push({
          kind: 'clone',
          label: `the ${code(target)} checkout`,
          paths: [resolve(e, target)],
          dir: true,
        });
      break;
    }
  }
  return out;
}

const NO_VARS: ReadonlyMap<string, { value: string | null }> = new Map();
const pipDeclared = new WeakMap<object, boolean>();

/**
 * The scope of a `pip install`, when the file declares pip's variables at all: a scope per RUN is a map per RUN,
 * quadratic in a long file with many ENVs.
 */
function pipVarsAt(ins: Instruction): ReadonlyMap<string, { value: string | null }> {
  const model = ins.model;
  let declared = pipDeclared.get(model);
  if (declared === undefined) {
    declared = model.stages.some((s) => s.vars.some((v) => v.name.startsWith('PIP_')));
    pipDeclared.set(model, declared);
  }
  return declared ? model.varsAt(ins.onbuild ?? ins) : NO_VARS;
}

function download(path: string): Item {
  return {
    kind: 'download',
    label: `the downloaded ${code(path.slice(path.lastIndexOf('/') + 1))}`,
    paths: [path],
    dir: false,
  };
}

/** What a command deletes, if it is a cleanup. */
function cleanupOf(c: RunCommand, env: Env): Cleanup | null {
  const { inv } = c;
  const args = argsOf(inv);
  const sub = subcommand(args);
  const span = (words: Word[]): { start: number; end: number } => ({
    start: inv.toolWord.start,
    end: words[words.length - 1]?.end ?? inv.toolWord.end,
  });
  const kinds = (k: string[], shown: Word[]): Cleanup => ({
    cmd: c,
    at: span(shown),
    kinds: k,
    paths: [],
  });
  const pos = args.positionals;
  switch (inv.tool) {
    case 'rm': {
      const paths = pos.map((word) => ({ path: resolve(env, word.value), word }));
      if (paths.length === 0) return null;
      return { cmd: c, at: { start: inv.toolWord.start, end: inv.command.end }, kinds: [], paths };
    }
    case 'apt-get':
    case 'apt':
      if (sub === 'clean' || sub === 'autoclean') return kinds(['apt-cache'], pos.slice(0, 1));
      if (sub === 'distclean' || sub === 'dist-clean')
        return kinds(['apt-cache', 'apt-lists'], pos.slice(0, 1));
      return null;
    case 'apk':
      return sub === 'cache' && (pos[1]?.value === 'clean' || pos[1]?.value === 'purge')
        ? kinds(['apk-cache'], pos.slice(0, 2))
        : null;
    case 'pip':
      return sub === 'cache' && (pos[1]?.value === 'purge' || pos[1]?.value === 'remove')
        ? kinds(['pip-cache'], pos.slice(0, 2))
        : null;
    case 'npm':
      return sub === 'cache' &&
        (pos[1]?.value === 'clean' || pos[1]?.value === 'rm' || pos[1]?.value === 'clear')
        ? kinds(['npm-cache'], pos.slice(0, 2))
        : null;
    case 'yarn':
      return sub === 'cache' && pos[1]?.value === 'clean' ? kinds(['yarn-cache'], pos.slice(0, 2)) : null;
    case 'yum':
      return sub === 'clean' ? kinds(['yum-cache'], pos.slice(0, 2)) : null;
    case 'dnf':
    case 'microdnf':
      return sub === 'clean' ? kinds(['dnf-cache'], pos.slice(0, 2)) : null;
  }
  return null;
}

const GLOB = /[*?[{]/;

/** True when deleting `target` deletes (part of) the item at `path`. */
function covers(target: string, item: Item, path: string): boolean {
  if (target === '/' || target === '~') return false;
  if (GLOB.test(target) && !target.includes('$')) {
    const isMatch = globMatcher(target);
    for (let p = path; p.length > 1 && p.includes('/'); p = p.slice(0, p.lastIndexOf('/')) || '/') {
      if (isMatch(p)) return true;
    }
    return item.dir && isMatch(`${path}/__content__`);
  }
  return target === path || path.startsWith(`${target}/`) || (item.dir && target.startsWith(`${path}/`));
}

export function deletes(cleanup: Cleanup, item: Item): Word | true | null {
  if (cleanup.kinds.includes(item.kind)) return true;
  for (const { path, word } of cleanup.paths) if (item.paths.some((p) => covers(path, item, p))) return word;
  return null;
}

/** Per RUN: the commands, what each creates and deletes, and what is left in the layer at the end. */
export interface RunFacts {
  ins: Instruction;
  steps: { cmd: RunCommand; created: Item[]; cleanup: Cleanup | null }[];
  leftovers: Leftover[];
}

export function factsOf(ins: Instruction, cmds: RunCommand[]): RunFacts {
  const env = envAt(ins);
  const steps: RunFacts['steps'] = [];
  for (const cmd of cmds) {
    if (cmd.inv.tool === 'cd' && !cmd.command.nested && !cmd.command.inSubstitution) {
      const to = cmd.inv.args[0]?.value;
      if (to !== undefined && to !== '-') env.cwd = resolve(env, to);
      else if (to === undefined) env.cwd = env.home;
      continue;
    }
    steps.push({ cmd, created: creates(cmd, env), cleanup: cleanupOf(cmd, env) });
  }
  const leftovers: Leftover[] = [];
  // backwards, collecting the cleanups that follow each step: linear in a RUN of thousands of commands
  const later: Cleanup[] = [];
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i]!;
    for (const item of s.created) {
      if (!later.some((c) => deletes(c, item))) leftovers.push({ ...item, run: ins });
    }
    if (s.cleanup) later.push(s.cleanup);
  }
  leftovers.reverse();
  return { ins, steps, leftovers };
}
