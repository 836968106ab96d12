/**
 * Typed rule options: each rule with options declares them in `schema` (its metadata), the config loader refuses
 * an unknown key or a value of the wrong type on its line, and the config file's JSON schema is generated from the
 * same declarations (scripts/gen-config-schema.mjs).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { applyConfigText, ConfigError, defaultConfig, type Config } from '../src/config/config.js';
import { ALL_RULES } from '../src/lint/rules/index.js';
import { ruleProperties } from '../scripts/gen-config-schema.mjs';

const CONFIG = '.github/dockreview.yml';
const load = (text: string): Config => applyConfigText(defaultConfig(), CONFIG, text);

function configError(text: string): ConfigError {
  try {
    load(text);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`no config error for:\n${text}`);
}

const FILE_SCHEMA = JSON.parse(
  readFileSync(new URL('../schema/dockreview.schema.json', import.meta.url), 'utf8'),
) as { properties: { rules: { properties: Record<string, unknown> } } };

describe('rule option schemas', () => {
  const withOptions = ALL_RULES.filter((r) => r.options !== undefined);

  it('the rules with options are the rules with a schema, and each default comes from it', () => {
    expect(withOptions.map((r) => r.id)).toEqual(ALL_RULES.filter((r) => r.schema).map((r) => r.id));
    expect(withOptions.length).toBeGreaterThanOrEqual(7);
    for (const rule of withOptions) {
      expect(Object.keys(rule.options!), rule.id).toEqual(Object.keys(rule.schema!));
      for (const [name, schema] of Object.entries(rule.schema!)) {
        expect(rule.options![name], `${rule.id}.${name}`).toBe(schema.default);
        expect(schema.description.length, `${rule.id}.${name} has no description`).toBeGreaterThan(10);
      }
    }
  });

  it('every default is valid for its own schema', () => {
    const require = createRequire(import.meta.url);
    const Ajv = (
      require('ajv') as { default: new (o: object) => { validate(s: object, d: unknown): boolean } }
    ).default;
    const ajv = new Ajv({ strict: false });
    for (const rule of withOptions) {
      for (const [name, schema] of Object.entries(rule.schema!)) {
        expect(ajv.validate(schema, schema.default), `${rule.id}.${name}`).toBe(true);
      }
    }
  });

  it('the config schema is generated from them (`npm run build && npm run gen:schema` writes it)', () => {
    expect(FILE_SCHEMA.properties.rules.properties).toEqual(ruleProperties(ALL_RULES));
    // an alias is the same entry as the id
    expect(FILE_SCHEMA.properties.rules.properties['DL3026']).toEqual({
      $ref: '#/properties/rules/properties/trusted-registries',
    });
  });
});

describe('options in dockreview.yml', () => {
  it('a mistyped option key is an error naming the key and its line, not a rule that finds nothing', () => {
    const e = configError('fail_on: error\nrules:\n  trusted-registries:\n    registires: [docker.io]\n');
    expect([e.line, e.detail]).toEqual([
      4,
      'unknown option `rules.trusted-registries.registires` (its options: `registries`)',
    ]);
  });

  it('the same through an alias, in flow style and in any letter case', () => {
    for (const key of ['DL3026', 'dl3026', 'Trusted-Registries']) {
      const e = configError(`rules:\n  ${key}: { severity: error, registires: [docker.io] }\n`);
      expect([e.line, e.detail]).toEqual([
        2,
        `unknown option \`rules.${key}.registires\` (its options: \`registries\`)`,
      ]);
    }
  });

  it('a value of the wrong type names the option and the type, on the value line', () => {
    const list = configError('rules:\n  trusted-registries:\n    registries: docker.io\n');
    expect([list.line, list.detail]).toEqual([3, '`rules.trusted-registries.registries` must be a list']);
    const item = configError('rules:\n  oci-labels:\n    required:\n      - a\n      - 3\n');
    expect([item.line, item.detail]).toEqual([5, '`rules.oci-labels.required.1` must be of type string']);
    const flag = configError('rules:\n  compose-security-opt: { requireNoNewPrivileges: "yes" }\n');
    expect(flag.detail).toBe('`rules.compose-security-opt.requireNoNewPrivileges` must be of type boolean');
    const choice = configError('rules:\n  compose-quote-ports:\n    quote: backtick\n');
    expect([choice.line, choice.detail]).toEqual([
      3,
      '`rules.compose-quote-ports.quote` must be one of `auto`, `single`, `double`',
    ]);
    // through an alias spelled in another case, the loader's own check says the same
    const lower = configError('rules:\n  dl3026:\n    registries: docker.io\n');
    expect([lower.line, lower.detail]).toEqual([3, '`rules.dl3026.registries` must be a list']);
  });

  it('a rule without options takes only a severity', () => {
    const e = configError('rules:\n  no-latest-tag:\n    severity: error\n    allow: [alpine]\n');
    expect([e.line, e.detail]).toEqual([
      4,
      'unknown option `rules.no-latest-tag.allow` (`no-latest-tag` takes no options, only `severity`)',
    ]);
  });

  it('options nested under `options:` are refused, saying where they go', () => {
    const e = configError('rules:\n  trusted-registries:\n    options:\n      registries: [ghcr.io]\n');
    expect([e.line, e.detail]).toEqual([
      3,
      'unknown option `rules.trusted-registries.options`: options go right under the rule, beside `severity`',
    ]);
  });

  it('well-typed options are read, and switch an off rule on at its configured severity', () => {
    const c = load(
      'rules:\n  trusted-registries: { registries: [ghcr.io/acme] }\n  DL3049: { strict: true }\n',
    );
    expect(c.rules['trusted-registries']).toEqual({
      severity: 'error',
      options: { registries: ['ghcr.io/acme'] },
    });
    expect(c.rules['label-schema']).toEqual({ severity: 'warning', options: { strict: true } });
  });
});
