/**
 * The README's examples are run, not trusted: the `dockreview lint` output it shows is what the CLI prints for
 * that file today, and the `--fix-unsafe` result it shows is what the fix writes. A rule that changes either
 * fails here until the README says the same.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main, type Io } from '../src/cli/main.js';
import { EXAMPLE_FIXED_UNSAFE } from './helpers/example.js';

// no trailing slash, as process.cwd() gives it
const ROOT = resolve(fileURLToPath(new URL('../', import.meta.url)));
const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The body of the first fenced block that starts right after `marker`. */
function blockAfter(marker: string): string {
  const at = README.indexOf(marker);
  expect(at, `README.md has no ${JSON.stringify(marker)}`).toBeGreaterThanOrEqual(0);
  const open = README.indexOf('```', at + marker.length);
  const start = README.indexOf('\n', open) + 1;
  return README.slice(start, README.indexOf('\n```', start) + 1);
}

describe('README.md', () => {
  it('shows the output `dockreview lint fixtures/examples/Dockerfile` prints', async () => {
    const shown = blockAfter('Example, on [`fixtures/examples/Dockerfile`]');
    const [command, ...output] = shown.split('\n');
    expect(command).toBe('$ dockreview lint fixtures/examples/Dockerfile');
    let stdout = '';
    const io: Io = {
      stdout: (s) => (stdout += s),
      stderr: () => {},
      isTTY: false,
      cwd: ROOT,
      env: {},
      readStdin: () => '',
    };
    // --rule shellcheck=off: the example's findings must not depend on whether ShellCheck is installed
    await main(['lint', '--rule', 'shellcheck=off', 'fixtures/examples/Dockerfile'], io);
    expect(output.join('\n')).toBe(stdout);
  });

  it('shows what `--fix-unsafe` turns the example into', () => {
    expect(blockAfter('`dockreview lint --fix-unsafe` turns it into:')).toBe(EXAMPLE_FIXED_UNSAFE);
  });
});
