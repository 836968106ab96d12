#!/usr/bin/env node
// Precision check of the default rules over ../shared/corpus (run `npx tsc -p tsconfig.build.json` first).
// Lints every corpus file with the default config, draws a sample stratified by rule with a fixed seed, joins it
// with the hand labels in bench/precision-labels.tsv and prints precision per rule and overall, FP and NOISE
// apart, then how many review comments each corpus file would get if a pull request added it whole, and last the
// bars of issue 12 on the labelled sample: how many TP findings are posted as review comments, how much NOISE is
// not, and every FP with whether it is posted.
//
//   node bench/precision.mjs [--seed 1] [--min-sample 200] [--labels bench/precision-labels.tsv] [--todo|--blind]
//
// `--todo` also prints every sampled finding that has no label yet, with the lines around it, for labelling.
// `--blind` prints only every sampled finding, in a seeded shuffled order, with its place, rule, message and the
// lines around it but not its severity nor whether it is posted, for the `comment` judgement ("would a reviewer
// post this as an inline comment on the pull request?"), which must not lean on the severity dockreview assigns.
// A label judges a finding at one severity (PRECISION.md: "worth a comment at its severity"); a label whose
// severity is not the finding's current one is printed as stale and left out of the figures, like a missing one.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    'min-sample': { type: 'string', default: '200' },
    labels: { type: 'string', default: join(root, 'bench', 'precision-labels.tsv') },
    todo: { type: 'boolean', default: false },
    blind: { type: 'boolean', default: false },
  },
});
const corpus = process.env.DOCKREVIEW_CORPUS ?? join(root, '..', 'shared', 'corpus');
const dist = join(root, 'dist');
if (!existsSync(join(dist, 'lint', 'engine.js')) || !existsSync(join(dist, 'review', 'plan.js'))) {
  console.error('precision: build first (npx tsc -p tsconfig.build.json)');
  process.exit(2);
}
if (!existsSync(corpus)) {
  console.error(`precision: no corpus at ${corpus} (set DOCKREVIEW_CORPUS)`);
  process.exit(2);
}
const { initLint, lintSource } = await import(join(dist, 'lint', 'engine.js'));
const { defaultConfig } = await import(join(dist, 'config', 'config.js'));
const { plan } = await import(join(dist, 'review', 'plan.js'));
const { parsePatch } = await import(join(dist, 'review', 'diff.js'));
const { SEVERITY_RANK } = await import(join(dist, 'lint', 'types.js'));
const { fileRole } = await import(join(dist, 'lint', 'file-role.js'));

const LABELS = ['TP', 'FP', 'NOISE', 'DEBATABLE'];
const COMMENT = ['yes', 'no'];
// The default `comment_on` decides what a pull request shows as review comments (warning and above today); read from
// the config rather than written here, so the figures follow the default when it moves.
const COMMENT_ON = defaultConfig().commentOn;
const COMMENT_ON_FIXTURES = defaultConfig().commentOnFixtures;
const COMMENTED = SEVERITY_RANK[COMMENT_ON];
// a file taken for a test, example or development setup gets comments only at `comment_on_fixtures` (the review
// layer's fileRole, read from the file's path in its repository and its header)
const threshold = (file) => (file.role ? Math.max(COMMENTED, SEVERITY_RANK[COMMENT_ON_FIXTURES]) : COMMENTED);
const posted = (severity, file) => SEVERITY_RANK[severity] >= threshold(file);
/** The path of a corpus file in its own repository: corpus names are `owner__repo__dir__file`. */
const repoPath = (path) =>
  path
    .slice(path.indexOf('/') + 1)
    .split('__')
    .slice(2)
    .join('/');

let shellcheck = 'not installed: ShellCheck findings are missing from these figures';
try {
  const v = execFileSync('shellcheck', ['--version'], { encoding: 'utf8', timeout: 10_000 });
  shellcheck = `included (${/version:\s*(\S+)/.exec(v)?.[1] ?? 'unknown version'})`;
} catch {
  /* not on PATH: said in the output */
}

// ---- lint the corpus with the default config -------------------------------------------------------------------
await initLint();
const files = [];
for (const [dir, kind] of [
  ['dockerfiles', 'dockerfile'],
  ['compose', 'compose'],
]) {
  if (!existsSync(join(corpus, dir))) continue;
  for (const name of readdirSync(join(corpus, dir)).sort()) {
    const path = `${dir}/${name}`;
    const text = readFileSync(join(corpus, path), 'utf8');
    const config = defaultConfig();
    const result = lintSource({ path, text }, config, kind);
    const role = fileRole(repoPath(path), text);
    files.push({ path, kind, text, lines: text.split(/\r?\n/), findings: result.findings, config, role });
  }
}

// ---- a key per finding that survives unrelated edits -----------------------------------------------------------
// path + rule (+ ShellCheck's code) + a hash of the flagged lines (whitespace folded) and the flagged text: not the
// line number, which moves, and not the message, which is reworded. Two findings with one key get #2, #3….
const sha = (s) => createHash('sha256').update(s).digest('hex');
const findings = [];
for (const file of files) {
  const seen = new Map();
  for (const f of file.findings) {
    const code = f.rule === 'shellcheck' ? f.aliases.find((a) => /^SC\d+$/.test(a)) : undefined;
    const rule = code ? `${f.rule}/${code}` : f.rule;
    const lines = file.lines
      .slice(f.line - 1, f.endLine)
      .map((l) => l.trim().replace(/\s+/g, ' '))
      .join('\n');
    let hash = sha(`${lines}\0${file.text.slice(f.span.start, f.span.end)}`).slice(0, 12);
    const base = `${file.path}\t${rule}\t${hash}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    if (n > 1) hash += `#${n}`;
    findings.push({ file, finding: f, rule, key: `${file.path}\t${rule}\t${hash}`, hash });
  }
}

// ---- the sample: stratified by rule, fixed seed ----------------------------------------------------------------
// Each rule gets ceil(k·√n) of its n findings (at least 2, at most n), with the smallest k that reaches the minimum
// sample size: frequent rules get more than rare ones without drowning them. Within a rule the order is a hash of
// seed and key, so a finding's place does not depend on the others and labels stay in the sample across re-runs.
const byRule = new Map();
for (const x of findings) {
  const list = byRule.get(x.finding.rule) ?? [];
  list.push(x);
  byRule.set(x.finding.rule, list);
}
const minSample = Number(args['min-sample']);
const quota = (n, k) => Math.min(n, Math.max(2, Math.ceil(k * Math.sqrt(n))));
let k = 0.1;
const total = (kk) => [...byRule.values()].reduce((s, l) => s + quota(l.length, kk), 0);
while (total(k) < Math.min(minSample, findings.length) && k < 100) k = Math.round((k + 0.05) * 100) / 100;
const sample = [];
for (const [, list] of [...byRule].sort(([a], [b]) => (a < b ? -1 : 1))) {
  const ordered = list
    .map((x) => ({ x, r: sha(`${args.seed}\0${x.key}`) }))
    .sort((a, b) => (a.r < b.r ? -1 : a.r > b.r ? 1 : 0))
    .map(({ x }) => x);
  sample.push(...ordered.slice(0, quota(list.length, k)));
}

// The lines around a finding, `>` on the flagged ones; for a Dockerfile also the FROM of its stage when that is
// above the window, and which stage of how many it is, since whether a stage ships changes the verdict.
const context = (x, indent) => {
  const { file, finding } = x;
  const from = Math.max(1, finding.line - 8);
  const to = Math.min(file.lines.length, finding.endLine + 4);
  const out = [];
  if (file.kind === 'dockerfile') {
    const froms = [];
    for (const [i, l] of file.lines.entries()) if (/^\s*FROM\s/i.test(l)) froms.push(i + 1);
    const stage = froms.filter((n) => n <= finding.line).length;
    const head = froms[stage - 1];
    if (stage > 0)
      out.push(`${indent}(stage ${stage} of ${froms.length}${stage === froms.length ? ', the last' : ''})`);
    if (head !== undefined && head < from)
      out.push(`${indent} ${String(head).padStart(4)} ${file.lines[head - 1]}`);
    if (head !== undefined && head < from - 1) out.push(`${indent}    …`);
  }
  for (let l = from; l <= to; l++)
    out.push(
      `${indent}${l >= finding.line && l <= finding.endLine ? '>' : ' '}${String(l).padStart(4)} ${file.lines[l - 1]}`,
    );
  return out.join('\n');
};

if (args.blind) {
  // Shuffled by a hash of seed and key, so that the findings of one rule do not come in a row and the order says
  // nothing about the rule's place in the stratified sample; the key is printed so a judgement can be recorded.
  const shuffled = sample
    .map((x) => ({ x, r: sha(`blind\0${args.seed}\0${x.key}`) }))
    .sort((a, b) => (a.r < b.r ? -1 : a.r > b.r ? 1 : 0))
    .map(({ x }) => x);
  console.log(
    `dockreview blind sample — seed ${args.seed}, ${shuffled.length} findings, shuffled; no severity, nothing about posting`,
  );
  console.log(
    'judge each: would a senior platform engineer reviewing the pull request that adds this line post it',
  );
  console.log('as an inline review comment? (yes / no, with a short reason)');
  for (const [i, x] of shuffled.entries()) {
    console.log('');
    console.log(`[${i + 1}/${shuffled.length}] ${x.key}`);
    console.log(`  ${x.file.path}:${x.finding.line}  ${x.rule}`);
    console.log(`  ${x.finding.message}`);
    console.log(context(x, '    '));
  }
  process.exit(0);
}

// ---- labels ----------------------------------------------------------------------------------------------------
// path \t rule \t hash \t severity judged at \t label \t reason [\t comment \t comment reason]; `#` starts a comment
// line. The optional `comment` column (yes|no) judges the finding, not its severity: would a reviewer post it as an
// inline comment on the pull request? It is judged blind (`--blind`) and never goes stale with the severity.
const labels = new Map();
if (existsSync(args.labels)) {
  for (const [i, line] of readFileSync(args.labels, 'utf8').split('\n').entries()) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const cols = line.split('\t');
    if (cols[0] === 'path') continue; // header
    if (
      cols.length < 6 ||
      !LABELS.includes(cols[4]) ||
      !(cols[3] in SEVERITY_RANK) ||
      cols[5].trim() === '' ||
      (cols.length > 6 && (cols.length !== 8 || !COMMENT.includes(cols[6]) || cols[7].trim() === ''))
    ) {
      console.error(
        `${args.labels}:${i + 1}: want path, rule, hash, severity, TP|FP|NOISE|DEBATABLE, reason[, yes|no, reason]`,
      );
      process.exit(2);
    }
    labels.set(`${cols[0]}\t${cols[1]}\t${cols[2]}`, {
      severity: cols[3],
      label: cols[4],
      reason: cols[5],
      comment: cols[6],
      commentReason: cols[7],
    });
  }
}

const pct = (num, den) => (den === 0 ? '–' : `${((100 * num) / den).toFixed(0)}%`);
const zero = () => ({ n: 0, sampled: 0, TP: 0, FP: 0, NOISE: 0, DEBATABLE: 0, unlabelled: 0, stale: 0 });
const perRule = new Map();
for (const [rule, list] of byRule) perRule.set(rule, { ...zero(), n: list.length });
const all = zero();
const commented = zero(); // sampled findings at or above the default comment_on: what a pull request shows as comments
const unlabelled = [];
const stale = [];
const judged = []; // sampled findings with a current label, in sample order (rule, then seeded order)
for (const x of sample) {
  const row = perRule.get(x.finding.rule);
  const buckets = [row, all];
  if (posted(x.finding.severity, x.file)) buckets.push(commented);
  const l = labels.get(x.key);
  const outcome = !l ? 'unlabelled' : l.severity !== x.finding.severity ? 'stale' : l.label;
  for (const b of buckets) {
    b.sampled++;
    b[outcome]++;
  }
  if (outcome === 'unlabelled') unlabelled.push(x);
  if (outcome === 'stale') stale.push({ x, l });
  if (LABELS.includes(outcome)) judged.push({ x, l });
}
const precision = (b) => pct(b.TP, b.TP + b.FP + b.NOISE);

console.log(`dockreview precision check — corpus ${corpus}`);
console.log(
  `${files.length} files, ${findings.length} findings with the default config; ShellCheck ${shellcheck}; seed ${args.seed}, ` +
    `sample ${sample.length} (k=${k}: ceil(k·√n) per rule, 2 at least), labels ${labels.size} in ${args.labels}`,
);
console.log('');
console.log('precision = TP / (TP + FP + NOISE); DEBATABLE, unlabelled and stale labels are left out of it');
const header = [
  'rule',
  'sev',
  'fired',
  'sample',
  'TP',
  'FP',
  'NOISE',
  'DEBAT',
  'unlab',
  'stale',
  'precision',
];
const table = [header];
for (const [rule, r] of [...perRule].sort(([a], [b]) => (a < b ? -1 : 1))) {
  const sevs = [...new Set(byRule.get(rule).map((x) => x.finding.severity))]
    .sort((a, b) => SEVERITY_RANK[b] - SEVERITY_RANK[a])
    .join('/');
  table.push([
    rule,
    sevs,
    r.n,
    r.sampled,
    r.TP,
    r.FP,
    r.NOISE,
    r.DEBATABLE,
    r.unlabelled,
    r.stale,
    precision(r),
  ]);
}
const totals = (name, b, n) => [
  name,
  '',
  n,
  b.sampled,
  b.TP,
  b.FP,
  b.NOISE,
  b.DEBATABLE,
  b.unlabelled,
  b.stale,
  precision(b),
];
table.push(totals('overall (sample)', all, findings.length));
table.push(
  totals(
    `posted (>= ${COMMENT_ON}; ${COMMENT_ON_FIXTURES} in fixtures)`,
    commented,
    findings.filter((x) => posted(x.finding.severity, x.file)).length,
  ),
);
const widths = header.map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
for (const row of table)
  console.log(
    row.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  '),
  );

// ---- comments per file added whole -----------------------------------------------------------------------------
// plan() from the review layer with a diff adding every line, so every finding is on a changed line; no cap on
// the number of comments (the default max_comments of 25 would hide the tail). It is planned with `comment_on: style`
// so that every finding is a candidate; a comment counts for the default when its severity reaches the default
// `comment_on`.
const counts = [];
const everySeverity = [];
for (const file of files) {
  const n = file.lines.length - (file.text.endsWith('\n') ? 1 : 0);
  const patch = `@@ -0,0 +1,${n} @@\n${file.lines
    .slice(0, n)
    .map((l) => `+${l}`)
    .join('\n')}`;
  const p = plan(
    [{ path: file.path, kind: file.kind, text: file.text, findings: file.findings, diff: parsePatch(patch) }],
    {
      failOn: 'error',
      failOnExisting: false,
      comments: 'changed-lines',
      maxComments: Number.POSITIVE_INFINITY,
      commentOn: 'style',
      suggestions: true,
      posted: new Set(),
      rule: () => ({ why: '', docs: '' }),
      configLines: [],
    },
  );
  counts.push(p.comments.filter((c) => posted(c.severity, file)).length);
  everySeverity.push(p.comments.length);
}
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const stats = (xs) =>
  `median ${quantile(xs, 0.5)}, p90 ${quantile(xs, 0.9)}, max ${Math.max(...xs)}, files with none ${xs.filter((x) => x === 0).length}/${xs.length}`;
console.log('');
console.log(
  'review comments per corpus file added whole (plan() with a whole-file diff, no max_comments cap):',
);
console.log(`  severity >= ${COMMENT_ON} (the default comment_on): ${stats(counts)}`);
console.log(`  every severity (no threshold):                ${stats(everySeverity)}`);

// ---- the bars of issue 12 on the labelled sample ---------------------------------------------------------------
// A sampled finding is posted as a review comment when its severity reaches the default `comment_on` (the plan above
// puts every such finding on a changed line of a whole-file diff). The bars: >= 95 % of the TP findings still posted,
// >= 80 % of the NOISE no longer posted, >= 90 % of the false positives gone, a median of <= 4 comments per file.
// Only current labels count (unlabelled and stale ones are listed below); the sample is stratified by rule, so these
// are shares of the sample, not of the whole output.
const byLabel = (label) => judged.filter(({ l }) => l.label === label);
const share = (xs, pred) =>
  `${xs.filter(pred).length}/${xs.length} (${pct(xs.filter(pred).length, xs.length)})`;
const isPosted = ({ x }) => posted(x.finding.severity, x.file);
const fps = byLabel('FP');
console.log('');
console.log(
  `bars of issue 12 on the labelled sample (${judged.length} judged; posted = severity >= ${COMMENT_ON}, ${COMMENT_ON_FIXTURES} in test, example and development files):`,
);
console.log(`  TP posted as review comments:        ${share(byLabel('TP'), isPosted)}   (bar >= 95%)`);
console.log(
  `  NOISE not posted:                    ${share(byLabel('NOISE'), (j) => !isPosted(j))}   (bar >= 80%)`,
);
// What misses a bar, so the next fix is visible: the TP findings left in the check run, by severity (a TP is judged
// worth it at its own severity, so a TP at info is advice the labeller found right as info), and the posted NOISE by
// rule. Counts sort by size, then by name, so the output stays deterministic.
const tally = (xs, key) =>
  [...xs.reduce((m, j) => m.set(key(j), (m.get(key(j)) ?? 0) + 1), new Map())]
    .sort(([a, n], [b, m]) => m - n || (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
const tpLeft = byLabel('TP').filter((j) => !isPosted(j));
const noisePosted = byLabel('NOISE').filter(isPosted);
console.log(
  `    TP not posted, by severity:        ${tpLeft.length === 0 ? 'none' : tally(tpLeft, ({ x }) => x.finding.severity)}`,
);
console.log(
  `    NOISE posted, by rule:             ${noisePosted.length === 0 ? 'none' : tally(noisePosted, ({ x }) => x.rule)}`,
);
console.log(`  DEBATABLE posted:                    ${share(byLabel('DEBATABLE'), isPosted)}`);
console.log(
  `  FP in the sample:                    ${fps.length}, posted ${fps.filter(isPosted).length}   (bar: >= 90% of FPs gone)`,
);
console.log(`  comments per file added whole:       median ${quantile(counts, 0.5)}   (bar <= 4)`);
if (fps.length > 0) {
  console.log('  false positives (rule, place, severity, posted or not, reason):');
  for (const { x, l } of fps)
    console.log(
      `    ${x.rule}  ${x.file.path}:${x.finding.line}  ${x.finding.severity}  ${isPosted({ x }) ? 'posted' : 'not posted'}  ${l.reason}`,
    );
}

// ---- the TP bar on the blind `comment` judgement -----------------------------------------------------------------
// The bar's intent is "findings worth an inline comment are still posted"; a TP label says only "right at its
// severity", so a TP at info (right as check-run advice) counts against the bar above when it is, rightly, not posted.
// The `comment` column says whether a reviewer would post the finding at all, judged without its severity, so it
// holds across re-grades: every sampled finding with a comment judgement counts here, stale label or not.
const withComment = sample
  .filter((x) => labels.get(x.key)?.comment !== undefined)
  .map((x) => ({ x, l: labels.get(x.key) }));
const noComment = sample.filter((x) => labels.has(x.key) && labels.get(x.key).comment === undefined);
console.log('');
if (withComment.length === 0) {
  console.log(
    'findings worth a comment: no `comment` column in these labels (judge the sample blind with --blind, see bench/README.md)',
  );
} else {
  const worth = withComment.filter(({ l }) => l.comment === 'yes');
  const notWorth = withComment.filter(({ l }) => l.comment === 'no');
  console.log(
    `the TP bar on the blind comment judgement (${withComment.length} of ${sample.length} sampled findings judged; posted as above):`,
  );
  console.log(`  findings worth a comment posted:          ${share(worth, isPosted)}   (bar >= 95%)`);
  console.log(`  findings not worth a comment not posted:  ${share(notWorth, (j) => !isPosted(j))}`);
  const place = ({ x }) => `${x.rule}  ${x.file.path}:${x.finding.line}  ${x.finding.severity}`;
  const missed = worth.filter((j) => !isPosted(j));
  if (missed.length > 0) {
    console.log('  worth a comment, not posted (rule, place, severity, reason):');
    for (const j of missed) console.log(`    ${place(j)}  ${j.l.commentReason}`);
  }
  const extra = notWorth.filter(isPosted);
  if (extra.length > 0) {
    console.log('  posted, not worth a comment (rule, place, severity, reason):');
    for (const j of extra) console.log(`    ${place(j)}  ${j.l.commentReason}`);
  }
  if (noComment.length > 0)
    console.log(`  labelled sampled findings with no comment judgement (left out): ${noComment.length}`);
}

// ---- what is left to label -------------------------------------------------------------------------------------
if (stale.length > 0) {
  console.log('');
  console.log(
    `stale labels (judged at another severity than the finding now has: judge again): ${stale.length}`,
  );
  for (const { x, l } of stale)
    console.log(`  ${x.key}\tlabelled ${l.label} at ${l.severity}, now ${x.finding.severity}`);
}
if (unlabelled.length > 0) {
  console.log('');
  console.log(`unlabelled findings in the sample: ${unlabelled.length}`);
  for (const x of unlabelled) {
    console.log(`  ${x.key}\t${x.finding.severity}\tline ${x.finding.line}`);
    if (!args.todo) continue;
    console.log(`    ${x.finding.message}`);
    console.log(context(x, '    '));
  }
}
