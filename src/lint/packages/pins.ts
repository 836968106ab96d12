/** Install operands that pin no version, for every package manager (each rule gives its own `pinned` syntax). */
import type { RunCommand } from '../dockerfile/run.js';
import type { Instruction } from '../dockerfile/model.js';
import { listItems, varValue } from '../dockerfile/vars.js';
import { replaceExpansions, wholeReference } from '../dockerfile/var-syntax.js';
import type { Word } from '../shell/parser.js';
import type { FindingPart, Span } from '../types.js';
import { code } from '../quote.js';
import { listInBackticks } from '../text.js';

/** An install operand that leaves the version to whatever the repository serves on the day of the build. */
export interface UnpinnedPackage {
  word: Word;
  /** The package as written, or the item of the `$VAR` list the word expands to. */
  spec: string;
  /** Set when the version comes from an ARG/ENV declared without a value (empty unless `--build-arg` sets it). */
  emptyVar?: string;
}

/** A package word with the ARG/ENV values in scope substituted; unknown (shell) variables stay as written. */
function expandPackageWord(
  ins: Instruction,
  text: string,
  script: string,
): { text: string; empty: string | null } {
  // most package words name no variable: no scope to build (a map per RUN is quadratic in a long file)
  if (!text.includes('$')) return { text, empty: null };
  const model = ins.model;
  const scope = model.varsAt(ins.onbuild ?? ins);
  let empty: string | null = null;
  // `${V:=d}` assigns its default: for a package word it reads as `${V:-d}`
  const out = replaceExpansions(text, '-=', ({ all, name, op, word }) => {
    // the RUN computes it (`if [ -z ${V+x} ]; then V=$(…); fi`): a shell value, not the ARG's
    if (assignedIn(script, name)) return all;
    const decl = scope.get(name);
    const value = decl ? varValue(model, ins, name) : null;
    if (value) return value;
    if (op !== undefined && word) return word;
    if (decl && (decl.value === null || value === '')) {
      empty ??= name;
      return '';
    }
    return all;
  });
  return { text: out, empty };
}

/** The script assigns `name` itself: `name=…`, `export name=…`, `for name in`. */
function assignedIn(script: string, name: string): boolean {
  if (!script.includes(name)) return false;
  // `name` is an identifier (the reference regex matched it): nothing to escape, and no nested quantifier
  return new RegExp(`(?:^|[\\s;&|(\`])${name}\\+?=|\\bfor\\s+${name}\\s`).test(script);
}

/**
 * The operands of an install command that pin no version, judged by `pinned` (the package manager's syntax).
 * `$VAR` words are judged by the ARG/ENV value in scope: a whole-word list (`$PACKAGES`) item by item, a version
 * (`curl=${CURL_VERSION}`) as pinned when the variable has a value. Words whose variables cannot be resolved (set
 * by the shell, or by `--build-arg` only) are not judged.
 */
export function unpinnedPackages(
  c: RunCommand,
  operands: readonly Word[],
  pinned: (spec: string) => boolean,
): UnpinnedPackage[] {
  const ins = c.instruction;
  const out: UnpinnedPackage[] = [];
  for (const word of operands) {
    const v = word.value;
    if (!v.includes('$')) {
      if (!pinned(v)) out.push({ word, spec: v });
      continue;
    }
    if (wholeReference(v) !== null) {
      for (const spec of listItems(ins, v) ?? []) if (!pinned(spec)) out.push({ word, spec });
      continue;
    }
    const { text, empty } = expandPackageWord(ins, v, c.script.text);
    if (empty !== null) out.push({ word, spec: v, emptyVar: empty });
    else if (!text.includes('$') && !pinned(text)) out.push({ word, spec: v });
  }
  return out;
}

/**
 * Reports the unpinned operands of one install command: one finding at the first plain one naming them all, and
 * one per version taken from a variable declared without a value.
 */
export function reportUnpinned(
  report: (r: { at: Span; message: string; parts?: FindingPart[] }) => void,
  command: string,
  list: readonly UnpinnedPackage[],
  form: string,
): void {
  const plain = list.filter((p) => p.emptyVar === undefined);
  if (plain.length > 0) {
    const names = listInBackticks(plain.map((p) => p.spec));
    report({
      at: { start: plain[0]!.word.start, end: plain[0]!.word.end },
      message: `${code(command)} does not pin ${names} to a version: write ${form} so that every rebuild installs the same code.`,
      parts: plain.map((p) => ({ text: p.spec, span: { start: p.word.start, end: p.word.end } })),
    });
  }
  for (const p of list) {
    if (p.emptyVar === undefined) continue;
    report({
      at: { start: p.word.start, end: p.word.end },
      message: `${code(p.spec)} takes its version from ${code(p.emptyVar)}, which is declared without a value: unless every build passes ${code(`--build-arg ${p.emptyVar}=…`)} the version is empty, so give it a default.`,
    });
  }
}
