/** The CLI's `main` run in-process on a working directory, its output captured (no terminal, no environment). */
import { main, type Io } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `dockreview lint <args>` in `cwd`; `stdin` is what `-` reads (none: reading it fails the test). */
export async function lintIn(cwd: string, args: string[], stdin?: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    isTTY: false,
    cwd,
    env: {},
    readStdin: () => {
      if (stdin === undefined) throw new Error('no standard input here');
      return stdin;
    },
  };
  const code = await main(['lint', ...args], io);
  return { code, stdout, stderr };
}
