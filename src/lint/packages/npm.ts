/**
 * What npm's command line means: the spellings of its subcommands (npm's own aliases and the typos it tolerates),
 * one list each, so that every rule reads `npm ic` or `npm add` the same way.
 */

/** `npm install` and its aliases. */
export const NPM_INSTALL: ReadonlySet<string> = new Set([
  'install',
  'add',
  'i',
  'in',
  'ins',
  'inst',
  'insta',
  'instal',
  'isnt',
  'isnta',
  'isntal',
  'isntall',
]);

/** `npm ci` and its aliases. */
export const NPM_CI: ReadonlySet<string> = new Set([
  'ci',
  'clean-install',
  'ic',
  'install-clean',
  'isntall-clean',
]);

/** `npm update` and its aliases. */
export const NPM_UPDATE: ReadonlySet<string> = new Set(['update', 'up', 'upgrade', 'udpate']);

/** Subcommands that download packages into npm's cache (`~/.npm/_cacache`). */
export const NPM_FETCHING: ReadonlySet<string> = new Set([...NPM_INSTALL, ...NPM_CI, ...NPM_UPDATE]);

/** Subcommands that run package scripts or binaries, which usually need devDependencies (a build, tests). */
export const NPM_RUNS_SCRIPTS: ReadonlySet<string> = new Set([
  'run',
  'run-script',
  'rum',
  'urn',
  'exec',
  'x',
  'test',
  't',
  'tst',
  'rebuild',
]);
