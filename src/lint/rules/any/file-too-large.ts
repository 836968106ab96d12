import { defineRule } from '../../rule.js';

/** Enforced by the engine before parsing (src/lint/limits.ts): this is the finding's metadata. */
export default defineRule({
  id: 'file-too-large',
  aliases: [],
  kind: 'any',
  severity: 'error',
  fixable: false,
  summary: 'File over the size limit (`limits.max_file_size`, default 1 MiB), so it was not linted',
  why: 'A Dockerfile or Compose file of megabytes is generated or vendored, and linting it could stall the review of everything else; it gets this one finding instead of a review, so nobody mistakes it for a clean file.',
});
