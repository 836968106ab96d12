#!/usr/bin/env node
// Benchmark of the lint core over ../shared/corpus (run `npm run build` first). Prints files/s, the median and
// p99 per-file time of the whole core (parse, shell parsing, every rule, fixes computed) next to a bare
// dockerfile-ast parse of the same files measured in the same run, the peak RSS, and the wall time of one
// `dockreview lint` process on one file. A script that prints figures, never a timed test.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DockerfileParser } from 'dockerfile-ast';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = process.env.DOCKREVIEW_CORPUS ?? join(root, '..', 'shared', 'corpus');
const dist = join(root, 'dist');
if (!existsSync(join(dist, 'lint', 'engine.js'))) {
  console.error('bench: build first (npm run build)');
  process.exit(2);
}
const { initLint, lintSource, lintDockerfile, lintFiles } = await import(join(dist, 'lint', 'engine.js'));
const { parseDockerfile } = await import(join(dist, 'lint', 'dockerfile', 'model.js'));
const { ALL_RULES } = await import(join(dist, 'lint', 'rules', 'index.js'));
const rounds = Number(process.env.ROUNDS ?? 7);

const dockerfiles = readdirSync(join(corpus, 'dockerfiles'))
  .sort()
  .map((name) => ({
    path: join(corpus, 'dockerfiles', name),
    text: readFileSync(join(corpus, 'dockerfiles', name), 'utf8'),
  }));
const composeFiles = existsSync(join(corpus, 'compose'))
  ? readdirSync(join(corpus, 'compose'))
      .sort()
      .map((name) => ({
        path: join(corpus, 'compose', name),
        text: readFileSync(join(corpus, 'compose', name), 'utf8'),
      }))
  : [];

await initLint();
// the core figure leaves ShellCheck aside: it is an external process (cached per script), timed on its own below
const config = { rules: { shellcheck: { severity: 'off' } } };
// warm up both paths so JIT tiers are comparable
for (let i = 0; i < 3; i++)
  for (const f of dockerfiles) {
    DockerfileParser.parse(f.text);
    lintSource(f, config, 'dockerfile');
  }

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

const bare = [];
const core = [];
let findings = 0;
let fixes = 0;
const wallStart = performance.now();
for (const f of dockerfiles) {
  const b = [];
  const c = [];
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    DockerfileParser.parse(f.text);
    b.push(performance.now() - t);
    t = performance.now();
    const res = lintSource(f, config, 'dockerfile');
    c.push(performance.now() - t);
    if (r === 0) {
      findings += res.findings.length;
      fixes += res.findings.filter((x) => x.fix).length;
    }
  }
  bare.push(median(b));
  core.push(median(c));
}
const wall = performance.now() - wallStart;
const coreTotal = core.reduce((a, b) => a + b, 0);

// where the core's time goes, stage by stage on the same files: the model (dockerfile-ast parse included, every
// instruction's arguments and flags read), the shell parse of every RUN/CMD/ENTRYPOINT, then the rules
const stages = { model: [], shell: [], rules: [] };
for (const f of dockerfiles) {
  const t = { model: [], shell: [], rules: [] };
  for (let r = 0; r < rounds; r++) {
    let s = performance.now();
    const model = parseDockerfile(f.path, f.text);
    for (const ins of model.instructions) void (ins.args, ins.flags);
    t.model.push(performance.now() - s);
    s = performance.now();
    for (const ins of model.each('RUN', 'CMD', 'ENTRYPOINT')) void ins.shell;
    t.shell.push(performance.now() - s);
    s = performance.now();
    lintDockerfile(model, config);
    t.rules.push(performance.now() - s);
  }
  for (const k of Object.keys(stages)) stages[k].push(median(t[k]));
}

// Compose: the whole core next to a bare `yaml` parse plus schema validation of the same file, in the same run
const { parseDocument } = await import('yaml');
const { validate: validateCompose } = await import(
  join(dist, 'lint', 'compose', 'generated', 'compose-schema.js')
);
const bareCompose = (text) => {
  const doc = parseDocument(text, { merge: true, logLevel: 'error' });
  try {
    validateCompose(doc.toJS({ maxAliasCount: 10000 }));
  } catch {
    /* not YAML enough to validate: the parse was the work */
  }
};
for (let i = 0; i < 3; i++)
  for (const f of composeFiles) {
    bareCompose(f.text);
    lintSource(f, config, 'compose');
  }
const composeBare = [];
const composeCore = [];
let composeFindings = 0;
for (const f of composeFiles) {
  const b = [];
  const c = [];
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    bareCompose(f.text);
    b.push(performance.now() - t);
    t = performance.now();
    const res = lintSource(f, config, 'compose');
    c.push(performance.now() - t);
    if (r === 0) composeFindings += res.findings.length;
  }
  composeBare.push(median(b));
  composeCore.push(median(c));
}

// ShellCheck's own cost, the way the CLI pays it: every file's RUN scripts in one batched run (lintFiles), from a
// cold cache
let shellcheckMs = null;
try {
  const { clearShellcheckCache } = await import(join(dist, 'lint', 'shell', 'shellcheck-process.js'));
  clearShellcheckCache();
  const withShellcheck = { rules: {} };
  const t = performance.now();
  await lintFiles(dockerfiles.map((input) => ({ input, config: withShellcheck, kind: 'dockerfile' })));
  shellcheckMs = (performance.now() - t) / dockerfiles.length;
} catch {
  /* no shellcheck binary: the rule reports that itself */
}

// one whole process on one file, as a user runs it
const one = join(
  corpus,
  'dockerfiles',
  dockerfiles[Math.floor(dockerfiles.length / 2)].path.split('/').pop(),
);
const proc = [];
for (let i = 0; i < 7; i++) {
  const t = performance.now();
  try {
    execFileSync(process.execPath, [join(root, 'bin', 'dockreview.js'), 'lint', '--format', 'json', one], {
      stdio: 'ignore',
    });
  } catch {
    /* exit 1 = findings */
  }
  proc.push(performance.now() - t);
}

const ms = (x) => `${x.toFixed(3)} ms`;
console.log(`corpus: ${dockerfiles.length} Dockerfiles, ${composeFiles.length} Compose files`);
console.log(
  `rules: ${ALL_RULES.filter((r) => r.kind === 'dockerfile').length} Dockerfile rules (default severities; shellcheck off for the core figure)`,
);
console.log(`findings: ${findings} (${fixes} with a fix)`);
console.log(
  `core per file      median ${ms(median(core))}   p99 ${ms(pct(core, 99))}   max ${ms(Math.max(...core))}`,
);
console.log(`bare parse per file median ${ms(median(bare))}   p99 ${ms(pct(bare, 99))}`);
console.log(`core / bare parse (medians): ${(median(core) / median(bare)).toFixed(2)}×`);
console.log(
  `core by stage (medians, in units of the bare parse): model ${(median(stages.model) / median(bare)).toFixed(2)}× (parse included)` +
    `, shell parse ${(median(stages.shell) / median(bare)).toFixed(2)}×, rules ${(median(stages.rules) / median(bare)).toFixed(2)}×`,
);
console.log(
  `throughput: ${(dockerfiles.length / (coreTotal / 1000)).toFixed(0)} files/s (core only), ${((dockerfiles.length * rounds * 2) / (wall / 1000)).toFixed(0)} lint+parse runs/s wall`,
);
if (composeFiles.length > 0) {
  console.log(`compose: ${composeFindings} findings`);
  console.log(`compose core per file median ${ms(median(composeCore))}   p99 ${ms(pct(composeCore, 99))}`);
  console.log(`compose bare yaml parse + schema validation median ${ms(median(composeBare))}`);
  console.log(
    `compose core / (parse + validation) (medians): ${(median(composeCore) / median(composeBare)).toFixed(2)}×`,
  );
}
if (shellcheckMs !== null)
  console.log(
    `with ShellCheck (every file linted together, ShellCheck batched, cold cache): ${shellcheckMs.toFixed(2)} ms per file on average`,
  );
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB`);
console.log(
  `one \`dockreview lint\` process on one file: median ${median(proc).toFixed(0)} ms (min ${Math.min(...proc).toFixed(0)} ms)`,
);
