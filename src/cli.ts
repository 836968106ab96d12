/** Entry point of the `dockreview` binary. */
import { readFileSync } from 'node:fs';
import { main } from './cli/main.js';

const code = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
  cwd: process.cwd(),
  env: process.env,
  readStdin: () => readFileSync(0, 'utf8'),
});
process.exitCode = code;
