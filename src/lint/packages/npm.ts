/** What npm's command line means: the spellings of its subcommands. */

/** Every spelling npm accepts for `install` (its aliases and tolerated typos). */
export const NPM_INSTALL = new Set([
  'install',
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
