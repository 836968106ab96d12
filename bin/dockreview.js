#!/usr/bin/env node
// The committed bundle (scripts/bundle.mjs): one CommonJS file with everything the CLI runs, so it needs no
// node_modules, whether installed from the registry, a tarball or a git URL.
//
// Compiling that file is most of the start-up of a small lint, so its compiled code is kept between runs: on
// Node 22.1 and later by Node itself (`module.enableCompileCache`), on Node 20 here, with V8's code cache
// (`vm.Script` `cachedData`) in the user's cache folder. A cache that does not match (another Node, another
// bundle) is rejected by V8 or by its name, and written again; a cache folder that cannot be written only costs
// the saving. `DOCKREVIEW_COMPILE_CACHE=0` turns it off.
// CommonJS (bin/package.json): Node starts a CommonJS entry without its ES-module loader, about 15 ms sooner.
'use strict';
const {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} = require('node:fs');
const module_ = require('node:module');
const { homedir } = require('node:os');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

// WebAssembly (the shell parser's 1.3 MB grammar) on V8's baseline compiler only: TurboFan's background tier-up
// holds a short run ~0.5 s at exit and never paid off even over the whole corpus (measured: 221 files, 2.4 s → 2.1
// s). Set here, before the bundle is compiled, because V8 stamps its code cache with the flags in force: a flag set
// later in the run made every cache the next run reads a mismatch, rejected and written again.
require('node:v8').setFlagsFromString('--liftoff-only');

const bundle = join(__dirname, '..', 'bundle', 'cli.cjs');
const cacheOff = process.env.DOCKREVIEW_COMPILE_CACHE === '0';

if (typeof module_.enableCompileCache === 'function') {
  if (!cacheOff) module_.enableCompileCache();
  require(bundle);
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
  const script = new vm.Script(module_.wrap(source), { filename: file, cachedData });
  if (cache && (cachedData === undefined || script.cachedDataRejected)) {
    // at exit, so that the cache also holds the functions this run compiled lazily (most of what a lint needs)
    process.once('exit', () => writeCache(cache, script));
  }
  const cjs = { exports: {}, filename: file, id: file, loaded: false };
  script
    .runInThisContext()
    .call(cjs.exports, cjs.exports, module_.createRequire(file), cjs, file, dirname(file));
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
