import { defineRule } from '../../rule.js';
import { copyOperands } from '../../dockerfile/copy.js';
import { dockerignoreMatcher, dockerignoreOf, dockerignoreRules } from '../../dockerfile/dockerignore.js';
import { code } from '../../quote.js';

/** A COPY of a file the context's `.dockerignore` leaves out fails the build (or silently copies nothing). */
export default defineRule({
  id: 'copy-ignored-file',
  aliases: ['CopyIgnoredFile'],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: false,
  summary: 'A `COPY`/`ADD` source that the build context’s `.dockerignore` excludes',
  why: 'Files excluded by `.dockerignore` never reach the builder: copying one fails with "not found" (or, with a wildcard, quietly copies nothing), usually far from where the exclusion was written.',
  check({ model, source, related, report }) {
    const ignore = dockerignoreOf(source.path, related);
    if (!ignore) return;
    // null past MAX_DOCKERIGNORE_WILDCARDS wildcard lines: every source against each is too much work to do here
    const ignored = dockerignoreMatcher(dockerignoreRules(ignore.text.split(/\r?\n/)));
    if (!ignored) return;
    for (const ins of model.each('COPY', 'ADD')) {
      // sources from another stage or image, and heredocs, are not the context
      if (ins.flag('from') || ins.heredocs.length > 0) continue;
      const ops = copyOperands(ins);
      if (!ops) continue;
      for (const src of ops.sources) {
        if (src.includes('$') || /^[a-z][a-z0-9+.-]*:\/\//i.test(src) || src.startsWith('git@')) continue;
        const path = src.replace(/^\.\/+/, '').replace(/(?<!\/)\/+$/, '');
        // the whole context (`.`) is never excluded as such; wildcards are judged by their literal prefix only
        if (!path || path === '.' || /[*?[]/.test(path)) continue;
        if (!ignored.excludes(path)) continue;
        const arg = ins.args.find((a) => a.value === src || a.value === `"${src}"`);
        report({
          at: arg?.span ?? ins.argsSpan ?? ins.span,
          message: `${code(src)} is excluded by ${code(ignore.path)}, so it never reaches the builder and this ${code(ins.keyword)} fails: remove the exclusion (or add ${code(`!${path}`)} after it) or stop copying it.`,
        });
      }
    }
  },
});
