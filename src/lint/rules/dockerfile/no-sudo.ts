import type { Instruction } from '../../dockerfile/model.js';
import type { Word } from '../../shell/parser.js';
import { defineRule } from '../../rule.js';
import { isRootUser, stageChain, userOf } from '../../dockerfile/stages.js';
import { runCommands } from '../../dockerfile/run.js';
import { code } from '../../quote.js';

/** sudo options that change nothing when the build already runs as root. */
const HARMLESS = new Set([
  '-E',
  '-H',
  '-n',
  '-S',
  '-P',
  '--preserve-env',
  '--set-home',
  '--non-interactive',
  '--stdin',
  '--preserve-groups',
]);
/** Options whose value is harmless when it names root. */
const AS_ROOT = new Set(['-u', '--user', '-g', '--group']);
const ROOT_NAME = /^(root|#?0)$/;

/** `sudo` in a build: the build already runs as root unless a USER says otherwise, and sudo adds setuid binaries. */
export default defineRule({
  id: 'no-sudo',
  aliases: ['DL3004', 'CKV2_DOCKER_1', 'DS-0010'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: 'sugg',
  summary: '`sudo` in a `RUN`',
  why: '`RUN` already runs as root unless a `USER` switched away, so `sudo` only adds a setuid binary to the image, password prompts and TTY quirks; switch with `USER` instead.',
  check({ model, report }) {
    for (const { instruction, command } of runCommands(model)) {
      const name = command.name;
      if (!isSudo(name.value)) continue;
      // a root build running one command as another user: sudo lowers privileges here, which is not what this
      // rule is about (USER would switch the whole RUN, and the command may need root around it)
      if (dropsPrivileges(command.args) && buildUser(instruction) === null) continue;
      const plain = chainTarget(command.args);
      const user = plain ? buildUser(instruction) : null;
      const shown = code(['sudo', ...invocationWords(command.args)].join(' '));
      const message =
        !plain && command.args.length > 0
          ? `${shown} in a \`RUN\`: its options change the user or the session, so switch with a \`USER\` instruction around this \`RUN\` instead.`
          : plain && user !== null
            ? `${shown} in a \`RUN\` that runs as ${code(user)}: put \`USER root\` before this \`RUN\` (and switch back after) instead of shipping \`sudo\`.`
            : `${shown} in a \`RUN\`: the build already runs as root, so \`sudo\` is not needed.`;
      const canFix = plain !== null && user === null;
      report({
        at: { start: name.start, end: name.end },
        message,
        ...(canFix
          ? {
              fix: {
                description: 'remove `sudo`',
                edits: [{ start: name.start, end: plain.start, text: '' }],
              },
            }
          : {}),
      });
    }
  },
});

/** sudo's options that take the next word as their value. */
const VALUE_OPTIONS = new Set(['-u', '--user', '-g', '--group', '-C', '-D', '-h', '-p', '-r', '-t', '-U']);

/** sudo's own words up to the command it runs, for the message: `-u postgres psql`. */
function invocationWords(args: readonly Word[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length && out.length < 5; i++) {
    const v = args[i]!.value;
    out.push(v);
    if (VALUE_OPTIONS.has(v) && i + 1 < args.length) out.push(args[++i]!.value);
    else if (!v.startsWith('-')) break;
  }
  return out;
}

const isSudo = (v: string): boolean => v === 'sudo' || v.endsWith('/sudo');

/** `sudo sudo -E apt-get …`: the fix removes every sudo of the chain or none (one removed leaves the next). */
function chainTarget(args: readonly Word[]): Word | null {
  let rest = args;
  for (let guard = 0; guard < 16; guard++) {
    const target = plainTarget(rest);
    if (!target || !isSudo(target.value)) return target;
    rest = rest.slice(rest.indexOf(target) + 1);
  }
  return null;
}

/** Options that may come with `-u <user>` when sudo runs a command as that user: a login shell, the home. */
const WITH_USER = new Set(['-i', '-s', '--login', '--shell']);

/**
 * `sudo -u <non-root user> cmd`: sudo's options name a literal user other than root, and nothing else that
 * changes the session beyond a login shell, a home or the group.
 */
function dropsPrivileges(args: readonly Word[]): boolean {
  let user: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const v = word.value;
    if (word.dynamic) return false;
    if (v === '--' || !v.startsWith('-')) break;
    const eq = v.indexOf('=');
    let opt = eq > 0 ? v.slice(0, eq) : v;
    // `-iu app`, `-Hu app`: harmless short options clustered before the one that takes the user
    const cluster = /^-([A-Za-z]+)([ug])$/.exec(opt);
    if (cluster && [...cluster[1]!].every((c) => HARMLESS.has(`-${c}`) || WITH_USER.has(`-${c}`)))
      opt = `-${cluster[2]}`;
    if (opt === '-u' || opt === '--user' || opt === '-g' || opt === '--group') {
      const value = eq > 0 ? v.slice(eq + 1) : args[++i];
      const text = typeof value === 'string' ? value : value?.dynamic ? undefined : value?.value;
      if (text === undefined) return false;
      if (opt === '-u' || opt === '--user') user = text;
      continue;
    }
    if (HARMLESS.has(opt) || WITH_USER.has(opt)) continue;
    if (
      /^-[A-Za-z]{2,}$/.test(v) &&
      [...v.slice(1)].every((c) => HARMLESS.has(`-${c}`) || WITH_USER.has(`-${c}`))
    )
      continue;
    return false;
  }
  return user !== null && !ROOT_NAME.test(user);
}

/** The word naming the command sudo runs, when sudo's own options are harmless for a root build. */
function plainTarget(args: readonly Word[]): Word | null {
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const v = word.value;
    if (word.dynamic && v.startsWith('-')) return null;
    if (v === '--') return args[i + 1] ?? null;
    if (!v.startsWith('-')) return word;
    const eq = v.indexOf('=');
    const opt = eq > 0 ? v.slice(0, eq) : v;
    if (AS_ROOT.has(opt)) {
      const value = eq > 0 ? v.slice(eq + 1) : args[++i]?.value;
      if (value === undefined || !ROOT_NAME.test(value)) return null;
      continue;
    }
    if (HARMLESS.has(opt)) continue;
    // a cluster of harmless short options (`-EH`)
    if (/^-[A-Za-z]{2,}$/.test(v) && [...v.slice(1)].every((c) => HARMLESS.has(`-${c}`))) continue;
    return null;
  }
  return null;
}

/**
 * The non-root user a RUN runs as when a USER of its stage (or a stage it is built FROM) says so; null for root,
 * for an unknown user, and for ONBUILD triggers (their user is the child's).
 */
function buildUser(ins: Instruction): string | null {
  if (ins.onbuild || !ins.stage) return null;
  for (const stage of stageChain(ins.stage)) {
    const users = stage.instructions.filter(
      (i) => i.keyword === 'USER' && (stage !== ins.stage || i.span.start < ins.span.start),
    );
    const last = users[users.length - 1];
    if (!last) continue;
    const user = userOf(ins.model, last);
    return user === null || isRootUser(user) ? null : user;
  }
  return null;
}
