import { thisRun } from '../../dockerfile/run.js';
import { appendToRun } from '../../dockerfile/edits.js';
import { uncleanedInstalls } from '../../packages/cleanup.js';
import { CACHE_CLEANUPS } from '../../packages/caches.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/** pacman keeps every package it downloads in `/var/cache/pacman/pkg`. */
export default defineRule({
  id: 'pacman-clean',
  aliases: [],
  kind: 'dockerfile',
  severity: 'info',
  fixable: 'yes',
  summary: '`pacman -S` without `pacman -Scc` (or removing its package cache) in the same RUN',
  why: 'pacman keeps every package it downloads in `/var/cache/pacman/pkg`; unless the same RUN empties it, those archives are baked into the layer and shipped with every pull.',
  check({ model, report }) {
    const pacman = CACHE_CLEANUPS.pacman;
    for (const c of uncleanedInstalls(model, pacman)) {
      const ins = c.instruction;
      const op = c.inv.args.find((w) => w.value === '--sync' || /^-S[A-Za-z]*$/.test(w.value))!;
      const { clean, description } = pacman.fix();
      const edit = appendToRun(ins, clean);
      report({
        at: { start: c.inv.toolWord.start, end: op.end },
        message: `${code(`pacman ${op.value}`)} leaves the downloaded packages in the image: add ${code(clean)} at the end of ${thisRun(ins)}.`,
        ...(edit ? { fix: { description, edits: [edit] } } : {}),
      });
    }
  },
});
