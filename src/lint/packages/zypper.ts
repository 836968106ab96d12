/** zypper's sub-commands by what they do, for the rules that read zypper commands. */

/** Sub-commands that download packages (into `/var/cache/zypp`), long and short forms. */
export const ZYPPER_FETCHING: ReadonlySet<string> = new Set([
  'install',
  'in',
  'source-install',
  'si',
  'patch',
  'update',
  'up',
  'dist-upgrade',
  'dup',
]);

/** Sub-commands that ask for confirmation before changing the system: every fetching one, and removal. */
export const ZYPPER_PROMPTING: ReadonlySet<string> = new Set([...ZYPPER_FETCHING, 'remove', 'rm']);
