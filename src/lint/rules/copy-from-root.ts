import { defineRule } from '../rule.js';
import { copyOperands, normalisePath } from './util.js';
import { code } from '../quote.js';

const isRoot = (path: string): boolean => normalisePath(path.replace(/^(["'])(.*)\1$/, '$2')) === '/';

/** `COPY --from=x / /` lays another stage's whole filesystem over this one. */
export default defineRule({
  id: 'copy-from-root',
  aliases: ['DL3067'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: false,
  summary: '`COPY --from=… / /` copies a whole filesystem',
  why: "Copying another stage's `/` onto `/` brings everything along (package caches, compilers, `/etc`, users) and overwrites this stage's files, which defeats the point of a multi-stage build; copy only the artifacts.",
  check({ model, report }) {
    for (const ins of model.each('COPY')) {
      const flag = ins.flag('from');
      if (!flag?.value || !ins.argsSpan) continue;
      const operands = copyOperands(ins);
      if (!operands || !isRoot(operands.dest)) continue;
      if (!operands.sources.some(isRoot)) continue;
      report({
        at: ins.argsSpan,
        message: `This ${code(`COPY --from=${flag.value}`)} copies the entire filesystem of ${code(flag.value)} onto \`/\`: copy only the files the image needs.`,
      });
    }
  },
});
