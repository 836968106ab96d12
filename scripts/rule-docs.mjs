#!/usr/bin/env node
// Writes the header of every rule page (docs/rules/<id>.md) from the rule's metadata: aliases and the tools they
// come from, default severity, fix, options. The header sits between two HTML comments; the rest of the page is
// written by hand. Run `npm run build` first (the rules are read from dist/). `--check` fails when a page is stale;
// test/rule-docs.test.ts checks the same from the sources.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BEGIN =
  "<!-- header generated from the rule's metadata by scripts/rule-docs.mjs: edit the rule, not these lines -->";
export const END = '<!-- end of generated header -->';

/** The tool an alias comes from, by its shape; a new shape must be named here rather than shown without one. */
const TOOLS = [
  [/^DL\d+$/, 'hadolint'],
  [/^SC(\d+)?$/, 'ShellCheck'],
  [/^DS-\d+$/, 'Trivy'],
  [/^CKV2?_DOCKER_\d+$/, 'Checkov'],
  [/^DFL:/, 'dockerfilelint'],
  [/^DFU:/, 'dockerfile-utils'],
  [/^[A-Z][A-Za-z]+$/, 'BuildKit'],
  [/^dclint |^[a-z]+(?:-[a-z]+)+$/, 'dclint'],
  [/^[a-z0-9]+(?:_[a-z0-9]+)+$/, 'KICS'],
];

export function toolOf(alias) {
  const hit = TOOLS.find(([pattern]) => pattern.test(alias));
  if (!hit) throw new Error(`rule-docs: no tool known for the alias \`${alias}\`: add its shape to TOOLS`);
  return hit[1];
}

/** `a`, `b` (hadolint), `c` (Trivy): aliases in their order, each run of one tool's followed by its name. */
function aliasList(aliases) {
  if (aliases.length === 0) return 'none (dockreview only)';
  const runs = [];
  for (const alias of aliases) {
    const tool = toolOf(alias);
    const last = runs[runs.length - 1];
    if (last && last.tool === tool) last.aliases.push(alias);
    else runs.push({ tool, aliases: [alias] });
  }
  return runs.map((r) => `${r.aliases.map((a) => `\`${a}\``).join(', ')} (${r.tool})`).join(', ');
}

const FIX = { yes: 'yes', sugg: 'suggestion', false: 'none' };

function severityOf(rule) {
  const note = rule.severityNote ? ` (${rule.severityNote})` : '';
  if (rule.severity !== 'off') return `${rule.severity}${note}`;
  // options set in the config switch an off rule on (src/config/config.ts), at this severity
  if (Object.keys(rule.options ?? {}).length > 0)
    return `off (${rule.whenConfigured ?? 'warning'} once its options are set)${note}`;
  return `off${note}`;
}

/** One option as the header lists it: its name, and its type when the rule declares one. */
function optionOf(name, schema) {
  const type = schema ? typeName(schema) : undefined;
  return type ? `\`${name}\` (${type})` : `\`${name}\``;
}

/** A JSON-schema type as a reader says it. */
export function typeName(schema) {
  if (schema.enum) {
    const values = schema.enum.map((v) => `\`${v}\``);
    return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
  }
  if (schema.type === 'array') return `list of ${schema.items ? typeName(schema.items) : 'values'}s`;
  if (schema.type === 'object')
    return schema.additionalProperties ? `map to ${typeName(schema.additionalProperties)}` : 'map';
  return schema.type ?? 'value';
}

/** The header lines of a rule's page, markers included. */
export function renderHeader(rule) {
  const parts = [
    `**Aliases:** ${aliasList(rule.aliases)}`,
    `**Default severity:** ${severityOf(rule)}`,
    `**Fix:** ${FIX[String(rule.fixable)]}`,
  ];
  const names = Object.keys(rule.options ?? {});
  const options =
    names.length > 0
      ? `**Options:** ${names.map((n) => optionOf(n, rule.schema?.[n])).join(', ')} (see [Options](#options))`
      : '**Options:** none';
  return [BEGIN, '', `${parts.join(' · ')}`, '', options, '', END].join('\n');
}

/**
 * The page with its header brought up to date: the text between the markers replaced, or, on a page that has no
 * markers yet, the block put right below the title in place of the hand-written `**Aliases:**` line.
 */
export function withHeader(page, rule) {
  const header = renderHeader(rule);
  const begin = page.indexOf(BEGIN);
  const end = page.indexOf(END);
  if (begin >= 0 && end > begin) return page.slice(0, begin) + header + page.slice(end + END.length);
  const lines = page.split('\n');
  if (lines[0] !== `# ${rule.id}`)
    throw new Error(`rule-docs: ${rule.id}.md does not start with \`# ${rule.id}\``);
  const old = lines.findIndex((l, i) => i < 6 && /^\*\*(Aliases|Default severity):\*\*/.test(l));
  if (old >= 0) lines.splice(old, 1, header);
  else lines.splice(1, 0, '', header);
  return lines.join('\n');
}

async function main() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const built = join(root, 'dist', 'lint', 'rules', 'index.js');
  if (!existsSync(built)) {
    console.error('rule-docs: build first (npm run build)');
    process.exit(2);
  }
  const { ALL_RULES } = await import(built);
  const check = process.argv.includes('--check');
  const stale = [];
  for (const rule of ALL_RULES) {
    const path = join(root, 'docs', 'rules', `${rule.id}.md`);
    if (!existsSync(path)) {
      stale.push(`${rule.id}.md (missing)`);
      continue;
    }
    const page = readFileSync(path, 'utf8');
    const next = withHeader(page, rule);
    if (next === page) continue;
    stale.push(`${rule.id}.md`);
    if (!check) writeFileSync(path, next);
  }
  if (check && stale.length > 0) {
    console.error(
      `stale rule page headers: ${stale.join(', ')}; run \`npm run build && npm run docs:rules\``,
    );
    process.exit(1);
  }
  console.log(`rule-docs: ${check ? 'checked' : 'wrote'} ${ALL_RULES.length} pages, ${stale.length} changed`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
