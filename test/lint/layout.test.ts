/** The lint core's layout bars (issue 16): files stay small, and rules share helpers, never each other. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..', 'src');
const LINT = join(SRC, 'lint');
const RULES = join(LINT, 'rules');
const MAX_LINES = 450;

/** Every TypeScript file under `dir`, generated ones (they say so on their first line) left out. */
function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f))
    .filter((f) => !/^\/\/ Generated\b/.test(readFileSync(f, 'utf8')));
}

/** The relative module specifiers a file imports (static and dynamic). */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|import\(\s*)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
}

describe('src layout', () => {
  it(`keeps every hand-written file at ${MAX_LINES} lines or fewer`, () => {
    const long = sources(SRC)
      .map((f) => ({ f, lines: readFileSync(f, 'utf8').split('\n').length - 1 }))
      .filter((x) => x.lines > MAX_LINES);
    expect(long).toEqual([]);
  });
  it('has no rule file importing another rule file', () => {
    // a helper two rules need lives in a domain module (src/lint/dockerfile, packages, shell, …), not in a rule
    const offenders = sources(RULES)
      .filter((f) => dirname(f) !== RULES) // index.ts and registry.ts import the rules: that is their job
      .flatMap((f) => relativeImports(f).map((spec) => ({ f, target: resolve(dirname(f), spec) })))
      .filter(({ target }) => target.startsWith(RULES + '/'));
    expect(offenders).toEqual([]);
  });
  it('keeps each rule in the folder of the files it checks (rules/dockerfile, rules/compose, rules/any)', () => {
    const misplaced = sources(RULES)
      .filter((f) => dirname(f) !== RULES)
      .map((f) => ({
        f,
        folder: dirname(f).slice(RULES.length + 1),
        kind: /^ {2}kind: '([a-z]+)'/m.exec(readFileSync(f, 'utf8'))?.[1],
      }))
      .filter(({ folder, kind }) => folder !== kind);
    expect(misplaced).toEqual([]);
  });
});
