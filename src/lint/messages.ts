/**
 * Clauses several rules' messages share, written once so that every rule says the same thing the same way. A rule
 * puts one in its `messages` templates (`${NO_FIX_AT_RUN_END}`), so the finding's text is unchanged by sharing.
 */

/** Why a cleanup a rule asks for at the end of a RUN comes without a fix. */
export const NO_FIX_AT_RUN_END =
  'no automatic fix: a trailing comment, operator or heredoc makes its end unsafe to edit';
