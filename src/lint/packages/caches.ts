/**
 * Each package manager's download cache: where it is, how a user moves it, which commands fill and empty it, and
 * the cleanup to propose. The cache-cleanup rules read these through cleanup.ts.
 */
import { argsOf, subcommand, type RunCommand } from '../dockerfile/run.js';
import { code } from '../quote.js';
import type { CacheCleanup, MovableCache } from './cleanup.js';
import { NPM_FETCHING } from './npm.js';
import { rpmCleansAll, rpmFetches } from './rpm.js';
import { ZYPPER_FETCHING } from './zypper.js';

/**
 * Where each package manager keeps what it downloads: what a cleanup must delete (or a cache mount keep out of
 * the layer) for the RUN to ship none of it.
 */
export const PACKAGE_CACHES = {
  apk: ['/var/cache/apk'],
  /** yum is dnf on current distributions: both caches. */
  yum: ['/var/cache/yum', '/var/cache/dnf'],
  /** dnf, dnf5 (`libdnf5`) and microdnf. */
  dnf: ['/var/cache/dnf', '/var/cache/yum', '/var/cache/libdnf5'],
  zypper: ['/var/cache/zypp'],
  pacman: ['/var/cache/pacman/pkg', '/var/cache/pacman'],
  /** npm's cache (`~/.npm/_cacache`): deleting it, or `~/.npm`, removes the downloads. */
  npm: ['/root/.npm/_cacache', '~/.npm/_cacache'],
  /** Where Yarn 1 (as root, or under `~/.cache`) and Yarn 2+ (global cache) keep downloaded packages. */
  yarn: [
    '/usr/local/share/.cache/yarn',
    '~/.cache/yarn',
    '/root/.cache/yarn',
    '~/.yarn/berry/cache',
    '/root/.yarn/berry/cache',
  ],
} as const satisfies Record<string, readonly string[]>;

/** The package managers whose cache a flag or an environment variable can move (onto a cache mount). */
export const MOVABLE_CACHES = {
  npm: { mountTarget: /\/\.npm(\/_cacache)?$/, flag: '--cache', env: 'npm_config_cache', anyCase: true },
  yarn: {
    mountTarget: /\/(\.cache\/yarn|\.yarn\/berry(\/cache)?|share\/\.cache\/yarn)$/,
    flag: '--cache-folder',
    env: 'YARN_CACHE_FOLDER',
    anyCase: false,
  },
} as const satisfies Record<string, MovableCache>;

/** `yarn`, `yarn install`, `yarn add x`, `yarn global add x`. */
function yarnInstalls(c: RunCommand): boolean {
  if (c.inv.tool !== 'yarn') return false;
  const args = argsOf(c.inv);
  const [sub, second] = args.positionals;
  // bare `yarn` installs, unless it only prints something (`yarn --version`)
  if (!sub) return !args.has('--version', '-v', '--help', '-h');
  return (
    sub.value === 'install' || sub.value === 'add' || (sub.value === 'global' && second?.value === 'add')
  );
}

/** The letters of pacman's `-S…` operation word (`-Syu` → `yu`), or null when the command has none. */
function syncLetters(c: RunCommand): string | null {
  for (const w of c.inv.args) {
    if (w.value === '--sync') return '';
    if (/^-S[A-Za-z]*$/.test(w.value)) return w.value.slice(2);
  }
  return null;
}

/**
 * `pacman -Scc` (`--sync --clean --clean`) empties the package cache. A single `-Sc` only drops the packages that
 * are no longer installed: everything the RUN just installed stays in the cache, so it is not a cleanup.
 */
function pacmanEmpties(c: RunCommand): boolean {
  const letters = syncLetters(c);
  if (letters === null) return false;
  const cleans =
    [...letters].filter((l) => l === 'c').length + c.inv.args.filter((w) => w.value === '--clean').length;
  return cleans >= 2;
}

/**
 * `paccache -rk0` (pacman-contrib) removes every cached version of every package; with `-u` (`--uninstalled`) it
 * only touches packages no longer installed, and without `-k0` it keeps the last three versions.
 */
function paccacheEmpties(c: RunCommand): boolean {
  let remove = false;
  let keep: string | null = null;
  const words = c.inv.args.map((w) => w.value);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--remove') remove = true;
    else if (w === '--uninstalled') return false;
    else if (w === '--keep') keep = words[++i] ?? null;
    else if (w.startsWith('--keep=')) keep = w.slice(7);
    else if (/^-[A-Za-z]/.test(w) && !w.startsWith('--')) {
      // bundled short options: `-rk0`, `-r -k 0`, `-rvk0`
      for (let j = 1; j < w.length; j++) {
        const l = w[j]!;
        if (l === 'r') remove = true;
        else if (l === 'u') return false;
        else if (l === 'k') {
          keep = w.slice(j + 1) || (words[++i] ?? null);
          break;
        }
      }
    }
  }
  return remove && keep === '0';
}

/** The download caches the cache-cleanup rules look for, by package manager. */
export const CACHE_CLEANUPS = {
  yum: {
    // `dnf clean all` empties the cache `yum install` filled: on current distributions yum is dnf
    tools: ['yum', 'dnf'],
    fills: (c) => c.inv.tool === 'yum' && rpmFetches(argsOf(c.inv)),
    empties: (c) => rpmCleansAll(argsOf(c.inv)),
    caches: PACKAGE_CACHES.yum,
    fix: () => ({ clean: 'yum clean all', description: 'clean the yum cache at the end of the RUN' }),
  },
  dnf: {
    tools: ['dnf', 'microdnf', 'yum'],
    fills: (c) => (c.inv.tool === 'dnf' || c.inv.tool === 'microdnf') && rpmFetches(argsOf(c.inv)),
    // each tool cleans its own cache: microdnf's is not dnf's, so `dnf install … && microdnf clean all` leaves
    // dnf's in the layer (and the other way round); yum is dnf where both exist
    empties: (c, fill) =>
      (c.inv.tool === 'microdnf') === (fill.inv.tool === 'microdnf') && rpmCleansAll(argsOf(c.inv)),
    caches: PACKAGE_CACHES.dnf,
    // microdnf cleans its own cache: the cleanup names the tool that installed
    fix: (tool) => {
      const clean = `${tool} clean all`;
      return { clean, description: `run ${code(clean)} at the end of the RUN` };
    },
  },
  zypper: {
    tools: ['zypper'],
    fills: (c) => c.inv.tool === 'zypper' && ZYPPER_FETCHING.has(subcommand(argsOf(c.inv)) ?? ''),
    empties: (c) => {
      const sub = subcommand(argsOf(c.inv));
      return sub === 'clean' || sub === 'cc';
    },
    caches: PACKAGE_CACHES.zypper,
    fix: () => ({ clean: 'zypper clean --all', description: 'clean the zypper cache at the end of the RUN' }),
  },
  pacman: {
    tools: ['pacman', 'paccache'],
    // `-S`, `-Sy`, `-Syu`, `-Sw` download packages (not a query: `-Ss`, `-Si`, `-Sl`…); `-Sc`/`-Scc` clean
    fills: (c) => {
      const letters = c.inv.tool === 'pacman' ? syncLetters(c) : null;
      return (
        letters !== null &&
        !/[csilgp]/.test(letters) &&
        !c.inv.args.some((w) => /^--(clean|search|info|list|groups|print)$/.test(w.value))
      );
    },
    empties: (c) => (c.inv.tool === 'paccache' ? paccacheEmpties(c) : pacmanEmpties(c)),
    caches: PACKAGE_CACHES.pacman,
    fix: () => ({
      clean: 'pacman -Scc --noconfirm',
      description: "empty pacman's package cache at the end of the RUN",
    }),
  },
  npm: {
    tools: ['npm'],
    fills: (c) => c.inv.tool === 'npm' && NPM_FETCHING.has(subcommand(argsOf(c.inv)) ?? ''),
    empties: (c) => {
      const args = argsOf(c.inv);
      return c.inv.tool === 'npm' && subcommand(args) === 'cache' && args.positionals[1]?.value === 'clean';
    },
    caches: PACKAGE_CACHES.npm,
    movable: MOVABLE_CACHES.npm,
    fix: () => ({
      clean: 'npm cache clean --force',
      description: 'clean the npm cache at the end of the RUN',
    }),
  },
  yarn: {
    tools: ['yarn'],
    fills: yarnInstalls,
    empties: (c) => {
      const [sub, second] = argsOf(c.inv).positionals;
      return sub?.value === 'cache' && second?.value === 'clean';
    },
    caches: PACKAGE_CACHES.yarn,
    movable: MOVABLE_CACHES.yarn,
    fix: () => ({ clean: 'yarn cache clean', description: 'clean the Yarn cache at the end of the RUN' }),
  },
} satisfies Record<string, CacheCleanup>;
