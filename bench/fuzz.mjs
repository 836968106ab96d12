#!/usr/bin/env node
// The long fuzz run (run `npm run build` first): N seeded inputs — random and mutated Dockerfiles and Compose files
// from fixtures/ and ../shared/corpus — linted on worker threads, one per core. Per input it checks that the engine
// does not throw nor report an internal error, that every finding's range lies inside the file, and (for one
// fixable finding per input) that the fix leaves a file that parses and no longer has that finding. It prints the
// inputs run, crashes (seed and index to reproduce, input saved under the output directory), inputs over the time
// limit, max and p99.9 time per input, and exits 1 on any failure. A script that prints figures, not a test.
//
//   node bench/fuzz.mjs [--n 1000000] [--seed 1] [--workers <cores>] [--slow-ms 2000] [--out DIR] [--only INDEX]
//   (or FUZZ_N, FUZZ_SEED, FUZZ_WORKERS); --only re-runs one index of a seed and prints its input and result.
//
// ShellCheck is off: it is an external process per script, outside the engine being fuzzed.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// DOCKREVIEW_DIST: another build of the project (e.g. `tsc -p tsconfig.build.json --outDir dist-x`) to fuzz
const dist = process.env.DOCKREVIEW_DIST ? join(root, process.env.DOCKREVIEW_DIST) : join(root, 'dist');

function option(name, env, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && process.argv[i + 1] !== undefined) return process.argv[i + 1];
  return process.env[env] ?? fallback;
}

// ---------------------------------------------------------------------------------------------------------------
// deterministic randomness: every input is a pure function of (seed, index)

function mix(a, b) {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(b, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

function rng(seed, index) {
  let s = mix(seed, index) || 1;
  // mulberry32
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)] };
}

// ---------------------------------------------------------------------------------------------------------------
// seeds and fragments

function walk(dir, out) {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

function seedFiles(detectKind) {
  const corpus = process.env.DOCKREVIEW_CORPUS ?? join(root, '..', 'shared', 'corpus');
  const files = [...walk(join(root, 'fixtures'), []), ...walk(corpus, [])];
  const dockerfiles = [];
  const compose = [];
  for (const p of files) {
    const name = p.slice(p.lastIndexOf('/') + 1);
    // corpus files are named owner__repo__path: the kind is in the last part
    const kind = detectKind(name.split('__').pop()) ?? (p.includes('/compose/') ? 'compose' : null);
    if (kind === 'dockerfile' || (p.includes('/dockerfiles/') && kind === null)) dockerfiles.push(p);
    else if (kind === 'compose') compose.push(p);
  }
  return { dockerfiles, compose };
}

const DOCKER_LINES = [
  'FROM alpine:3.19',
  'FROM python:3.11 AS build',
  'FROM --platform=$BUILDPLATFORM golang:1.22 AS go',
  'FROM build',
  'FROM scratch',
  'FROM ${BASE:-ubuntu}:22.04',
  'ARG NPM_TOKEN',
  'ARG BASE=ubuntu',
  'ENV A=1 B="two words" C=$A',
  'ENV PATH=/opt/bin:$PATH',
  'ENV LEGACY value',
  'LABEL a=b "c d"=e',
  'WORKDIR app',
  'WORKDIR /app',
  'USER root',
  'USER 1000:1000',
  'COPY . .',
  'COPY --from=build /out /app',
  'COPY --chown=app:app src/ /app/src/',
  'ADD https://example.com/x.tgz /tmp/',
  'ADD app.tar.gz /app/',
  'COPY <<EOF /etc/motd\nhello\nEOF',
  'MAINTAINER someone',
  'EXPOSE 80 443/tcp 99999',
  'VOLUME ["/data"]',
  'HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1',
  'CMD python app.py',
  'CMD ["python", "app.py"]',
  'ENTRYPOINT ["/entrypoint.sh"]',
  'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
  'SHELL ["powershell", "-Command"]',
  'ONBUILD RUN npm install',
  'RUN apt-get update && apt-get install -y gcc curl',
  'RUN apt-get install -y --no-install-recommends make && rm -rf /var/lib/apt/lists/*',
  'RUN apk add curl && apk add --no-cache git',
  'RUN pip install -r requirements.txt flask==2.0',
  'RUN npm install && npm cache clean --force',
  'RUN cd /app && make && make install',
  'RUN curl -sSL https://x/install.sh | sh',
  'RUN wget -O /tmp/x.tgz https://x/x.tgz && tar xzf /tmp/x.tgz',
  'RUN rm -rf /var/lib/apt/lists/* /tmp/x.tgz',
  'RUN yum install -y httpd && yum clean all',
  'RUN echo "$NPM_TOKEN" > ~/.npmrc',
  'RUN --mount=type=cache,target=/root/.cache/pip pip install .',
  'RUN <<EOF\napt-get update\napt-get install -y x\nEOF',
  'RUN set -eux; \\\n    for i in 1 2; do echo $i; done \\\n    && useradd -m app',
  'RUN sudo apt-get install vim',
  '# hadolint ignore=DL3008',
  '# dockreview ignore=exec-form',
  '# syntax=docker/dockerfile:1',
  '# escape=`',
];

const COMPOSE_DOCS = [
  'services:\n  web:\n    image: nginx\n    ports:\n      - 80:80\n',
  'version: "3.8"\nservices:\n  app:\n    build: .\n    privileged: true\n    environment:\n      PASSWORD: hunter2\n',
  'x-base: &base\n  restart: always\n  image: redis:latest\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n    depends_on:\n      a:\n        condition: service_healthy\n',
  'services:\n  db:\n    image: postgres:16\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n      - data:/var/lib/postgresql/data\n    healthcheck:\n      test: ["CMD", "pg_isready"]\nvolumes:\n  data:\n',
  'services:\n  api:\n    build:\n      context: ./api\n      dockerfile: Dockerfile\n    network_mode: host\n    networks: [back]\n    cap_add: [ALL]\n    ports: ["${PORT:-8080}:8080"]\nnetworks:\n  back:\n',
  'name: demo\ninclude:\n  - other.yaml\nservices:\n  w:\n    extends:\n      service: x\n      file: base.yaml\n    command: !reset null\n',
];

const DOCKER_INSERTS = [
  '\\',
  '\n',
  '\r\n',
  '"',
  "'",
  '`',
  '$',
  '${',
  '}',
  '[',
  ']',
  '#',
  ' ',
  '\t',
  '<<',
  '<<EOF\n',
  '=',
  '--',
  'é',
  '😀',
  '\u0000',
  '\uFEFF',
  '&&',
  '|',
  ';',
  'EOF',
  '\\\n',
  'RUN ',
  'FROM ',
  '\nRUN apt-get install x',
];
const YAML_INSERTS = [
  ':',
  ': ',
  '- ',
  '\n',
  '\n  ',
  '  ',
  '\t',
  '&a ',
  '*a',
  '<<: *a\n',
  '{',
  '}',
  '[',
  ']',
  ',',
  '"',
  "'",
  '#',
  '|\n',
  '>-\n',
  '!!str ',
  '!reset ',
  '!override ',
  '? ',
  '---\n',
  '...\n',
  '${',
  '$$',
  '}',
  '%YAML 1.2\n',
  'é',
  '\u0000',
  '\uFEFF',
  'services:\n',
  '    image: x\n',
  'ports:\n  - "80:80"\n',
];

function mutate(r, text, inserts, count) {
  let out = text;
  for (let k = 0; k < count; k++) {
    const at = r.int(out.length + 1);
    const op = r.int(5);
    if (op === 0 || op === 1) out = out.slice(0, at) + r.pick(inserts) + out.slice(at);
    else if (op === 2) out = out.slice(0, at) + out.slice(at + 1 + r.int(12));
    else if (op === 3) out = out.slice(0, at) + out.slice(at, at + 1 + r.int(40)) + out.slice(at);
    else out = out.slice(0, at) + String.fromCharCode(r.int(0x3000)) + out.slice(at + 1);
  }
  return out;
}

function randomString(r, max) {
  const n = r.int(max);
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(r.next() < 0.8 ? 9 + r.int(118) : r.int(0x10000));
  return s;
}

/** Input `index` of `seed`: what it is (for the report) and its path (which picks the engine's file kind). */
function makeInput(seed, index, seeds, read) {
  const r = rng(seed, index);
  const roll = r.int(100);
  if (roll < 30) {
    const p = r.pick(seeds.dockerfiles);
    return {
      how: `mutated ${p}`,
      path: 'Dockerfile',
      text: mutate(r, read(p), DOCKER_INSERTS, 1 + r.int(8)),
    };
  }
  if (roll < 50) {
    const p = r.pick(seeds.compose);
    return {
      how: `mutated ${p}`,
      path: 'compose.yaml',
      text: mutate(r, read(p), YAML_INSERTS, 1 + r.int(8)),
    };
  }
  if (roll < 70) {
    const lines = [r.pick(DOCKER_LINES.slice(0, 6))];
    for (let n = r.int(16); n > 0; n--) lines.push(r.pick(DOCKER_LINES));
    const text = lines.join(r.next() < 0.2 ? '\r\n' : '\n') + (r.next() < 0.8 ? '\n' : '');
    return {
      how: 'generated Dockerfile',
      path: 'Dockerfile',
      text: r.next() < 0.5 ? mutate(r, text, DOCKER_INSERTS, 1 + r.int(4)) : text,
    };
  }
  if (roll < 82) {
    const text = r.pick(COMPOSE_DOCS) + (r.next() < 0.5 ? r.pick(COMPOSE_DOCS).replace(/^[^\n]*\n/, '') : '');
    return {
      how: 'generated Compose',
      path: 'compose.yaml',
      text: r.next() < 0.7 ? mutate(r, text, YAML_INSERTS, 1 + r.int(6)) : text,
    };
  }
  if (roll < 90) {
    // splice: the head of one file onto the tail of another, any kinds
    const all = [...seeds.dockerfiles, ...seeds.compose];
    const a = read(r.pick(all));
    const b = read(r.pick(all));
    const compose = r.next() < 0.5;
    return {
      how: 'splice',
      path: compose ? 'compose.yaml' : 'Dockerfile',
      text: a.slice(0, r.int(a.length + 1)) + b.slice(r.int(b.length + 1)),
    };
  }
  return {
    how: 'random text',
    path: r.next() < 0.5 ? 'compose.yaml' : 'Dockerfile',
    text: randomString(r, 300),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// one input's checks (throws an Error describing the first violation)

function checkInput(engine, input, r) {
  const { lintSource, applyEdits, parseDockerfile, parseCompose, config } = engine;
  const t0 = performance.now();
  const result = lintSource({ path: input.path, text: input.text }, config);
  const ms = performance.now() - t0;
  const len = input.text.length;
  let lines = 1;
  for (let i = 0; i < len; i++) if (input.text.charCodeAt(i) === 10) lines++;
  for (const f of result.findings) {
    if (f.message.startsWith('internal error')) throw new Error(`internal error in ${f.rule}: ${f.message}`);
    const s = f.span;
    if (!(s.start >= 0 && s.start <= s.end && s.end <= len))
      throw new Error(`${f.rule}: span ${s.start}-${s.end} outside the file (length ${len})`);
    if (!(f.line >= 1 && f.line <= f.endLine && f.endLine <= lines && f.column >= 1 && f.endColumn >= 1))
      throw new Error(
        `${f.rule}: position ${f.line}:${f.column}-${f.endLine}:${f.endColumn} outside the file (${lines} lines)`,
      );
    for (const e of f.fix?.edits ?? [])
      if (!(e.start >= 0 && e.start <= e.end && e.end <= len))
        throw new Error(`${f.rule}: fix edit ${e.start}-${e.end} outside the file (length ${len})`);
  }
  // fixes: one per input, chosen by the seed (each costs a re-lint)
  const fixable = result.findings.filter((f) => f.fix);
  const compose = result.kind === 'compose';
  const yamlErrors = (text) =>
    parseCompose('compose.yaml', text).problems.filter((p) => !p.message.startsWith('duplicate key')).length;
  const before = compose ? yamlErrors(input.text) : 0;
  for (let k = 0; k < Math.min(1, fixable.length); k++) {
    const f = fixable.splice(r.int(fixable.length), 1)[0];
    const fixed = applyEdits(input.text, [f], true).text;
    if (compose) {
      if (before === 0 && yamlErrors(fixed) > 0)
        throw new Error(`${f.rule} fix broke the YAML: ${JSON.stringify(fixed.slice(0, 500))}`);
    } else parseDockerfile('Dockerfile', fixed);
    const after = lintSource({ path: input.path, text: fixed }, config).findings;
    const count = (list) => list.filter((x) => x.rule === f.rule).length;
    if (count(after) >= count(result.findings))
      throw new Error(`${f.rule} fix did not clear its finding (${f.line}:${f.column} ${f.message})`);
  }
  return ms;
}

// ---------------------------------------------------------------------------------------------------------------

async function loadEngine() {
  const { initLint, lintSource, detectKind } = await import(join(dist, 'lint', 'engine.js'));
  const { applyEdits } = await import(join(dist, 'lint', 'fix.js'));
  const { parseDockerfile } = await import(join(dist, 'lint', 'dockerfile', 'model.js'));
  const { parseCompose } = await import(join(dist, 'lint', 'compose', 'model.js'));
  await initLint();
  const config = { rules: { shellcheck: { severity: 'off' } } };
  return { lintSource, detectKind, applyEdits, parseDockerfile, parseCompose, config };
}

function reader() {
  const cache = new Map();
  return (p) => {
    let t = cache.get(p);
    if (t === undefined) cache.set(p, (t = readFileSync(p, 'utf8')));
    return t;
  };
}

if (!isMainThread) {
  const { seed, n, workers, id, seeds, out, slowMs } = workerData;
  const engine = await loadEngine();
  const read = reader();
  const times = [];
  let done = 0;
  let lastReport = Date.now();
  for (let i = id; i < n; i += workers) {
    const input = makeInput(seed, i, seeds, read);
    let ms;
    try {
      ms = checkInput(engine, input, rng(seed ^ 0x5bd1e995, i));
    } catch (err) {
      const file = join(out, `crash-${seed}-${i}.txt`);
      writeFileSync(file, input.text);
      parentPort.postMessage({
        type: 'crash',
        index: i,
        how: input.how,
        path: input.path,
        file,
        error: String(err?.stack ?? err).slice(0, 2000),
      });
      ms = NaN;
    }
    if (ms > slowMs) {
      const file = join(out, `slow-${seed}-${i}.txt`);
      writeFileSync(file, input.text);
      parentPort.postMessage({ type: 'slow', index: i, how: input.how, ms, file });
    }
    if (!Number.isNaN(ms)) times.push(ms);
    done++;
    if (Date.now() - lastReport > 10_000) {
      parentPort.postMessage({ type: 'progress', done });
      done = 0;
      lastReport = Date.now();
    }
  }
  parentPort.postMessage({ type: 'progress', done });
  parentPort.postMessage({ type: 'times', times: Float64Array.from(times) });
} else {
  if (!existsSync(join(dist, 'lint', 'engine.js'))) {
    console.error('fuzz: build first (npm run build)');
    process.exit(2);
  }
  const n = Number(option('n', 'FUZZ_N', 1_000_000));
  const seed = Number(option('seed', 'FUZZ_SEED', 1)) >>> 0;
  const workers = Math.max(1, Number(option('workers', 'FUZZ_WORKERS', availableParallelism())));
  const slowMs = Number(option('slow-ms', 'FUZZ_SLOW_MS', 2000));
  const only = option('only', 'FUZZ_ONLY', undefined);
  const { detectKind } = await import(join(dist, 'lint', 'engine.js'));
  const seeds = seedFiles(detectKind);
  if (seeds.dockerfiles.length === 0 || seeds.compose.length === 0) {
    console.error('fuzz: no seed files (fixtures/ and ../shared/corpus)');
    process.exit(2);
  }

  if (only !== undefined) {
    const engine = await loadEngine();
    const input = makeInput(seed, Number(only), seeds, reader());
    console.log(`seed ${seed} index ${only}: ${input.how} as ${input.path}\n${JSON.stringify(input.text)}`);
    const ms = checkInput(engine, input, rng(seed ^ 0x5bd1e995, Number(only)));
    console.log(`ok in ${ms.toFixed(1)} ms`);
    process.exit(0);
  }

  const out = option('out', 'FUZZ_OUT', undefined) ?? mkdtempSync(join(tmpdir(), 'dockreview-fuzz-'));
  mkdirSync(out, { recursive: true });
  console.log(
    `fuzz: ${n} inputs, seed ${seed}, ${workers} workers, ${seeds.dockerfiles.length} Dockerfiles and ${seeds.compose.length} Compose files as seeds, inputs saved under ${out}`,
  );
  const started = Date.now();
  const crashes = [];
  const slow = [];
  const all = [];
  let done = 0;
  let lastPrint = Date.now();
  await Promise.all(
    Array.from(
      { length: workers },
      (_, id) =>
        new Promise((resolve, reject) => {
          const w = new Worker(fileURLToPath(import.meta.url), {
            workerData: { seed, n, workers, id, seeds, out, slowMs },
          });
          w.on('message', (m) => {
            if (m.type === 'crash') {
              crashes.push(m);
              console.log(
                `CRASH seed ${seed} index ${m.index} (${m.how}, as ${m.path}) saved to ${m.file}\n  ${m.error.split('\n').slice(0, 4).join('\n  ')}`,
              );
            } else if (m.type === 'slow') {
              slow.push(m);
              console.log(
                `SLOW seed ${seed} index ${m.index} (${m.how}): ${m.ms.toFixed(0)} ms, saved to ${m.file}`,
              );
            } else if (m.type === 'progress') {
              done += m.done;
              if (Date.now() - lastPrint > 60_000) {
                lastPrint = Date.now();
                const s = (Date.now() - started) / 1000;
                console.log(
                  `  ${done} inputs in ${s.toFixed(0)} s (${(done / s).toFixed(0)}/s), ${crashes.length} crashes, ${slow.length} over ${slowMs} ms`,
                );
              }
            } else if (m.type === 'times') all.push(m.times);
          });
          w.on('error', reject);
          w.on('exit', (code) =>
            code === 0 ? resolve() : reject(new Error(`worker ${id} exited with ${code}`)),
          );
        }),
    ),
  );
  const times = new Float64Array(all.reduce((s, t) => s + t.length, 0));
  let k = 0;
  for (const t of all) {
    times.set(t, k);
    k += t.length;
  }
  times.sort();
  const q = (p) => (times.length ? times[Math.min(times.length - 1, Math.floor(p * times.length))] : 0);
  const seconds = (Date.now() - started) / 1000;
  console.log(`\ninputs run:        ${done}`);
  console.log(
    `crashes:           ${crashes.length}${
      crashes.length
        ? ` (indexes ${crashes
            .slice(0, 20)
            .map((c) => c.index)
            .join(', ')}; re-run one with --seed ${seed} --only INDEX)`
        : ''
    }`,
  );
  console.log(`over ${slowMs} ms:      ${slow.length}`);
  console.log(
    `time per input:    median ${q(0.5).toFixed(2)} ms, p99 ${q(0.99).toFixed(2)} ms, p99.9 ${q(0.999).toFixed(2)} ms, max ${(times[times.length - 1] ?? 0).toFixed(2)} ms`,
  );
  console.log(
    `wall time:         ${seconds.toFixed(0)} s (${(done / seconds).toFixed(0)} inputs/s on ${workers} workers)`,
  );
  process.exit(crashes.length > 0 || slow.length > 0 || done !== n ? 1 : 0);
}
