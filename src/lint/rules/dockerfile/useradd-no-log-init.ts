import { parseArgs, type ToolSpec } from '../../shell/args.js';
import { defineRule } from '../../rule.js';
import { insertAfter } from '../../dockerfile/edits.js';
import { resolveVars } from '../../dockerfile/vars.js';
import { toolCommands } from '../../dockerfile/run.js';
import { code } from '../../quote.js';

/** useradd's options that take a value (shadow-utils). */
const USERADD: ToolSpec = {
  valueFlags: [
    '-b',
    '--base-dir',
    '-c',
    '--comment',
    '-d',
    '--home-dir',
    '-e',
    '--expiredate',
    '-f',
    '--inactive',
    '-g',
    '--gid',
    '-G',
    '--groups',
    '-k',
    '--skel',
    '-K',
    '--key',
    '-p',
    '--password',
    '-R',
    '--root',
    '-P',
    '--prefix',
    '-s',
    '--shell',
    '-u',
    '--uid',
    '-Z',
    '--selinux-user',
  ],
};

/** hadolint's threshold: a UID of six digits or more. */
const LARGE_UID = 100000;

/** Bytes per UID in /var/log/lastlog (glibc on 64-bit Linux). */
const LASTLOG_RECORD = 292;

function size(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let n = bytes;
  let u = 0;
  while (n >= 1000 && u < units.length - 1) {
    n /= 1000;
    u++;
  }
  return `${n >= 100 || u === 0 ? Math.round(n) : n.toFixed(1)} ${units[u]}`;
}

/** `useradd -u <large uid>` writes a lastlog/faillog entry at an offset of uid × record size: a huge sparse file. */
export default defineRule({
  id: 'useradd-no-log-init',
  aliases: ['DL3046'],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: 'yes',
  summary: '`useradd -u <large uid>` without `-l` (`--no-log-init`)',
  why: 'Without `-l`, `useradd` writes a lastlog record at an offset proportional to the UID; with a large UID that sparse file grows to megabytes or gigabytes in the layer, because image layers do not keep files sparse.',
  check({ model, report }) {
    for (const { instruction, inv } of toolCommands(model, 'useradd')) {
      const args = parseArgs(inv.args, USERADD);
      if (args.has('-l', '--no-log-init')) continue;
      const uidFlag = args.flags.findLast((f) => f.name === '-u' || f.name === '--uid');
      if (!uidFlag?.value) continue;
      const uid = resolveVars(model, instruction, uidFlag.value);
      if (uid === null || !/^\d+$/.test(uid) || Number(uid) < LARGE_UID) continue;
      const via = uid === uidFlag.value ? '' : ` (${code(uidFlag.value)} is ${uid})`;
      report({
        at: { start: inv.toolWord.start, end: uidFlag.word.end },
        message: `\`useradd\` with UID ${uid}${via} and no \`-l\`: the lastlog record for that UID sits ${size(Number(uid) * LASTLOG_RECORD)} into a sparse file, which the layer stores in full.`,
        fix: { description: 'add `-l` (`--no-log-init`)', edits: [insertAfter(inv.toolWord, ' -l')] },
      });
    }
  },
});
