import type { Instruction, Stage } from '../../dockerfile/model.js';
import { defineRule, type ReportMessage } from '../../rule.js';
import type { Span } from '../../types.js';
import { stageChain, stageLabel } from '../../dockerfile/stages.js';
import { varRefs } from '../../dockerfile/vars.js';
import { code } from '../../quote.js';
import { editDistance } from '../../text.js';

/** Instructions whose arguments the builder expands (RUN, CMD and ENTRYPOINT are left to the shell). */
const EXPANDED = ['ADD', 'COPY', 'ENV', 'ARG', 'LABEL', 'EXPOSE', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR'];
const EXPANDED_FLAGS = new Set(['chown', 'chmod', 'from']);
/** Modifiers that say what happens when the variable is unset: the author has handled that case. */
const HANDLES_UNSET = new Set([':-', '-', ':+', '+', ':?', '?']);
/** Arguments BuildKit provides, but only to stages that declare them with `ARG`. */
const AUTOMATIC = new Set([
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'FTP_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
]);
/** The clause of the two messages for a name that nothing defines yet in the stage. */
const NOT_DEFINED_HERE = '{{ref}} is not defined at this point of {{where}}';
/** Names base images conventionally set (`PYTHON_VERSION`, `JAVA_HOME`): these may come from the base image. */
const IMAGE_ENV_STYLE = /^[A-Z][A-Z0-9_]*$/;

/** `$VAR` in an instruction the builder expands, before any ARG or ENV of the stage defines it. */
export default defineRule({
  id: 'undefined-var',
  aliases: ['UndefinedVar'],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: false,
  summary: '`$VAR` used before any `ARG` or `ENV` defines it',
  why: 'The builder expands an undefined variable to an empty string without complaint, so a typo or a forgotten `ARG` silently copies to the wrong path, runs as the wrong user or sets an empty value.',
  messages: {
    typo: `${NOT_DEFINED_HERE}; did you mean {{suggestion}}?`,
    globalArg:
      '{{ref}} is not defined in {{where}}: an `ARG` declared before the first `FROM` is only visible in stages that declare it again, so add {{arg}} to this stage.',
    automaticArg:
      '{{ref}} is empty here: BuildKit provides it only to stages that declare it, so add {{arg}} to {{where}}.',
    undefined: `${NOT_DEFINED_HERE}: declare it with {{arg}} (or set it with \`ENV\`) before using it.`,
  },
  check({ model, report }) {
    const globals = new Set(model.globalArgs.map((a) => a.name));
    const inherited = new Map<Stage, ReadonlySet<string>>();
    for (const ins of model.each(...EXPANDED)) {
      const stage = ins.stage;
      if (!stage || ins.onbuild) continue; // ONBUILD triggers expand in the downstream build
      let fromParents = inherited.get(stage);
      if (!fromParents) inherited.set(stage, (fromParents = parentArgs(stage)));
      // built only once a reference needs it: a map per instruction would be quadratic in a long stage
      let scopeMap: ReadonlyMap<string, unknown> | undefined;
      const scope = {
        has: (n: string) => (scopeMap ??= model.varsAt(ins)).has(n),
        keys: () => (scopeMap ??= model.varsAt(ins)).keys(),
      };
      const own = new Set<string>();
      const seen = new Set<string>();
      for (const { spans, ownNames } of expandedParts(ins)) {
        for (const span of spans) {
          for (const ref of varRefs(model, span.start, span.end)) {
            const name = ref.name;
            if (
              seen.has(name) ||
              scope.has(name) ||
              own.has(name) ||
              fromParents.has(name) ||
              name === 'PATH'
            )
              continue;
            if (HANDLES_UNSET.has(ref.modifier)) continue;
            if (ins.keyword === 'ARG' && ins.pairs.some((p) => p.name === name)) continue;
            const candidates = [...scope.keys(), ...own, ...fromParents, 'PATH'];
            const suggestion = closest(name, candidates);
            const fromImage = !rootIsScratch(stage);
            if (
              fromImage &&
              IMAGE_ENV_STYLE.test(name) &&
              suggestion === null &&
              !AUTOMATIC.has(name) &&
              !globals.has(name)
            )
              continue; // probably an ENV of the base image (`$PYTHON_VERSION` on `python`)
            seen.add(name);
            report({ at: ref.span, ...messageFor(name, stage, suggestion, globals.has(name)) });
          }
        }
        for (const n of ownNames) own.add(n);
      }
    }
  },
});

/** The parts of an instruction the builder expands, in order; names a part defines count for the later parts. */
function expandedParts(ins: Instruction): { spans: Span[]; ownNames: string[] }[] {
  if (ins.keyword === 'ENV' || ins.keyword === 'ARG' || ins.keyword === 'LABEL') {
    return ins.pairs.map((p) => ({
      spans: [p.span],
      ownNames: ins.keyword === 'LABEL' ? [] : [p.name],
    }));
  }
  const spans: Span[] = [];
  for (const f of ins.flags)
    if (f.valueSpan && EXPANDED_FLAGS.has(f.name.toLowerCase())) spans.push(f.valueSpan);
  const args = ins.argsSpan;
  if (args) {
    let end = args.end;
    if (ins.heredocs.length > 0) {
      // `COPY <<EOF /dest`: only the first line holds arguments
      const nl = ins.model.source.text.indexOf('\n', args.start);
      if (nl >= 0 && nl < end) end = nl;
    }
    spans.push({ start: args.start, end });
  }
  return [{ spans, ownNames: [] }];
}

/**
 * The `ARG`s declared in the stages this one is built `FROM` (its parent, the parent's parent…): BuildKit hands them
 * down with their values, so they are defined in the whole stage. `ENV` comes down through the scope already.
 */
function parentArgs(stage: Stage): ReadonlySet<string> {
  const out = new Set<string>();
  for (const s of stageChain(stage).slice(1))
    for (const v of s.vars) if (v.kind === 'ARG' && v.instruction.stage === s) out.add(v.name);
  return out;
}

function rootIsScratch(stage: Stage): boolean {
  const chain = stageChain(stage);
  const root = chain[chain.length - 1]!;
  return root.parent === null && root.resolvedImage.name.toLowerCase() === 'scratch';
}

/** Which message, and its data: a likely typo, a global ARG not declared again, a BuildKit argument, or none. */
function messageFor(name: string, stage: Stage, suggestion: string | null, global: boolean): ReportMessage {
  const data = { ref: code(`$${name}`), where: stageLabel(stage), arg: code(`ARG ${name}`) };
  if (suggestion !== null)
    return { messageId: 'typo', data: { ...data, suggestion: code(`$${suggestion}`) } };
  if (global) return { messageId: 'globalArg', data };
  if (AUTOMATIC.has(name)) return { messageId: 'automaticArg', data };
  return { messageId: 'undefined', data };
}

/** The candidate closest to `name` (a likely typo), or null when none is close enough. */
function closest(name: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  const limit = name.length >= 8 ? 2 : 1;
  for (const c of candidates) {
    if (c === name) continue;
    // lengths more than the limit apart cannot be close: skip the quadratic distance
    const d =
      c.toLowerCase() === name.toLowerCase()
        ? 0
        : Math.abs(name.length - c.length) > limit
          ? Infinity
          : editDistance(name, c, true);
    if (d <= limit && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
