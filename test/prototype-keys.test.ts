/**
 * Words from a file or a config are looked up in tables and merged into objects: `constructor`, `__proto__`,
 * `toString` and the other names of Object.prototype's members must be read as the plain words they are. Each rule
 * that looked them up in an object literal has its own case in its rule test; this file sweeps every rule with
 * them, and checks that no YAML or JSON the app parses can reach Object.prototype through a `__proto__` key.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { applyConfigText, defaultConfig } from '../src/config/config.js';
import { ConfigError } from '../src/config/config-errors.js';
import { parseCompose } from '../src/lint/compose/model.js';
import { composeProject } from '../src/lint/compose/project.js';
import { initLint, lintSource } from '../src/lint/engine.js';
import { EVERY_RULE } from './helpers/every-rule.js';

const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

/** A Dockerfile that puts each name where a rule reads a word: tools, services, platforms, stages, labels, flags. */
function dockerfile(n: string): string {
  return [
    `FROM --platform=${n} alpine:3.20 AS a`,
    `FROM --platform=linux/${n} ${n}:10 AS ${n}`,
    `FROM --platform=${n}/amd64 alpine:3.20 AS b`,
    `FROM --platform=linux/arm/${n} example/${n}-arm64:1 AS c`,
    `RUN ${n} install x && ${n} remove x && ${n} update && sudo ${n} && env ${n} x`,
    `RUN service ${n} start && apt-get install -y ${n} && pip install ${n} && npm install ${n}`,
    `RUN --mount=type=cache,target=/${n} ${n} -y install ${n}`,
    `ONBUILD ${n} x`,
    `LABEL ${n}=1 org.opencontainers.image.${n}=2`,
    `ARG ${n}=1`,
    `ENV ${n}=2`,
    `COPY --from=${n} --${n}=1 ${n} /${n}/`,
    `COPY [[:${n}:]] /x/`,
    `USER ${n}`,
    `HEALTHCHECK CMD ${n}`,
    `CMD ${n} --${n}`,
    '',
  ].join('\n');
}

function compose(n: string): string {
  return [
    'x-base: &base',
    `  ${n}: {privileged: true}`,
    '  image: x:1',
    'services:',
    `  ${n}:`,
    '    <<: *base',
    `    image: ${n}:1`,
    `    depends_on: [${n}]`,
    `    networks: [${n}]`,
    `    volumes: ["${n}:/data"]`,
    `    secrets: [${n}]`,
    `    configs: [${n}]`,
    `    environment: [${n}=1, "${n}"]`,
    `    restart: ${n}`,
    `    user: ${n}`,
    `    network_mode: "service:${n}"`,
    '  other:',
    `    extends: ${n}`,
    `    ${n}: !reset {}`,
    `    depends_on: {${n}: {condition: service_healthy}}`,
    `    healthcheck: {${n}: 1}`,
    'volumes:',
    `  ${n}: {}`,
    'networks:',
    `  ${n}: {}`,
    '',
  ].join('\n');
}

/** What a function or an object turned into text looks like in a message. */
const LEAKED = /internal error|\[native code\]|\[object Object\]|function Object|undefined/;

let prototypeKeys: string[] = [];
beforeEach(() => {
  prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
});
afterEach(() => {
  // nothing parsed or merged reached the shared prototype
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  expect(({} as Record<string, unknown>).privileged).toBeUndefined();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

beforeAll(async () => {
  await initLint();
});

describe('every rule reads the names of Object.prototype members as plain words', () => {
  for (const n of NAMES) {
    it(`\`${n}\` in a Dockerfile and a Compose file`, () => {
      for (const [path, text] of [
        ['Dockerfile', dockerfile(n)],
        ['compose.yaml', compose(n)],
      ] as const) {
        const result = lintSource(
          { path, text, related: new Map([['.dockerignore', `[[:${n}:]]\n${n}\n`]]) },
          EVERY_RULE,
        );
        const leaked = result.findings.filter((f) => LEAKED.test(f.message));
        expect(leaked.map((f) => `${path}:${f.line} ${f.rule}: ${f.message}`)).toEqual([]);
        expect(result.findings.length).toBeGreaterThan(0);
      }
    });
  }
});

describe('a `__proto__` key in YAML or JSON is an own key, never a prototype', () => {
  it('the yaml package, with and without merge keys, in YAML 1.1 and 1.2', () => {
    const texts = [
      '__proto__: {polluted: 1}\n',
      '__proto__:\n  <<: {polluted: 1}\n',
      '<<: {__proto__: {polluted: 1}}\n',
      'a: &x {__proto__: {polluted: 1}}\nb: {<<: *x}\n',
    ];
    for (const text of texts) {
      for (const options of [{}, { merge: true }, { version: '1.1' as const }]) {
        const data = parseYaml(text, options) as Record<string, unknown>;
        expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
        for (const value of Object.values(data))
          if (value && typeof value === 'object') expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      }
    }
    const merged = parseYaml('<<: {__proto__: {polluted: 1}}\n', { merge: true }) as Record<string, unknown>;
    expect(Object.hasOwn(merged, '__proto__')).toBe(true);
    expect(merged.polluted).toBeUndefined();
  });

  it('JSON.parse (webhook payloads, exec-form arguments) keeps it an own key', () => {
    const data = JSON.parse('{"__proto__": {"polluted": 1}}') as Record<string, unknown>;
    expect(Object.hasOwn(data, '__proto__')).toBe(true);
    expect(data.polluted).toBeUndefined();
  });

  it('config files: a `__proto__` or `constructor` key is an unknown key, not a way in', () => {
    const cases: [string, string, RegExp][] = [
      [
        '.github/dockreview.yml',
        '__proto__: {fail_on: never}\nconstructor: 1\nrules:\n  __proto__: off\n  constructor: {severity: error}\n  toString: warning\n',
        /unknown key `__proto__`[\s\S]*unknown key `constructor`[\s\S]*unknown rule `__proto__`[\s\S]*unknown rule `constructor`[\s\S]*unknown rule `toString`/,
      ],
      ['.github/dockreview.yml', 'fail_on: constructor\n', /`fail_on` must be one of/],
      [
        '.hadolint.yaml',
        '__proto__: {no-fail: true}\noverride:\n  constructor: [DL3008]\nfailure-threshold: toString\n',
        /unknown key `__proto__`[\s\S]*unknown key `override.constructor`[\s\S]*`failure-threshold` must be one of/,
      ],
    ];
    for (const [path, text, problems] of cases) {
      let error: unknown;
      try {
        applyConfigText(defaultConfig(), path, text);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.detail).join('\n')).toMatch(problems);
    }
    // hadolint codes dockreview does not know are accepted (the file is valid hadolint config) and change nothing
    const config = applyConfigText(
      defaultConfig(),
      '.hadolint.yaml',
      'ignored: [constructor, __proto__, toString]\n',
    );
    expect(config.rules).toEqual(defaultConfig().rules);
    expect(Object.getPrototypeOf(config.rules)).toBe(Object.prototype);
  });

  it('Compose files: services, anchors and extends keep `__proto__` a key of the service', () => {
    const model = parseCompose('compose.yaml', compose('__proto__'));
    const project = composeProject(model, new Map());
    expect(model.services.map((s) => s.name)).toEqual(['__proto__', 'other']);
    for (const service of model.services) {
      expect(Object.getPrototypeOf(service.data)).toBe(Object.prototype);
      expect(service.data.privileged).toBeUndefined();
      const resolved = project.of(service).data;
      expect(Object.getPrototypeOf(resolved)).toBe(Object.prototype);
      expect(resolved.privileged).toBeUndefined();
    }
    const other = project.service('other')!.data;
    expect(Object.keys(other.depends_on as object)).toEqual(['__proto__']);
    expect(Object.hasOwn(other, '__proto__')).toBe(false);
  });
});
