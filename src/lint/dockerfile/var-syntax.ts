/**
 * The grammar of `$NAME`, `${NAME}` and `${NAME<op>word}` references, as the Dockerfile builder reads them: one
 * owner for the patterns that substitute, list or blank out variables. Plain string functions: the model-aware
 * lookups (values in scope) are in ./vars.ts.
 */

/** A character that may start a variable name, and one that may continue it. */
export const NAME_START = /[A-Za-z_]/;
export const NAME_CHAR = /[A-Za-z0-9_]/;

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
// a word stops at a nested `${`: `[^}]*` alone rescanned to the end after every unclosed `${X:-`
const WORD = '[^}$]*(?:\\$(?!\\{)[^}$]*)*';
/** Per set of operators, the pattern of a reference using one of them (or none). */
const EXPANSIONS = {
  '-+': new RegExp(`\\$(?:\\{(${NAME})(?:(:?)([-+])(${WORD}))?\\}|(${NAME}))`, 'g'),
  '-=': new RegExp(`\\$(?:\\{(${NAME})(?:(:?)([-=])(${WORD}))?\\}|(${NAME}))`, 'g'),
};
const REFERENCE = new RegExp(`\\$\\{?(${NAME})`, 'g');
const WHOLE = new RegExp(`^\\$(?:\\{(${NAME})\\}|(${NAME}))$`);

/** One reference found by replaceExpansions: the text matched, the name, and the operator and word if any. */
export interface Expansion {
  all: string;
  name: string;
  /** `-`, `+` or `=` (a leading `:` is not kept), undefined when none. */
  op: string | undefined;
  /** The operator was written with a leading `:` (`${X:-w}`: also when X is empty; `${X-w}`: only when unset). */
  colon: boolean;
  word: string | undefined;
}

/**
 * `text` with each `$NAME`, `${NAME}` and `${NAME<op>word}` (op one of `ops`, with or without a `:`) replaced by
 * what `by` returns. A reference with another operator is not matched as a whole (only names inside it are).
 */
export function replaceExpansions(
  text: string,
  ops: keyof typeof EXPANSIONS,
  by: (e: Expansion) => string,
): string {
  if (!text.includes('$')) return text;
  return text.replace(
    EXPANSIONS[ops],
    (
      all: string,
      braced: string | undefined,
      colon: string | undefined,
      op: string | undefined,
      word: string | undefined,
      bare: string | undefined,
    ) => by({ all, name: (braced ?? bare)!, op, word, colon: colon === ':' }),
  );
}

/** A `$NAME` or `${NAME` in a string: the name, and the offsets of the reference up to the name's end. */
export interface Reference {
  name: string;
  start: number;
  end: number;
}

/** The references in `text` (`$NAME` or `${NAME…`), in order, repeats included. */
export function references(text: string): Reference[] {
  if (!text.includes('$')) return [];
  return Array.from(text.matchAll(REFERENCE), (m) => ({
    name: m[1]!,
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** The names `text` references, in order, repeats included. */
export function referencedNames(text: string): string[] {
  return references(text).map((r) => r.name);
}

/** The name when `word` is one reference and nothing else (`$PACKAGES`, `${PACKAGES}`), else null. */
export function wholeReference(word: string): string | null {
  const m = WHOLE.exec(word);
  return m ? (m[1] ?? m[2])! : null;
}

/** Replaces `$X` / `${X}` / `${X:-d}` from `vars`; unknown names stay as written. */
export function substituteVars(text: string, vars: ReadonlyMap<string, string | undefined>): string {
  return replaceExpansions(text, '-+', ({ all, name, op, word }) => {
    const value = vars.get(name);
    if (op === '-') return value !== undefined && value !== '' ? value : word!;
    if (op === '+') return value !== undefined && value !== '' ? word! : '';
    return value !== undefined ? value : all;
  });
}

/**
 * `value` with each `${…}` (and with `bare`, each `$NAME`) replaced by `by`, as `/\$\{[^}]*\}|\$NAME/g` would, in
 * one pass: the regex rescans to the end of the text after every `${` that is never closed.
 */
export function replaceVarRefs(value: string, by: string, bare: boolean): string {
  let out = '';
  let close = -2; // the next `}` at or after the current position; -1 once there is none
  for (let i = 0; i < value.length;) {
    if (value[i] === '$' && value[i + 1] === '{') {
      if (close !== -1 && close < i + 2) close = value.indexOf('}', i + 2);
      if (close >= 0) {
        out += by;
        i = close + 1;
        continue;
      }
    } else if (bare && value[i] === '$' && /[A-Za-z_]/.test(value[i + 1] ?? '')) {
      let j = i + 2;
      while (j < value.length && /[A-Za-z0-9_]/.test(value[j]!)) j++;
      out += by;
      i = j;
      continue;
    }
    out += value[i];
    i++;
  }
  return out;
}
