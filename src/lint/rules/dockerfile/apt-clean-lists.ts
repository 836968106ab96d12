import { defineRule } from '../../rule.js';
import { argsOf, groupByRun, type RunCommand, subcommand, toolCommands } from '../../dockerfile/run.js';
import { appendToRun } from '../../dockerfile/edits.js';
import { cacheMountCovers } from '../../dockerfile/mounts.js';
import { inShippedImage, stageChain } from '../../dockerfile/stages.js';
import { globMatcher, normalisePath } from '../../paths.js';
import { removesDir } from '../../packages/cleanup.js';
import { code } from '../../quote.js';
import { NO_FIX_AT_RUN_END } from '../../messages.js';
import { fileRole, isBaseImageFile } from '../../file-role.js';

const LISTS = '/var/lib/apt/lists';

/** True when an `rm` argument deletes the apt lists (`/var/lib/apt/lists/*`, `/var/lib/apt/lists`, `/var/lib/apt`…). */
export function removesAptLists(arg: string): boolean {
  if (!arg.startsWith('/')) return false;
  const path = normalisePath(arg);
  // the directory itself or one of its parents
  if (LISTS === path || LISTS.startsWith(path === '/' ? '/' : `${path}/`)) return path.length > 1;
  // a glob over the lists' contents: `/var/lib/apt/lists/*`, `/var/lib/apt/lists/**`, `/var/lib/{apt,dpkg}/*`
  const isMatch = globMatcher(path);
  return isMatch(`${LISTS}/partial`) || isMatch(LISTS);
}

/**
 * True when the command deletes the apt lists: an `rm` of them, a `find` that deletes them
 * (`find /var/lib/apt/lists -type f -delete`), or `apt-get distclean` (apt ≥ 2.7).
 */
function cleansLists(c: RunCommand): boolean {
  const { inv } = c;
  if (inv.tool === 'find') return removesDir(c, [LISTS]);
  if (inv.tool === 'rm')
    return argsOf(inv).positionals.some((w) => removesAptLists(w.value)) || removesDir(c, [LISTS]);
  if (inv.tool === 'apt-get' || inv.tool === 'apt') {
    const sub = subcommand(argsOf(inv));
    return sub === 'distclean' || sub === 'dist-clean';
  }
  return false;
}

/** apt's hook that deletes downloaded `.deb` files after each install; Docker's Debian and Ubuntu images ship it. */
const DOCKER_CLEAN = '/etc/apt/apt.conf.d/docker-clean';

/** The command deletes `docker-clean` (to keep the `.deb` files in a cache mount). */
function removesDockerClean(c: RunCommand): boolean {
  return (
    c.inv.tool === 'rm' && argsOf(c.inv).positionals.some((w) => normalisePath(w.value) === DOCKER_CLEAN)
  );
}

/**
 * `docker-clean` is gone for this RUN: deleted earlier in it, or by a RUN that ran before it in the build of its
 * stage or of a stage it is built FROM. Without the hook, `apt-get install` leaves every `.deb` it downloads in
 * `/var/cache/apt/archives`. An ONBUILD trigger runs in the child build: after every RUN of this image, and after
 * the triggers registered before it; a parent stage's triggers ran when the stage built FROM it started.
 */
function dockerCleanRemoved(
  ins: RunCommand['instruction'],
  before: number,
  rms: readonly RunCommand[],
): boolean {
  const host = ins.onbuild ?? ins;
  const chain = host.stage ? stageChain(host.stage) : [];
  return rms.some((c) => {
    if (!removesDockerClean(c)) return false;
    if (c.instruction === ins) return c.command.index < before;
    const other = c.instruction.onbuild ?? c.instruction;
    if (other.stage === null || !chain.includes(other.stage)) return false;
    const earlier = other.span.start < host.span.start;
    if (!c.instruction.onbuild) return ins.onbuild !== null || earlier;
    if (other.stage !== host.stage) return true;
    return ins.onbuild !== null && earlier;
  });
}

/** The tools whose `update` downloads apt's package lists. */
const APT_TOOLS = ['apt-get', 'apt', 'aptitude'];

/** Package lists downloaded by `apt-get update` are never used again once the image is built. */
export default defineRule({
  id: 'apt-clean-lists',
  aliases: ['DL3009', 'DFL:apt-get_missing_rm'],
  kind: 'dockerfile',
  severity: 'info',
  severityNote:
    'warning in the last stage of a file that is not a base image, a test, an example or a development setup',
  fixable: 'yes',
  summary: '`apt-get update` without `rm -rf /var/lib/apt/lists/*` in the same RUN',
  why: '`apt-get update` downloads package lists (often 20–50 MB) that stay in the image layer unless the same RUN deletes them; `apt-get clean` does not remove them.',
  messages: {
    fixable:
      '{{command}} leaves the package lists in the image: add `rm -rf /var/lib/apt/lists/*` at the end of {{where}}.',
    unsafeEnd: `{{command}} leaves the package lists in the image: delete \`/var/lib/apt/lists/*\` at the end of {{where}} (${NO_FIX_AT_RUN_END}).`,
    debsKept:
      '{{command}} leaves the downloaded `.deb` files in the image: `docker-clean` was removed, which deletes them after each install, and `/var/cache/apt` is not a cache mount. Add `--mount=type=cache,target=/var/cache/apt` to this RUN.',
  },
  check({ model, source, report }) {
    const cmds = toolCommands(model, ...APT_TOOLS, 'rm', 'find');
    // the lists are a defect to fix in the image that is run: the last stage of a file that builds one; a stage
    // or a `*.base` file that others are built FROM is judged where they are (they may copy out what they need)
    const last = model.stages[model.stages.length - 1];
    const runtime = !isBaseImageFile(source.path) && fileRole(source.path, source.text) === null;
    const rms = cmds.filter((c) => c.inv.tool === 'rm');
    const byRun = groupByRun(cmds);
    for (const [ins, list] of byRun) {
      const updates = list.filter(
        (c) => APT_TOOLS.includes(c.inv.tool) && subcommand(argsOf(c.inv)) === 'update',
      );
      if (updates.length === 0) continue;
      if (!inShippedImage(ins)) continue;
      if (cacheMountCovers(ins, LISTS)) {
        // the lists stay out of the layer; the archives too, unless docker-clean was removed without a cache mount
        // on /var/cache/apt to catch them (the usual cache-mount recipe mounts both)
        const installs = list.filter(
          (c) => APT_TOOLS.includes(c.inv.tool) && subcommand(argsOf(c.inv)) === 'install',
        );
        const install = installs.find((c) => dockerCleanRemoved(ins, c.command.index, rms));
        if (install && !cacheMountCovers(ins, '/var/cache/apt/archives')) {
          const sub = argsOf(install.inv).positionals[0]!;
          report({
            at: { start: install.inv.toolWord.start, end: sub.end },
            messageId: 'debsKept',
            data: { command: code(`${install.inv.tool} install`) },
          });
        }
        continue;
      }
      const lastUpdate = updates[updates.length - 1]!.command.index;
      if (list.some((c) => c.command.index > lastUpdate && cleansLists(c))) continue;
      const first = updates[0]!;
      const sub = argsOf(first.inv).positionals[0]!;
      const edit = appendToRun(ins, 'rm -rf /var/lib/apt/lists/*');
      const where = ins.onbuild ? 'this ONBUILD RUN' : 'this RUN';
      report({
        at: { start: first.inv.toolWord.start, end: sub.end },
        ...(runtime && !ins.onbuild && ins.stage === last ? { severity: 'warning' as const } : {}),
        messageId: edit ? 'fixable' : 'unsafeEnd',
        data: { command: code(`${first.inv.tool} update`), where },
        ...(edit
          ? { fix: { description: 'delete the apt lists at the end of the RUN', edits: [edit] } }
          : {}),
      });
    }
  },
});
