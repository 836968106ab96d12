#!/usr/bin/env node
// dockreview side by side with its peers, in one run (run `npm run build` first):
// - Dockerfiles, in-process, per file: dockreview's whole core with every rule on (ShellCheck aside: it is an
//   external process) next to dockerfile-utils' `validate` and dockerfilelint's `run` on the same text,
//   interleaved round by round; medians, p99, ratios, and the files each tool crashes on;
// - Compose, as whole processes: `dockreview lint --format json` (default rules, and every rule on) over the
//   corpus Compose files next to `dclint` over the same files; median wall time, ratios, how each process ended;
// - where the tools disagree, by comparable category, over the corpus and per file on a fixed sample.
// A script that prints figures, never a timed test. Options: --cap-seconds N (whole run, default 600; the least
// work — 3 rounds, one run of each process, the disagreement pass — may overrun a very small cap),
// --rounds N (default 9), --runs N (process runs, default 5), --sample-dockerfiles N (15), --sample-compose N
// (10), --rows N (table rows per file, 12). DOCKREVIEW_CORPUS overrides the corpus folder.
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { DockerfileParser } from 'dockerfile-ast';
import { LineCounter, parseDocument, isMap, isScalar } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { values: opts } = parseArgs({
  options: {
    'cap-seconds': { type: 'string', default: '600' },
    rounds: { type: 'string', default: '9' },
    runs: { type: 'string', default: '5' },
    'sample-dockerfiles': { type: 'string', default: '15' },
    'sample-compose': { type: 'string', default: '10' },
    rows: { type: 'string', default: '12' },
  },
});
const num = (name) => {
  const n = Number(opts[name]);
  if (!Number.isFinite(n) || n < 1) {
    console.error(`bench/peers: --${name} must be a positive number`);
    process.exit(2);
  }
  return n;
};
const capMs = num('cap-seconds') * 1000;
const rounds = Math.floor(num('rounds'));
const runs = Math.floor(num('runs'));
const rowsPerFile = Math.floor(num('rows'));
const started = performance.now();
const left = () => capMs - (performance.now() - started);
const capped = [];
// a child process gets what is left of the cap (at least 5 s, at most 3 min)
const procTimeout = () => Math.round(Math.max(5_000, Math.min(180_000, left())));

const corpus = process.env.DOCKREVIEW_CORPUS ?? join(root, '..', 'shared', 'corpus');
const dist = join(root, 'dist');
if (!existsSync(join(dist, 'lint', 'engine.js'))) {
  console.error('bench/peers: build first (npm run build)');
  process.exit(2);
}
const { initLint, lintSource, relatedPaths } = await import(join(dist, 'lint', 'engine.js'));
const { ALL_RULES } = await import(join(dist, 'lint', 'rules', 'index.js'));
const dfu = require('dockerfile-utils');
const dfl = require('dockerfilelint');
const pkgDir = (name) => dirname(require.resolve(`${name}/package.json`));
const version = (name) => JSON.parse(readFileSync(join(pkgDir(name), 'package.json'), 'utf8')).version;
const DCLINT_BIN = join(pkgDir('dclint'), 'bin', 'dclint.cjs');
const DFL_BIN = join(pkgDir('dockerfilelint'), 'bin', 'dockerfilelint');
const DOCKREVIEW_BIN = join(root, 'bin', 'dockreview.js');

const read = (dir) =>
  existsSync(dir)
    ? readdirSync(dir)
        .sort()
        .map((name) => ({ name, path: join(dir, name), text: readFileSync(join(dir, name), 'utf8') }))
    : [];
const dockerfiles = read(join(corpus, 'dockerfiles'));
const composeFiles = read(join(corpus, 'compose'));
if (dockerfiles.length === 0) {
  console.error(`bench/peers: no Dockerfiles under ${corpus}/dockerfiles`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------------------------
// every rule on: off-by-default rules at the severity they take when configured, with options that make them
// judge something (an allow-list of registries, a label schema in strict mode); ShellCheck off (external process)
const RULE_OPTIONS = {
  'trusted-registries': { registries: ['docker.io', 'ghcr.io', 'mcr.microsoft.com', 'quay.io', 'gcr.io'] },
  'label-schema': {
    schema: {
      'org.opencontainers.image.source': 'url',
      'org.opencontainers.image.version': 'semver',
      'org.opencontainers.image.licenses': 'spdx',
      'org.opencontainers.image.created': 'rfc3339',
      'org.opencontainers.image.revision': 'hash',
      maintainer: 'email',
    },
    strict: true,
  },
};
const allRules = {};
for (const rule of ALL_RULES) {
  const severity =
    rule.id === 'shellcheck'
      ? 'off'
      : rule.severity === 'off'
        ? (rule.whenConfigured ?? 'info')
        : rule.severity;
  allRules[rule.id] = RULE_OPTIONS[rule.id] ? { severity, options: RULE_OPTIONS[rule.id] } : { severity };
}
const ALL_ON = { rules: allRules };
const countOn = (kind) =>
  ALL_RULES.filter((r) => r.kind === kind && allRules[r.id].severity !== 'off').length;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? NaN
    : s.length % 2
      ? s[(s.length - 1) / 2]
      : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const ms = (x) => `${x.toFixed(3)} ms`;
const ratio = (slow, fast) => `${(slow / fast).toFixed(2)}×`;
const short = (s, n) => {
  const one = String(s).replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

await initLint();
console.log(
  `bench/peers — node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} at start`,
);
console.log(
  `peers: dockerfile-utils ${version('dockerfile-utils')}, dockerfilelint ${version('dockerfilelint')}, dclint ${version('dclint')}`,
);
console.log(`corpus: ${dockerfiles.length} Dockerfiles, ${composeFiles.length} Compose files (${corpus})`);
console.log(
  `dockreview config: every rule on — ${countOn('dockerfile')} Dockerfile and ${countOn('compose')} Compose rules, ` +
    `off-by-default ones included (trusted-registries and label-schema with options) — except shellcheck, ` +
    `an external process, off in every dockreview figure below`,
);
console.log(`cap: ${(capMs / 1000).toFixed(0)} s for the whole run`);

// ---------------------------------------------------------------------------------------------------------------
// 1. Dockerfiles in-process, per file
const emptyDir = mkdtempSync(join(tmpdir(), 'dockreview-peers-'));
const inputs = dockerfiles.map((f) => ({
  path: f.path,
  text: f.text,
  // the corpus folder has no .dockerignore: say so, as the CLI would, so the rules that read it run too
  related: new Map(relatedPaths(f.path, 'dockerfile').map((p) => [p, null])),
}));
// a tool that throws on a file is not timed on it again; dockreview turns a rule's exception into a finding
const crashes = [new Map(), new Map(), new Map()];
const INTERNAL = /^internal error while checking/;
const tools = [
  {
    name: 'dockreview',
    run: (i) => {
      const bad = lintSource(inputs[i], ALL_ON, 'dockerfile').findings.find((f) => INTERNAL.test(f.message));
      if (bad) crashes[0].set(i, new Error(`${bad.rule}: ${bad.message}`));
    },
  },
  { name: 'dockerfile-utils', run: (i) => dfu.validate(inputs[i].text) },
  // no .dockerfilelintrc in an empty folder: its default rules, like the CLI without a config
  { name: 'dockerfilelint', run: (i) => dfl.run(emptyDir, inputs[i].text) },
];
const attempt = (ti, i) => {
  if (crashes[ti].has(i) && ti !== 0) return false;
  try {
    tools[ti].run(i);
  } catch (err) {
    crashes[ti].set(i, err);
    return false;
  }
  return true;
};
for (let w = 0; w < 3; w++)
  for (let ti = 0; ti < tools.length; ti++) for (let i = 0; i < inputs.length; i++) attempt(ti, i);
const samples = tools.map(() => inputs.map(() => []));
let roundsDone = 0;
for (let r = 0; r < rounds; r++) {
  if (r >= 3 && left() < capMs * 0.6) {
    capped.push(`Dockerfile rounds: ${r} of ${rounds}`);
    break;
  }
  for (let i = 0; i < inputs.length; i++)
    // rotate which tool goes first, so none always runs on the caches another just warmed
    for (let k = 0; k < tools.length; k++) {
      const ti = (k + r + i) % tools.length;
      const t0 = performance.now();
      if (attempt(ti, i)) samples[ti][i].push(performance.now() - t0);
    }
  roundsDone++;
}
const perFile = samples.map((s) => s.map((xs) => (xs.length > 0 ? median(xs) : null)));
// each comparison over the files both tools went through
const timedBoth = (a, b) =>
  inputs.map((_, i) => i).filter((i) => perFile[a][i] !== null && perFile[b][i] !== null);
const pick = (t, files) => files.map((i) => perFile[t][i]);

console.log(
  `\n== Dockerfiles, in-process, per file (${inputs.length} files, ${roundsDone} rounds after 3 warm-up passes; per-file median over rounds)`,
);
const line = (label, xs) =>
  console.log(
    `${label.padEnd(38)} median ${ms(median(xs)).padStart(10)}   p99 ${ms(pct(xs, 99)).padStart(10)}   max ${ms(Math.max(...xs)).padStart(10)}   corpus total ${ms(sum(xs)).padStart(11)}`,
  );
{
  const both = timedBoth(0, 1);
  const [dr, du] = [pick(0, both), pick(1, both)];
  line(`dockreview (every rule, no ShellCheck)`, dr);
  line(`dockerfile-utils validate`, du);
  const faster = dr.filter((x, k) => x < du[k]).length;
  console.log(
    `dockreview / dockerfile-utils over ${both.length} files: median ${ratio(median(dr), median(du))}, p99 ${ratio(pct(dr, 99), pct(du, 99))}, ` +
      `corpus total ${ratio(sum(dr), sum(du))} (below 1× = dockreview faster); dockreview is faster on ${faster} of ${both.length} files`,
  );
}
{
  const both = timedBoth(0, 2);
  const [dr, dl] = [pick(0, both), pick(2, both)];
  line(`dockerfilelint run (${both.length} files)`, dl);
  line(`dockreview on the same ${both.length} files`, dr);
  console.log(
    `dockreview / dockerfilelint over ${both.length} files: median ${ratio(median(dr), median(dl))}, corpus total ${ratio(sum(dr), sum(dl))}` +
      ` — dockerfilelint measured in-process with its exported run(): the same harness as the others, each crash caught` +
      ` per file (its CLI aborts the whole run at the first one: below)`,
  );
}
for (const [ti, t] of tools.entries()) {
  console.log(
    `${t.name} crashes: ${crashes[ti].size} of ${inputs.length} files${crashes[ti].size ? ':' : ''}`,
  );
  for (const [i, err] of crashes[ti])
    console.log(
      `  ${dockerfiles[i].name}: ${short(err?.message ? `${err.name}: ${err.message}` : err, 100)}`,
    );
}
const dflOk = inputs.map((_, i) => i).filter((i) => !crashes[2].has(i));

// ---------------------------------------------------------------------------------------------------------------
// whole processes: the report goes to a file (stdout too, through a file descriptor), never a pipe, so nothing
// is cut at the pipe's 64 KiB when a CLI calls process.exit() right after writing
const work = mkdtempSync(join(tmpdir(), 'dockreview-peers-run-'));
const configPath = join(work, 'dockreview.yml');
// JSON is YAML: the CLI reads the same every-rule config
writeFileSync(configPath, JSON.stringify({ rules: allRules }, null, 1));
const childEnv = { ...process.env, NO_COLOR: '1' };
delete childEnv.FORCE_COLOR;
function runProcess(args, reportPath) {
  const outPath = join(work, 'stdout');
  const errPath = join(work, 'stderr');
  const out = openSync(outPath, 'w');
  const err = openSync(errPath, 'w');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, {
    cwd: work,
    env: childEnv,
    stdio: ['ignore', out, err],
    timeout: procTimeout(),
  });
  const wall = performance.now() - t0;
  closeSync(out);
  closeSync(err);
  const stdout = readFileSync(outPath, 'utf8');
  const stderr = readFileSync(errPath, 'utf8');
  const reportText = reportPath ? (existsSync(reportPath) ? readFileSync(reportPath, 'utf8') : '') : stdout;
  let report = null;
  try {
    report = JSON.parse(reportText);
  } catch {
    /* no report, or a cut one: judged below */
  }
  if (reportPath) rmSync(reportPath, { force: true });
  return {
    wall,
    status: r.status,
    signal: r.signal,
    error: r.error,
    stderr,
    report,
    bytes: reportText.length,
  };
}
const ending = (p, okStatuses) => {
  if (p.error?.code === 'ETIMEDOUT') return `STOPPED after ${(p.wall / 1000).toFixed(0)} s (time cap)`;
  if (p.error) return `CRASHED (${p.error.code ?? p.error.message})`;
  if (p.signal) return `CRASHED (killed by ${p.signal})`;
  if (!okStatuses.includes(p.status))
    return `CRASHED (exit ${p.status}: ${short(p.stderr.split('\n').find((l) => /Error/.test(l)) ?? p.stderr, 90)})`;
  if (p.report === null) return `exit ${p.status}, but no valid JSON report (${p.bytes} bytes)`;
  return `exit ${p.status} (${p.status === 0 ? 'clean' : 'findings'}), valid JSON report, ${p.bytes} bytes`;
};

// dockerfilelint's CLI over the whole corpus, once: it stops at the first crash
{
  const p = runProcess([DFL_BIN, '-j', ...dockerfiles.map((f) => f.path)]);
  const ok = dflOk.map((i) => dockerfiles[i].path);
  const q = runProcess([DFL_BIN, '-j', ...ok]);
  const d = runProcess([DOCKREVIEW_BIN, 'lint', '--format', 'json', '-c', configPath, ...ok]);
  // its exit code is its number of issues, so only the report tells a crash from findings
  const how = (x) =>
    x.report !== null
      ? `valid JSON report, ${x.bytes} bytes`
      : `ABORTED — exit ${x.status}, ${x.bytes} bytes of report, stderr: ${short(x.stderr.split('\n').find((l) => /Error/.test(l)) ?? x.stderr, 80)}`;
  console.log(
    `dockerfilelint CLI over all ${dockerfiles.length} files, one process: ${p.wall.toFixed(0)} ms, ${how(p)}`,
  );
  console.log(
    `one process over the ${ok.length} files it survives: dockerfilelint ${q.wall.toFixed(0)} ms (${how(q)}), ` +
      `dockreview lint (every rule, -c) ${d.wall.toFixed(0)} ms (${ending(d, [0, 1])}) — one run each, start-up included`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Compose, whole processes
let dclintReport = null;
if (composeFiles.length > 0) {
  const files = composeFiles.map((f) => f.path);
  const variants = [
    {
      name: 'dockreview lint --format json',
      args: (o) => [DOCKREVIEW_BIN, 'lint', '--format', 'json', '-o', o, ...files],
      ok: [0, 1],
    },
    {
      name: 'dockreview lint --format json -c <every rule>',
      args: (o) => [DOCKREVIEW_BIN, 'lint', '--format', 'json', '-c', configPath, '-o', o, ...files],
      ok: [0, 1],
    },
    {
      name: 'dclint -f json -o <file>',
      args: (o) => [DCLINT_BIN, '-f', 'json', '-o', o, ...files],
      ok: [0, 1],
    },
  ];
  const results = variants.map(() => []);
  let runsDone = 0;
  for (let r = 0; r < runs; r++) {
    // dclint takes seconds: leave room for the disagreement pass
    if (r >= 1 && left() < capMs * 0.2) {
      capped.push(`Compose process runs: ${r} of ${runs}`);
      break;
    }
    for (let k = 0; k < variants.length; k++) {
      const v = (k + r) % variants.length;
      const reportPath = join(work, `report-${v}.json`);
      const p = runProcess(variants[v].args(reportPath), reportPath);
      results[v].push(p);
      if (v === 2 && p.report) dclintReport = p.report;
    }
    runsDone++;
  }
  console.log(
    `\n== Compose, whole processes over ${files.length} files (files as arguments, cwd an empty folder, ${runsDone} runs each, interleaved)`,
  );
  // a run stopped by the cap has no wall time to speak of
  const walls = results.map((rs) => rs.filter((p) => p.error?.code !== 'ETIMEDOUT').map((p) => p.wall));
  for (let v = 0; v < variants.length; v++) {
    const endings = [...new Set(results[v].map((p) => ending(p, variants[v].ok)))];
    const w = walls[v];
    console.log(
      `${variants[v].name.padEnd(44)} ` +
        (w.length === 0
          ? 'no complete run'
          : `median ${median(w).toFixed(0).padStart(6)} ms   min ${Math.min(...w)
              .toFixed(0)
              .padStart(6)} ms   runs: ${w.map((x) => x.toFixed(0)).join(', ')}`),
    );
    console.log(`${''.padEnd(44)} ${endings.join(' | ')}`);
  }
  if (walls.every((w) => w.length > 0))
    console.log(
      `dclint / dockreview (medians): ${ratio(median(walls[2]), median(walls[0]))} with dockreview's default rules, ` +
        `${ratio(median(walls[2]), median(walls[1]))} with every rule on (above 1× = dockreview faster)`,
    );
  if (dclintReport) {
    const crashed = dclintReport
      .filter((f) => f.messages.some((m) => m.rule === 'unknown-error'))
      .map(
        (f) =>
          `${f.filePath.split('/').pop()}: ${short(f.messages.find((m) => m.rule === 'unknown-error').message, 80)}`,
      );
    console.log(`dclint files it gave up on (rule "unknown-error", a caught exception): ${crashed.length}`);
    for (const c of crashed) console.log(`  ${c}`);
  }
  // the truncation this harness avoids, shown once: the same dclint report read through a pipe
  if (left() > capMs * 0.15) {
    const t0 = performance.now();
    const piped = spawnSync(process.execPath, [DCLINT_BIN, '-f', 'json', ...files], {
      cwd: work,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 1 << 30,
      timeout: procTimeout(),
    });
    let valid = true;
    try {
      JSON.parse(piped.stdout.toString('utf8'));
    } catch {
      valid = false;
    }
    console.log(
      `dclint with its JSON on a pipe instead (${(performance.now() - t0).toFixed(0)} ms): ${piped.stdout.length} bytes read, ${valid ? 'valid JSON' : 'NOT valid JSON (cut)'}, ` +
        `vs ${results[2].at(-1)?.bytes ?? '?'} bytes with -o; it exits right after console.log, before a pipe drains`,
    );
  } else capped.push('dclint pipe demonstration skipped');
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Where the tools disagree. Each finding gets a category — a dockreview rule id (or a group of them) — and a
// place: the instruction's first line in a Dockerfile, the service (or "top level") in a Compose file, since the
// tools report different lines inside one instruction or service. A tool is only asked about categories it checks.
const GROUP = {
  'single-cmd': 'single-instruction',
  'single-entrypoint': 'single-instruction',
  'single-healthcheck': 'single-instruction',
};
const groupOf = (rule) => GROUP[rule] ?? rule;
const DFU_MAP = {
  CASING_INSTRUCTION: 'instruction-casing',
  DUPLICATE_BUILD_STAGE_NAME: 'unique-stage-names',
  EMPTY_CONTINUATION_LINE: 'no-empty-continuation',
  NO_SOURCE_IMAGE: 'from-first',
  INVALID_PORT: 'expose-valid-port',
  INVALID_PROTO: 'expose-valid-port',
  INVALID_DESTINATION: 'copy-dest-slash',
  INVALID_SIGNAL: 'valid-stopsignal',
  ONBUILD_CHAINING_DISALLOWED: 'onbuild-restrictions',
  ONBUILD_TRIGGER_DISALLOWED: 'onbuild-restrictions',
  SHELL_JSON_FORM: 'shell-json-form',
  MULTIPLE_INSTRUCTIONS: 'single-instruction',
  DEPRECATED_MAINTAINER: 'no-maintainer',
  JSON_IN_SINGLE_QUOTES: 'json-single-quotes',
  WORKDIR_IS_NOT_ABSOLUTE: 'absolute-workdir',
  BASE_NAME_EMPTY: 'invalid-default-arg-in-from',
  INVALID_REFERENCE_FORMAT: 'invalid-default-arg-in-from',
};
// the rest of dockerfile-utils' codes are syntax errors: dockreview's valid-syntax
const dfuCategory = (code) => {
  const name = dfu.ValidationCode[code] ?? String(code);
  return { code: name, category: DFU_MAP[name] ?? (name === 'CASING_DIRECTIVE' ? null : 'valid-syntax') };
};
const DFL_MAP = {
  required_params: 'valid-syntax',
  invalid_line: 'valid-syntax',
  invalid_command: 'valid-syntax',
  extra_args: 'valid-syntax',
  missing_args: 'valid-syntax',
  invalid_format: 'valid-syntax',
  label_invalid: 'valid-syntax',
  healthcheck_options_missing_args: 'valid-syntax',
  uppercase_commands: 'instruction-casing',
  from_first: 'from-first',
  sudo_usage: 'no-sudo',
  'apt-get_missing_param': 'apt-assume-yes',
  'apt-get_recommends': 'apt-no-install-recommends',
  'apt-get-upgrade': 'no-dist-upgrade',
  'apt-get-dist-upgrade': 'no-dist-upgrade',
  'apt-get-update_require_install': 'apt-update-with-install',
  'apt-get_missing_rm': 'apt-clean-lists',
  'apkadd-missing_nocache_or_updaterm': 'apk-no-cache',
  invalid_port: 'expose-valid-port',
  expose_host_port: 'expose-format',
  missing_tag: 'pin-base-image',
  latest_tag: 'no-latest-tag',
  add_dest_invalid: 'copy-dest-slash',
  'deprecated_in_1.13': 'no-maintainer',
};
// dclint's rule names (one type file per rule in its package) are dockreview aliases; its parse and schema
// failures are dockreview's compose-schema
const DCLINT_RULES = new Set(
  readdirSync(join(pkgDir('dclint'), 'dist', 'types', 'src', 'rules'))
    .filter((f) => f.endsWith('-rule.d.ts'))
    .map((f) => f.slice(0, -'-rule.d.ts'.length)),
);
const DCLINT_MAP = { 'invalid-yaml': 'compose-schema', 'invalid-schema': 'compose-schema' };
for (const rule of ALL_RULES)
  if (rule.kind === 'compose')
    for (const a of rule.aliases) if (DCLINT_RULES.has(a)) DCLINT_MAP[a] ??= rule.id;
const covers = (map) => new Set(Object.values(map).map(groupOf));
const COVERS = {
  'dockerfile-utils': covers(DFU_MAP).add('valid-syntax'),
  dockerfilelint: covers(DFL_MAP),
  dclint: covers(DCLINT_MAP),
};

/** Line (1-based) → first line of the instruction holding it. */
function instructionLines(text) {
  const map = new Map();
  for (const ins of DockerfileParser.parse(text).getInstructions()) {
    const { start, end } = ins.getRange();
    for (let l = start.line; l <= end.line; l++) map.set(l + 1, start.line + 1);
  }
  return (l) => map.get(l) ?? l;
}

/** Line (1-based) → `services.<name>` holding it, or "top level". */
function composeRegions(text) {
  const spans = [];
  try {
    const lc = new LineCounter();
    const doc = parseDocument(text, {
      lineCounter: lc,
      merge: true,
      logLevel: 'silent',
      maxAliasCount: 10_000,
    });
    const services = isMap(doc.contents)
      ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'services')
      : null;
    if (services && isMap(services.value))
      for (const p of services.value.items) {
        const from = p.key?.range?.[0];
        const to = p.value?.range?.[1] ?? p.key?.range?.[1];
        if (from !== undefined && to !== undefined)
          spans.push({
            name: `services.${p.key.value}`,
            from: lc.linePos(from).line,
            to: lc.linePos(Math.max(from, to - 1)).line,
          });
      }
  } catch {
    /* not YAML: every place is the top level */
  }
  return (l) => spans.find((s) => l >= s.from && l <= s.to)?.name ?? 'top level';
}

/** Findings by `category@place`, each with the lines and codes each tool gave. */
function collect(entries, placeOf) {
  const by = new Map();
  for (const e of entries) {
    const place = placeOf(e.line);
    const key = `${e.category}@${place}`;
    const slot = by.get(key) ?? {
      category: e.category,
      place,
      lines: new Set(),
      codes: new Set(),
      message: e.message,
      n: 0,
    };
    slot.lines.add(e.line);
    slot.codes.add(e.code);
    slot.n++;
    by.set(key, slot);
  }
  return by;
}

/** One row per category@place in one file: what dockreview and each peer say (peer-only uncomparable codes too). */
function compare(dr, peers) {
  const keys = new Set([...dr.keys(), ...peers.flatMap((p) => (p.found ? [...p.found.keys()] : []))]);
  const rows = [];
  for (const key of keys) {
    const d = dr.get(key);
    const category = d?.category ?? peers.map((p) => p.found?.get(key)?.category).find(Boolean);
    const none = category.startsWith('∅');
    const peerCells = peers.map((p) => {
      if (!p.found) return { text: 'crash', judged: false };
      const s = p.found.get(key);
      if (s) return { text: [...s.codes].join(','), judged: true, flagged: true, slot: s };
      if (none || !COVERS[p.name].has(category)) return { text: '', judged: false };
      return { text: '·', judged: true, flagged: false };
    });
    const judged = peerCells.filter((c) => c.judged);
    if (judged.length === 0) continue; // no peer checks this category: nothing to compare
    const first = d ?? peerCells.find((c) => c.slot).slot;
    rows.push({
      place: first.place,
      category,
      flagged: Boolean(d),
      drCell: none ? 'n/a' : d ? `✓ ${[...d.lines].map((l) => `L${l}`).join(',')}` : '·',
      peerCells,
      agree: !none && judged.every((c) => c.flagged === Boolean(d)),
      note: first.message,
      sortLine: Math.min(...first.lines),
    });
  }
  rows.sort((a, b) => a.sortLine - b.sortLine || a.category.localeCompare(b.category));
  return rows;
}

function printTable(title, peerNames, rows) {
  const differ = rows.filter((r) => !r.agree);
  console.log(`\n${title} — agree on ${rows.length - differ.length}, differ on ${differ.length}`);
  if (differ.length === 0) return;
  const head = ['place', 'category', 'dockreview', ...peerNames, 'what (first tool that flags it)'];
  const body = differ
    .slice(0, rowsPerFile)
    .map((r) => [
      short(r.place, 22),
      short(r.category, 30),
      short(r.drCell, 14),
      ...r.peerCells.map((c) => short(c.text, 26)),
      short(r.note, 70),
    ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const fmt = (cells) =>
    `  ${cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ')}`;
  console.log(fmt(head));
  for (const b of body) console.log(fmt(b));
  if (differ.length > rowsPerFile) console.log(`  … ${differ.length - rowsPerFile} more`);
}

/** Per peer and category, over many files: places both flag, only dockreview flags, only the peer flags. */
function printTally(peerNames, files) {
  for (const [i, peer] of peerNames.entries()) {
    const totals = {};
    for (const { name, rows } of files)
      for (const r of rows) {
        const c = r.peerCells[i];
        // a row only the other peer flags says nothing about this pair
        if (!c.judged || (!r.flagged && !c.flagged)) continue;
        const t = (totals[r.category] ??= { both: 0, dockreview: 0, peer: 0, examples: [] });
        if (r.flagged && c.flagged) t.both++;
        else if (r.flagged) t.dockreview++;
        else t.peer++;
        const side = r.flagged && !c.flagged ? 'dockreview' : !r.flagged ? peer : null;
        // the first place of each kind, to look at
        if (side && !t.examples.some((e) => e.side === side))
          t.examples.push({
            side,
            where: `${short(name, 60)}:${r.sortLine}`,
            what: side === peer ? c.slot.message : r.note,
          });
      }
    const entries = Object.entries(totals).sort(
      (a, b) => b[1].dockreview + b[1].peer - (a[1].dockreview + a[1].peer) || a[0].localeCompare(b[0]),
    );
    console.log(
      `  vs ${peer}:${' '.repeat(Math.max(1, 31 - peer.length))}both  dockreview only  ${peer} only`,
    );
    for (const [cat, t] of entries)
      console.log(
        `    ${cat.padEnd(34)} ${String(t.both).padStart(4)}  ${String(t.dockreview).padStart(15)}  ${String(t.peer).padStart(peer.length + 5)}`,
      );
    console.log(`  first place of each kind (file:line — only this tool flags it: its message):`);
    for (const [cat, t] of entries)
      for (const e of t.examples)
        console.log(`    ${short(cat, 28).padEnd(28)} ${e.where} — ${e.side}: ${short(e.what, 80)}`);
  }
}

const sampleOf = (n, k) => [
  ...new Set(Array.from({ length: Math.min(n, k) }, (_, j) => Math.floor((j * n) / Math.min(n, k)))),
];
const drEntries = (findings) =>
  findings.map((f) => ({ category: groupOf(f.rule), code: f.rule, line: f.line, message: f.message }));

console.log(
  `\n== Where the tools disagree (dockreview: every rule on; a place is an instruction's first line, or a Compose service)`,
);
console.log(
  `   ✓ L<n> flagged at those lines · checks this but does not flag it   n/a no such dockreview rule   (blank) the tool has no such check`,
);
{
  const cmps = [];
  const sample = new Set(sampleOf(dockerfiles.length, num('sample-dockerfiles')));
  const tables = [];
  for (let i = 0; i < dockerfiles.length; i++) {
    const { text, name } = dockerfiles[i];
    const placeOf = instructionLines(text);
    const dr = collect(drEntries(lintSource(inputs[i], ALL_ON, 'dockerfile').findings), placeOf);
    const dfuFound = crashes[1].has(i)
      ? null
      : collect(
          dfu.validate(text).map((d) => {
            const { code, category } = dfuCategory(d.code);
            return {
              category: category ?? `∅ ${code}`,
              code,
              line: (d.instructionLine ?? d.range.start.line) + 1,
              message: d.message,
            };
          }),
          placeOf,
        );
    let dflFound = null;
    if (!crashes[2].has(i))
      dflFound = collect(
        dfl.run(emptyDir, text).map((x) => ({
          category: DFL_MAP[x.rule] ?? `∅ ${x.rule}`,
          code: x.rule,
          line: x.line,
          message: x.title,
        })),
        placeOf,
      );
    const cmp = compare(dr, [
      { name: 'dockerfile-utils', found: dfuFound },
      { name: 'dockerfilelint', found: dflFound },
    ]);
    cmps.push({ name, rows: cmp });
    if (sample.has(i)) tables.push([name, cmp]);
  }
  console.log(
    `\nDockerfiles, all ${dockerfiles.length} (dockerfilelint's ${crashes[2].size} crashed files left out of its column): ` +
      `places per category (∅ = a peer code no dockreview rule matches)`,
  );
  printTally(['dockerfile-utils', 'dockerfilelint'], cmps);
  console.log(`\nDockerfile sample: ${tables.length} files, evenly spaced in name order`);
  for (const [name, cmp] of tables) printTable(name, ['dfu', 'dfl'], cmp);
}

if (composeFiles.length > 0) {
  if (!dclintReport) console.log('\nCompose: no dclint report to compare with (capped, or dclint crashed)');
  else {
    const byPath = new Map(dclintReport.map((f) => [f.filePath, f.messages]));
    const cmps = [];
    const sample = new Set(sampleOf(composeFiles.length, num('sample-compose')));
    const tables = [];
    for (let i = 0; i < composeFiles.length; i++) {
      const f = composeFiles[i];
      const placeOf = composeRegions(f.text);
      const dr = collect(
        drEntries(lintSource({ path: f.path, text: f.text }, ALL_ON, 'compose').findings),
        placeOf,
      );
      const messages = byPath.get(f.path);
      const found = messages
        ? collect(
            messages
              .filter((m) => m.rule !== 'unknown-error')
              .map((m) => ({
                category: groupOf(DCLINT_MAP[m.rule] ?? `∅ ${m.rule}`),
                code: m.rule,
                line: m.line,
                message: m.message,
              })),
            placeOf,
          )
        : null;
      const cmp = compare(dr, [
        { name: 'dclint', found: messages?.some((m) => m.rule === 'unknown-error') ? null : found },
      ]);
      cmps.push({ name: f.name, rows: cmp });
      if (sample.has(i)) tables.push([f.name, cmp]);
    }
    console.log(
      `\nCompose, all ${composeFiles.length} (files dclint gave up on left out): places per category`,
    );
    printTally(['dclint'], cmps);
    console.log(`\nCompose sample: ${tables.length} files, evenly spaced in name order`);
    for (const [name, cmp] of tables) printTable(name, ['dclint'], cmp);
  }
}

rmSync(emptyDir, { recursive: true, force: true });
rmSync(work, { recursive: true, force: true });
console.log(
  `\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s; load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} at the end`,
);
if (capped.length > 0) console.log(`capped by --cap-seconds: ${capped.join('; ')}`);
