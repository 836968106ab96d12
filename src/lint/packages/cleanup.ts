/** Package caches a RUN leaves in its layer: commands that delete a directory, and installs no cleanup follows. */
import { argsOf, groupByRun, thisRun, toolCommands, type RunCommand } from '../dockerfile/run.js';
import { appendToRun } from '../dockerfile/edits.js';
import type { Report } from '../rule.js';
import { code } from '../quote.js';
import type { DockerfileModel } from '../dockerfile/model.js';
import { cacheMountCovers, keepsOutOfLayer, runMounts } from '../dockerfile/mounts.js';
import { varValue } from '../dockerfile/vars.js';
import { inShippedImage } from '../dockerfile/stages.js';
import { globMatcher, normalisePath } from '../paths.js';

/** How a user moves a package manager's cache elsewhere, and where a cache mount holds it for any user. */
export interface MovableCache {
  /** A cache mount target that holds the cache in any user's home (`…/.npm`). */
  mountTarget: RegExp;
  /** The flag that puts the cache in a folder (`--cache`). */
  flag: string;
  /** The environment variable that does (set on the command, or an ENV/ARG in scope). */
  env: string;
  /** npm reads its `npm_config_*` variables in any case: `NPM_CONFIG_CACHE` too. */
  anyCase: boolean;
}

/**
 * The install's cache lives on a BuildKit cache mount of its RUN: a mount whose target is the cache's usual
 * place in a home folder, or one that covers the folder the flag or the variable moved the cache to.
 */
export function cacheOnMount(c: RunCommand, cache: MovableCache): boolean {
  const ins = c.instruction;
  if (runMounts(ins).some((m) => keepsOutOfLayer(m) && m.target !== null && cache.mountTarget.test(m.target)))
    return true;
  const named = (name: string): boolean => (cache.anyCase ? name.toLowerCase() : name) === cache.env;
  const dir =
    argsOf(c.inv).value(cache.flag) ??
    c.command.assignments.find((a) => named(a.name))?.value ??
    varValue(ins.model, ins, cache.env) ??
    (cache.anyCase ? varValue(ins.model, ins, cache.env.toUpperCase()) : null);
  return !!dir && dir.startsWith('/') && cacheMountCovers(ins, dir);
}

const HOME_PREFIX = /^(~|\$HOME|\$\{HOME\})(?=\/|$)/;

/**
 * True when an `rm` operand deletes `dir` or everything in it: the directory, a parent of it (not `/`), or a glob
 * over its contents (`/var/cache/yum/*`). `~/x` and `$HOME/x` match a `dir` written `~/x`.
 */
export function rmCovers(arg: string, dir: string): boolean {
  const a = arg.replace(HOME_PREFIX, '/~');
  const d = normalisePath(dir.replace(HOME_PREFIX, '/~'));
  if (!a.startsWith('/')) return false;
  const path = normalisePath(a);
  if (path === d || (path.length > 1 && d.startsWith(`${path}/`))) return true;
  if (!/[*?[{]/.test(path)) return false;
  const isMatch = globMatcher(path);
  if (isMatch(d) || isMatch(`${d}/x`)) return true;
  // a glob naming a parent: `/var/lib/{apt,dpkg}/` deletes `/var/lib/apt/lists`
  for (let cut = d.lastIndexOf('/'); cut > 0; cut = d.lastIndexOf('/', cut - 1))
    if (isMatch(d.slice(0, cut))) return true;
  return false;
}

/** `find` tests that pick some entries only: with them, a `find` from a parent may leave the directory alone. */
const FIND_FILTERS = /^-(?:i?name|i?path|i?wholename|i?regex|newer|size|mtime|user|group|perm|links|empty)$/;

/**
 * True when a `find … -delete` (or `-exec rm`) empties `dir`: it starts at `dir`, or at a parent of it with no
 * test that would skip the directory (`-type`, `-mindepth` are fine).
 */
function findDeletes(c: RunCommand, dir: string): boolean {
  const words = c.inv.args.map((w) => w.value);
  const first = words.findIndex((w) => w.startsWith('-') || w === '(' || w === '!');
  const starts = first < 0 ? words : words.slice(0, first);
  const expr = first < 0 ? [] : words.slice(first);
  const deletes = expr.includes('-delete') || expr.some((w, i) => w === '-exec' && expr[i + 1] === 'rm');
  if (!deletes) return false;
  const d = normalisePath(dir.replace(HOME_PREFIX, '/~'));
  const filtered = expr.some((w) => FIND_FILTERS.test(w));
  return starts.some((s) => {
    const a = s.replace(HOME_PREFIX, '/~');
    if (!a.startsWith('/')) return false;
    const path = normalisePath(a);
    return path === d || (!filtered && path.length > 1 && d.startsWith(`${path}/`));
  });
}

/**
 * True when the command deletes one of `dirs`: an `rm` of it (see rmCovers), or a `find` that deletes what is
 * in it (`find /var/lib/apt/lists -type f -delete`).
 */
export function removesDir(c: RunCommand, dirs: readonly string[]): boolean {
  if (c.inv.tool === 'find') return dirs.some((d) => findDeletes(c, d));
  if (c.inv.tool !== 'rm') return false;
  return argsOf(c.inv).positionals.some((w) => dirs.some((d) => rmCovers(w.value, d)));
}

/** A package manager's download cache, as the cache-cleanup rules read it (the managers' own: caches.ts). */
export interface CacheCleanup {
  /** The package manager's commands; `rm` and `find` are read as well. */
  tools: readonly string[];
  /** The command downloads into the cache (`yum install`). */
  fills(c: RunCommand): boolean;
  /**
   * One of `tools` that empties the cache `fill` filled (`yum clean all` after `yum install`); deleting one of
   * `caches` empties it too.
   */
  empties(c: RunCommand, fill: RunCommand): boolean;
  /** Where the cache is. */
  caches: readonly string[];
  /** How an install may have moved the cache (onto a cache mount). */
  movable?: MovableCache;
  /** The cleanup to propose after an install by `tool`. */
  fix(tool: string): UncleanedReport;
}

/**
 * Per RUN of the shipped image (ONBUILD triggers included): the first command that fills the cache with no
 * cleanup after it in the same RUN (the manager's own, or an `rm`/`find … -delete` of the cache) and no BuildKit
 * cache mount on one of its `caches` (the absolute ones: a mount target is never `~`), nor, for a movable cache, on
 * where that install put it (see cacheOnMount). Builder stages are skipped: their layers never reach the image.
 */
export function uncleanedInstalls(model: DockerfileModel, cache: CacheCleanup): RunCommand[] {
  const out: RunCommand[] = [];
  const mountable = cache.caches.filter((d) => d.startsWith('/'));
  // a cleanup counts for the installs before it whose cache it empties (microdnf's is not dnf's)
  const cleans = (c: RunCommand, fill: RunCommand): boolean =>
    c.command.index > fill.command.index &&
    (c.inv.tool === 'rm' || c.inv.tool === 'find' ? removesDir(c, cache.caches) : cache.empties(c, fill));
  for (const [ins, list] of groupByRun(toolCommands(model, ...cache.tools, 'rm', 'find'))) {
    if (!inShippedImage(ins)) continue;
    const installs = list.filter((c) => cache.fills(c));
    if (installs.length === 0) continue;
    if (mountable.some((d) => cacheMountCovers(ins, d))) continue;
    const first = installs.find((i) => !list.some((c) => cleans(c, i)));
    if (!first) continue;
    if (cache.movable && cacheOnMount(first, cache.movable)) continue;
    out.push(first);
  }
  return out;
}

/** Reports each install that leaves `cache` in its layer (see uncleanedInstalls and reportUncleaned). */
export function reportUncleanedInstalls(
  model: DockerfileModel,
  report: (r: Report) => void,
  cache: CacheCleanup,
): void {
  for (const c of uncleanedInstalls(model, cache)) reportUncleaned(report, c, cache.fix(c.inv.tool));
}

/** The cleanup a cache-cleanup rule proposes for an install. */
export interface UncleanedReport {
  /** The cleanup to append to the RUN (`yum clean all`). */
  clean: string;
  /** The fix's description. */
  description: string;
}

/**
 * Reports an install whose RUN leaves the cache in the layer, from the tool to its sub-command (`yum install`; the
 * tool alone for a bare `yarn`): with the fix that appends `clean` at the end of the RUN (message `fixable`), or,
 * where the RUN's end cannot take one safely, without it (`unsafeEnd`). The messages' data: `command` (the install
 * as written) and `clean` as code, `run` (which RUN).
 */
export function reportUncleaned(report: (r: Report) => void, c: RunCommand, r: UncleanedReport): void {
  const ins = c.instruction;
  const sub = argsOf(c.inv).positionals[0];
  const command = sub ? `${c.inv.tool} ${sub.value}` : c.inv.tool;
  const edit = appendToRun(ins, r.clean);
  report({
    at: { start: c.inv.toolWord.start, end: (sub ?? c.inv.toolWord).end },
    messageId: edit ? 'fixable' : 'unsafeEnd',
    data: { command: code(command), clean: code(r.clean), run: thisRun(ins) },
    ...(edit ? { fix: { description: r.description, edits: [edit] } } : {}),
  });
}
