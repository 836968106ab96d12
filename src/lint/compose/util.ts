/**
 * Helpers the Compose rules share: reading ports, volumes, dependencies and healthchecks the way Compose reads
 * them (short and long syntax), and the small text arithmetic their fixes need.
 */
import { isCollection, isMap, isScalar, isSeq, Scalar, type Node as YamlNode } from 'yaml';
import { isInterpolated, type ComposeModel, type ComposeService, type DataPath } from './model.js';
import type { ComposeBuild } from '../related.js';
import { parseDockerfile } from '../dockerfile/model.js';
import type { Span } from '../types.js';

export type Mapping = Record<string, unknown>;

export function isMapping(value: unknown): value is Mapping {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** The mapping at `keys` under `data` (`deploy`, `resources`, `limits`), or an empty one where any is missing. */
export function mappingAt(data: Mapping, ...keys: string[]): Mapping {
  let at = data;
  for (const key of keys) {
    const next = at[key];
    if (!isMapping(next)) return {};
    at = next;
  }
  return at;
}

/** A scalar as Compose reads it into a string (numbers and booleans too); null for anything else. */
export function asText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** `true`, or a string Compose reads as true (`"true"`, `yes`…); interpolated strings are not judged. */
export function isTrue(value: unknown): boolean {
  if (value === true) return true;
  return typeof value === 'string' && /^(true|yes|on|1)$/i.test(value.trim());
}

export function servicePath(service: ComposeService, ...rest: (string | number)[]): DataPath {
  return ['services', service.name, ...rest];
}

/** The span of a value, else of its key, else of the service's key: findings always have a place. */
export function spanOr(model: ComposeModel, service: ComposeService | null, path: DataPath): Span {
  return model.spanAt(path) ?? model.spanAt(path, true) ?? service?.keySpan ?? { start: 0, end: 0 };
}

// ---------------------------------------------------------------------------------------------------------------
// ports

export interface PortEntry {
  /** Index in the service's `ports` list. */
  index: number;
  /** Short syntax as written (as a string), or null for the long syntax. */
  raw: string | null;
  hostIp: string | null;
  /** Host port or range as written; null when Compose picks a random host port. */
  published: string | null;
  target: string | null;
  protocol: string;
  /** Any part holds `${VAR}`/`$VAR`. */
  interpolated: boolean;
}

/**
 * Splits a short port spec on its colons, keeping `${VAR:-default}` and `[::1]` whole:
 * `[ip:][host:]container[/protocol]`.
 */
export function splitPortSpec(raw: string): string[] {
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  let bracket = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '$' && raw[i + 1] === '{') {
      depth++;
      current += '${';
      i++;
      continue;
    }
    if (c === '}' && depth > 0) depth--;
    else if (c === '[' && depth === 0) bracket = true;
    else if (c === ']' && depth === 0) bracket = false;
    else if (c === ':' && depth === 0 && !bracket) {
      parts.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  parts.push(current);
  return parts;
}

export function parsePortSpec(raw: string): Omit<PortEntry, 'index'> {
  let spec = raw.trim();
  let protocol = 'tcp';
  const slash = spec.lastIndexOf('/');
  if (slash > spec.lastIndexOf('}') && slash > spec.lastIndexOf(':')) {
    protocol = spec.slice(slash + 1).toLowerCase() || 'tcp';
    spec = spec.slice(0, slash);
  }
  const parts = splitPortSpec(spec);
  const target = parts[parts.length - 1] ?? null;
  let hostIp: string | null = null;
  let published: string | null = null;
  if (parts.length === 2) published = parts[0]!;
  else if (parts.length >= 3) {
    hostIp = parts.slice(0, parts.length - 2).join(':');
    published = parts[parts.length - 2]!;
  }
  if (hostIp?.startsWith('[') && hostIp.endsWith(']')) hostIp = hostIp.slice(1, -1);
  return {
    raw,
    hostIp: hostIp || null,
    published: published || null,
    target,
    protocol,
    interpolated: isInterpolated(raw),
  };
}

/**
 * The ports of a service that Compose publishes on the host: a service on the host's network
 * (`network_mode: host`) publishes none, Compose ignores its `ports`.
 */
export function publishedPorts(service: ComposeService): PortEntry[] {
  const mode = service.data.network_mode;
  return typeof mode === 'string' && mode === 'host' ? [] : portEntries(service);
}

export function portEntries(service: ComposeService): PortEntry[] {
  const ports = service.data.ports;
  if (!Array.isArray(ports)) return [];
  const out: PortEntry[] = [];
  ports.forEach((p, index) => {
    const text = asText(p);
    if (text !== null) {
      out.push({ index, ...parsePortSpec(text) });
    } else if (isMapping(p)) {
      const published = asText(p.published);
      const target = asText(p.target);
      const hostIp = asText(p.host_ip);
      out.push({
        index,
        raw: null,
        hostIp: hostIp || null,
        published: published || null,
        target,
        protocol: (asText(p.protocol) ?? 'tcp').toLowerCase(),
        interpolated: [published, target, hostIp].some((v) => v !== null && isInterpolated(v)),
      });
    }
  });
  return out;
}

/** `8080`, `8000-8010` → the port numbers; null when it is not a plain number or range. */
export function portNumbers(spec: string): number[] | null {
  const m = /^(\d+)(?:-(\d+))?$/.exec(spec.trim());
  if (!m) return null;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (to < from || to - from > 65535) return null;
  const out: number[] = [];
  for (let p = from; p <= to; p++) out.push(p);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// volumes

export interface VolumeEntry {
  index: number;
  /** Short syntax as written, null for the long syntax. */
  raw: string | null;
  type: 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster' | 'image' | 'anonymous';
  source: string | null;
  target: string | null;
  readOnly: boolean;
}

/** A short-syntax source that names a host path rather than a named volume (Compose's own test). */
export function isHostPath(source: string): boolean {
  return (
    source.startsWith('/') ||
    source.startsWith('.') ||
    source.startsWith('~') ||
    source.startsWith('\\') ||
    /^[A-Za-z]:[\\/]/.test(source) ||
    // `${PWD}/data`, `$HOME/x`: a variable followed by a path
    /^\$(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)[\\/]/.test(source)
  );
}

/** Splits `source:target[:mode]`, keeping a Windows drive letter (`C:\data`) with its path. */
function splitVolumeSpec(raw: string): string[] {
  const parts = splitPortSpec(raw);
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (/^[A-Za-z]$/.test(p) && i + 1 < parts.length && /^[\\/]/.test(parts[i + 1]!)) {
      out.push(`${p}:${parts[i + 1]!}`);
      i++;
    } else out.push(p);
  }
  return out;
}

export function volumeEntries(service: ComposeService): VolumeEntry[] {
  const volumes = service.data.volumes;
  if (!Array.isArray(volumes)) return [];
  const out: VolumeEntry[] = [];
  volumes.forEach((v, index) => {
    if (typeof v === 'string') {
      const parts = splitVolumeSpec(v);
      if (parts.length === 1) {
        out.push({ index, raw: v, type: 'anonymous', source: null, target: parts[0]!, readOnly: false });
        return;
      }
      const [source, target, mode] = parts as [string, string, string | undefined];
      out.push({
        index,
        raw: v,
        type: isHostPath(source) ? 'bind' : 'volume',
        source,
        target,
        readOnly: !!mode && mode.split(',').includes('ro'),
      });
    } else if (isMapping(v)) {
      const type = asText(v.type) ?? 'volume';
      const source = asText(v.source);
      out.push({
        index,
        raw: null,
        type: type === 'volume' && !source ? 'anonymous' : (type as VolumeEntry['type']),
        source,
        target: asText(v.target),
        readOnly: isTrue(v.read_only),
      });
    }
  });
  return out;
}

/** A service's bind mounts of a host path: its `volumes` of type `bind` that name their source. */
export function bindMounts(service: ComposeService): (VolumeEntry & { source: string })[] {
  return volumeEntries(service).filter(
    (v): v is VolumeEntry & { source: string } => v.type === 'bind' && !!v.source,
  );
}

/** `/var/run/docker.sock/` → `/var/run/docker.sock`; `//var/run` (Docker Desktop on Windows) → `/var/run`. */
export function normaliseHostPath(path: string): string {
  let p = path
    .trim()
    .replace(/\\/g, '/')
    .replace(/\/{2,}/g, '/');
  if (p.length > 1) p = p.replace(/(?<!\/)\/+$/, '');
  return p;
}

// ---------------------------------------------------------------------------------------------------------------
// depends_on

export interface Dependency {
  name: string;
  form: 'short' | 'long';
  /** The long form's condition (`service_started` when absent), `service_started` for the short form. */
  condition: string;
  /** Path of the short-form item or the long-form entry's value. */
  path: DataPath;
}

export function dependencies(service: ComposeService): Dependency[] {
  const deps = service.data.depends_on;
  if (Array.isArray(deps)) {
    return deps.flatMap((d, i) =>
      typeof d === 'string'
        ? [
            {
              name: d,
              form: 'short' as const,
              condition: 'service_started',
              path: servicePath(service, 'depends_on', i),
            },
          ]
        : [],
    );
  }
  if (isMapping(deps)) {
    return Object.entries(deps).map(([name, v]) => ({
      name,
      form: 'long' as const,
      condition: (isMapping(v) ? asText(v.condition) : null) ?? 'service_started',
      path: servicePath(service, 'depends_on', name),
    }));
  }
  return [];
}

// ---------------------------------------------------------------------------------------------------------------
// healthchecks

/** `test` as a list (`["CMD", …]`), a string (run by the shell) or absent. */
export function healthcheckTest(healthcheck: Mapping): string[] | string | null {
  const test = healthcheck.test;
  if (typeof test === 'string') return test;
  if (Array.isArray(test)) return test.map((t) => asText(t) ?? '');
  return null;
}

/** A healthcheck is switched off by `disable: true` or `test: ["NONE"]`. */
export function healthcheckDisabled(healthcheck: Mapping): boolean {
  if (isTrue(healthcheck.disable)) return true;
  const test = healthcheckTest(healthcheck);
  return Array.isArray(test) && test[0]?.toUpperCase() === 'NONE';
}

/** The service defines a working healthcheck in this Compose file. */
export function hasHealthcheck(service: { data: Mapping } | undefined): boolean {
  const hc = service?.data.healthcheck;
  return isMapping(hc) && !healthcheckDisabled(hc) && healthcheckTest(hc) !== null;
}

// ---------------------------------------------------------------------------------------------------------------
// names and files

/** Files meant for development, or merged onto a base file: `compose.override.yaml`, `docker-compose.dev.yml`… */
export function isDevOrOverrideFile(path: string): boolean {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();
  return /override|dev|\.local\./.test(base);
}

/** An override file completes a base file: its references may be declared there. */
export function isOverrideFile(path: string): boolean {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();
  return base.includes('override');
}

const DEFAULT_NAMES = new Set(['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml']);

/** One of the names `docker compose` reads by default. */
export function isDefaultFile(path: string): boolean {
  return DEFAULT_NAMES.has(
    path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase(),
  );
}

/** The service runs nothing by itself: it patches a service defined in another file. */
function patchesOnly(service: ComposeService): boolean {
  const d = service.data;
  return !('image' in d) && !('build' in d) && !('extends' in d) && !('provider' in d);
}

/**
 * A file meant to be merged onto another (`-f base.yml -f this.yml`, or the automatic `compose.override.yaml`):
 * an override by name, a file whose services all patch services defined elsewhere, or a file with a name
 * `docker compose` does not read by default in which some service does. Its references may be declared elsewhere.
 */
export function isLayerFile(model: ComposeModel): boolean {
  const path = model.source.path;
  if (isOverrideFile(path)) return true;
  if (model.services.length > 0 && model.services.every(patchesOnly)) return true;
  return !isDefaultFile(path) && model.services.some(patchesOnly);
}

// ---------------------------------------------------------------------------------------------------------------
// text

/** The node's own text (for a scalar: with its quotes). */
export function nodeText(model: ComposeModel, node: YamlNode | null): string | null {
  return node?.range ? model.source.text.slice(node.range[0], node.range[1]) : null;
}

/** Column (0-based) of an offset on its line. */
export function columnOf(model: ComposeModel, offset: number): number {
  return model.source.positionAt(offset).column - 1;
}

/** The node's span lies inside `outer`: false for values merged in from an anchor elsewhere. */
export function within(node: YamlNode | null, outer: YamlNode | null): boolean {
  if (!node?.range || !outer?.range) return false;
  return node.range[0] >= outer.range[0] && node.range[1] <= outer.range[1];
}

export function isPlainScalar(node: YamlNode | null): node is Scalar {
  return isScalar(node) && node.type === Scalar.PLAIN;
}

export function isQuotedScalar(node: YamlNode | null): node is Scalar {
  return isScalar(node) && (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE);
}

export function isBlockCollection(node: YamlNode | null): boolean {
  return isCollection(node) && !node.flow;
}

export { isMap, isSeq, isScalar };

/**
 * Whether the image a service builds (`build`, see `serviceBuild`) defines a HEALTHCHECK, read from its Dockerfile
 * among the related files: the target stage (or the last), then the stages it is built FROM. 'unknown' when the
 * service does not build from a local Dockerfile or the caller did not provide it.
 */
export function buildHealthcheck(
  build: ComposeBuild | null,
  related: ReadonlyMap<string, string | null>,
): 'yes' | 'no' | 'unknown' {
  const text = build ? related.get(build.dockerfile) : undefined;
  if (!build || typeof text !== 'string') return 'unknown';
  const df = parseDockerfile(build.dockerfile, text);
  let stage = build.target ? (df.stageByName(build.target) ?? null) : df.finalStage;
  for (let depth = 0; stage && depth < 64; depth++, stage = stage.parent) {
    const checks = stage.instructions.filter((i) => i.keyword === 'HEALTHCHECK');
    const last = checks[checks.length - 1];
    if (last) return last.args[0]?.value.toUpperCase() === 'NONE' ? 'no' : 'yes';
  }
  return 'no';
}

/** How much of a line after a value is read for its comment: a comment, not the rest of a hostile line. */
const LINE_COMMENT_CHARS = 200;

/**
 * The author has marked the value at `offset` for changing: a `# CHANGEME`, `# change me`, `# change this` or
 * `# replace …` comment ends its line. A bounded look at one line, no regex over the file.
 */
export function markedToChange(text: string, offset: number): boolean {
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  const line = text.slice(offset, Math.min(end, offset + LINE_COMMENT_CHARS));
  const hash = line.indexOf(' #');
  if (hash < 0) return false;
  const comment = line
    .slice(hash + 2)
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
  return comment.startsWith('changeme') || comment.startsWith('changethis') || comment.startsWith('replace');
}
