import { defineRule } from '../rule.js';
import { dockerignoreOf, wholeContextCopies } from './util.js';
import { code } from '../quote.js';

/** Copying the whole build context with no `.dockerignore` sends everything, secrets and `.git` included. */
export default defineRule({
  id: 'require-dockerignore',
  aliases: [],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: false,
  summary: 'The whole build context is copied and the context has no `.dockerignore`',
  why: 'Without a `.dockerignore`, `COPY . .` sends, and may bake into the image, everything in the folder: `.git` history, `.env` files with secrets, `node_modules` built for another platform, test data; builds get slower too.',
  check({ model, source, related, report }) {
    // only when the caller looked and found none: an unknown context says nothing
    if (dockerignoreOf(source.path, related) !== null) return;
    const first = wholeContextCopies(model)[0];
    if (!first) return;
    report({
      at: first.argsSpan ?? first.span,
      message: `${code(`${first.keyword} ${first.args.map((a) => a.value).join(' ')}`)} copies the whole build context, which has no \`.dockerignore\`: add one that excludes at least \`.git\`, \`.env*\` and dependency folders such as \`node_modules\`.`,
    });
  },
});
