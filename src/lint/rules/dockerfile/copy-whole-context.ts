import { defineRule } from '../../rule.js';
import { wholeContextCopies } from '../../dockerfile/copy.js';
import { code } from '../../quote.js';

/**
 * Every COPY/ADD of the whole build context, `.dockerignore` or not. Off by default: with a `.dockerignore` that
 * excludes what must not go in, `COPY . .` is the ordinary last step of a build, and the dangerous case (no
 * `.dockerignore` at all) is `require-dockerignore`'s. For teams that want hadolint's DL4007 on every such copy.
 */
export default defineRule({
  id: 'copy-whole-context',
  aliases: ['DL4007'],
  kind: 'dockerfile',
  severity: 'off',
  fixable: false,
  summary: '`COPY`/`ADD` of the whole build context (`.`, `./`, `*`)',
  why: 'A copy of the whole context puts everything the `.dockerignore` lets through into one layer, and any change to any file in the folder rebuilds that layer and every one after it; naming the files the image needs keeps both small.',
  check({ model, report }) {
    for (const ins of wholeContextCopies(model)) {
      const written = `${ins.keyword} ${ins.args.map((a) => a.value).join(' ')}`;
      report({
        at: ins.argsSpan ?? ins.span,
        message: `${code(written)} copies the whole build context: name the files and folders the image needs (manifests first, then sources), so that unrelated files stay out and do not rebuild this layer.`,
      });
    }
  },
});
