/** Stages and what they inherit: names for messages, FROM chains, the user, the base image's shell, `--from=` values. */
import { copyOperands } from './copy.js';
import { imageShortName } from './image-ref.js';
import type { DockerfileModel, Instruction, KeyValue, Stage } from './model.js';
import { substituteVars } from './var-syntax.js';
import { resolveVars } from './vars.js';
import type { Span } from '../types.js';
import type { Report } from '../rule.js';
import { deleteInstruction } from './edits.js';
import { mountFromRefs } from './mounts.js';

/** A human name for a stage: `stage "build"` or `stage 2`. */
/** The instruction that opens a stage: its FROM, or the first instruction of the implicit stage before any FROM. */
export function stageHead(stage: Stage): Instruction {
  // the implicit stage is made by its first instruction, so it is never empty
  return stage.from ?? stage.instructions[0]!;
}

export function stageLabel(stage: Stage): string {
  if (stage.from === null) return 'the instructions before the first `FROM`';
  return stage.name ? `stage "${stage.name}"` : `stage ${stage.index + 1}`;
}

/** The `LABEL` pairs of the shipped stages, in file order: the labels the built image carries. */
export function imageLabels(model: DockerfileModel): KeyValue[] {
  return shippedStages(model).flatMap((s) =>
    s.instructions.flatMap((ins) => (ins.keyword === 'LABEL' ? ins.pairs : [])),
  );
}

/** A stage built FROM a registry image, whose reference is written in the file. */
export type ImageStage = Stage & { imageSpan: Span };

/**
 * The stages built FROM a registry image, in order: what the base-image rules judge. `scratch` and `FROM <earlier
 * stage>` pull nothing, so they have no image to pin, slim down or trust.
 */
export function imageStages(model: DockerfileModel): ImageStage[] {
  return model.stages.filter((s): s is ImageStage => !s.isScratch && s.imageSpan !== null);
}

/** Stages whose contents end up in the image the build produces. */
export function shippedStages(model: DockerfileModel): Stage[] {
  return model.stages.filter((s) => s.shipped);
}

/**
 * Reports each `CMD`/`ENTRYPOINT`/`HEALTHCHECK`… of a stage that a later one of the same stage replaces (only the
 * last takes effect), with the suggestion to delete it: the check of the single-<keyword> rules.
 */
export function reportOverridden(model: DockerfileModel, report: (r: Report) => void, keyword: string): void {
  for (const stage of model.stages) {
    for (const { instruction, last } of overriddenInstructions(stage, keyword)) {
      report({
        at: instruction,
        message: `This \`${keyword}\` in ${stageLabel(stage)} never takes effect: the \`${keyword}\` on line ${last.line} replaces it.`,
        fix: {
          description: `delete the overridden \`${keyword}\``,
          edits: [deleteInstruction(model, instruction)],
        },
      });
    }
  }
}

/** Each instruction of `keyword` in a stage (ONBUILD triggers aside) that a later one of the same stage overrides. */
export function overriddenInstructions(
  stage: Stage,
  keyword: string,
): { instruction: Instruction; last: Instruction }[] {
  const all = stage.instructions.filter((i) => i.keyword === keyword);
  const last = all[all.length - 1];
  return last ? all.slice(0, -1).map((instruction) => ({ instruction, last })) : [];
}

/** The user a `USER` instruction sets, ARG/ENV values in scope substituted; null when a variable stays unknown. */
export function userOf(model: DockerfileModel, ins: Instruction): string | null {
  const raw = ins.args[0]?.value;
  if (raw === undefined) return null;
  if (!raw.includes('$')) return raw;
  const values = new Map<string, string | undefined>();
  for (const [name, decl] of model.varsAt(ins)) values.set(name, decl.value ?? undefined);
  const value = substituteVars(raw, values);
  return value.includes('$') ? null : value;
}

/** `root`, `0`, `root:root`, `0:0`, `root:staff`…: only the user part counts (`1000:0` is not root). */
export function isRootUser(user: string): boolean {
  const name = user.split(':')[0]!.trim();
  return name === 'root' || /^0+$/.test(name);
}

/** How far stageChain and rootStage follow `FROM <stage>`: rules ask per instruction, so a chain of thousands of
 * stages would make them quadratic; no real build nests stages this deep. */
export const MAX_STAGE_CHAIN = 64;

/** A stage and the earlier stages it is built FROM, nearest first (at most MAX_STAGE_CHAIN of them). */
export function stageChain(stage: Stage): Stage[] {
  const out: Stage[] = [];
  for (let s: Stage | null = stage; s && out.length < MAX_STAGE_CHAIN && !out.includes(s); s = s.parent)
    out.push(s);
  return out;
}

const firstByStage = new WeakMap<Stage, Map<string, number>>();

/**
 * Where the first instruction of `keyword` in a stage starts (`ONBUILD <keyword>` triggers counted when `trigger`),
 * Infinity when there is none; found once per stage, so that a question asked per instruction stays linear.
 */
export function firstInStage(stage: Stage, keyword: string, trigger = false): number {
  let m = firstByStage.get(stage);
  if (!m) firstByStage.set(stage, (m = new Map()));
  const key = trigger ? `ONBUILD ${keyword}` : keyword;
  let at = m.get(key);
  if (at === undefined) {
    at = Infinity;
    for (const i of stage.instructions) {
      if ((trigger ? i.trigger?.keyword : i.keyword) === keyword) {
        at = i.span.start;
        break;
      }
    }
    m.set(key, at);
  }
  return at;
}

/** The stage a stage is built from, followed down to the one built from an image. */
export function rootStage(stage: Stage): Stage {
  let s = stage;
  for (let guard = 0; s.parent && guard < MAX_STAGE_CHAIN; guard++) s = s.parent;
  return s;
}

export type BaseKind = 'bash' | 'ash' | 'unknown';

/** Whether the base image has bash (Debian, Ubuntu, RHEL families) or only BusyBox ash (Alpine, BusyBox). */
export function baseKind(stage: Stage): BaseKind {
  const root = rootStage(stage);
  const ref = root.resolvedImage;
  if (root.isScratch || ref.dynamic) return 'unknown';
  const name = ref.name.toLowerCase();
  const tag = (ref.tag ?? '').toLowerCase();
  if (name.includes('distroless') || name.includes('chainguard') || name.includes('nanoserver'))
    return 'unknown';
  const short = imageShortName(ref);
  if (short === 'alpine' || short === 'busybox' || /(^|[-.])alpine/.test(tag) || name.includes('alpine'))
    return 'ash';
  return 'bash';
}

/**
 * True when what the instruction leaves in its layer ends up in the built image: it is in a shipped stage, or it is
 * an ONBUILD trigger (which runs in whatever image is built FROM this one).
 */
export function inShippedImage(ins: Instruction): boolean {
  return ins.onbuild !== null || (ins.stage?.shipped ?? false);
}

/**
 * The instructions of these keywords that reach the built image (see inShippedImage): a builder stage's `EXPOSE`
 * or `VOLUME` never does.
 */
export function shippedInstructions(model: DockerfileModel, ...keywords: string[]): Instruction[] {
  return model.each(...keywords).filter(inShippedImage);
}

/** What a `COPY --from=` / `RUN --mount=from=` value names, once the variables in scope are substituted. */
export type FromRef =
  | { kind: 'stage'; stage: Stage; value: string }
  | { kind: 'index'; index: number; stage: Stage | null; value: string }
  | { kind: 'image'; value: string }
  | { kind: 'unknown'; value: string };

export function fromRef(model: DockerfileModel, ins: Instruction, raw: string): FromRef {
  const value = resolveVars(model, ins, raw);
  if (value === null || value === '') return { kind: 'unknown', value: raw };
  if (/^[0-9]+$/.test(value)) {
    const index = Number(value);
    // numbers count FROMs: an implicit stage before the first FROM is not one of them
    const skip = model.stages[0]?.from === null ? 1 : 0;
    return { kind: 'index', index, stage: model.stages[index + skip] ?? null, value };
  }
  const stage = model.stageByName(value);
  return stage ? { kind: 'stage', stage, value } : { kind: 'image', value };
}

/** A `COPY --from=<value>` of a stage, and what its value names. */
export interface StageCopy {
  ins: Instruction;
  stage: Stage;
  /** The written value and where it is. */
  value: string;
  flagSpan: Span;
  valueSpan: Span;
  target: FromRef;
}

/**
 * Each `COPY --from=` with a value, in a stage. ONBUILD triggers are left out: they run in the build that uses this
 * image, whose stages are not this file's.
 */
export function stageCopies(model: DockerfileModel): StageCopy[] {
  const out: StageCopy[] = [];
  for (const ins of model.each('COPY')) {
    const stage = ins.stage;
    const flag = ins.flag('from');
    if (ins.onbuild || !stage || !flag?.value || !flag.valueSpan) continue;
    const target = fromRef(model, ins, flag.value);
    out.push({ ins, stage, value: flag.value, flagSpan: flag.span, valueSpan: flag.valueSpan, target });
  }
  return out;
}

/**
 * The stages a build can produce as an image: those no other stage is built FROM, copies from or mounts. The last
 * one is what `docker build` makes; another is a `--target` (a `test` or `debug` image). A stage that only feeds
 * others is a step, not an image.
 */
export function resultStages(model: DockerfileModel): Stage[] {
  const used = new Set<Stage>();
  for (const s of model.stages) if (s.parent) used.add(s.parent);
  const use = (ref: FromRef): void => {
    if ((ref.kind === 'stage' || ref.kind === 'index') && ref.stage) used.add(ref.stage);
  };
  for (const c of stageCopies(model)) use(c.target);
  for (const ins of model.each('RUN'))
    if (!ins.onbuild) for (const f of mountFromRefs(ins)) use(fromRef(model, ins, f.value));
  return model.stages.filter((s) => !used.has(s));
}

/** The final stage and the earlier stages it is built FROM, nearest first; empty in a file with no stage. */
export function imageChain(model: DockerfileModel): Stage[] {
  return model.finalStage ? stageChain(model.finalStage) : [];
}

/**
 * The last `USER` the image inherits: the final stage's, else that of the nearest stage it is built FROM; null
 * when none sets one (or the file has no stage).
 */
export function effectiveUser(model: DockerfileModel): Instruction | null {
  for (const s of imageChain(model)) {
    const users = s.instructions.filter((i) => i.keyword === 'USER');
    if (users.length > 0) return users[users.length - 1]!;
  }
  return null;
}

const builderOnlyCache = new WeakMap<DockerfileModel, Set<Stage>>();

/**
 * Stages that ship nothing of their base image: not in the shipped chain, and never copied whole into another
 * stage (`COPY --from=<stage> / /` would carry its base along); what they build is copied out path by path. Worked
 * out once per file.
 */
export function builderOnly(model: DockerfileModel, stage: Stage): boolean {
  let out = builderOnlyCache.get(model);
  if (!out) {
    const whole = new Set<Stage>();
    for (const ins of model.each('COPY')) {
      const from = ins.flag('from')?.value;
      if (!from) continue;
      const ref = fromRef(model, ins, from);
      const target = ref.kind === 'stage' || ref.kind === 'index' ? ref.stage : null;
      if (target && copyOperands(ins)?.sources.some((src) => /^\/+\.?$/.test(src))) whole.add(target);
    }
    out = new Set(model.stages.filter((s) => !s.shipped && !whole.has(s)));
    builderOnlyCache.set(model, out);
  }
  return out.has(stage);
}

/**
 * The grade of a finding that a stage's base image floats (no tag, `latest`): `info` where that is the local build's
 * convenience, i.e. the tag or image is a build arg's default (CI passes the real one), or where the base does not
 * ship (a builder stage); otherwise the rule's own severity.
 */
export function floatingBaseGrade(model: DockerfileModel, stage: Stage): { severity?: 'info' } {
  return fromArgDefault(stage.image.raw) || builderOnly(model, stage) ? { severity: 'info' } : {};
}

/**
 * The tag (or the whole image) of a `FROM` comes from a build arg: the tag names a variable (`node:${TAG}`), or
 * the last path component does and has no tag written (`${BASE_IMAGE}`). CI sets the arg; its default only stands
 * in for a local build. A repository or tag written out (`${REGISTRY}/python`, `${BASE}:latest`) does not count.
 */
export function fromArgDefault(rawImage: string): boolean {
  const last = rawImage.slice(rawImage.lastIndexOf('/') + 1);
  // the tag's colon is the first one outside `${…}` (`${TAG:-latest}` holds one of its own)
  let depth = 0;
  for (let i = 0; i < last.length; i++) {
    const c = last[i];
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (c === ':' && depth === 0) return last.slice(i + 1).includes('$');
  }
  return last.includes('$');
}
