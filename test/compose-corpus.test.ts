/**
 * Real Compose files from public repositories (the shared corpus): every one must lint without throwing and without
 * an internal-error finding, and schema findings must stay rare — real files are almost always valid Compose.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { initLint, lintSource } from '../src/lint/engine.js';
import { applyEdits, fixSource } from '../src/lint/fix.js';
import { parseCompose } from '../src/lint/compose/model.js';
import { ALL_RULES } from '../src/lint/rules/index.js';
import type { Finding } from '../src/lint/types.js';

const dir = fileURLToPath(new URL('../../shared/corpus/compose/', import.meta.url));
const files = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => /\.ya?ml$/i.test(f))
      .sort()
  : [];
// every Compose rule on, the ones that are off by default included
const config = {
  rules: Object.fromEntries(
    ALL_RULES.filter((r) => r.kind === 'compose').map((r) => [
      r.id,
      { severity: r.severity === 'off' ? ('info' as const) : undefined },
    ]),
  ),
};

describe.skipIf(files.length === 0)(`compose corpus (${files.length} files in ${dir})`, () => {
  const results = new Map<string, Finding[]>();
  beforeAll(async () => {
    await initLint();
  });

  it.each(files)('%s', (name) => {
    const text = readFileSync(`${dir}${name}`, 'utf8');
    // `owner__repo__dir__compose.yaml` → the file's path in its repository, so name-based judgements apply
    const path = name.replace(/__/g, '/');
    const findings = lintSource({ path, text }, config, 'compose').findings;
    results.set(name, findings);
    expect(findings.filter((f) => f.message.startsWith('internal error'))).toEqual([]);
  });

  it.each(files)('fixes keep %s valid', (name) => {
    const text = readFileSync(`${dir}${name}`, 'utf8');
    const path = name.replace(/__/g, '/');
    const before = parseCompose(path, text);
    if (before.problems.length > 0) return; // nothing to keep valid
    const fixed = fixSource({ path, text }, config, { unsafe: true });
    const after = parseCompose(path, fixed.text);
    expect(after.problems).toEqual([]);
    // fixes change how things are written, and what they are told to change — never which services exist
    expect(after.services.map((s) => s.name).sort()).toEqual(before.services.map((s) => s.name).sort());
  });

  it.each(files)('each fix alone clears its finding in %s', (name) => {
    const path = name.replace(/__/g, '/');
    const text = readFileSync(`${dir}${name}`, 'utf8');
    const findings = lintSource({ path, text }, config, 'compose').findings;
    const count = (list: readonly Finding[], rule: string) => list.filter((x) => x.rule === rule).length;
    // findings that share one fix (a collection reordered once for all its keys) are checked once
    const distinct = new Map<string, Finding>();
    for (const f of findings) if (f.fix) distinct.set(`${f.rule} ${JSON.stringify(f.fix.edits)}`, f);
    const stuck = [...distinct.values()]
      .filter((f) => {
        // the finding's rule alone: rules run independently of one another, so its count is the same as with
        // every rule on, without the schema validation and the other rules each time
        const after = lintSource({ path, text: applyEdits(text, [f], true).text }, config, 'compose', [
          ALL_RULES.find((r) => r.id === f.rule)!,
        ]);
        return count(after.findings, f.rule) >= count(findings, f.rule);
      })
      .map((f) => `${f.line} ${f.rule}`);
    expect(stuck).toEqual([]);
  });

  it('schema findings stay rare on real files', () => {
    const schema = [...results].flatMap(([name, fs]) =>
      fs.filter((f) => f.rule === 'compose-schema').map((f) => `${name}:${f.line} ${f.message}`),
    );
    if (process.env.CORPUS_REPORT) {
      const counts = new Map<string, number>();
      for (const fs of results.values())
        for (const f of fs) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
      console.log(
        [...counts]
          .sort()
          .map(([r, n]) => `${r}: ${n}`)
          .join('\n'),
      );
      console.log(schema.join('\n'));
      const dump = process.env.CORPUS_REPORT;
      if (dump !== '1')
        for (const [name, fs] of results)
          for (const f of fs.filter((x) => x.rule === dump)) console.log(`${name}:${f.line} ${f.message}`);
    }
    // a handful of real mistakes is expected; dozens would mean the validation or its messages are wrong
    expect(schema.length).toBeLessThanOrEqual(Math.ceil(files.length / 20));
  });
});

if (files.length === 0) {
  describe('compose corpus', () => {
    it.skip(`skipped: no corpus at ${dir}`, () => {});
  });
}

// shapes real files rarely have but a pull request can: no rule may throw on them, and fixes must still apply
describe('odd Compose inputs', () => {
  beforeAll(async () => {
    await initLint();
  });
  const docs = [
    'services: {a: null}',
    'services: {a: [1, 2]}',
    'services:\n  a:\n    ports: [null, {}, [], 1, "::", ":", "a:b:c:d:e"]\n',
    'services:\n  a:\n    volumes: [1, null, {}, {type: bind}, ":", "::"]\n',
    'services:\n  a:\n    depends_on: {db: null, b: [], c: {condition: 1}}\n',
    'services:\n  a:\n    depends_on: [null, 1, {}]\n',
    'services:\n  a:\n    healthcheck: {test: [1, null], interval: 5}\n',
    'services:\n  a:\n    healthcheck: null\n  b:\n    healthcheck: [1]\n',
    'services:\n  a:\n    environment: [null, {a: 1}, "=x", "PASSWORD="]\n',
    'services:\n  a:\n    environment: {PASSWORD: [1], TOKEN: {a: 1}}\n',
    'services:\n  a:\n    cap_add: [null, {}]\n    security_opt: [null, 1]\n',
    'services:\n  a:\n    networks: {x: null}\n    secrets: [null, {source: 1}]\n    links: [null]\n    extends: {service: null}\n',
    '- a\n- b\n',
    '"just a string"\n',
    'services: []\n',
    'services:\n  ? [a, b]\n  : {image: x}\n',
    '---\nservices: {}\n---\nservices: {}\n',
    'services:\n  a:\n    <<: [*x]\n',
    'x: &x {depends_on: [b]}\nservices:\n  a:\n    <<: *x\n    image: i:1\n  b:\n    image: i:1\n    healthcheck: {test: ["CMD", "true"]}\n',
    'services:\n  a:\n    image: i:1\n    depends_on:\n    - b\n  b:\n    image: i:1\n    healthcheck: {test: ["CMD", "true"]}\n',
    'services:\n  a:\n    image: i:1\n    depends_on: &d\n      - b\n  b:\n    image: i:1\n    healthcheck: {test: ["CMD", "true"]}\n    depends_on: *d\n',
  ];

  it.each(docs)('%s', (text) => {
    const found = lintSource({ path: 'compose.yaml', text }, config, 'compose').findings;
    expect(found.filter((f) => f.message.startsWith('internal error')).map((f) => f.message)).toEqual([]);
    const fixed = fixSource({ path: 'compose.yaml', text }, config, { unsafe: true });
    expect(fixed.result.findings.filter((f) => f.message.startsWith('internal error'))).toEqual([]);
  });
});
