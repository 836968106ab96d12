import type { TextEdit } from '../../types.js';
import { defineRule } from '../../rule.js';
import { argsOf, subcommand, toolCommands } from '../../dockerfile/run.js';
import { replaceWord } from '../../dockerfile/edits.js';
import { code } from '../../quote.js';

/** `apt` subcommands that `apt-get` has with the same meaning. */
const IN_APT_GET = new Set([
  'update',
  'upgrade',
  'install',
  'remove',
  'purge',
  'autoremove',
  'dist-upgrade',
  'source',
  'build-dep',
  'clean',
  'autoclean',
  'download',
  'changelog',
  'check',
  'satisfy',
]);
/** `apt` subcommands whose script-stable twin is in `apt-cache`. */
const IN_APT_CACHE = new Set(['search', 'show', 'policy', 'depends', 'rdepends', 'showsrc']);

/** `apt` is the interactive front end: its output and behaviour may change between releases. */
export default defineRule({
  id: 'use-apt-get',
  aliases: ['DL3027', 'CKV_DOCKER_9'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: 'yes',
  summary: '`apt` instead of `apt-get` / `apt-cache`',
  why: '`apt` is meant for people at a terminal: its command line is not promised to stay stable for scripts (it even warns so), while `apt-get` and `apt-cache` are.',
  messages: {
    useAptGet:
      '{{command}} uses the interactive front end: use {{replacement}}, whose command line is stable for scripts.',
    useAptCache:
      '{{command}} uses the interactive front end: use {{replacement}}, whose output is stable for scripts.',
    noTwin:
      '{{command}} uses the interactive front end, whose command line is not stable for scripts: use `apt-get`, `apt-cache` or `dpkg-query`.',
  },
  check({ model, report }) {
    for (const { inv } of toolCommands(model, 'apt')) {
      const sub = subcommand(argsOf(inv));
      const word = inv.toolWord;
      if (sub !== undefined && IN_APT_GET.has(sub)) {
        // keep a path prefix (`/usr/bin/apt`) as written
        const edit: TextEdit = word.raw.endsWith('apt')
          ? { start: word.end - 3, end: word.end, text: 'apt-get' }
          : replaceWord(word, 'apt-get');
        report({
          at: { start: word.start, end: word.end },
          messageId: 'useAptGet',
          data: { command: code(`apt ${sub}`), replacement: code(`apt-get ${sub}`) },
          fix: { description: 'use `apt-get`', edits: [edit] },
        });
        continue;
      }
      report({
        at: { start: word.start, end: word.end },
        ...(sub !== undefined && IN_APT_CACHE.has(sub)
          ? {
              messageId: 'useAptCache',
              data: { command: code(`apt ${sub}`), replacement: code(`apt-cache ${sub}`) },
            }
          : { messageId: 'noTwin', data: { command: `\`apt${sub ? ` ${sub}` : ''}\`` } }),
      });
    }
  },
});
