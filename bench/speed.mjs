#!/usr/bin/env node
// The speed a developer feels, in one run (run `npm run build` first): a whole `dockreview lint` process over the
// corpus Dockerfiles with the default rules, against dockerfile-utils' in-process `validate` of the same files; the
// same with the `shellcheck` rule off; and one `dockreview lint` process on one small Dockerfile against a bare
// `node -e 0`. Ratios are taken within the one run (the machine's load moves every figure). A script that prints
// figures, never a timed test; it runs heavy processes, so run one benchmark at a time.
// Last, the app under load (bench/app-load.mjs --reviews 40 --concurrency 10, in a process of its own, after the
// rest): its latency, API calls, writes per installation and peak RSS, so that one run prints every figure of the
// speed issue. SKIP_APP=1 leaves it out.
//   node bench/speed.mjs            ROUNDS=3 for the small-file and bare-node medians (default 5)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = process.env.DOCKREVIEW_CORPUS ?? join(root, '..', 'shared', 'corpus');
const bin = join(root, 'bin', 'dockreview.js');
if (!existsSync(join(root, 'dist', 'cli.js'))) {
  console.error('bench: build first (npm run build)');
  process.exit(2);
}
const rounds = Number(process.env.ROUNDS ?? 5);
const dockerfiles = readdirSync(join(corpus, 'dockerfiles'))
  .sort()
  .map((name) => join(corpus, 'dockerfiles', name));
const small = join(root, 'fixtures', 'cli', 'small', 'Dockerfile');
const shellcheck = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });

/** Wall time of one process, in ms; exit 1 (findings) is a normal end. */
function timed(args) {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return ms;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// dockerfile-utils' validate of every corpus Dockerfile, in a process of its own (the module loaded and warmed
// once first, as a long-lived editor server would have it): the in-process time of the validations only
const validateMs = Number(
  execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { readFileSync } from 'node:fs';
       import { createRequire } from 'node:module';
       const dfu = createRequire(${JSON.stringify(join(root, 'package.json'))})('dockerfile-utils');
       const texts = ${JSON.stringify(dockerfiles)}.map((p) => readFileSync(p, 'utf8'));
       dfu.validate('FROM scratch\\n');
       const t = performance.now();
       for (const text of texts) dfu.validate(text);
       process.stdout.write(String(performance.now() - t));`,
    ],
    { encoding: 'utf8' },
  ),
);

const lintArgs = [bin, 'lint', '--format', 'json', '--fail-on', 'never', ...dockerfiles];
const withShellcheck = timed(lintArgs);
const withoutShellcheck = timed([...lintArgs, '--rule', 'shellcheck=off']);

const smallRuns = [];
const bareRuns = [];
for (let i = 0; i < rounds; i++) {
  bareRuns.push(timed(['-e', '0']));
  smallRuns.push(timed([bin, 'lint', '--fail-on', 'never', small]));
}

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const ratio = (a, b) => `${(a / b).toFixed(1)}×`;
console.log(
  `corpus: ${dockerfiles.length} Dockerfiles; ShellCheck ${shellcheck.status === 0 ? shellcheck.stdout.match(/version: (\S+)/)?.[1] : 'not installed'}`,
);
console.log(`dockerfile-utils validate, in-process:          ${s(validateMs)}`);
console.log(
  `dockreview lint, one process, default rules:    ${s(withShellcheck)}  = ${ratio(withShellcheck, validateMs)} validate (bar ≤ 8×)`,
);
console.log(
  `dockreview lint, one process, shellcheck off:   ${s(withoutShellcheck)}  = ${ratio(withoutShellcheck, validateMs)} validate (bar ≤ 4×)`,
);
console.log(
  `one small Dockerfile: dockreview lint median ${median(smallRuns).toFixed(0)} ms, node -e 0 median ${median(bareRuns).toFixed(0)} ms = ${ratio(median(smallRuns), median(bareRuns))} (bar ≤ 2.5×; ${rounds} rounds each)`,
);

if (process.env.SKIP_APP !== '1') {
  const app = spawnSync(
    process.execPath,
    [join(root, 'bench', 'app-load.mjs'), '--reviews', '40', '--concurrency', '10'],
    { encoding: 'utf8' },
  );
  if (app.status !== 0) throw new Error(`bench/app-load.mjs: exit ${app.status}\n${app.stderr}`);
  const lines = app.stdout.split('\n').filter((l) => /^(webhook|API calls|writes|app peak)/.test(l));
  console.log(`the app, 40 reviews 10 at a time (bench/app-load.mjs; bars: p95 ≤ 1200 ms, RSS ≤ 200 MB):`);
  for (const line of lines) console.log(`  ${line}`);
}
