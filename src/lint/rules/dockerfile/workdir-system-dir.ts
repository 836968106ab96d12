import type { Instruction, Stage } from '../../dockerfile/model.js';
import { defineRule } from '../../rule.js';
import { normalisePath } from '../../paths.js';
import { resolveVars } from '../../dockerfile/vars.js';
import { stageChain } from '../../dockerfile/stages.js';
import { code } from '../../quote.js';

/** Kernel and boot filesystems: Trivy's list, plus `/sys`. */
const SYSTEM_DIRS = ['/proc', '/sys', '/dev', '/boot', '/initrd', '/lost+found'];

/** A WORKDIR inside a kernel or boot filesystem. */
export default defineRule({
  id: 'workdir-system-dir',
  aliases: ['DS-0030'],
  kind: 'dockerfile',
  severity: 'error',
  fixable: false,
  summary: '`WORKDIR` in a system directory (`/proc`, `/sys`, `/dev`, `/boot`, …)',
  why: 'These directories are kernel and device filesystems mounted by the runtime; a working directory there is how container-escape exploits such as CVE-2024-21626 (`WORKDIR /proc/self/fd/…`) reach the host.',
  check({ model, report }) {
    for (const ins of model.each('WORKDIR')) {
      const arg = ins.args[0];
      if (!arg) continue;
      const q = /^(["'])(.*)\1$/s.exec(arg.value);
      const raw = q ? q[2]! : arg.value;
      const value = resolveVars(model, ins, raw);
      if (value === null) continue;
      const path = absolutePath(ins, value);
      if (path === null) continue;
      const dir = SYSTEM_DIRS.find((d) => path === d || path.startsWith(`${d}/`));
      if (!dir) continue;
      const via =
        value === raw && (path === value || `${path}/` === value) ? '' : ` (it resolves to ${code(path)})`;
      report({
        at: arg.span,
        message: `${code(`WORKDIR ${raw}`)}${via} is inside ${code(dir)}, a filesystem the runtime mounts from the kernel: work in a directory of your own such as \`/app\`.`,
      });
    }
  },
});

/**
 * The directory a WORKDIR leads to: its path if absolute, else joined to the earlier WORKDIRs of the stage (and the
 * stages it is built FROM); null when that depends on the base image.
 */
function absolutePath(ins: Instruction, value: string): string | null {
  if (/^[A-Za-z]:|\\/.test(value)) return null; // Windows
  if (value.startsWith('/')) return normalisePath(value);
  const stage = ins.stage;
  if (!stage || ins.onbuild) return null;
  const t = dirTimeline(stage);
  let lo = 0;
  let hi = t.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t.starts[mid]! < ins.span.start) lo = mid + 1;
    else hi = mid;
  }
  const dir = t.dirs[lo]!;
  return dir === null || dir === UNKNOWN ? null : normalisePath(`${dir}/${value}`);
}

/** The directory is set by a variable we cannot resolve: nothing after it is known either. */
const UNKNOWN = Symbol('unknown');
type Dir = string | null | typeof UNKNOWN;

/**
 * The directory after each WORKDIR of a stage (`dirs[k]`: after its first k), the stages it is built FROM first:
 * folded once per stage, since asking per WORKDIR was quadratic in a long stage.
 */
const timelines = new WeakMap<Stage, { starts: number[]; dirs: Dir[] }>();

function dirTimeline(stage: Stage): { starts: number[]; dirs: Dir[] } {
  let t = timelines.get(stage);
  if (t) return t;
  const step = (dir: Dir, w: Instruction): Dir => {
    const a = w.args[0];
    if (dir === UNKNOWN || !a) return dir;
    const q = /^(["'])(.*)\1$/s.exec(a.value);
    const v = resolveVars(w.model, w, q ? q[2]! : a.value);
    if (v === null) return UNKNOWN;
    if (v.startsWith('/')) return v;
    return dir !== null ? `${dir}/${v}` : null;
  };
  let dir: Dir = null;
  for (const s of stageChain(stage).reverse()) {
    if (s === stage) break;
    for (const w of s.instructions) if (w.keyword === 'WORKDIR') dir = step(dir, w);
  }
  t = { starts: [], dirs: [dir] };
  for (const w of stage.instructions) {
    if (w.keyword !== 'WORKDIR') continue;
    t.starts.push(w.span.start);
    t.dirs.push((dir = step(dir, w)));
  }
  timelines.set(stage, t);
  return t;
}
