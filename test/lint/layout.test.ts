/** The lint core's layout bars (issue 16): files stay small, and rules share helpers, never each other. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const LINT = join(import.meta.dirname, '..', '..', 'src', 'lint');
const MAX_LINES = 450;

/** Every TypeScript file under `dir`, generated ones (they say so on their first line) left out. */
function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f))
    .filter((f) => !/^\/\/ Generated\b/.test(readFileSync(f, 'utf8')));
}

describe('src/lint layout', () => {
  it(`keeps every hand-written file at ${MAX_LINES} lines or fewer`, () => {
    const long = sources(LINT)
      .map((f) => ({ f, lines: readFileSync(f, 'utf8').split('\n').length - 1 }))
      .filter((x) => x.lines > MAX_LINES);
    expect(long).toEqual([]);
  });
  it('has no rule file importing another rule file', () => {
    const rules = join(LINT, 'rules');
    const offenders = sources(rules)
      .filter((f) => !f.endsWith('index.ts'))
      .filter((f) => /from '\.\/[^']+'/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
