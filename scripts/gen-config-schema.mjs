#!/usr/bin/env node
// Writes `rules.properties` of schema/dockreview.schema.json from the rules' option schemas (`schema` in a rule's
// metadata): one entry per id and alias of a rule with options, so an editor completes and checks them. The rest
// of the file is written by hand. Run `npm run build` first (the rules are read from dist/). `--check` fails when
// the file is stale; test/rule-options.test.ts checks the same from the sources.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** An option's JSON schema: the rule's own, less what only dockreview reads (`hostOnly` goes into the text). */
function optionSchema(option) {
  const { hostOnly, description, ...schema } = option;
  return {
    ...schema,
    description: hostOnly ? `${description} Not read from config files: set by ${hostOnly}.` : description,
  };
}

/** The `rules.properties` of the config schema: a severity, or an object of `severity` and the rule's options. */
export function ruleProperties(rules) {
  const out = {};
  for (const rule of [...rules].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (!rule.schema || Object.keys(rule.schema).length === 0) continue;
    const entry = {
      description: `${rule.summary} (docs/rules/${rule.id}.md)`,
      oneOf: [
        { $ref: '#/definitions/severity' },
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            severity: { $ref: '#/definitions/severity' },
            ...Object.fromEntries(Object.entries(rule.schema).map(([k, v]) => [k, optionSchema(v)])),
          },
        },
      ],
    };
    out[rule.id] = entry;
    // an alias stands for the id's entry (ids and aliases never share a spelling)
    for (const alias of rule.aliases) {
      // an alias shared by rules with options would need their options merged: none is, so refuse it until then
      if (Object.hasOwn(out, alias))
        throw new Error(`gen-config-schema: \`${alias}\` names two rules with options`);
      out[alias] = { $ref: `#/properties/rules/properties/${rule.id}` };
    }
  }
  return out;
}

async function main() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const built = join(root, 'dist', 'lint', 'rules', 'index.js');
  if (!existsSync(built)) {
    console.error('gen-config-schema: build first (npm run build)');
    process.exit(2);
  }
  const { ALL_RULES } = await import(built);
  const target = join(root, 'schema', 'dockreview.schema.json');
  const current = readFileSync(target, 'utf8');
  const schema = JSON.parse(current);
  schema.properties.rules.properties = ruleProperties(ALL_RULES);
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(target)) ?? {};
  const out = await prettier.format(JSON.stringify(schema, null, 2), { ...options, filepath: target });
  if (process.argv.includes('--check')) {
    if (out !== current) {
      console.error('schema/dockreview.schema.json is stale: run `npm run build && npm run gen:schema`');
      process.exit(1);
    }
    return;
  }
  writeFileSync(target, out);
  console.log(
    `schema/dockreview.schema.json: ${Object.keys(schema.properties.rules.properties).length} rule keys`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
