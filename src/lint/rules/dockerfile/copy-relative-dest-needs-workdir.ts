import type { Instruction, Stage } from '../../dockerfile/model.js';
import { defineRule } from '../../rule.js';
import type { Span } from '../../types.js';
import { copyOperands } from '../../dockerfile/copy.js';
import { builderOnly, firstInStage, stageChain, stageLabel } from '../../dockerfile/stages.js';
import { code } from '../../quote.js';
import { removeQuotes } from '../../dockerfile/image-ref.js';

/** `/x`, `\x`, Windows `C:\x` or `c:/x`, or a variable (judged where it is set). */
const ABSOLUTE_OR_VAR = /^([/\\$]|[A-Za-z]:)/;

/** A relative COPY destination lands in whatever working directory the base image set. */
export default defineRule({
  id: 'copy-relative-dest-needs-workdir',
  aliases: ['DL3045'],
  kind: 'dockerfile',
  severity: 'warning',
  severityNote: 'info in a builder stage whose files are copied out path by path',
  fixable: false,
  summary: '`COPY` to a relative destination before any `WORKDIR`',
  why: "Without a `WORKDIR`, a relative destination is resolved against the base image's working directory, so files land somewhere else (often `/`) when the base image changes, and the `CMD` no longer finds them.",
  check({ model, report }) {
    const copies = model.each('COPY');
    if (copies.length === 0) return;
    for (const ins of copies) {
      const stage = ins.stage;
      if (!stage || hasWorkdir(ins, stage)) continue;
      const ops = copyOperands(ins);
      if (!ops) continue;
      const q = /^(["'])(.*)\1$/s.exec(ops.dest);
      const dest = q ? q[2]! : ops.dest;
      // a quoted prefix (`"$APP"/config`) is judged by what it quotes
      if (ABSOLUTE_OR_VAR.test(removeQuotes(dest))) continue;
      const where =
        stage.parent !== null
          ? `${stageLabel(stage)} or the stages it is built from`
          : ins.onbuild
            ? 'this image'
            : stageLabel(stage);
      report({
        at: destSpan(ins) ?? ins,
        // a builder works as written while its base keeps its directory, and only what is copied out ships
        ...(!ins.onbuild && builderOnly(model, stage) ? { severity: 'info' as const } : {}),
        message: `${code(ins.onbuild ? 'ONBUILD COPY' : 'COPY')} to the relative path ${code(dest)}, but no \`WORKDIR\` is set in ${where}: it lands in the base image's working directory; set \`WORKDIR\` first or give an absolute path.`,
      });
    }
  },
});

/**
 * A WORKDIR is in force: an earlier one in the stage, or any in a stage it is built FROM. An ONBUILD trigger runs in
 * the child image, after this image's whole build: any WORKDIR of the chain counts, and earlier ONBUILD WORKDIRs.
 */
function hasWorkdir(ins: Instruction, stage: Stage): boolean {
  // per stage, found once (firstInStage); the chain is capped (stageChain): linear in the file
  const chain = stageChain(stage);
  for (let k = 1; k < chain.length; k++) if (firstInStage(chain[k]!, 'WORKDIR') < Infinity) return true;
  const first = firstInStage(stage, 'WORKDIR');
  if (!ins.onbuild) return first < ins.span.start;
  if (first < Infinity) return true;
  return firstInStage(stage, 'WORKDIR', true) < ins.onbuild.span.start;
}

/** The destination word: the last JSON string, or the last word before any heredoc body. */
function destSpan(ins: Instruction): Span | null {
  const span = ins.argsSpan;
  if (!span) return null;
  const raw = ins.model.source.text.slice(span.start, span.end);
  if (raw.trimStart().startsWith('[')) {
    const close = raw.lastIndexOf('"');
    const open = close > 0 ? raw.lastIndexOf('"', close - 1) : -1;
    return open < 0 ? null : { start: span.start + open, end: span.start + close + 1 };
  }
  const firstBody = ins.heredocs[0]?.contentSpan.start ?? Infinity;
  const words = ins.args.filter((a) => a.span.start < firstBody);
  return words[words.length - 1]?.span ?? null;
}
