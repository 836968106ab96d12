/** `RUN --mount=…` flags, read as BuildKit reads their CSV value, and whether a mount keeps a directory out of the layer. */
import type { DockerfileModel, Flag, Instruction } from './model.js';
import { normalisePath } from '../paths.js';
import type { Span } from '../types.js';

/** One `RUN --mount=…` of an instruction: its type (`bind` when not given), target and options (keys lower-cased). */
export interface RunMount {
  type: string;
  target: string | null;
  options: Map<string, string>;
}

/** The `--mount` flags of a RUN (or an ONBUILD RUN trigger), parsed as BuildKit reads their CSV value. */
const mountsCache = new WeakMap<Instruction, RunMount[]>();

export function runMounts(ins: Instruction): RunMount[] {
  const cached = mountsCache.get(ins);
  if (cached) return cached;
  const out: RunMount[] = [];
  mountsCache.set(ins, out);
  for (const flag of ins.flags) {
    if (flag.name.toLowerCase() !== 'mount' || flag.value === null) continue;
    const options = new Map<string, string>();
    for (const field of splitCsvFields(flag.value)) {
      const eq = field.indexOf('=');
      const key = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
      if (key) options.set(key, eq < 0 ? 'true' : field.slice(eq + 1).trim());
    }
    const target = options.get('target') ?? options.get('dst') ?? options.get('destination') ?? null;
    out.push({
      type: (options.get('type') ?? 'bind').toLowerCase(),
      target: target ? normalisePath(target) : null,
      options,
    });
  }
  return out;
}

function splitCsvFields(value: string): string[] {
  const fields: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '"') {
      if (quoted && value[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (c === ',' && !quoted) {
      fields.push(cur);
      cur = '';
    } else cur += c;
  }
  fields.push(cur);
  return fields;
}

/** A mount whose contents never reach the layer: a BuildKit cache, or a tmpfs that is gone after the RUN. */
export function keepsOutOfLayer(m: RunMount): boolean {
  return m.type === 'cache' || m.type === 'tmpfs';
}

/**
 * True when a `--mount=type=cache` or `type=tmpfs` of the RUN holds `dir` (its target is `dir` or a parent of
 * it): what the RUN writes there is not in the layer.
 */
export function cacheMountCovers(ins: Instruction, dir: string): boolean {
  const d = normalisePath(dir);
  return runMounts(ins).some(
    (m) =>
      keepsOutOfLayer(m) &&
      m.target !== null &&
      (d === m.target || d.startsWith(m.target === '/' ? '/' : `${m.target}/`)),
  );
}

/** A `key=value` field of a flag's CSV value (`RUN --mount=type=bind,from=builder`), with the span of its value. */
export interface FlagField {
  key: string;
  value: string;
  span: Span;
}

/**
 * The fields of a flag's CSV value with the file span of each value (quotes around a value removed), read from the
 * source text so that a fix can replace one value exactly. Keys are lower-cased.
 */
export function flagFields(model: DockerfileModel, flag: Flag): FlagField[] {
  if (!flag.valueSpan) return [];
  const text = model.source.text;
  const out: FlagField[] = [];
  let start = flag.valueSpan.start;
  const end = flag.valueSpan.end;
  let quoted = false;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text[i] : ',';
    if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      const eq = text.indexOf('=', start);
      if (eq >= 0 && eq < i) {
        let vs = eq + 1;
        let ve = i;
        if (ve - vs >= 2 && text[vs] === '"' && text[ve - 1] === '"') {
          vs++;
          ve--;
        }
        out.push({
          key: text.slice(start, eq).trim().toLowerCase(),
          value: text.slice(vs, ve),
          span: { start: vs, end: ve },
        });
      }
      start = i + 1;
    }
  }
  return out;
}

/** The `from=` values of every `--mount` flag of a RUN (an image, a stage name or a stage index). */
export function mountFromRefs(ins: Instruction): FlagField[] {
  const out: FlagField[] = [];
  for (const flag of ins.flags) {
    if (flag.name.toLowerCase() !== 'mount') continue;
    for (const field of flagFields(ins.model, flag)) if (field.key === 'from') out.push(field);
  }
  return out;
}
