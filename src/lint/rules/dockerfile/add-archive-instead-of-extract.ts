import type { Instruction, Stage } from '../../dockerfile/model.js';
import { defineRule } from '../../rule.js';
import type { Word } from '../../shell/parser.js';
import { argsOf, groupByRun, type RunCommand, runCommands } from '../../dockerfile/run.js';
import { copyOperands, unquoteOperand } from '../../dockerfile/copy.js';
import { stageChain } from '../../dockerfile/stages.js';
import { normalisePath } from '../../paths.js';
import { code } from '../../quote.js';

/** Tar archives, plain or compressed as `ADD` can unpack them (gzip, bzip2, xz). */
const TAR_ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tb2|tar\.xz|txz)$/i;
/** A cheap first look at a COPY's text. */
const MAYBE_ARCHIVE = /\.t(ar|gz|bz|b2|xz)/i;
/** Commands that decompress their file argument (a tar archive fed on to tar afterwards). */
const DECOMPRESSORS = new Set(['gunzip', 'bunzip2', 'unxz', 'zcat', 'gzcat', 'bzcat', 'xzcat']);
/** Compressors that decompress with `-d`. */
const WITH_D = new Set(['gzip', 'bzip2', 'xz']);
/** tar options ADD cannot reproduce: extracting part of the archive or reshaping it. */
const PARTIAL = /^--(strip-components|exclude|wildcards|transform|xform|to-stdout)|^-O$/;

interface Copied {
  ins: Instruction;
  /** The file name (basename) the archive has in the image. */
  name: string;
  /**
   * Where the archive may be in the image (absolute; a destination without a trailing `/` may be the file or a
   * directory), or null when the directory is not known (a relative destination and no known WORKDIR).
   */
  paths: string[] | null;
}

/** An archive COPY'd into the image and unpacked by a later RUN: the archive stays in the COPY layer for good. */
export default defineRule({
  id: 'add-archive-instead-of-extract',
  aliases: ['DL3010'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: false,
  summary: 'A tar archive `COPY`ed into the image and unpacked by a later `RUN`',
  why: 'The `COPY` layer keeps the whole archive even when the `RUN` deletes it afterwards; `ADD archive.tar.gz /dest/` unpacks it in one step and stores only the files.',
  check({ model, report }) {
    // most files copy no archive at all: look at the raw text before parsing operands and commands
    const text = model.source.text;
    if (!model.each('COPY').some((c) => MAYBE_ARCHIVE.test(text.slice(c.span.start, c.span.end)))) return;
    const commands = runCommands(model);
    if (commands.length === 0) return;
    const byRun = groupByRun(commands);
    for (const stage of model.stages) {
      // the stage's own instructions, and its ONBUILD triggers (which run together in the child image, whose
      // working directory starts as this image's)
      let cwd = inheritedWorkdir(stage);
      for (const sequence of sequences(stage)) {
        const copied: Copied[] = [];
        const reported = new Set<Instruction>();
        for (const ins of sequence) {
          if (ins.keyword === 'WORKDIR') cwd = workdir(cwd, ins);
          if (ins.keyword === 'COPY') copied.push(...archivesOf(ins, cwd));
          if (ins.keyword !== 'RUN' || copied.length === 0) continue;
          const run = byRun.get(ins) ?? [];
          for (const c of run) {
            const archive = extracted(c);
            if (archive === null) continue;
            // a relative name is found in the WORKDIR, unless a `cd` earlier in the RUN moved elsewhere
            const moved = run.some((o) => o.command.index < c.command.index && o.inv.tool === 'cd');
            const path = archive.startsWith('/')
              ? normalisePath(archive)
              : cwd !== null && !moved
                ? normalisePath(`${cwd}/${archive}`)
                : null;
            const base = basename(archive);
            for (const a of copied) {
              if (reported.has(a.ins)) continue;
              // both places known: they must be the same file; otherwise the same file name will do
              if (path !== null && a.paths !== null ? !a.paths.includes(path) : a.name !== base) continue;
              reported.add(a.ins);
              // at the COPY: its layer is the one that keeps the archive, and `ADD` in its place is the fix
              report({
                at: a.ins.argsSpan ?? a.ins,
                message: `${code(a.name)} is copied in here and unpacked by the \`RUN\` on line ${ins.line}: the archive stays in this layer; ${code(`ADD ${a.name} <dir>/`)} unpacks it without keeping it.`,
              });
            }
          }
        }
      }
    }
  },
});

/** The working directory after a WORKDIR (null when it is not known: a variable, or relative to an unknown one). */
function workdir(cwd: string | null, ins: Instruction): string | null {
  const raw = ins.args.length === 1 ? unquoteOperand(ins.args[0]!.value) : null;
  if (raw === null || raw.includes('$')) return null;
  if (raw.startsWith('/')) return normalisePath(raw);
  return cwd === null ? null : normalisePath(`${cwd}/${raw}`);
}

/** The working directory a stage starts in: the last WORKDIR of the stages it is built FROM (null: the base's). */
function inheritedWorkdir(stage: Stage): string | null {
  let cwd: string | null = null;
  for (const s of stageChain(stage).slice(1).reverse())
    for (const ins of s.instructions) if (ins.keyword === 'WORKDIR') cwd = workdir(cwd, ins);
  return cwd;
}

function sequences(stage: Stage): Instruction[][] {
  const own = stage.instructions.filter((i) => i.keyword !== 'ONBUILD');
  const triggers = stage.instructions.flatMap((i) => (i.trigger ? [i.trigger] : []));
  return triggers.length > 0 ? [own, triggers] : [own];
}

/** The tar archives a local COPY brings in, by the name they have in the image and where they may be. */
function archivesOf(ins: Instruction, cwd: string | null): Copied[] {
  if (ins.flag('from')) return [];
  const ops = copyOperands(ins);
  if (!ops) return [];
  const dest = unquoteOperand(ops.dest);
  if (dest.includes('$')) return [];
  const dir = dest.startsWith('/')
    ? normalisePath(dest)
    : cwd !== null
      ? normalisePath(`${cwd}/${dest}`)
      : null;
  // `COPY app.tgz /tmp/x.tgz`: the archive is renamed
  if (ops.sources.length === 1 && TAR_ARCHIVE.test(dest) && !/[/\\]$/.test(dest))
    return [{ ins, name: basename(dest), paths: dir === null ? null : [dir] }];
  // one source to a destination without a trailing `/`: a directory that exists, or the file's new name
  const maybeFile = ops.sources.length === 1 && !/[/\\]$/.test(dest);
  return ops.sources
    .map(unquoteOperand)
    .filter((s) => TAR_ARCHIVE.test(s) && !s.includes('$') && !/^[a-z]+:\/\//i.test(s))
    .map((s) => {
      const name = basename(s);
      const paths = dir === null ? null : [normalisePath(`${dir}/${name}`), ...(maybeFile ? [dir] : [])];
      return { ins, name, paths };
    });
}

/** The archive a command unpacks: `tar -x…f <file>`, `tar xzf <file>`, `gunzip <file>`, `xz -d <file>`. */
function extracted(c: RunCommand): string | null {
  const { inv } = c;
  const args = argsOf(inv);
  if (inv.tool === 'tar') {
    const first = args.positionals[0];
    // old-style `tar xzf archive`: a bare cluster of letters as the first word
    const oldStyle = first && inv.args[0] === first && /^[A-Za-z]+$/.test(first.value) ? first.value : null;
    if (!args.has('-x', '--extract', '--get') && !oldStyle?.includes('x')) return null;
    if (args.flags.some((f) => PARTIAL.test(f.name))) return null;
    const operands = oldStyle !== null ? args.positionals.slice(1) : args.positionals;
    const file = args.value('-f', '--file');
    let archive: string | undefined;
    let members: readonly Word[];
    if (file !== undefined) {
      archive = file;
      members = operands;
    } else if (oldStyle?.includes('f')) {
      archive = operands[0]?.value;
      members = operands.slice(1);
    } else return null;
    // naming members extracts only part of the archive, which ADD cannot do
    return archive !== undefined && members.length === 0 ? archive : null;
  }
  if (DECOMPRESSORS.has(inv.tool) || (WITH_D.has(inv.tool) && args.has('-d', '--decompress'))) {
    return args.positionals.find((p) => TAR_ARCHIVE.test(p.value))?.value ?? null;
  }
  return null;
}

function basename(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
