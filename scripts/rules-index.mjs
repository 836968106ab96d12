#!/usr/bin/env node
// Writes docs/rules/README.md, the rule index, from the rules' own metadata (run `npm run build` first).
// `--check` fails when the checked-in index is stale (CI runs it).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'lint', 'rules', 'index.js');
if (!existsSync(built)) {
  console.error('rules-index: build first (npm run build)');
  process.exit(2);
}
const { ALL_RULES } = await import(built);
const fix = { yes: 'yes', sugg: 'suggestion', false: '–' };
// an opening fence shown inline: a double-backtick code span, so the fence's own backticks show
const fence = (info) => `\`\` \`\`\`${info} \`\``;
const cell = (s) => String(s).replace(/\|/g, '\\|');
const rows = ALL_RULES.map(
  (r) =>
    `| [${r.id}](${r.id}.md) | ${r.aliases.map((a) => `\`${a}\``).join(', ') || '–'} | ${r.severity} | ${fix[String(r.fixable)]} | ${cell(r.summary)} |`,
);
const out = `# Rules

Generated from the rules' metadata by \`scripts/rules-index.mjs\`: do not edit by hand.

Each rule has a stable id; configuration and ignore pragmas accept the id or any alias (hadolint \`DL…\`, BuildKit
check names, Checkov \`CKV…\`, Trivy \`DS-…\`). **Fix**: \`yes\` is applied by \`dockreview lint --fix\`;
\`suggestion\` only by \`--fix-unsafe\` and as a one-click suggestion on a pull request, because it changes what is
installed or run.

## What a severity means

Severities are graded by what a finding means on a merge gate:

- \`error\`: the build breaks or misbehaves (an unknown instruction, a \`VOLUME\` that is not JSON, a duplicate host
  port, a reference Compose refuses), or a security hole with no legitimate use (TLS verification turned off, a
  credential written in the file). A review that could not look at everything (\`file-too-large\`,
  \`lint-time-budget\`) is an error too: it must not pass.
- \`warning\`: a real defect a reviewer would ask to fix before merging (a base image that floats, a stage name that
  does not exist, a shell-form \`CMD\` that swallows SIGTERM, a privileged service or the Docker socket, which have
  legitimate users but need a reason).
- \`info\`: advice (image size, caches, a clearer instruction, a running user by name).
- \`style\`: formatting (casing, quoting, the \`key=value\` form, how RUNs are split).
- \`off\`: runs only when the configuration turns it on.

By default only \`warning\` and above become review comments on a pull request; \`info\` and \`style\` findings show
in the check run and the CLI. A rule may grade one finding apart from its default (a secret value written in the
file, a value shaped like a real credential, ShellCheck's own levels); a severity set in the configuration wins over
both. \`bench/precision.mjs\` measures, on a labelled sample of real files, how many findings of each rule are worth
their severity.

| rule | aliases | default severity | fix | what it flags |
| --- | --- | --- | --- | --- |
${rows.join('\n')}

## Writing a rule page

A rule's page is \`docs/rules/<id>.md\`, with the sections \`## What it does\`, \`## Why is this bad?\`,
\`## Example\`, \`## Use instead\`, \`## Fix safety\` and \`## Options\`.

**The header is generated**: the lines between the two HTML comments under the title (aliases and their tools,
default severity, fix, option names and types) are written from the rule's metadata by \`npm run build && npm run
docs:rules\` (\`scripts/rule-docs.mjs\`), which also adds them to a new page that has only its \`# <id>\` title.
Edit the rule, not those lines: \`test/rule-docs.test.ts\` fails when a page's header is stale. Notes of your own
(why the severity is what it is) go below the block.

**Options and messages live in the rule's metadata.** A rule with options declares each in \`schema\` (its type,
default and a one-sentence description; \`defineRule\` derives the defaults): the config loader refuses any other
key, or a value of another type, with its line, and \`npm run gen:schema\` writes them into
\`schema/dockreview.schema.json\`. A rule that says several things names its messages in \`messages\` (templates
with \`{{name}}\` placeholders) and reports \`{ messageId, data }\`; its tests assert \`messageId\`. A clause
several rules share is a constant in \`src/lint/messages.ts\`.

**Examples are run** (\`test/rule-docs.test.ts\`): every linted block under \`## Example\` must be flagged by the
page's rule, and every one under \`## Use instead\` must not be. The words after the language in a block's opening
fence say what it is:

| fence | the block is |
| --- | --- |
| ${fence('dockerfile')}, or ${fence('yaml')} on a Compose rule's page | the file linted (\`Dockerfile\`, \`compose.yaml\`) |
| ${fence('dockerfile path=build/Dockerfile.dev')} | the file linted, at that path |
| ${fence('text file=.dockerignore')} | a file beside the linted ones of its section, as the rule reads it (\`.dockerignore\`, \`db/Dockerfile\`) |
| ${fence('yaml file=.github/dockreview.yml')} | the configuration the section is linted with: a rule's options, \`limits\` |
| ${fence('yaml nolint')} | shown only (a \`.hadolint.yaml\`, a command) |

Any other block in those two sections fails the test. The files a section gives are all there are: a related file
the rule would read that no block gives is absent (\`require-dockerignore\`'s example has no \`.dockerignore\`).
\`## Use instead\` keeps the example's files it does not give again (its configuration too), and when it has no
linted block of its own, the example's blocks are linted again with its files (a fixed \`.dockerignore\`).
`;
const target = join(root, 'docs', 'rules', 'README.md');
if (process.argv.includes('--check')) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== out) {
    console.error('docs/rules/README.md is stale: run `npm run build && npm run docs:index`');
    process.exit(1);
  }
  const missing = ALL_RULES.filter((r) => !existsSync(join(root, 'docs', 'rules', `${r.id}.md`))).map(
    (r) => r.id,
  );
  if (missing.length > 0) {
    console.error(`rules without a doc page: ${missing.join(', ')}`);
    process.exit(1);
  }
} else {
  writeFileSync(target, out);
  console.log(`docs/rules/README.md: ${ALL_RULES.length} rules`);
}
