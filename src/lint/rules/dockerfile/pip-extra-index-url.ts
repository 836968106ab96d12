import { toolCommands } from '../../dockerfile/run.js';
import { varValue } from '../../dockerfile/vars.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

const FLAG = '--extra-index-url';

/**
 * `pip install --extra-index-url <private index>`: pip takes each package from whichever index has the highest
 * version, so anyone who publishes a package of the same name on PyPI wins (dependency confusion).
 */
export default defineRule({
  id: 'pip-extra-index-url',
  aliases: [],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: false,
  summary: '`pip install --extra-index-url` (or `PIP_EXTRA_INDEX_URL`): packages may come from either index',
  why: 'With an extra index pip picks, for each package, the highest version found on any index: a package published on PyPI under the name of a private one is installed instead of it (dependency confusion).',
  check({ model, report }) {
    for (const c of toolCommands(model, 'pip')) {
      const { inv } = c;
      if (inv.args[0]?.value !== 'install' && !inv.args.some((w) => w.value === 'install')) continue;
      const word = inv.args.find((w) => w.value === FLAG || w.value.startsWith(`${FLAG}=`));
      const prefix = c.command.assignments.find((a) => a.name === 'PIP_EXTRA_INDEX_URL' && a.value !== '');
      const env = word || prefix ? null : varValue(model, c.instruction, 'PIP_EXTRA_INDEX_URL');
      if (!word && !prefix && !env) continue;
      const how = word ? code(FLAG) : code('PIP_EXTRA_INDEX_URL');
      report({
        at: word
          ? { start: word.start, end: word.end }
          : { start: inv.toolWord.start, end: inv.toolWord.end },
        message: `${how} makes pip take each package from whichever index has the highest version, so a package of the same name published on PyPI can replace a private one (dependency confusion): use \`--index-url\` with a single index that proxies PyPI, or pin hashes (\`--require-hashes\`).`,
      });
    }
  },
});
