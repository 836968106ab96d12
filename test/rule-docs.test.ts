/**
 * Runs every rule page's examples (docs/rules/<id>.md): each linted block under `## Example` must be flagged by
 * the page's rule, and each under `## Use instead` must not be. The info string of a code fence says what the
 * block is; the syntax is documented for page writers in docs/rules/README.md (written by scripts/rules-index.mjs):
 *
 * - the first word is the language: `dockerfile`, or `yaml` on a Compose rule's page, is the file linted;
 * - `path=<p>`: the linted file's path (default `Dockerfile`, or `compose.yaml` on a Compose rule's page);
 * - `file=<p>`: not linted, a file beside the linted ones of its section (a `.dockerignore`, `db/Dockerfile`);
 *   `file=.github/dockreview.yml` is the configuration they are linted with (a rule's options, `limits`);
 * - `nolint`: shown only (a `.hadolint.yaml`, a command).
 *
 * Any other block in those two sections is an error here, so nothing on a page goes unchecked by accident. The
 * files a section gives are all the files there are: a related file the rule would read (the `.dockerignore`, a
 * built Dockerfile) that no block gives is absent. `## Use instead` keeps the `## Example` files it does not give
 * again, and when it has no linted block of its own it re-lints the example's blocks with its own files (a fixed
 * `.dockerignore`, a configuration that raises a limit). */
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyConfigText, defaultConfig } from '../src/config/config.js';
import { initLint, lintSource, type LintConfig } from '../src/lint/engine.js';
import { relatedPaths } from '../src/lint/related.js';
import type { Rule } from '../src/lint/rule.js';
import { ALL_RULES } from '../src/lint/rules/index.js';
import type { FileKind, Finding } from '../src/lint/types.js';
import { renderHeader, withHeader } from '../scripts/rule-docs.mjs';

const DOCS = new URL('../docs/rules/', import.meta.url);

interface Block {
  /** 1-based line of the opening fence, for messages. */
  line: number;
  lang: string;
  attrs: Map<string, string | true>;
  text: string;
}

interface Page {
  sections: Map<string, Block[]>;
}

/** `key=value`, `key='value with spaces'`, `key="…"` and bare `flag` words after the language. */
function parseInfo(info: string): { lang: string; attrs: Map<string, string | true> } {
  const attrs = new Map<string, string | true>();
  const words = /\s*([a-z-]+)(?:=(?:'([^']*)'|"([^"]*)"|(\S+)))?/gy;
  const lang = /^\S*/.exec(info)![0];
  words.lastIndex = lang.length;
  let m: RegExpExecArray | null;
  while (words.lastIndex < info.length && (m = words.exec(info)) !== null) {
    attrs.set(m[1]!, m[2] ?? m[3] ?? m[4] ?? true);
  }
  if (words.lastIndex < info.trimEnd().length) {
    throw new Error(`cannot read the fence's info string \`${info}\` past column ${words.lastIndex}`);
  }
  return { lang, attrs };
}

/** The code blocks of each `## ` section of a page. */
function parsePage(text: string): Page {
  const sections = new Map<string, Block[]>();
  let section = '';
  let open: { fence: string; block: Block; lines: string[] } | null = null;
  text.split('\n').forEach((line, i) => {
    if (open) {
      if (line.startsWith(open.fence) && line.slice(open.fence.length).trim() === '') {
        open.block.text = open.lines.length > 0 ? `${open.lines.join('\n')}\n` : '';
        sections.get(section)?.push(open.block);
        open = null;
      } else open.lines.push(line);
      return;
    }
    const fence = /^(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence) {
      const { lang, attrs } = parseInfo(fence[2]!.trim());
      open = { fence: fence[1]!, block: { line: i + 1, lang, attrs, text: '' }, lines: [] };
    } else if (line.startsWith('## ')) {
      section = line.slice(3).trim();
      sections.set(section, []);
    }
  });
  if (open) throw new Error('a code block is never closed');
  return { sections };
}

const KNOWN_ATTRS = new Set(['path', 'file', 'nolint']);

/** The configuration file of a section: read by the config loader, not passed to the rule as a related file. */
const CONFIG = '.github/dockreview.yml';

/**
 * Pages whose example cannot be a file: a finding that depends on the machine's speed is not reproducible, so
 * the page describes it in prose (its tests in test/limits.test.ts drive a fake clock).
 */
const PROSE_EXAMPLE = new Set(['lint-time-budget']);

/** The kind of file a block is linted as, or null when it is not linted (a related file, a `nolint` block). */
function lintedKind(rule: Rule, block: Block): FileKind | null {
  if (block.attrs.has('nolint') || block.attrs.has('file')) return null;
  // a limit rule (`any`) applies to both kinds of file
  const kind = rule.kind === 'any' ? null : rule.kind;
  if (block.lang === 'dockerfile' && (kind ?? 'dockerfile') === 'dockerfile') return 'dockerfile';
  if (block.lang === 'yaml' && (kind ?? 'compose') === 'compose') return 'compose';
  throw new Error(
    `line ${block.line}: a \`${block.lang || 'plain'}\` block is not a file this rule lints: mark it \`file=<path>\` or \`nolint\``,
  );
}

interface Case {
  block: Block;
  kind: FileKind;
  files: Map<string, string>;
}

/** A section's linted blocks, each with the files beside it (`base`, overridden by the section's own). */
function casesOf(
  rule: Rule,
  blocks: Block[],
  base: Map<string, string>,
): { cases: Case[]; files: Map<string, string> } {
  const files = new Map(base);
  for (const b of blocks) {
    for (const key of b.attrs.keys()) {
      if (!KNOWN_ATTRS.has(key)) throw new Error(`line ${b.line}: unknown fence attribute \`${key}\``);
    }
    const file = b.attrs.get('file');
    if (typeof file === 'string') files.set(file, b.text);
  }
  const cases = blocks.flatMap((block) => {
    const kind = lintedKind(rule, block);
    return kind === null ? [] : [{ block, kind, files }];
  });
  return { cases, files };
}

/** The config a section is linted with, through the real config loader: this rule on, every other one off. */
function configOf(rule: Rule, files: Map<string, string>): LintConfig {
  const text = files.get(CONFIG);
  const config = text === undefined ? defaultConfig() : applyConfigText(defaultConfig(), CONFIG, text);
  const severity = config.rules[rule.id]?.severity ?? rule.severity;
  if (severity === 'off')
    config.rules[rule.id] = { ...config.rules[rule.id], severity: rule.whenConfigured ?? 'warning' };
  for (const other of ALL_RULES) if (other !== rule) config.rules[other.id] = { severity: 'off' };
  return config;
}

function lint(rule: Rule, c: Case): Finding[] {
  const attr = c.block.attrs.get('path');
  const path = typeof attr === 'string' ? attr : c.kind === 'compose' ? 'compose.yaml' : 'Dockerfile';
  // the section's files are all there are: a related file nobody gave is absent, not unknown
  const related = new Map<string, string | null>(
    relatedPaths(path, c.kind, c.block.text).map((p) => [p, null]),
  );
  for (const [p, text] of c.files) if (p !== CONFIG) related.set(p, text);
  const result = lintSource({ path, text: c.block.text, related }, configOf(rule, c.files), c.kind, [rule]);
  return result.findings.filter((f) => f.rule === rule.id);
}

const describeFinding = (f: Finding): string => `${f.line}:${f.column} ${f.message}`;

const pages = readdirSync(DOCS)
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .map((f) => f.slice(0, -3));

describe('rule pages', () => {
  it('every rule has a page and every page a rule', () => {
    expect(pages.sort()).toEqual(ALL_RULES.map((r) => r.id).sort());
  });

  it.each(ALL_RULES.map((r) => [r.id, r] as const))(
    '%s: the header is the one its metadata gives (`npm run build && npm run docs:rules` writes it)',
    (id, rule) => {
      const page = readFileSync(new URL(`${id}.md`, DOCS), 'utf8');
      expect(page).toContain(renderHeader(rule));
      expect(withHeader(page, rule)).toBe(page);
    },
  );
});

describe('rule page examples', () => {
  beforeAll(async () => {
    await initLint();
  });

  for (const rule of ALL_RULES) {
    it(rule.id, () => {
      const page = parsePage(readFileSync(new URL(`${rule.id}.md`, DOCS), 'utf8'));
      const example = page.sections.get('Example') ?? [];
      const instead = page.sections.get('Use instead') ?? [];
      const { cases: flagged, files: exampleFiles } = casesOf(rule, example, new Map());
      if (PROSE_EXAMPLE.has(rule.id)) {
        expect(flagged, 'a page with a prose example has a linted block: take it off PROSE_EXAMPLE').toEqual(
          [],
        );
        return;
      }
      expect(flagged.length, 'the `## Example` section has no linted block').toBeGreaterThan(0);
      for (const c of flagged) {
        expect(lint(rule, c).length, `the example at line ${c.block.line} is not flagged`).toBeGreaterThan(0);
      }
      const { cases, files } = casesOf(rule, instead, exampleFiles);
      // no linted block of its own: the example again, with the files this section fixes
      const clean = cases.length > 0 ? cases : flagged.map((c) => ({ ...c, files }));
      expect(
        cases.length > 0 || instead.some((b) => b.attrs.has('file')),
        'the `## Use instead` section has no linted block and no file',
      ).toBe(true);
      for (const c of clean) {
        const what =
          cases.length > 0
            ? `the block at line ${c.block.line}`
            : `the example at line ${c.block.line}, with this section's files,`;
        expect(lint(rule, c).map(describeFinding), `${what} is flagged`).toEqual([]);
      }
    });
  }
});
