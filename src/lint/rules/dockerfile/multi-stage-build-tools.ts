import { defineRule } from '../../rule.js';
import type { Instruction } from '../../dockerfile/model.js';
import type { Word } from '../../shell/parser.js';
import { argsOf, type RunCommand, runCommands, subcommand } from '../../dockerfile/run.js';
import { code } from '../../quote.js';
import { fileRole } from '../../file-role.js';
import { imageShortName } from '../../dockerfile/image-ref.js';
import { rootStage } from '../../dockerfile/stages.js';
import { table } from '../../table.js';

/** Compilers, build drivers and toolchains, by package name (an optional version suffix like `gcc-12` allowed). */
const TOOLCHAIN =
  /^(?:gcc|g\+\+|gcc-c\+\+|clang|make|cmake|build-essential|build-base|alpine-sdk|rustc|cargo|rustup|rust|golang|golang-go|go)(?:-\d+(?:\.\d+)*)?$/;
/** Headers: `libpq-dev`, `python3-dev`, `openssl-devel`, `linux-headers`. */
const HEADERS = /^(?:.+-(?:dev|devel)|linux-headers(?:-.+)?|kernel-headers)$/;
const DEV_GROUP = /^@?(?:development[ -]tools|c-development|c development tools and libraries)$/i;

const INSTALL: Record<string, readonly string[]> = table({
  'apt-get': ['install'],
  apt: ['install'],
  apk: ['add'],
  yum: ['install'],
  dnf: ['install'],
  microdnf: ['install'],
});
const GROUP_INSTALL = new Set(['yum', 'dnf']);
const REMOVE: Record<string, readonly string[]> = table({
  'apt-get': ['remove', 'purge', 'autoremove'],
  apt: ['remove', 'purge', 'autoremove'],
  apk: ['del'],
  yum: ['remove', 'erase', 'autoremove'],
  dnf: ['remove', 'erase', 'autoremove'],
  microdnf: ['remove'],
});

/** The package name without apt/apk version pins or an apt architecture qualifier. */
function packageName(word: string): string {
  return word.replace(/[=<>~].*$/s, '').replace(/:[a-z0-9]+$/, '');
}

/** A compiler proper (or a meta-package that brings one): the package a reviewer names when a RUN installs several. */
const COMPILER =
  /^(?:gcc|g\+\+|gcc-c\+\+|clang|build-essential|build-base|alpine-sdk|rustc|cargo|rustup|rust|golang|golang-go|go)(?:-\d+(?:\.\d+)*)?$/;

/** Images that are a toolchain by design (`golang`, `gcc`, `buildpack-deps`, `*-devel`, `*-sdk`): one more compiler
 * package changes nothing about what ships. */
const SDK_IMAGES = new Set(['golang', 'gcc', 'buildpack-deps', 'rust', 'clang']);
const SDK_WORD = /(?:^|[-._/])(?:devel|sdk|dev)(?:$|[-._/])/;
/** Official images whose full variant is built FROM `buildpack-deps`, gcc and make included (not `-slim`, `-alpine`). */
const ON_BUILDPACK_DEPS = new Set(['python', 'node', 'ruby', 'perl']);

function isSdkImage(name: string, tag: string): boolean {
  const short = name.slice(name.lastIndexOf('/') + 1);
  if (SDK_IMAGES.has(short) || SDK_WORD.test(name) || SDK_WORD.test(tag)) return true;
  return ON_BUILDPACK_DEPS.has(short) && !/slim|alpine|windows|nanoserver/.test(tag);
}

function isBuildTool(name: string): boolean {
  return TOOLCHAIN.test(name) || HEADERS.test(name);
}

interface Installed {
  word: Word;
  name: string;
  /** apk `--virtual` group the package was added under. */
  group: string | undefined;
  command: RunCommand;
}

interface Removal {
  names: Set<string>;
  /** Offset of the removing command: it takes away what was installed before it. */
  after: number;
  /**
   * `apt-mark auto` before an autoremoving purge (`apt-get purge --auto-remove`, `apt-get autoremove`): the purge
   * also takes every package installed before the mark that nothing still needs, which is how build
   * dependencies are removed without naming them (`savedAptMark` … `apt-mark auto '.*'` … `purge --auto-remove`).
   * `since` is the mark's offset; `all` when it marks every package (a pattern or a variable).
   */
  marked?: { since: number; all: boolean };
}

/** Marks `apt-mark auto` commands set, per RUN instruction: names, or every package for a pattern. */
function autoMarks(
  commands: readonly RunCommand[],
): Map<Instruction, { at: number; names: Set<string>; all: boolean }[]> {
  const out = new Map<Instruction, { at: number; names: Set<string>; all: boolean }[]>();
  for (const c of commands) {
    if (c.inv.tool !== 'apt-mark') continue;
    const args = argsOf(c.inv);
    if (subcommand(args) !== 'auto' && subcommand(args) !== 'markauto') continue;
    const words = args.positionals.slice(1);
    const all = words.some((w) => w.dynamic || /[*?[\]^$]/.test(w.value));
    const list = out.get(c.instruction) ?? [];
    list.push({ at: c.command.start, names: new Set(words.map((w) => packageName(w.value))), all });
    out.set(c.instruction, list);
  }
  return out;
}

/** Names each removal command takes away (packages and apk virtual groups), per RUN instruction. */
function removals(commands: readonly RunCommand[]): Map<Instruction, Removal[]> {
  const marks = autoMarks(commands);
  const out = new Map<Instruction, Removal[]>();
  for (const c of commands) {
    const verbs = REMOVE[c.inv.tool];
    if (!verbs) continue;
    const args = argsOf(c.inv);
    const sub = subcommand(args) ?? '';
    if (!verbs.includes(sub)) continue;
    const names = new Set(args.positionals.slice(1).map((w) => packageName(w.value)));
    const removal: Removal = { names, after: c.command.start };
    const autoremoves = sub === 'autoremove' || args.has('--auto-remove', '--autoremove');
    if (autoremoves && (c.inv.tool === 'apt-get' || c.inv.tool === 'apt')) {
      for (const mark of marks.get(c.instruction) ?? []) {
        if (mark.at > c.command.start) continue;
        for (const n of mark.names) names.add(n);
        if (mark.all && (!removal.marked || mark.at < removal.marked.since))
          removal.marked = { since: mark.at, all: true };
      }
    }
    const list = out.get(c.instruction) ?? [];
    list.push(removal);
    out.set(c.instruction, list);
  }
  return out;
}

/** Compilers and headers in a single-stage image: everything used to build ships with the app. */
export default defineRule({
  id: 'multi-stage-build-tools',
  aliases: [],
  kind: 'dockerfile',
  severity: 'info',
  severityNote:
    'warning, once per RUN, for a toolchain never removed from a runtime base image (not an SDK or `-devel` one)',
  fixable: false,
  summary: 'Single-stage image installs compilers or headers',
  why: 'Compilers, headers and toolchains are needed to build, not to run: in a single-stage image they ship to production, adding hundreds of MB and tools an attacker can use; a builder stage keeps them out.',
  check({ model, source, report }) {
    // a Dockerfile with an earlier stage already has somewhere to build
    if (model.stages.length !== 1) return;
    const commands = runCommands(model);
    const removed = removals(commands);
    const installed: Installed[] = [];
    for (const command of commands) {
      const { tool } = command.inv;
      const verbs = INSTALL[tool];
      if (!verbs) continue;
      const args = argsOf(command.inv);
      const sub = subcommand(args) ?? '';
      const rest = args.positionals.slice(1);
      const group = tool === 'apk' ? args.value('-t', '--virtual') : undefined;
      if (verbs.includes(sub)) {
        for (const word of rest) {
          if (word.dynamic) continue;
          const name = packageName(word.value);
          if (isBuildTool(name)) installed.push({ word, name, group, command });
        }
      } else if (
        GROUP_INSTALL.has(tool) &&
        (sub === 'groupinstall' || (sub === 'group' && rest[0]?.value === 'install'))
      ) {
        for (const word of sub === 'group' ? rest.slice(1) : rest) {
          if (DEV_GROUP.test(word.value)) installed.push({ word, name: word.value, group, command });
        }
      }
    }
    // a warning where the image is meant to run, not to build: an SDK base already carries a compiler, and a test,
    // example or development file is not what ships; one per RUN, on its compiler if it has one (one comment says it)
    const root = rootStage(model.stages[0]!).resolvedImage;
    const runtimeImage =
      !root.dynamic &&
      !isSdkImage(root.name.toLowerCase(), (root.tag ?? '').toLowerCase()) &&
      imageShortName(root) !== 'scratch' &&
      fileRole(source.path, source.text) === null;
    const flagged: { found: Installed; laterRun: boolean }[] = [];
    for (const found of installed) {
      const { name, group, command } = found;
      const laterInRun = (removed.get(command.instruction) ?? []).some(
        (r) =>
          r.after > command.command.start &&
          (r.names.has(name) ||
            (group !== undefined && r.names.has(group)) ||
            (r.marked !== undefined && r.marked.since > command.command.start)),
      );
      if (laterInRun) continue; // installed and purged in one layer: nothing ships
      const laterRun = [...removed.entries()].some(
        ([ins, list]) =>
          ins !== command.instruction &&
          ins.span.start > command.instruction.span.start &&
          list.some((r) => r.names.has(name) || (group !== undefined && r.names.has(group))),
      );
      flagged.push({ found, laterRun });
    }
    const rank = (n: string): number =>
      COMPILER.test(n) || DEV_GROUP.test(n) ? 0 : TOOLCHAIN.test(n) ? 1 : 2;
    const lead = new Map<Instruction, Installed>();
    for (const { found, laterRun } of flagged) {
      if (!runtimeImage || laterRun) continue;
      const best = lead.get(found.command.instruction);
      if (!best || rank(found.name) < rank(best.name)) lead.set(found.command.instruction, found);
    }
    for (const { found, laterRun } of flagged) {
      const { word, name, command } = found;
      const severe = lead.get(command.instruction) === found;
      const where = command.instruction.onbuild ? ' (in an `ONBUILD` trigger)' : '';
      const kind = TOOLCHAIN.test(name) || DEV_GROUP.test(name) ? 'build tool' : 'development headers';
      const ships = laterRun
        ? `is removed only in a later \`RUN\`, so its layer still ships`
        : 'ships in the only stage of this image';
      report({
        at: { start: word.start, end: word.end },
        ...(severe ? { severity: 'warning' as const } : {}),
        message: `${code(word.value)} (${kind})${where} ${ships}: build in a separate builder stage and \`COPY --from\` only the artifacts into the final one.`,
      });
    }
  },
});
