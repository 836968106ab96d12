import { toolCommands } from '../../dockerfile/run.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/**
 * Whether a chmod mode lets everyone write: an octal mode whose "others" digit has the write bit, or a symbolic
 * clause for `o` or `a` that adds or sets `w`. A mode with the sticky bit (`1777`, `+t`) is the `/tmp` pattern,
 * where everyone may write but not delete each other's files: not reported.
 */
export function worldWritable(mode: string): boolean {
  if (/^[0-7]{3,4}$/.test(mode)) {
    const digits = mode.padStart(4, '0');
    const sticky = (Number(digits[0]) & 1) === 1;
    return !sticky && (Number(digits[3]) & 2) === 2;
  }
  if (mode.length > 64 || !/^[ugoa]*[-+=][rwxXst]*(,[ugoa]*[-+=][rwxXst]*)*$/.test(mode)) return false;
  let writable = false;
  let sticky = false;
  for (const clause of mode.split(',')) {
    const op = clause.search(/[-+=]/);
    const who = clause.slice(0, op);
    const perms = clause.slice(op + 1);
    if (clause[op] === '-') continue;
    if (perms.includes('t')) sticky = true;
    if (perms.includes('w') && (who.includes('o') || who.includes('a'))) writable = true;
  }
  return writable && !sticky;
}

/** `chmod 777`, `chmod -R o+w`: files any process in the container (or a mounted host user) may rewrite. */
export default defineRule({
  id: 'world-writable',
  aliases: [],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: false,
  summary: '`chmod` that makes files writable by everyone (`777`, `666`, `o+w`, `a+w`)',
  why: 'A world-writable file or directory can be rewritten by any user in the container: an unprivileged process, or one that was compromised, can change the application code or configuration that a privileged one later runs. Give ownership to the user that needs to write (`COPY --chown`, `chown`) instead.',
  check({ model, report }) {
    for (const { inv } of toolCommands(model, 'chmod')) {
      // the mode is the first argument that is not an option (`-R`, `--recursive`, `-v`)
      const mode = inv.args.find((w) => !w.value.startsWith('-') || /^-[rwxXst]/.test(w.value));
      if (!mode || !worldWritable(mode.value)) continue;
      report({
        at: { start: inv.toolWord.start, end: mode.end },
        message: `${code(`chmod ${mode.value}`)} lets every user in the container write there: give ownership to the user that needs to write (\`chown\`, \`COPY --chown\`) and keep the mode at \`755\`/\`644\` (or \`775\` for a shared group).`,
      });
    }
  },
});
