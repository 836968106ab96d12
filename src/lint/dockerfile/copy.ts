/** The operands of COPY and ADD. */
import type { DockerfileModel, Instruction } from './model.js';

/** Sources and destination of a COPY/ADD in shell or JSON form (heredoc bodies not included); null if unreadable. */
export function copyOperands(ins: Instruction): { sources: string[]; dest: string } | null {
  const text = ins.model.source.text;
  if (!ins.argsSpan) return null;
  const raw = text
    .slice(ins.argsSpan.start, ins.argsSpan.end)
    .replace(/\\\r?\n/g, ' ')
    .trim();
  let words: string[];
  if (raw.startsWith('[')) {
    try {
      const v: unknown = JSON.parse(raw);
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return null;
      words = v as string[];
    } catch {
      return null;
    }
  } else {
    // a `<<EOF` opener whose body the parser could not find: the body's lines would be read as operands
    if (ins.heredocs.length === 0 && ins.args.some((a) => /^[0-9]*<<-?["']?[A-Za-z_]/.test(a.value)))
      return null;
    const firstBody = ins.heredocs[0]?.contentSpan.start ?? Infinity;
    words = ins.args.filter((a) => a.span.start < firstBody).map((a) => a.value);
  }
  if (words.length < 2) return null;
  return { sources: words.slice(0, -1), dest: words[words.length - 1]! };
}

/**
 * A shell-form COPY/ADD operand as the builder reads it: BuildKit expands each word like a shell word, so a pair of
 * surrounding quotes is not part of the path (`"app.tgz"` is `app.tgz`).
 */
export function unquoteOperand(word: string): string {
  return word.replace(/^(["'])(.*)\1$/s, '$2');
}

const WHOLE_CONTEXT = new Set(['.', './', '*', './*']);

/** The COPY/ADD instructions (ONBUILD too) that send the whole build context: a source of `.`, `./` or `*`. */
export function wholeContextCopies(model: DockerfileModel): Instruction[] {
  return model.each('COPY', 'ADD').filter((ins) => {
    if (ins.flag('from')) return false;
    const ops = copyOperands(ins);
    // quoted as the builder reads it: `COPY "." .` and `COPY './' /app` send the whole context too
    return ops !== null && ops.sources.some((s) => WHOLE_CONTEXT.has(unquoteOperand(s)));
  });
}
