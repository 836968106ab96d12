/**
 * The plain shell reader over the real corpus (../shared/corpus/dockerfiles, read in place, never copied):
 * - every shell text a rule may parse (RUN bodies, shell-form CMD/ENTRYPOINT/HEALTHCHECK, `sh -c` scripts) that the
 *   reader takes gives tree-sitter's very tree;
 * - the files whose every such text is plain lint with tree-sitter never loaded, with every rule on, to the same
 *   findings as with it loaded: `shellTextsOf` misses no parse site (one it missed would reach tree-sitter, which
 *   throws while unloaded and shows as an internal-error finding, and counts in `shellParseCounts`).
 * The tests run in order: the first must run before anything loads tree-sitter in this file's module graph.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintFiles, lintSource, type FileResult, type LintItem } from '../src/lint/engine.js';
import { parseDockerfile } from '../src/lint/dockerfile/model.js';
import { needsShellParser, shellTextsOf } from '../src/lint/dockerfile/run-shell.js';
import { initShell, shellParseCounts, shellReady, treeSitterTree } from '../src/lint/shell/parser.js';
import { readPlain } from '../src/lint/shell/plain.js';
import type { SyntaxNode } from '../src/lint/shell/syntax-tree.js';
import { EVERY_RULE } from './helpers/every-rule.js';

const CORPUS = fileURLToPath(new URL('../../shared/corpus/dockerfiles/', import.meta.url));

function corpus(): { path: string; text: string }[] {
  // no silent skip: this test is the proof the fast path is sound, it must not pass without its corpus
  if (!existsSync(CORPUS)) throw new Error(`corpus not found at ${CORPUS}`);
  return readdirSync(CORPUS)
    .sort()
    .map((name) => ({
      path: name.split('__').slice(2).join('/'),
      text: readFileSync(join(CORPUS, name), 'utf8'),
    }));
}

const INTERNAL = 'internal error while checking this file';

describe('the plain shell reader over the corpus', () => {
  const files = corpus();
  const plainFiles = files.filter((f) => !needsShellParser(parseDockerfile(f.path, f.text)));
  const items = (list: typeof files): LintItem[] =>
    list.map((f) => ({ input: { path: f.path, text: f.text }, config: EVERY_RULE }));
  let lazy: FileResult[] = [];

  it('lints the plain files, every rule on, without loading tree-sitter', async () => {
    expect(files.length).toBeGreaterThan(200);
    expect(shellReady()).toBe(false);
    // the files exercise the parse sites: shell-form CMD/ENTRYPOINT and HEALTHCHECK as well as RUN
    const texts = plainFiles.flatMap((f) => shellTextsOf(parseDockerfile(f.path, f.text)));
    expect(texts.length).toBeGreaterThan(200);
    const before = { ...shellParseCounts };
    lazy = await lintFiles(items(plainFiles));
    expect(shellReady()).toBe(false);
    expect(shellParseCounts.treeSitter).toBe(before.treeSitter);
    expect(shellParseCounts.plain).toBeGreaterThan(before.plain);
    const internal = lazy.flatMap((r) => r.findings.filter((f) => f.message.startsWith(INTERNAL)));
    expect(internal).toEqual([]);
  }, 120_000);

  it('refuses, loudly, to lint a non-plain file with tree-sitter not loaded', () => {
    const other = files.find((f) => !plainFiles.includes(f))!;
    expect(() => lintSource({ path: other.path, text: other.text }, EVERY_RULE)).toThrow(
      /shell parser not initialised/,
    );
    expect(shellReady()).toBe(false);
  });

  it('loads tree-sitter for a batch holding a non-plain file, and the plain files lint the same', async () => {
    const other = files.find((f) => !plainFiles.includes(f))!;
    await lintFiles(items([other]));
    expect(shellReady()).toBe(true);
    expect(await lintFiles(items(plainFiles))).toEqual(lazy);
  }, 120_000);

  it('gives tree-sitter’s tree for every corpus script it takes', async () => {
    await initShell();
    let scripts = 0;
    let taken = 0;
    let redirected = 0;
    const hasRedirect = (n: SyntaxNode): boolean =>
      n.type === 'file_redirect' || n.children.some((c) => hasRedirect(c));
    for (const f of files) {
      for (const text of shellTextsOf(parseDockerfile(f.path, f.text))) {
        scripts++;
        const plain = readPlain(text);
        if (plain === null) continue;
        taken++;
        const ts = treeSitterTree(text);
        expect(ts.hasError, text).toBe(false);
        expect(ts.lost, text).toEqual([]);
        expect(plain, text).toEqual(ts.root);
        if (hasRedirect(plain)) redirected++;
      }
    }
    const rate = (n: number, of: number): string => `${n}/${of} (${((100 * n) / of).toFixed(1)} %)`;
    console.log(
      `plain reader: ${rate(taken, scripts)} corpus scripts (${redirected} with redirects), ${rate(plainFiles.length, files.length)} whole files without tree-sitter`,
    );
    // `echo … >> /etc/x.conf`, `> /dev/null`: real scripts with redirects are taken too
    expect(redirected).toBeGreaterThan(20);
    // the fast path is worth having: most real scripts are plain (a fall means the reader lost its subset)
    expect(taken / scripts).toBeGreaterThan(0.4);
    expect(plainFiles.length).toBeGreaterThan(20);
  }, 120_000);
});
