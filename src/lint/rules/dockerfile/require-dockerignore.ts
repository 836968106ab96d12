import type { DockerfileModel } from '../../dockerfile/model.js';
import { defineRule } from '../../rule.js';
import { copyOperands, unquoteOperand, wholeContextCopies } from '../../dockerfile/copy.js';
import { dockerignoreOf } from '../../dockerfile/dockerignore.js';
import { code } from '../../quote.js';

/**
 * A COPY/ADD source that cannot be read from the Dockerfile's folder, so the build context must be another one
 * (a Compose `build.context: ..`, `docker build -f sub/Dockerfile .`): a `..` path, or a path that starts with
 * the Dockerfile's own folder as seen from an ancestor (`COPY docker/app/start.sh` in `docker/app/Dockerfile`).
 */
function contextElsewhere(model: DockerfileModel, path: string): boolean {
  const dir = path
    .replace(/\\/g, '/')
    .split('/')
    .slice(0, -1)
    .filter((p) => p !== '' && p !== '.');
  for (const ins of model.each('COPY', 'ADD')) {
    if (ins.flag('from') || ins.heredocs.length > 0) continue;
    for (const raw of copyOperands(ins)?.sources ?? []) {
      const src = unquoteOperand(raw);
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(src)) continue;
      const parts = src.split('/').filter((p) => p !== '' && p !== '.');
      if (parts[0] === '..') return true;
      // the source's leading folders are the trailing folders of the Dockerfile's own path
      for (let k = 0; k < dir.length; k++) {
        const tail = dir.slice(k);
        if (parts.length > tail.length && tail.every((p, i) => parts[i] === p)) return true;
      }
    }
  }
  return false;
}

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
    // the context is not the Dockerfile's folder: whether it has a `.dockerignore` is unknown
    if (contextElsewhere(model, source.path)) return;
    report({
      at: first.argsSpan ?? first.span,
      message: `${code(`${first.keyword} ${first.args.map((a) => a.value).join(' ')}`)} copies the whole build context, which has no \`.dockerignore\`: add one that excludes at least \`.git\`, \`.env*\` and dependency folders such as \`node_modules\`.`,
    });
  },
});
