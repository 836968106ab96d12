/** The port words of EXPOSE. */
import type { DockerfileModel, Instruction } from './model.js';
import type { Span } from '../types.js';
import { resolveVars } from './vars.js';

/** One word of an `EXPOSE`: `[ip:][host:]port[-port][/proto]`. */
export interface PortSpec {
  /** The word in the file, quotes included. */
  span: Span;
  /** Quotes removed, variables as written. */
  raw: string;
  /** Written in quotes (edits must keep them). */
  quoted: boolean;
  /** Variables substituted; null when one is unknown (then the fields below are empty). */
  value: string | null;
  /** `127.0.0.1:8080:` or `8080:` before the container port, `''` when none. */
  prefix: string;
  /** The container port or range: `80`, `8000-8010`. */
  ports: string;
  /** The protocol as written (`tcp`, `UDP`), null when none. */
  proto: string | null;
}

const portSpecCache = new WeakMap<Instruction, PortSpec[]>();

/** The port words of an `EXPOSE` (or `ONBUILD EXPOSE`) instruction, parsed once and shared. */
export function exposeSpecs(model: DockerfileModel, ins: Instruction): PortSpec[] {
  let specs = portSpecCache.get(ins);
  if (specs) return specs;
  specs = ins.args.map((arg) => {
    const q = /^(["'])(.*)\1$/s.exec(arg.value);
    const raw = q ? q[2]! : arg.value;
    const value = resolveVars(model, ins, raw);
    const spec: PortSpec = { span: arg.span, raw, quoted: !!q, value, prefix: '', ports: '', proto: null };
    if (value !== null) {
      const colon = value.lastIndexOf(':');
      spec.prefix = value.slice(0, colon + 1);
      const rest = value.slice(colon + 1);
      const slash = rest.indexOf('/');
      spec.ports = slash < 0 ? rest : rest.slice(0, slash);
      spec.proto = slash < 0 ? null : rest.slice(slash + 1);
    }
    return spec;
  });
  portSpecCache.set(ins, specs);
  return specs;
}
