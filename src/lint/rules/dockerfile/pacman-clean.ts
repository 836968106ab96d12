import { type RunCommand, thisRun } from '../../dockerfile/run.js';
import { appendToRun } from '../../dockerfile/edits.js';
import { PACKAGE_CACHES, removesDir, uncleanedInstalls } from '../../packages/cleanup.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/** The letters of pacman's `-S…` operation word (`-Syu` → `yu`), or null when the command has none. */
function syncLetters(c: RunCommand): string | null {
  for (const w of c.inv.args) {
    if (w.value === '--sync') return '';
    if (/^-S[A-Za-z]*$/.test(w.value)) return w.value.slice(2);
  }
  return null;
}

/** `pacman -S`, `-Sy`, `-Syu`, `-Sw`: downloads packages into the cache (not a query: `-Ss`, `-Si`, `-Sl`…). */
function fetches(c: RunCommand): boolean {
  if (c.inv.tool !== 'pacman') return false;
  const letters = syncLetters(c);
  return letters !== null && !/[csilgp]/.test(letters);
}

/** `pacman -Scc`/`-Sc` or an `rm` of the package cache. */
function cleans(c: RunCommand): boolean {
  if (c.inv.tool === 'rm' || c.inv.tool === 'find') return removesDir(c, PACKAGE_CACHES.pacman);
  const letters = c.inv.tool === 'pacman' ? syncLetters(c) : null;
  return letters !== null && letters.includes('c');
}

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
    for (const c of uncleanedInstalls(model, ['pacman', 'rm'], fetches, cleans, PACKAGE_CACHES.pacman)) {
      const ins = c.instruction;
      const op = c.inv.args.find((w) => w.value === '--sync' || /^-S[A-Za-z]*$/.test(w.value))!;
      const edit = appendToRun(ins, 'pacman -Scc --noconfirm');
      report({
        at: { start: c.inv.toolWord.start, end: op.end },
        message: `${code(`pacman ${op.value}`)} leaves the downloaded packages in the image: add \`pacman -Scc --noconfirm\` at the end of ${thisRun(ins)}.`,
        ...(edit
          ? { fix: { description: "empty pacman's package cache at the end of the RUN", edits: [edit] } }
          : {}),
      });
    }
  },
});
