#!/usr/bin/env node
// Bundles dockreview's entry points with esbuild into single ESM files that need no node_modules at run time:
//
//   bundle/cli.cjs              the `dockreview` command (bin/dockreview.js runs it; what the npm package ships)
//   bundle/action.js            the GitHub Action (action.yml runs it)
//   bundle/pool-worker.js       the Action's lint worker thread
//   dist/bundle/server.js       the GitHub App server (the Docker image runs it), and its own pool-worker.js
//
// bundle/ is COMMITTED: an action runs from its checkout, and `npm install -g <git url>` installs the checkout,
// neither with an install or build step (npm 12 no longer runs a git dependency's `prepare`). dist/bundle/ is
// built (`npm run build`, and the Docker image's build stage).
//
// Each folder also gets the two WebAssembly files the shell parser loads (web-tree-sitter's runtime and the bash
// grammar). The bundles read the package's other files (schema/, docs/rules/, package.json) where the tsc build
// would: see `sourcePaths` below.
//
//   node scripts/bundle.mjs            writes bundle/ and dist/bundle/ (`npm run bundle`; `npm run build` too)
//   node scripts/bundle.mjs --check    fails when the committed bundle/ differs from a fresh bundle (or, with a
//                                      folder after it, when that folder does)
//
// The output is deterministic (no timestamps, no absolute paths, symbolic links not resolved), so the check can
// compare bytes: node_modules is a symbolic link in some checkouts, and its real path would otherwise show up in
// the comments esbuild writes before each bundled module.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** The WebAssembly files the shell parser loads, copied beside every bundle. */
const WASM = {
  // web-tree-sitter finds its runtime beside its own module (`new URL('tree-sitter.wasm', import.meta.url)`),
  // which in a bundle is the bundle
  'tree-sitter.wasm': require.resolve('web-tree-sitter/tree-sitter.wasm'),
  // src/lint/shell/parser.ts resolves the grammar from node_modules; the bundle reads it beside itself instead
  'tree-sitter-bash.wasm': require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'),
};

/**
 * What each target bundles, and in which module format. The CLI is CommonJS: Node 20 has no compile cache for ES
 * modules (`module.enableCompileCache` is Node 22), and a CommonJS script can keep V8's compiled code between runs
 * through `vm.Script`'s `cachedData`, which bin/dockreview.js does; compiling the bundle is most of a small lint's
 * start-up. The rest stays ESM (the Action and the server start once per job or process).
 */
const TARGETS = {
  committed: {
    outdir: 'bundle',
    builds: [
      { format: 'cjs', entryPoints: { cli: 'src/cli.ts' } },
      {
        format: 'esm',
        entryPoints: { action: 'src/action/main.ts', 'pool-worker': 'src/lint/pool-worker.ts' },
      },
    ],
  },
  server: {
    outdir: 'dist/bundle',
    builds: [
      { format: 'esm', entryPoints: { server: 'src/server.ts', 'pool-worker': 'src/lint/pool-worker.ts' } },
    ],
  },
};

/** Lines before each bundle: what the bundled CommonJS packages (ESM) or ES modules (CommonJS) expect to find. */
const BANNERS = {
  // CommonJS packages in an ES module: `require` of Node's own modules, and `__dirname`/`__filename`, are the
  // bundle's
  esm: [
    "import { createRequire as __dockreviewRequire } from 'node:module';",
    "import { fileURLToPath as __dockreviewPath } from 'node:url';",
    'const require = __dockreviewRequire(import.meta.url);',
    'const __filename = __dockreviewPath(import.meta.url);',
    "const __dirname = __dockreviewPath(new URL('.', import.meta.url));",
  ].join('\n'),
  // ES modules in a CommonJS script: `import.meta.url` (defined below to this variable) is the bundle's own URL
  cjs: "var __dockreviewImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
};

/**
 * In the CommonJS bundle, web-tree-sitter's own CommonJS build: its ES build loads Node's `module` with a dynamic
 * `import()`, which a script run from cached code (`vm.Script`) cannot make.
 */
const commonJsTreeSitter = {
  name: 'dockreview-cjs-tree-sitter',
  setup(b) {
    b.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: require.resolve('web-tree-sitter') }));
  },
};

/**
 * The source rewrites that make a bundle behave as the tsc build does. Each names how many times it must match in
 * its file: a rewrite that silently stopped matching would ship a bundle that fails only at run time.
 *
 * - `import.meta.url` becomes the URL the module has in the tsc build (`dist/config/validate.js`), so the paths the
 *   sources build from it (`../../schema/…`, `../../docs/rules/…`, `../package.json`) find the package's files.
 *   Except in the lint pool: it looks for its worker beside itself, and the worker is bundled beside the bundle.
 * - `createRequire(import.meta.url)` goes: the sources load two CommonJS packages (ajv, node-sarif-builder) lazily
 *   through it, and with the global `require` esbuild bundles them (still loaded on first use only).
 * - The bash grammar is read beside the bundle instead of from node_modules.
 */
const REWRITES = {
  'src/config/validate.ts': [
    ["import { createRequire } from 'node:module';\n", '', 1],
    ['const require = createRequire(import.meta.url);\n', '', 1],
  ],
  'src/report/sarif.ts': [
    ["import { createRequire } from 'node:module';\n", '', 1],
    ['const require = createRequire(import.meta.url);\n', '', 1],
  ],
  'src/lint/shell/parser.ts': [
    ["import { createRequire } from 'node:module';\n", "import { fileURLToPath } from 'node:url';\n", 1],
    ['const require = createRequire(import.meta.url);\n', '', 1],
    [
      "require.resolve('tree-sitter-bash/tree-sitter-bash.wasm')",
      "fileURLToPath(new URL('./tree-sitter-bash.wasm', import.meta.url))",
      1,
    ],
  ],
};
/** Modules whose `import.meta.url` stays the bundle's own (see above). */
const OWN_URL = new Set(['src/lint/pool.ts', 'src/lint/shell/parser.ts']);

function sourcePaths(outdir) {
  return {
    name: 'dockreview-source-paths',
    setup(b) {
      b.onLoad({ filter: /[/\\]src[/\\].*\.ts$/ }, (args) => {
        const file = relative(ROOT, args.path).split(sep).join('/');
        let text = readFileSync(args.path, 'utf8');
        for (const [from, to, count] of REWRITES[file] ?? []) {
          const found = text.split(from).length - 1;
          if (found !== count)
            throw new Error(`${file}: expected ${count} of ${JSON.stringify(from)}, found ${found}`);
          text = text.split(from).join(to);
        }
        if (!OWN_URL.has(file) && text.includes('import.meta.url')) {
          const built = `dist/${file.slice('src/'.length).replace(/\.ts$/, '.js')}`;
          const rel = relative(join(ROOT, outdir), join(ROOT, built)).split(sep).join('/');
          text = text.split('import.meta.url').join(`new URL(${JSON.stringify(rel)}, import.meta.url).href`);
        }
        if (/createRequire\(|require\.resolve\(/.test(text))
          throw new Error(
            `${file}: resolves a module at run time, which a bundle without node_modules cannot`,
          );
        return { contents: text, loader: 'ts' };
      });
    },
  };
}

async function bundle(name, write) {
  const { outdir, builds } = TARGETS[name];
  const outputs = [];
  for (const { format, entryPoints } of builds) {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints,
      outdir,
      outExtension: format === 'cjs' ? { '.js': '.cjs' } : {},
      bundle: true,
      platform: 'node',
      target: 'node20',
      format,
      // not minified: the committed bundles stay reviewable (and minifying saves no start-up time: V8's parse cost
      // follows the tokens, not the bytes); non-ASCII escaped, which Node reads faster
      charset: 'ascii',
      preserveSymlinks: true,
      legalComments: 'eof',
      logLevel: 'warning',
      write,
      banner: { js: BANNERS[format] },
      define: format === 'cjs' ? { 'import.meta.url': '__dockreviewImportMetaUrl' } : {},
      plugins: [sourcePaths(outdir), ...(format === 'cjs' ? [commonJsTreeSitter] : [])],
    });
    outputs.push(...(result.outputFiles ?? []));
  }
  const files = new Map(outputs.map((f) => [relative(ROOT, f.path).split(sep).join('/'), f.contents]));
  for (const [file, from] of Object.entries(WASM)) {
    const to = `${outdir}/${file}`;
    if (write) {
      mkdirSync(join(ROOT, outdir), { recursive: true });
      copyFileSync(from, join(ROOT, to));
    } else files.set(to, readFileSync(from));
  }
  return files;
}

/** The files of `dir` (default: the committed bundle/) that differ from a fresh bundle, or are missing. */
export async function staleFiles(dir = join(ROOT, TARGETS.committed.outdir)) {
  const fresh = await bundle('committed', false);
  const stale = [];
  for (const [file, bytes] of fresh) {
    let committed;
    try {
      committed = readFileSync(join(dir, relative(TARGETS.committed.outdir, file)));
    } catch {
      committed = null;
    }
    if (!committed || !committed.equals(Buffer.from(bytes))) stale.push(file);
  }
  return stale;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const check = args.indexOf('--check');
  if (check >= 0) {
    const dir = args[check + 1];
    const stale = await staleFiles(dir === undefined ? undefined : resolve(dir));
    if (stale.length > 0) {
      console.error(
        `bundle: bundle/ is stale (${stale.join(', ')}): run \`npm run bundle\` and commit bundle/`,
      );
      process.exit(1);
    }
    console.log('bundle: bundle/ matches the sources');
  } else {
    await bundle('committed', true);
    await bundle('server', true);
  }
}
