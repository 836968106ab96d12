import { defineRule } from '../../rule.js';
import { subcommandCalls, toolCommands } from '../../dockerfile/run.js';
import { cacheMountCovers } from '../../dockerfile/mounts.js';
import { insertAfter } from '../../dockerfile/edits.js';
import { removesDir } from '../../packages/cleanup.js';
import { PACKAGE_CACHES } from '../../packages/caches.js';
import type { TextEdit } from '../../types.js';

/** Without `--no-cache`, apk keeps the package index it fetched in the layer. */
export default defineRule({
  id: 'apk-no-cache',
  aliases: ['DL3019', 'DS-0025'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: 'yes',
  summary: '`apk add` without `--no-cache`',
  why: '`apk add --no-cache` fetches the package index into memory and leaves nothing behind; without it the index (and with `--update`/`apk update` a fresh one) stays in `/var/cache/apk` in the layer.',
  check({ model, report }) {
    const deletes = toolCommands(model, 'rm', 'find').filter((c) => removesDir(c, PACKAGE_CACHES.apk));
    for (const { inv, instruction, command, args, sub: add } of subcommandCalls(model, { apk: ['add'] })) {
      // `rm -rf /var/cache/apk/*` (or a `find … -delete` there) later in the same RUN: the index never ships
      if (deletes.some((d) => d.instruction === instruction && d.command.index > command.index)) continue;
      // `--no-network` installs from what is already there and fetches no index
      if (args.has('--no-cache', '--no-network')) continue;
      if (cacheMountCovers(instruction, '/var/cache/apk') || cacheMountCovers(instruction, '/etc/apk/cache'))
        continue;
      // after a `--` (`apk -- add x`) every word is an operand: the flag must go before it
      const dd = inv.args.find((w) => w.raw === '--' && w.start < add.start);
      const edit: TextEdit = dd
        ? { start: dd.start, end: dd.start, text: '--no-cache ' }
        : insertAfter(add, ' --no-cache');
      report({
        at: { start: inv.toolWord.start, end: add.end },
        message:
          '`apk add` without `--no-cache` leaves the package index in `/var/cache/apk` inside the layer.',
        fix: { description: 'add `--no-cache`', edits: [edit] },
      });
    }
  },
});
