import type { Instruction } from '../../dockerfile/model.js';
import { defineRule } from '../../rule.js';
import type { TextEdit } from '../../types.js';
import { firstInStage, stageChain } from '../../dockerfile/stages.js';
import { code } from '../../quote.js';

/** A relative WORKDIR resolves against whatever working directory the base image happens to set. */
export default defineRule({
  id: 'absolute-workdir',
  aliases: ['DL3000', 'WorkdirRelativePath', 'CKV_DOCKER_10', 'DS-0009'],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: 'sugg',
  summary: 'Relative `WORKDIR` with no absolute `WORKDIR` before it',
  why: "A relative `WORKDIR` is resolved against the base image's working directory, so a new base image tag can silently move every later `COPY` and `RUN` somewhere else.",
  check({ model, report }) {
    for (const ins of model.each('WORKDIR')) {
      if (!ins.argsSpan || anchored(ins)) continue;
      const raw = model.source.text.slice(ins.argsSpan.start, ins.argsSpan.end).trim();
      const quote = /^(["'])(.*)\1$/s.exec(raw);
      const path = quote ? quote[2]! : raw;
      if (isAbsolute(path)) continue;
      const pathStart = ins.argsSpan.start + (quote ? 1 : 0);
      const fix = absoluteEdit(path, pathStart);
      report({
        at: ins.argsSpan,
        message: `${code(`WORKDIR ${raw}`)} is relative to the base image's working directory, which the base image can change: give the full path${fix ? ` (${code(fix.path)} if the base works in \`/\`)` : ''}.`,
        ...(fix
          ? { fix: { description: `make the path absolute: ${code(fix.path)}`, edits: [fix.edit] } }
          : {}),
      });
    }
  },
});

/** `/x`, `$DIR`, `${DIR}/x`, Windows `C:\x`, `c:/x` or `\x`. */
function isAbsolute(path: string): boolean {
  return /^([/\\$]|[A-Za-z]:)/.test(path);
}

/**
 * True when an earlier WORKDIR of the stage (or of a stage it is built FROM) already fixed the working directory:
 * then this one is relative to a known place, or the earlier one is the finding. An ONBUILD trigger runs after all
 * of its stage.
 */
function anchored(ins: Instruction): boolean {
  const stage = ins.stage;
  if (!stage) return false;
  // an earlier WORKDIR of the stage (ins itself is the first one at best); a trigger sees all of them
  const first = firstInStage(stage, 'WORKDIR');
  if (ins.onbuild ? first < Infinity : first < ins.span.start) return true;
  return stageChain(stage)
    .slice(1)
    .some((s) => firstInStage(s, 'WORKDIR') < Infinity);
}

function absoluteEdit(path: string, start: number): { path: string; edit: TextEdit } | null {
  if (path === '' || path.startsWith('..') || path.startsWith('~') || /^\.\/*$/.test(path)) return null;
  const dot = /^(\.\/+)+/.exec(path);
  const len = dot ? dot[0].length : 0;
  const abs = `/${path.slice(len)}`;
  return { path: abs, edit: { start, end: start + len, text: '/' } };
}
