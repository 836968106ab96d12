/** Entry point of the `dockreview` binary. */
import { readFileSync } from 'node:fs';
import { main } from './cli/main.js';

// `dockreview lint | head`: once the reader is gone, the rest of the report has nowhere to go. Stop quietly, as
// command-line tools killed by SIGPIPE do, rather than with a stack trace (Node ignores SIGPIPE and reports EPIPE).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

// no top-level await: the committed bundle of this entry is CommonJS, so that bin/dockreview.js can keep V8's
// compiled code of it between runs on Node 20 (scripts/bundle.mjs)
void main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
  cwd: process.cwd(),
  env: process.env,
  readStdin: () => readFileSync(0, 'utf8'),
}).then((code) => {
  process.exitCode = code;
});
