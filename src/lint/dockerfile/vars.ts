/** ARG and ENV variables of a Dockerfile: their values in scope, and the references the builder expands. */
import { joinContinuations, type DockerfileModel, type Instruction } from './model.js';
import { NAME_CHAR, NAME_START, referencedNames, substituteVars, wholeReference } from './var-syntax.js';
import type { Span } from '../types.js';

const declared = new WeakMap<DockerfileModel, Set<string>>();

/** Every ARG/ENV name the file declares anywhere. */
function declaredNames(model: DockerfileModel): Set<string> {
  let names = declared.get(model);
  if (!names) {
    names = new Set(model.globalArgs.map((a) => a.name));
    for (const s of model.stages) for (const v of s.vars) names.add(v.name);
    declared.set(model, names);
  }
  return names;
}

/**
 * The value of an ARG/ENV variable in scope at an instruction, with the `$VARS` it references resolved as they
 * were where it was declared (`ARG NODE_ENV=production` + `ENV NODE_ENV=$NODE_ENV` → `production`); null when
 * unset, declared without a value, or still referencing something unknown.
 */
export function varValue(model: DockerfileModel, ins: Instruction, name: string, depth = 0): string | null {
  // a name the file never declares has no value: no scope to build (a map per RUN is quadratic in a long file)
  if (!declaredNames(model).has(name)) return null;
  const decl = model.varsAt(ins.onbuild ?? ins).get(name);
  if (!decl || decl.value === null) return null;
  if (!decl.value.includes('$')) return decl.value;
  if (depth > 8) return null;
  const values = new Map<string, string | undefined>();
  for (const name of referencedNames(decl.value))
    values.set(name, varValue(model, decl.instruction, name, depth + 1) ?? undefined);
  const value = substituteVars(decl.value, values);
  return value.includes('$') ? null : value;
}

/** `text` with each `$VAR`/`${VAR}` replaced by its value at `ins` (see varValue); null when one stays unknown. */
export function resolveVars(model: DockerfileModel, ins: Instruction, text: string): string | null {
  if (!text.includes('$')) return text;
  const values = new Map<string, string | undefined>();
  for (const name of referencedNames(text)) values.set(name, varValue(model, ins, name) ?? undefined);
  const out = substituteVars(text, values);
  return out.includes('$') ? null : out;
}

/** A `$NAME` or `${NAME…}` the builder expands in an instruction's text. */
export interface VarRef {
  name: string;
  /** What follows the name inside `${…}`: `''` (plain), `:-`, `-`, `:+`, `+`, `:?`, `?`, `#`, `%`, `/`. */
  modifier: string;
  /** `$NAME` / `${NAME` (up to the modifier or the closing brace) in the file. */
  span: Span;
}

/**
 * The variable references in `[start, end)` of the file, read the way the builder's word expansion reads them:
 * line continuations joined, nothing expanded inside single quotes, the escape character (`\` or the backtick)
 * making the next `$` literal.
 */
export function varRefs(model: DockerfileModel, start: number, end: number): VarRef[] {
  const text = model.source.text;
  const slice = text.slice(start, end);
  if (!slice.includes('$')) return [];
  const esc = model.escape;
  const { logical, map } = joinContinuations(text, start, end, esc);
  const out: VarRef[] = [];
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < logical.length; i++) {
    const c = logical[i]!;
    if (quote === "'") {
      if (c === "'") quote = '';
      continue;
    }
    if (c === esc) {
      // outside quotes the escape keeps any character literal; inside double quotes only `"`, `$` and itself
      const next = logical[i + 1];
      if (quote === '' || next === '"' || next === '$' || next === esc) i++;
      continue;
    }
    if (c === '"' || c === "'") {
      if (quote === '') quote = c;
      else if (quote === c) quote = '';
      continue;
    }
    if (c !== '$') continue;
    const braced = logical[i + 1] === '{';
    let j = braced ? i + 2 : i + 1;
    if (!NAME_START.test(logical[j] ?? '')) continue;
    while (j < logical.length && NAME_CHAR.test(logical[j]!)) j++;
    const name = logical.slice(braced ? i + 2 : i + 1, j);
    let modifier = '';
    if (braced) {
      const m = /^(:?[-+?]|[#%/]|)/.exec(logical.slice(j, j + 2));
      modifier = logical[j] === '}' ? '' : (m?.[1] ?? '');
    }
    out.push({ name, modifier, span: { start: map[i]!, end: map[j - 1]! + 1 } });
    // a modifier's word may hold more references (`${A:-$B}`): keep scanning after the name
    i = j - 1;
  }
  return out;
}

/**
 * The items of a list an ARG/ENV holds (`ENV PKGS="curl tini"`), for a word that is exactly its reference (`$PKGS`,
 * `${PKGS}`); null for any other word, or when the value in scope is not known.
 */
export function listItems(ins: Instruction, word: string): string[] | null {
  const name = wholeReference(word);
  const value = name === null ? null : varValue(ins.model, ins, name);
  return value === null ? null : value.split(/\s+/).filter((item) => item !== '');
}
