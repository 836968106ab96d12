/**
 * Runs once before the suite: builds `dist/` (tsc) and the bundles (scripts/bundle.mjs) when missing or older than
 * the sources, for the tests that run the real binaries (`bin/dockreview.js` runs bundle/cli.cjs, `npm start` runs
 * dist/bundle/server.js, `node dist/server.js`). Once, so parallel test files never race on it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export default function setup(): void {
  // the app and the server entry: a dist/ built before the server existed lacks the second
  const markers = ['dist/app.js', 'dist/server.js', 'dist/bundle/server.js', 'bundle/cli.cjs'].map((p) =>
    join(ROOT, p),
  );
  const sources = Math.max(newestMtime(join(ROOT, 'src')), statSync(join(ROOT, 'package.json')).mtimeMs);
  if (markers.every((m) => existsSync(m) && statSync(m).mtimeMs >= sources)) return;
  const tsc = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  const bundle = spawnSync(process.execPath, [join(ROOT, 'scripts/bundle.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  // tsc emits even with type errors elsewhere; those are the typecheck's business, not the tests'
  if (!markers.every((m) => existsSync(m)) || bundle.status !== 0)
    throw new Error(`building dist/ failed:\n${tsc.stdout}${tsc.stderr}${bundle.stdout}${bundle.stderr}`);
}
