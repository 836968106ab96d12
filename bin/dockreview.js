#!/usr/bin/env node
// The committed bundle (scripts/bundle.mjs): one CommonJS file with everything the CLI runs, so it needs no
// node_modules, whether installed from the registry, a tarball or a git URL.
//
// Compiling that file is most of the start-up of a small lint, so its compiled code is kept between runs: on
// Node 22.1 and later by Node itself (`module.enableCompileCache`), on Node 20 here, with V8's code cache
// (`vm.Script` `cachedData`) in the user's cache folder. A cache that does not match (another Node, another
// bundle) is rejected by V8 or by its name, and written again; a cache folder that cannot be written only costs
// the saving. `DOCKREVIEW_COMPILE_CACHE=0` turns it off.
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const bundle = fileURLToPath(new URL('../bundle/cli.cjs', import.meta.url));
const cacheOff = process.env.DOCKREVIEW_COMPILE_CACHE === '0';

if (typeof module.enableCompileCache === 'function') {
  if (!cacheOff) module.enableCompileCache();
  createRequire(import.meta.url)(bundle);
} else {
  runWithCodeCache(bundle);
}

/** The cache file for this bundle and this Node, in a folder only this user can write; undefined when none. */
function cachePath(file) {
  if (cacheOff) return undefined;
  let base = process.env.XDG_CACHE_HOME;
  if (!base) {
    try {
      base = join(homedir(), '.cache');
    } catch {
      return undefined; // no home folder (a system user): run without the cache
    }
  }
  const { size, mtimeMs } = statSync(file);
  // V8 checks its cache against the source's length, not its text: the name also carries the bundle's size and
  // modification time (a reinstall or an upgrade changes them) and the V8 version and architecture (no hash:
  // loading node:crypto would cost a good part of what the cache saves)
  const key = [size, Math.trunc(mtimeMs), process.versions.v8, process.arch]
    .join('-')
    .replace(/[^\w.-]/g, '_');
  return join(base, 'dockreview', `cli-${key}.v8cache`);
}

function runWithCodeCache(file) {
  // the bundle is ASCII (esbuild's `charset: 'ascii'`), which latin1 reads exactly and faster than UTF-8
  const source = readFileSync(file, 'latin1');
  const cache = cachePath(file);
  let cachedData;
  if (cache) {
    try {
      cachedData = readFileSync(cache);
    } catch {
      /* first run with this bundle: written at exit */
    }
  }
  const script = new vm.Script(module.wrap(source), { filename: file, cachedData });
  if (cache && (cachedData === undefined || script.cachedDataRejected)) {
    // at exit, so that the cache also holds the functions this run compiled lazily (most of what a lint needs)
    process.once('exit', () => writeCache(cache, script));
  }
  const cjs = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext().call(cjs.exports, cjs.exports, createRequire(file), cjs, file, dirname(file));
}

function writeCache(cache, script) {
  try {
    const dir = dirname(cache);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // caches of other bundles or Node versions are dead weight: one file stays
    for (const name of readdirSync(dir)) {
      if (name.startsWith('cli-') && join(dir, name) !== cache) unlinkSync(join(dir, name));
    }
    // written aside and renamed, so that a concurrent run never reads half a file
    const partial = `${cache}.${process.pid}.partial`;
    writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
    renameSync(partial, cache);
  } catch {
    /* a read-only or full cache folder: the next run compiles again, nothing else changes */
  }
}
