#!/usr/bin/env node
/**
 * How often dockreview agrees with hadolint's own rule tests: `node bench/hadolint-agreement.mjs <dir> [CODE…]`
 * (after `npm run build`), where <dir> holds hadolint's hspec files (`test/Hadolint/Rule/*Spec.hs` of a hadolint
 * checkout, `ShellcheckSpec.hs` and `PragmaSpec.hs` too if present). Nothing of hadolint is in this repository: the
 * files are read where they are, for a figure.
 *
 * A case is one assertion, counted as hadolint's helpers count it: `ruleCatches CODE text` (at least one finding of
 * CODE), `ruleCatchesNot` (none), `onBuildRuleCatches` (every RUN written as ONBUILD RUN: exactly one),
 * `onBuildRuleCatchesNot`, `assertChecks text (failsWith N CODE)` (exactly N), and `assertChecks text
 * failsShellcheck|passesShellcheck` (a ShellCheck finding or none). Each case is linted with its rule switched on
 * (`--rule CODE=warning`) and only the rules that answer to CODE; a test's `?config` (allowedRegistries,
 * labelSchema, strictLabels) becomes the `.hadolint.yaml` it stands for. A code with no dockreview rule is a
 * disagreement for every case. `--verbose` prints each disagreement with its Dockerfile.
 *
 * The reader understands the shapes hadolint's specs use (string literals with escapes and gaps, `Text.unlines` of
 * a list, `let` bindings of both); an assertion it cannot read is listed, not guessed.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const [dir, ...only] = args.filter((a) => a !== '--verbose');
if (!dir) {
  console.error(
    'usage: node bench/hadolint-agreement.mjs <dir with hadolint *Spec.hs files> [CODE…] [--verbose]',
  );
  process.exit(2);
}

// ---- reading hspec files ---------------------------------------------------------------------------------------
const ESCAPES = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  '"': '"',
  "'": "'",
  '&': '',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
};

/** Haskell tokens: string literals (escapes, `\NUL`, numeric escapes and `\ … \` gaps decoded), names, symbols. */
function tokenize(src) {
  const toks = [];
  let i = 0;
  let line = 1;
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (c === '-' && src[i + 1] === '-') while (i < src.length && src[i] !== '\n') i++;
    else if (c === '{' && src[i + 1] === '-') {
      const end = src.indexOf('-}', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      for (; i < stop; i++) if (src[i] === '\n') line++;
    } else if (c === '"') {
      const at = line;
      let s = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] !== '\\') {
          if (src[i] === '\n') line++;
          s += src[i++];
          continue;
        }
        const d = src[i + 1];
        if (d === ' ' || d === '\n' || d === '\t' || d === '\r') {
          // a string gap: backslash, white space, backslash
          i += 1;
          while (i < src.length && src[i] !== '\\') if (src[i++] === '\n') line++;
          i++;
        } else if (/[0-9]/.test(d)) {
          const digits = /^[0-9]+/.exec(src.slice(i + 1, i + 12))[0];
          s += String.fromCodePoint(Number(digits));
          i += 1 + digits.length;
        } else if (d === 'x') {
          const digits = /^[0-9a-fA-F]+/.exec(src.slice(i + 2, i + 12))[0];
          s += String.fromCodePoint(parseInt(digits, 16));
          i += 2 + digits.length;
        } else if (src.startsWith('NUL', i + 1)) {
          s += '\0';
          i += 4;
        } else if (src.startsWith('ESC', i + 1)) {
          s += '\x1b';
          i += 4;
        } else {
          s += ESCAPES[d] ?? d;
          i += 2;
        }
      }
      i++;
      toks.push({ t: 'str', v: s, line: at });
    } else if (/[A-Za-z_?]/.test(c)) {
      const word = /^[?A-Za-z_][A-Za-z0-9_'.]*/.exec(src.slice(i, i + 200))[0];
      toks.push({ t: 'id', v: word.replace(/\.$/, ''), line });
      i += word.length;
    } else {
      toks.push({ t: 'sym', v: c, line });
      i++;
    }
  }
  return toks;
}

const unlines = (lines) => lines.map((l) => `${l}\n`).join('');
const ASSERTIONS = new Set([
  'ruleCatches',
  'ruleCatchesNot',
  'onBuildRuleCatches',
  'onBuildRuleCatchesNot',
  'assertChecks',
  'assertOnBuildChecks',
]);
const STOPS = new Set(['let', 'describe', 'it', ...ASSERTIONS]);

/** A list literal of strings at toks[k] (`[ "a", "b" ]`): the strings and the index after it, or null. */
function stringList(toks, k) {
  if (toks[k]?.v !== '[') return null;
  const out = [];
  for (k++; toks[k] && toks[k].v !== ']'; k++) {
    if (toks[k].t === 'str') out.push(toks[k].v);
    else if (toks[k].v !== ',') return null;
  }
  return [out, k + 1];
}

/** The cases of one spec file, and the assertions it could not read. */
function readSpec(file, src) {
  const toks = tokenize(src);
  const binds = new Map(); // name → { text } | { lines }
  const cases = [];
  const unread = [];
  let config = '';
  // a text argument at toks[j]: a literal, `Text.unlines [..]`, `Text.unlines name`, or a bound name
  const textAt = (j) => {
    if (toks[j]?.v === '$') j++;
    if (toks[j]?.v === '(') j++;
    if (toks[j]?.t === 'str') return toks[j].v;
    if (toks[j]?.t === 'id' && /(^|\.)unlines$/.test(toks[j].v)) {
      j++;
      if (toks[j]?.v === '$') j++;
      const list = stringList(toks, j);
      if (list) return unlines(list[0]);
      const bound = binds.get(toks[j]?.v);
      return bound?.lines ? unlines(bound.lines) : null;
    }
    const bound = toks[j]?.t === 'id' ? binds.get(toks[j].v) : undefined;
    return bound?.text ?? null;
  };
  for (let k = 0; k < toks.length; k++) {
    const tok = toks[k];
    if (tok.t !== 'id') continue;
    if (tok.v === '?config' && toks[k + 1]?.v === '=') {
      const parts = [];
      for (let e = k + 2; e < toks.length && !(toks[e].t === 'id' && STOPS.has(toks[e].v)); e++)
        parts.push(toks[e].t === 'str' ? JSON.stringify(toks[e].v) : toks[e].v);
      config = parts.join(' ');
      continue;
    }
    if (toks[k + 1]?.v === '=' && toks[k + 2]?.v !== '=' && !ASSERTIONS.has(tok.v)) {
      const j = k + 2;
      if (toks[j]?.v === '[') {
        const list = stringList(toks, j);
        if (list) binds.set(tok.v, { lines: list[0] });
      } else {
        const text = textAt(j);
        if (text !== null) binds.set(tok.v, { text });
      }
      continue;
    }
    if (!ASSERTIONS.has(tok.v)) continue;
    const onbuild = tok.v.startsWith('onBuild') || tok.v === 'assertOnBuildChecks';
    if (tok.v === 'assertChecks' || tok.v === 'assertOnBuildChecks') {
      // assertChecks <text> failsShellcheck | passesShellcheck | (failsWith N "CODE")
      let j = k + 1;
      let depth = 0;
      const start = j;
      // the text argument ends where its parentheses close
      for (; j < toks.length; j++) {
        if (toks[j].v === '(') depth++;
        else if (toks[j].v === ')') depth--;
        if (depth === 0 && j > start && (toks[j].t !== 'sym' || toks[j].v === ')')) {
          if (toks[j].v === ')') j++;
          break;
        }
      }
      const text = textAt(start);
      if (toks[j]?.v === '(' && toks[j + 1]?.v === 'failsWith') {
        let n = '';
        let m = j + 2;
        for (; toks[m]?.t === 'sym' && /[0-9]/.test(toks[m].v); m++) n += toks[m].v;
        const code = toks[m]?.t === 'str' ? toks[m].v : null;
        if (text !== null && code && n)
          cases.push({ file, line: tok.line, code, text, config, onbuild, times: Number(n) });
        else unread.push(`${file}:${tok.line}`);
      } else if (/^(fails|passes)Shellcheck$/.test(toks[j]?.v ?? '') && text !== null) {
        cases.push({
          file,
          line: tok.line,
          code: 'SC',
          text,
          config,
          onbuild,
          want: toks[j].v.startsWith('fails'),
        });
      } else unread.push(`${file}:${tok.line}`);
      continue;
    }
    const codeTok = toks[k + 1];
    const code = codeTok?.t === 'str' ? codeTok.v : binds.get(codeTok?.v)?.text;
    const text = textAt(k + 2);
    if (!code || !/^(DL|SC)\d{4}$/.test(code) || text === null) {
      unread.push(`${file}:${tok.line}`);
      continue;
    }
    const not = tok.v.endsWith('Not');
    // hadolint's onBuildRuleCatches asks for exactly one finding, ruleCatches for at least one
    cases.push({
      file,
      line: tok.line,
      code,
      text,
      config,
      onbuild,
      ...(onbuild && !not ? { times: 1 } : { want: !not }),
    });
  }
  return { cases, unread };
}

const LABEL_TYPES = {
  RawText: 'text',
  Url: 'url',
  Rfc3339: 'rfc3339',
  Spdx: 'spdx',
  GitHash: 'hash',
  SemVer: 'semver',
  Email: 'email',
};

/** The `.hadolint.yaml` a test's `?config` stands for (registries, label schema, strict labels), or null. */
function hadolintYaml(config) {
  const lines = [];
  const registries = /allowedRegistries = (?:Set\.fromList )?\[([^\]]*)\]/.exec(config);
  if (registries)
    lines.push(
      `trustedRegistries: [${registries[1]
        .split(',')
        .map((s) => s.trim())
        .join(', ')}]`,
    );
  const schema = /labelSchema = Map\.fromList \[(.*?)\] ?(,|\}|$)/.exec(config);
  if (schema) {
    lines.push('label-schema:');
    for (const m of schema[1].matchAll(/\( ("[^"]*") , (?:Rule\.)?(\w+) \)/g))
      lines.push(`  ${m[1]}: ${LABEL_TYPES[m[2]] ?? 'text'}`);
  }
  if (/strictLabels = Just True/.test(config)) lines.push('strict-labels: true');
  return lines.length > 0 ? `${lines.join('\n')}\n` : null;
}

// ---- running them ----------------------------------------------------------------------------------------------
const specs = [];
const walk = (d) => {
  for (const name of readdirSync(d).sort()) {
    const path = join(d, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('Spec.hs')) specs.push(path);
  }
};
walk(dir);
const cases = [];
const unread = [];
for (const path of specs) {
  const read = readSpec(path.slice(dir.length + 1), readFileSync(path, 'utf8'));
  cases.push(...read.cases);
  unread.push(...read.unread);
}

const dist = join(root, 'dist');
const { initLint, lintSource } = await import(join(dist, 'lint', 'engine.js'));
const { defaultConfig, applyConfigText, setRuleSeverity } = await import(join(dist, 'config', 'config.js'));
const { lookupRuleId } = await import(join(dist, 'lint', 'rules', 'index.js'));
await initLint();

/** hadolint's onBuild helpers write every RUN instruction (only RUN) as ONBUILD RUN. */
function onbuild(text) {
  let continued = false;
  return text
    .split('\n')
    .map((line) => {
      const out = !continued && /^\s*RUN\b/i.test(line) ? line.replace(/^(\s*)/, '$1ONBUILD ') : line;
      continued = /\\\s*$/.test(line);
      return out;
    })
    .join('\n');
}

const perCode = new Map();
const disagreements = [];
for (const c of cases) {
  if (only.length > 0 && !only.includes(c.code)) continue;
  const id = c.code === 'SC' ? 'shellcheck' : c.code;
  const row = perCode.get(c.code) ?? { n: 0, ok: 0 };
  perCode.set(c.code, row);
  row.n++;
  const rules = lookupRuleId(id).rules;
  if (rules.length === 0) {
    disagreements.push({ ...c, why: 'no dockreview rule answers to this code' });
    continue;
  }
  let config = defaultConfig();
  const yaml = hadolintYaml(c.config);
  if (yaml) config = applyConfigText(config, '.hadolint.yaml', yaml, 'hadolint');
  setRuleSeverity(config, id, 'warning');
  const text = `${c.onbuild ? onbuild(c.text) : c.text}\n`;
  const findings = lintSource({ path: 'Dockerfile', text }, config, 'dockerfile', rules).findings;
  const hits = findings.filter((f) =>
    c.code === 'SC' ? f.rule === 'shellcheck' : f.aliases.some((a) => a.toUpperCase() === c.code),
  );
  const agree = c.times !== undefined ? hits.length === c.times : hits.length > 0 === c.want;
  if (agree) row.ok++;
  else disagreements.push({ ...c, got: hits.map((f) => `line ${f.line}: ${f.message}`) });
}

let n = 0;
let ok = 0;
let full = 0;
for (const [code, row] of [...perCode].sort()) {
  n += row.n;
  ok += row.ok;
  if (row.ok === row.n) full++;
  else console.log(`${code}: ${row.ok}/${row.n}`);
}
for (const d of disagreements) {
  const expected = d.times !== undefined ? `exactly ${d.times}` : d.want ? 'a finding' : 'no finding';
  console.log(
    `  ${d.file}:${d.line} ${d.code}: hadolint expects ${expected}, dockreview gives ${d.why ?? (d.got.length || 'none')}`,
  );
  if (verbose)
    console.log(`${d.text.replace(/^/gm, '    | ')}\n${(d.got ?? []).map((g) => `    > ${g}`).join('\n')}`);
}
for (const u of unread) console.log(`  not read (an assertion shape this reader does not know): ${u}`);
console.log(
  `\n${specs.length} spec files, ${n} cases: dockreview agrees on ${ok} (${((100 * ok) / Math.max(n, 1)).toFixed(1)} %); ${full} of ${perCode.size} codes agree on every case`,
);
