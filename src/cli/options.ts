/** What every command of the CLI shares: its I/O, its exit codes, argument parsing and the host's ShellCheck. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { hostShellcheckOptions, type HostShellcheckOptions } from '../config/host.js';

/** Everything a command touches of the process, so tests run it in-process. */
export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  cwd: string;
  env: Record<string, string | undefined>;
  readStdin: () => string;
}

export const EXIT = { clean: 0, findings: 1, usage: 2 } as const;

/** A mistake in the command line, shown as one line and exit code 2. */
export class UsageError extends Error {}

export function parse(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message} (try \`dockreview --help\`)`);
  }
}

/** `--shellcheck`, `--shellcheck-timeout` and their environment variables, checked before any work. */
export function hostOptions(values: Record<string, unknown>, io: Io): HostShellcheckOptions {
  return hostShellcheckOptions(io.env, {
    shellcheck: values.shellcheck as string | undefined,
    shellcheckTimeout: values['shellcheck-timeout'] as string | undefined,
  });
}
