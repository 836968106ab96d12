import { defineRule } from '../../rule.js';
import { argsOf, runCommands } from '../../dockerfile/run.js';
import { code } from '../../quote.js';

/** `useradd -p '*'`-style values lock the account instead of setting a password. */
const LOCKED = /^(\*|!+|x)$/;

/** A password set while building ends up in the image's `/etc/shadow` layer and in the Dockerfile itself. */
export default defineRule({
  id: 'no-chpasswd',
  aliases: ['CKV2_DOCKER_17'],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: false,
  summary: 'passwords set or removed in `RUN` (`chpasswd`, `useradd -p`, `passwd -d`)',
  why: 'A password set at build time is written into an image layer (and usually into the Dockerfile): everyone who can pull the image can read its hash, and every container shares it. Containers need no login passwords.',
  messages: {
    chpasswd:
      '`chpasswd` sets account passwords in the image: every container shares them and anyone with the image can read the hashes.',
    passwordFlag:
      "{{command}} bakes a password hash into the image: leave the account without a password (or lock it with `-p '*'`).",
    emptyPassword: '`passwd -d` leaves the account with an empty password: lock it with `passwd -l` instead.',
    passwdFromPipe: '`passwd` fed from a pipe sets a password in the image: every container shares it.',
  },
  check({ model, report }) {
    for (const { inv, command } of runCommands(model)) {
      const at = { start: inv.toolWord.start, end: command.end };
      const args = argsOf(inv);
      if (inv.tool === 'chpasswd') {
        report({
          at,
          messageId: 'chpasswd',
        });
      } else if (inv.tool === 'useradd' || inv.tool === 'usermod') {
        const flag = args.flags.find((f) => f.name === '-p' || f.name === '--password');
        // -p takes the next word; the generic grammar leaves it as the first positional
        const value = flag?.value ?? (flag ? args.positionals[0]?.value : undefined);
        if (!flag || (value !== undefined && LOCKED.test(value))) continue;
        report({
          at,
          aliases: [],
          messageId: 'passwordFlag',
          data: { command: code(`${inv.tool} ${flag.name}`) },
        });
      } else if (inv.tool === 'passwd') {
        const removes = args.has('-d', '--delete');
        const fromStdin = args.has('--stdin') || command.prevOp === '|';
        if (!removes && !fromStdin) continue;
        report({
          at,
          aliases: [],
          messageId: removes ? 'emptyPassword' : 'passwdFromPipe',
        });
      }
    }
  },
});
