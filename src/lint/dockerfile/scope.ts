/** The ARG and ENV variables in scope at an instruction, answered from an index built once per model. */
import type { DockerfileModel, Instruction, Stage, VarDecl } from './model-types.js';

/**
 * The scope only changes at an ARG or ENV: instructions between two declarations share one scope (keyed by how
 * many of the stage's declarations precede them), so a long stage does not rebuild it per instruction.
 */
export function sharedVarsAt(
  model: DockerfileModel,
  ins: Instruction,
  cache: WeakMap<Stage, Map<number, ReadonlyMap<string, VarDecl>>>,
  index: VarIndex,
): ReadonlyMap<string, VarDecl> {
  const stage = ins.stage;
  if (!stage) return new Scope(model, ins, index);
  const vars = stage.vars;
  let lo = 0;
  let hi = vars.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (vars[mid]!.instruction.span.start < ins.span.start) lo = mid + 1;
    else hi = mid;
  }
  let byPrefix = cache.get(stage);
  if (!byPrefix) cache.set(stage, (byPrefix = new Map()));
  let out = byPrefix.get(lo);
  if (!out) byPrefix.set(lo, (out = new Scope(model, ins, index)));
  return out;
}

/**
 * The model's declarations indexed by name, built on first use: a scope answers `get` from them in log time
 * instead of holding a map of everything declared before it (a map per ARG/ENV is quadratic in a long file).
 */
export class VarIndex {
  private readonly byName = new WeakMap<VarDecl[], Map<string, VarDecl[]>>();
  private readonly lastEnv = new WeakMap<Stage, Map<string, VarDecl>>();
  private readonly resolved = new WeakMap<VarDecl, VarDecl>();
  private globalFirst: Map<string, VarDecl> | undefined;

  constructor(private readonly model: DockerfileModel) {}

  /** Each name's declarations in `list`, in file order. */
  named(list: VarDecl[], name: string): VarDecl[] | undefined {
    let m = this.byName.get(list);
    if (!m) {
      m = new Map();
      for (const v of list) {
        const l = m.get(v.name);
        if (l) l.push(v);
        else m.set(v.name, [v]);
      }
      this.byName.set(list, m);
    }
    return m.get(name);
  }

  /** The last ENV of `name` in a stage (what a stage built FROM it inherits). */
  env(stage: Stage, name: string): VarDecl | undefined {
    let m = this.lastEnv.get(stage);
    if (!m) {
      m = new Map();
      for (const v of stage.vars) if (v.kind === 'ENV') m.set(v.name, v);
      this.lastEnv.set(stage, m);
    }
    return m.get(name);
  }

  /** A stage ARG without a value takes the default of the first global ARG of that name, when it has one. */
  resolve(v: VarDecl): VarDecl {
    if (v.kind !== 'ARG' || v.value !== null) return v;
    let r = this.resolved.get(v);
    if (!r) {
      if (!this.globalFirst) {
        this.globalFirst = new Map();
        for (const g of this.model.globalArgs)
          if (!this.globalFirst.has(g.name)) this.globalFirst.set(g.name, g);
      }
      const global = this.globalFirst.get(v.name);
      r = global && global.value !== null ? { ...v, value: global.value } : v;
      this.resolved.set(v, r);
    }
    return r;
  }
}

/** Ancestors a scope looks through (with the stage itself); a longer FROM chain is cut there. */
const MAX_CHAIN = 64;

/** The last declaration in `list` (file order) before offset `pos`. */
function lastBefore(list: VarDecl[] | undefined, pos: number): VarDecl | undefined {
  if (!list) return undefined;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.instruction.span.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? list[lo - 1] : undefined;
}

/**
 * The variables visible at an instruction: ARG/ENV declared before it in its stage, then the ENVs of the stages it
 * is built FROM (nearest first); before the first FROM, the global ARGs before it. `get`/`has` look a name up in
 * the index; iterating builds the whole map once (in declaration order, as a Map built in file order would be).
 */
class Scope implements ReadonlyMap<string, VarDecl> {
  private full: Map<string, VarDecl> | undefined;

  constructor(
    private readonly model: DockerfileModel,
    private readonly ins: Instruction,
    private readonly index: VarIndex,
  ) {}

  get(name: string): VarDecl | undefined {
    const { stage, span } = this.ins;
    if (!stage) return lastBefore(this.index.named(this.model.globalArgs, name), span.start);
    const own = lastBefore(this.index.named(stage.vars, name), span.start);
    if (own) return this.index.resolve(own);
    let depth = 1;
    for (let s = stage.parent; s && depth < MAX_CHAIN; s = s.parent, depth++) {
      const env = this.index.env(s, name);
      if (env) return env;
    }
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  private all(): Map<string, VarDecl> {
    if (this.full) return this.full;
    const out = new Map<string, VarDecl>();
    const { stage, span } = this.ins;
    if (!stage) {
      for (const a of this.model.globalArgs) if (a.instruction.span.start < span.start) out.set(a.name, a);
      return (this.full = out);
    }
    const chain: Stage[] = [];
    for (let s: Stage | null = stage; s && chain.length < MAX_CHAIN; s = s.parent) chain.unshift(s);
    for (const s of chain) {
      for (const v of s.vars) {
        if (s === stage && v.instruction.span.start >= span.start) break;
        // ARGs are scoped to their stage; ENV is inherited through FROM <stage>
        if (s !== stage && v.kind === 'ARG') continue;
        out.set(v.name, this.index.resolve(v));
      }
    }
    return (this.full = out);
  }

  get size(): number {
    return this.all().size;
  }
  forEach(
    f: (value: VarDecl, key: string, map: ReadonlyMap<string, VarDecl>) => void,
    thisArg?: unknown,
  ): void {
    this.all().forEach((v, k) => f.call(thisArg, v, k, this));
  }
  entries(): MapIterator<[string, VarDecl]> {
    return this.all().entries();
  }
  keys(): MapIterator<string> {
    return this.all().keys();
  }
  values(): MapIterator<VarDecl> {
    return this.all().values();
  }
  [Symbol.iterator](): MapIterator<[string, VarDecl]> {
    return this.all()[Symbol.iterator]();
  }
}
