import type { Instruction } from '../dockerfile/model.js';
import { defineRule } from '../rule.js';
import { normalisePath, resolveVars, stageChain } from './util.js';

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
        value === raw && (path === value || `${path}/` === value) ? '' : ` (it resolves to \`${path}\`)`;
      report({
        at: arg.span,
        message: `\`WORKDIR ${raw}\`${via} is inside \`${dir}\`, a filesystem the runtime mounts from the kernel: work in a directory of your own such as \`/app\`.`,
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
  const earlier: Instruction[] = [];
  for (const s of stageChain(stage)) {
    const own = s.instructions.filter(
      (i) => i.keyword === 'WORKDIR' && (s !== stage || i.span.start < ins.span.start),
    );
    earlier.unshift(...own);
  }
  let dir: string | null = null;
  for (const w of earlier) {
    const a = w.args[0];
    if (!a) continue;
    const q = /^(["'])(.*)\1$/s.exec(a.value);
    const v = resolveVars(ins.model, w, q ? q[2]! : a.value);
    if (v === null) return null;
    if (v.startsWith('/')) dir = v;
    else if (dir !== null) dir = `${dir}/${v}`;
  }
  return dir === null ? null : normalisePath(`${dir}/${value}`);
}
