/**
 * Settings that belong to the machine running dockreview, never to the repository being linted: which ShellCheck
 * executable runs and for how long. A pull request can edit the repository's config (and the Action runs on pull
 * requests, even under `pull_request_target`), so these come only from the command line or the environment, and
 * are applied after every config file, where nothing a repository writes can reach them.
 */
import { ConfigError, type Config } from './config.js';

/** The shellcheck rule's host-only options; absent ones keep the rule's defaults. */
export interface HostShellcheckOptions {
  shellcheckPath?: string;
  timeoutMs?: number;
}

export const SHELLCHECK_ENV = 'DOCKREVIEW_SHELLCHECK';
export const SHELLCHECK_TIMEOUT_ENV = 'DOCKREVIEW_SHELLCHECK_TIMEOUT_MS';

/** Node's timers take at most 2^31-1 ms; a larger timeout would fire at once. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * A host setting with a wrong value. A ConfigError (named by the flag or variable, with no line), so every entry
 * point already reports it as a usage or set-up error rather than a crash.
 */
export class HostSettingError extends ConfigError {
  constructor(source: string, detail: string) {
    super(source, null, detail);
    this.name = 'HostSettingError';
  }
}

/**
 * The options from the environment (`DOCKREVIEW_SHELLCHECK`, `DOCKREVIEW_SHELLCHECK_TIMEOUT_MS`), overridden by
 * the command line's `--shellcheck` / `--shellcheck-timeout` when given. An empty variable counts as unset (a
 * workflow's `${{ vars.X }}` that is not defined); an empty flag is an error. Throws HostSettingError.
 */
export function hostShellcheckOptions(
  env: Record<string, string | undefined>,
  flags: { shellcheck?: string; shellcheckTimeout?: string } = {},
): HostShellcheckOptions {
  const out: HostShellcheckOptions = {};
  const path = setting(flags.shellcheck, '--shellcheck', env, SHELLCHECK_ENV);
  if (path) {
    if (path.value === '' || path.value.includes('\0'))
      throw new HostSettingError(
        path.source,
        'must name the ShellCheck executable (a name on PATH or a path)',
      );
    out.shellcheckPath = path.value;
  }
  const timeout = setting(flags.shellcheckTimeout, '--shellcheck-timeout', env, SHELLCHECK_TIMEOUT_ENV);
  if (timeout) {
    const ms = /^[0-9]{1,10}$/.test(timeout.value.trim()) ? Number(timeout.value.trim()) : NaN;
    if (!(ms > 0 && ms <= MAX_TIMEOUT_MS))
      throw new HostSettingError(
        timeout.source,
        `must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, not \`${printable(timeout.value)}\``,
      );
    out.timeoutMs = ms;
  }
  return out;
}

/**
 * One host setting and where it came from (for the error that names it): the flag when given, even empty, else the
 * environment variable when set and not empty, else null.
 */
function setting(
  flag: string | undefined,
  flagName: string,
  env: Record<string, string | undefined>,
  variable: string,
): { source: string; value: string } | null {
  if (flag !== undefined) return { source: flagName, value: flag };
  const value = env[variable];
  return value ? { source: variable, value } : null;
}

/**
 * `config` with the host's ShellCheck options put into the shellcheck rule's options, last, so they win over
 * anything else. Its severity is left alone: telling dockreview where ShellCheck is does not turn the rule on.
 */
export function withHostOptions<C extends Pick<Config, 'rules'>>(config: C, host: HostShellcheckOptions): C {
  if (host.shellcheckPath === undefined && host.timeoutMs === undefined) return config;
  const current = config.rules.shellcheck;
  return {
    ...config,
    rules: {
      ...config.rules,
      shellcheck: { ...current, options: { ...current?.options, ...host } },
    },
  };
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** A value echoed in an error, without control characters (it may come from anywhere in the environment). */
function printable(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return shown.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
