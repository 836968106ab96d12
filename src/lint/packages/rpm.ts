/** yum, dnf and microdnf: subcommands that prompt or download, version pins, and the rule bodies the yum and dnf rules share. */
import { argsOf, toolCommands } from '../dockerfile/run.js';
import type { DockerfileModel } from '../dockerfile/model.js';
import { assumeYesFix } from '../dockerfile/edits.js';
import type { ParsedArgs } from '../shell/args.js';
import type { Word } from '../shell/parser.js';
import type { Report } from '../rule.js';
import { code } from '../quote.js';
import { reportUnpinned, unpinnedPackages } from './pins.js';

/**
 * An RPM package operand that names a version: `name-version[-release]` (the part after the last `-` starts with a
 * digit), a comparison written as one quoted word (`'pkg >= 1.2'`), an `.rpm` file or URL, or a `@group`/`@module`
 * (groups have no version; a module stream is judged as a module).
 */
export function rpmPinned(spec: string): boolean {
  if (spec.endsWith('.rpm') || spec.includes('/') || /[<>=]/.test(spec) || spec.startsWith('@')) return true;
  const dash = spec.lastIndexOf('-');
  return dash > 0 && /^[0-9][A-Za-z0-9.~^_:+*]*$/.test(spec.slice(dash + 1));
}

/** The packages and modules of `yum|dnf|microdnf install …` / `… module install …`; null for other subcommands. */
export function rpmInstallOperands(args: ParsedArgs): { packages: Word[]; modules: Word[] } | null {
  const [sub, second] = args.positionals;
  if (sub?.value === 'install') return { packages: args.positionals.slice(1), modules: [] };
  if (sub?.value === 'module' && second?.value === 'install')
    return { packages: [], modules: args.positionals.slice(2) };
  return null;
}

/** Per tool, the spellings of `distro-sync` it accepts. */
export const RPM_DISTRO_SYNC: Readonly<Record<'dnf' | 'yum' | 'microdnf', ReadonlySet<string>>> = {
  dnf: new Set(['distro-sync', 'dsync', 'distrosync', 'distribution-synchronization']),
  yum: new Set(['distro-sync', 'distribution-synchronization']),
  microdnf: new Set(['distro-sync']),
};

/** The subcommand a word names, an alias read as its command (`dsync` → `distro-sync`). */
function action(word: string): string {
  return RPM_DISTRO_SYNC.dnf.has(word) ? 'distro-sync' : word;
}

/** Subcommands that download packages (and metadata) into the cache. */
const RPM_FETCHING = new Set([
  'install',
  'groupinstall',
  'localinstall',
  'reinstall',
  'downgrade',
  'update',
  'upgrade',
  'update-minimal',
  'upgrade-minimal',
  'distro-sync',
  'groupupdate',
]);

/** Subcommands that ask "Is this ok [y/N]" before changing anything: every fetching one, and the removals. */
const RPM_PROMPTING = new Set([...RPM_FETCHING, 'remove', 'erase', 'autoremove', 'groupremove', 'swap']);
/** `group install x`, `module enable nodejs:20`…: the action is the second word. */
const RPM_GROUP_ACTIONS = new Set([
  'install',
  'remove',
  'update',
  'upgrade',
  'enable',
  'disable',
  'reset',
  'switch-to',
]);

/** The subcommand word of a yum/dnf/microdnf command that stops for confirmation; undefined for others. */
export function rpmPromptingSubcommand(args: ParsedArgs): Word | undefined {
  const [sub, second] = args.positionals;
  if (!sub) return undefined;
  if (RPM_PROMPTING.has(action(sub.value))) return sub;
  if ((sub.value === 'group' || sub.value === 'groups' || sub.value === 'module') && second)
    return RPM_GROUP_ACTIONS.has(second.value) ? sub : undefined;
  return undefined;
}

/** yum/dnf will not ask: `-y`, `--assumeyes`, `--assumeno`, `--setopt=assumeyes=1`. */
export function rpmAssumesYes(args: ParsedArgs): boolean {
  if (args.has('-y', '--assumeyes', '--assumeno')) return true;
  return args.flags.some(
    (f) => f.name === '--setopt' && /^assumeyes\s*=\s*(1|true|yes)$/i.test(f.value ?? ''),
  );
}

/** The yum/dnf/microdnf command downloads packages: `install`, `update`, `group install`, `module install`… */
export function rpmFetches(args: ParsedArgs): boolean {
  const [sub, second] = args.positionals;
  if (!sub) return false;
  if (RPM_FETCHING.has(action(sub.value))) return true;
  return (
    (sub.value === 'group' || sub.value === 'groups' || sub.value === 'module') &&
    ['install', 'update', 'upgrade'].includes(second?.value ?? '')
  );
}

/** The command fills the cache: it downloads packages, or only metadata (`makecache`). */
export function rpmFillsCache(args: ParsedArgs): boolean {
  return rpmFetches(args) || args.positionals[0]?.value === 'makecache';
}

/** `yum clean all` / `dnf clean all` / `microdnf clean all`. */
export function rpmCleansAll(args: ParsedArgs): boolean {
  return args.positionals[0]?.value === 'clean' && args.positionals.some((w) => w.value === 'all');
}

/** yum-pin-versions and dnf-pin-versions: `install pkg` and `module install mod` without a version or stream. */
export function checkRpmPins(model: DockerfileModel, report: (r: Report) => void, tools: string[]): void {
  for (const c of toolCommands(model, ...tools)) {
    const ops = rpmInstallOperands(argsOf(c.inv));
    if (!ops) continue;
    const tool = c.inv.tool;
    reportUnpinned(
      report,
      `${tool} install`,
      unpinnedPackages(c, ops.packages, rpmPinned),
      '`<package>-<version>`',
    );
    // a module is pinned by its stream: `nodejs:20`
    const streamPinned = (spec: string): boolean => spec.includes(':');
    reportUnpinned(
      report,
      `${tool} module install`,
      unpinnedPackages(c, ops.modules, streamPinned),
      '`<module>:<stream>`',
    );
  }
}

/** yum-assume-yes and dnf-assume-yes: a prompting command without `-y`, fixed by adding it. */
export function checkRpmAssumeYes(
  model: DockerfileModel,
  report: (r: Report) => void,
  tools: string[],
): void {
  for (const { inv, script } of toolCommands(model, ...tools)) {
    const args = argsOf(inv);
    const sub = rpmPromptingSubcommand(args);
    if (!sub || rpmAssumesYes(args)) continue;
    // `group install`, `module enable`: name both words
    const words = sub.value === 'group' || sub.value === 'groups' || sub.value === 'module' ? 2 : 1;
    const what = args.positionals
      .slice(0, words)
      .map((w) => w.value)
      .join(' ');
    report({
      at: { start: inv.toolWord.start, end: sub.end },
      message: `${code(`${inv.tool} ${what}`)} without \`-y\` stops at the confirmation prompt, which a build cannot answer.`,
      ...assumeYesFix(script, sub),
    });
  }
}
