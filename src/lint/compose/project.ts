/**
 * The Compose project a file belongs to, as far as the related files show it: each service with its `extends`
 * chain applied (same file or another one), and the services, networks, volumes, secrets and configs that the
 * top-level `include:` brings in. Files that were not read stay unknown: a service whose chain reaches one is
 * marked incomplete, and an unread include makes the project's declarations incomplete, so rules stay silent
 * where they cannot see.
 */
import { isInterpolated, parseCompose, type ComposeModel, type ComposeService } from './model.js';
import { mergeService } from './merge.js';
import { isMapping } from './util.js';
import { dirOf, includeEntries, normalise, resolveRef, serviceBuild, type ComposeBuild } from '../related.js';
import type { Span } from '../types.js';

type Data = Record<string, unknown>;

export interface ServiceBase {
  /** The file that defines the base service. */
  path: string;
  service: string;
  /** Its definition as written (before its own `extends`). */
  raw: Data;
}

export interface ProjectService {
  name: string;
  /** The Compose file that defines it. */
  path: string;
  /** The linted file's own service; null for a service brought in by `include`. */
  own: ComposeService | null;
  /** The definition as written. */
  raw: Data;
  /** The definition with its `extends` chain applied, as Compose runs it. */
  data: Data;
  /** The services it extends, nearest first. */
  bases: ServiceBase[];
  /** The whole `extends` chain was read (false: a base is remote, interpolated, not fetched, missing or a cycle). */
  complete: boolean;
  /** The Dockerfile it builds, resolved against the folder of the file that wrote `build`; null when unknown. */
  build: ComposeBuild | null;
}

export type ProjectProblemKind = 'missing-file' | 'missing-service' | 'cycle' | 'missing-include';

/** What Compose refuses about `extends` and `include` in the linted file, at a place in that file. */
export interface ProjectProblem {
  kind: ProjectProblemKind;
  /** The service whose `extends` is wrong; null for an `include` entry. */
  service: ComposeService | null;
  at: Span;
  message: string;
}

export type TopLevel = 'networks' | 'volumes' | 'secrets' | 'configs';

export interface ComposeProject {
  /** The linted file's services, in file order. */
  own: ProjectService[];
  /** Services brought in by `include` (and the files they include). */
  included: ProjectService[];
  /** A service of the project by name: the linted file's own, else an included one. */
  service(name: string): ProjectService | undefined;
  /** The project view of one of the linted file's services. */
  of(service: ComposeService): ProjectService;
  /** Names declared under a top-level key, in the linted file and the files it includes. */
  declared(kind: TopLevel): Set<string>;
  /** Every `include` was read (or there is none): a name declared nowhere is really undeclared. */
  includesComplete: boolean;
  problems: ProjectProblem[];
}

/** How many `extends` steps a chain may take before it counts as unreadable. */
const MAX_CHAIN = 32;
/** Related Compose files larger than this are left unread (as the engine refuses to lint such a file). */
const MAX_FILE_CHARS = 1024 * 1024;
/** How deep `include`s of included files are followed. */
const MAX_INCLUDE_DEPTH = 8;

interface LoadedFile {
  path: string;
  model: ComposeModel;
  services: Map<string, Data>;
}

interface Resolved {
  data: Data;
  bases: ServiceBase[];
  complete: boolean;
}

const cache = new WeakMap<
  ComposeModel,
  { related: ReadonlyMap<string, string | null>; project: ComposeProject }
>();

/** The project of the linted file `model`, read from `related` (see `gatherRelated`); cached per model. */
export function composeProject(
  model: ComposeModel,
  related: ReadonlyMap<string, string | null>,
): ComposeProject {
  const hit = cache.get(model);
  if (hit && hit.related === related) return hit.project;
  const project = buildProject(model, related);
  cache.set(model, { related, project });
  return project;
}

function buildProject(model: ComposeModel, related: ReadonlyMap<string, string | null>): ComposeProject {
  const files = new Map<string, LoadedFile | null | undefined>();
  const root = loaded(model);
  files.set(root.path, root);
  /** A Compose file by path: the file, null when it does not exist, undefined when unknown or unreadable. */
  const load = (path: string): LoadedFile | null | undefined => {
    if (files.has(path)) return files.get(path);
    const text = related.get(path);
    let file: LoadedFile | null | undefined;
    // a file too large to lint is too large to read here: unknown
    if (text === undefined || (text !== null && text.length > MAX_FILE_CHARS)) file = undefined;
    else if (text === null) file = null;
    else {
      const m = parseCompose(path, text);
      file = m.data ? loaded(m) : undefined;
    }
    files.set(path, file);
    return file;
  };

  const memo = new Map<string, Resolved>();
  const resolve = (file: LoadedFile, name: string, stack: readonly string[]): Resolved => {
    const key = `${file.path}\0${name}`;
    const known = memo.get(key);
    if (known) return known;
    const raw = file.services.get(name) ?? {};
    if (stack.includes(key) || stack.length > MAX_CHAIN)
      return { data: withoutExtends(raw), bases: [], complete: false };
    const step = extendsStep(file, raw, load);
    let result: Resolved;
    if (step === null) result = { data: raw, bases: [], complete: true };
    else if (!step.file || !step.file.services.has(step.service))
      result = { data: withoutExtends(raw), bases: [], complete: false };
    else {
      const target = step.file;
      const base = resolve(target, step.service, [...stack, key]);
      const baseData = target.path === file.path ? base.data : rebase(base.data, target.path, file.path);
      result = {
        data: mergeService(baseData, ...tagged(file.model, name, raw)),
        bases: [
          { path: target.path, service: step.service, raw: target.services.get(step.service)! },
          ...base.bases,
        ],
        complete: base.complete,
      };
    }
    memo.set(key, result);
    return result;
  };

  const projectService = (file: LoadedFile, name: string, own: ComposeService | null): ProjectService => {
    const r = resolve(file, name, []);
    return {
      name,
      path: file.path,
      own,
      raw: file.services.get(name) ?? {},
      data: r.data,
      bases: r.bases,
      complete: r.complete,
      build: serviceBuild(file.path, name, r.data),
    };
  };

  const own = model.services.map((s) => projectService(root, s.name, s));
  const ownByService = new Map(model.services.map((s, i) => [s, own[i]!]));
  const problems: ProjectProblem[] = [];
  for (const s of model.services) {
    const p = extendsProblem(model, root, s, load);
    if (p) problems.push(p);
  }

  // include: the files' services, each resolved in its own file, and their top-level declarations
  const included: ProjectService[] = [];
  const declared: Record<TopLevel, Set<string>> = {
    networks: new Set(['default']),
    volumes: new Set(),
    secrets: new Set(),
    configs: new Set(),
  };
  let includesComplete = true;
  const visited = new Set<string>([root.path]);
  const walk = (file: LoadedFile, depth: number): void => {
    for (const kind of Object.keys(declared) as TopLevel[]) {
      const top = file.model.data?.[kind];
      if (isMapping(top)) for (const n of Object.keys(top)) declared[kind].add(n);
    }
    if (depth > MAX_INCLUDE_DEPTH) {
      if (file.model.data && 'include' in file.model.data) includesComplete = false;
      return;
    }
    const include = file.model.data?.include;
    if (include !== undefined && include !== null && !Array.isArray(include)) includesComplete = false;
    includeEntries(include).forEach((paths, entry) => {
      const merged = new Map<string, ProjectService>();
      paths.forEach((raw, index) => {
        const path = resolveRef(file.path, raw);
        const inc = path === null ? undefined : load(path);
        if (inc === null && file === root) {
          problems.push({
            kind: 'missing-include',
            service: null,
            at: includeSpan(model, entry, index, paths.length > 1),
            message: `\`include\` names \`${raw}\`, which does not exist: \`docker compose\` refuses the file.`,
          });
        }
        if (!inc) {
          includesComplete = false;
          return;
        }
        if (visited.has(inc.path)) return;
        visited.add(inc.path);
        // a project_directory moves where the included file's build contexts are read from
        const moved = hasProjectDirectory(include, entry);
        for (const name of inc.services.keys()) {
          const s = projectService(inc, name, null);
          if (moved) s.build = null;
          const prev = merged.get(name);
          // several files in one entry are merged like `-f a.yaml -f b.yaml`
          if (!prev) merged.set(name, s);
          else {
            // paths stay relative to the entry's first file, as with `-f`
            const data = mergeService(prev.data, s.data);
            const build = moved ? null : serviceBuild(prev.path, name, data);
            merged.set(name, { ...prev, data, build, complete: prev.complete && s.complete });
          }
        }
        walk(inc, depth + 1);
      });
      included.push(...merged.values());
    });
  };
  walk(root, 1);

  const byName = new Map<string, ProjectService>();
  for (const s of [...included].reverse()) byName.set(s.name, s);
  for (const s of own) byName.set(s.name, s);
  return {
    own,
    included,
    service: (name) => byName.get(name),
    of: (service) => ownByService.get(service)!,
    declared: (kind) => declared[kind],
    includesComplete,
    problems,
  };
}

function loaded(model: ComposeModel): LoadedFile {
  return {
    path: model.source.path,
    model,
    services: new Map(model.services.map((s) => [s.name, s.data])),
  };
}

function withoutExtends(raw: Data): Data {
  const rest = { ...raw };
  delete rest.extends;
  return rest;
}

interface Step {
  service: string;
  /** The file holding the base: loaded, null when it does not exist, undefined when unknown. */
  file: LoadedFile | null | undefined;
  /** The file as written in `extends.file`, when it names one. */
  written: string | null;
}

/** Where a service's `extends` points; null without `extends`. */
function extendsStep(
  file: LoadedFile,
  raw: Data,
  load: (path: string) => LoadedFile | null | undefined,
): Step | null {
  const ext = raw.extends;
  if (ext === undefined || ext === null) return null;
  const spec = typeof ext === 'string' ? { service: ext } : isMapping(ext) ? ext : {};
  const service = typeof spec.service === 'string' && !isInterpolated(spec.service) ? spec.service : '';
  if (!service) return { service, file: undefined, written: null };
  if (spec.file === undefined || spec.file === null) return { service, file, written: null };
  if (typeof spec.file !== 'string') return { service, file: undefined, written: null };
  const path = resolveRef(file.path, spec.file);
  return { service, file: path === null ? undefined : load(path), written: spec.file };
}

/** A missing file or service named by the service's own `extends`, or a chain that comes back to it. */
function extendsProblem(
  model: ComposeModel,
  root: LoadedFile,
  service: ComposeService,
  load: (path: string) => LoadedFile | null | undefined,
): ProjectProblem | null {
  const path = ['services', service.name, 'extends'];
  const step = extendsStep(root, service.data, load);
  if (!step) return null;
  const keyAt = model.spanAt(path, true) ?? service.keySpan;
  if (step.written !== null && step.file === null) {
    return {
      kind: 'missing-file',
      service,
      at: model.spanAt([...path, 'file']) ?? keyAt,
      message: `Service \`${service.name}\` extends \`${step.service}\` from \`${step.written}\`, which does not exist: \`docker compose\` refuses the file.`,
    };
  }
  // a missing service in the same file is compose-undefined-reference's own check
  if (step.written !== null && step.file && !step.file.services.has(step.service)) {
    return {
      kind: 'missing-service',
      service,
      at: model.spanAt([...path, 'service']) ?? keyAt,
      message: `Service \`${service.name}\` extends \`${step.service}\`, which \`${step.written}\` does not define: \`docker compose\` refuses the file.`,
    };
  }
  // follow the chain: coming back to this service is a cycle
  const start = `${root.path}\0${service.name}`;
  const names: string[] = [service.name];
  let current: Step | null = step;
  for (let i = 0; current?.file && i < MAX_CHAIN; i++) {
    const key = `${current.file.path}\0${current.service}`;
    if (key === start) {
      return {
        kind: 'cycle',
        service,
        at: keyAt,
        message: `Service \`${service.name}\` extends itself through ${names.map((n) => `\`${n}\``).join(' → ')} → \`${service.name}\`: \`docker compose\` refuses circular \`extends\`.`,
      };
    }
    const raw = current.file.services.get(current.service);
    if (!raw) return null;
    names.push(current.service);
    current = extendsStep(current.file, raw, load);
  }
  return null;
}

/**
 * The service as written, for merging onto its base: keys tagged `!reset` dropped (null), and the keys tagged
 * `!override`, whose value replaces the inherited one whole.
 */
function tagged(model: ComposeModel, name: string, raw: Data): [Data, Set<string>] {
  const replaced = new Set<string>();
  const main: Data = { ...raw };
  for (const key of Object.keys(raw)) {
    const tag = model.nodeAt(['services', name, key])?.tag;
    if (tag === '!override') replaced.add(key);
    else if (tag === '!reset') main[key] = null;
  }
  return [main, replaced];
}

/**
 * A base service from another file, its `build` context re-read relative to the extending file's folder: Compose
 * resolves a base's relative paths against the file that wrote them.
 */
function rebase(data: Data, from: string, to: string): Data {
  const build = data.build;
  if (build === undefined || build === null) return data;
  const spec = typeof build === 'string' ? { context: build } : isMapping(build) ? build : null;
  if (!spec) return data;
  const context = typeof spec.context === 'string' ? spec.context : '.';
  if (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(context) ||
    context.startsWith('git@') ||
    context.includes('$') ||
    context.startsWith('/')
  )
    return data;
  const moved = relativeTo(dirOf(to), normalise(`${dirOf(from)}${context}`)) || '.';
  return { ...data, build: typeof build === 'string' ? moved : { ...spec, context: moved } };
}

/** `target` (a normalised path) as seen from folder `dir` (with its trailing slash, or empty). */
function relativeTo(dir: string, target: string): string {
  const from = normalise(dir || '.')
    .split('/')
    .filter((p) => p !== '');
  const to = target.split('/').filter((p) => p !== '');
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}

function hasProjectDirectory(include: unknown, entry: number): boolean {
  if (!Array.isArray(include)) return false;
  const e: unknown = include[entry];
  return isMapping(e) && e.project_directory !== undefined && e.project_directory !== null;
}

function includeSpan(model: ComposeModel, entry: number, index: number, list: boolean): Span {
  const candidates = list
    ? [['include', entry, 'path', index]]
    : [
        ['include', entry, 'path'],
        ['include', entry],
      ];
  for (const path of candidates) {
    const at = model.spanAt(path);
    if (at) return at;
  }
  return model.spanAt(['include'], true) ?? { start: 0, end: 0 };
}

/**
 * The base in another file that gives `service` its value of `key`, when the service does not write `key` itself
 * and extends a service of another file: rules report such a value at the `extends` key (a base in the same file
 * is reported where it is written). Null otherwise.
 */
export function inheritedFromOtherFile(service: ProjectService, key: string): ServiceBase | null {
  if (key in service.raw || service.bases[0]?.path === service.path) return null;
  return service.bases.find((b) => key in b.raw) ?? null;
}

/** The span of a service's `extends` key in the linted file. */
export function extendsKeySpan(model: ComposeModel, service: ComposeService): Span {
  return model.spanAt(['services', service.name, 'extends'], true) ?? service.keySpan;
}
