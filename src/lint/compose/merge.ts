/**
 * How Compose merges a service onto the one it `extends` (the Compose Specification, services `extends` and
 * "Merge"): mappings merged key by key, `command`/`entrypoint`/`healthcheck.test` replaced, sequences appended
 * (some de-duplicated, some keyed by their target like a mapping), scalars replaced. Pure data in, data out.
 */

import { ownValue, setOwn } from '../table.js';
import { isMapping, parsePortSpec, type Mapping as Data } from './util.js';

/** Replaced whole by the extending service, never merged. */
const REPLACED = new Set(['command', 'entrypoint']);

/** Mappings that may also be written as `KEY=VALUE` lists: merged as mappings either way. */
const KEY_VALUE = new Set(['environment', 'labels', 'annotations', 'sysctls', 'extra_hosts']);
const BUILD_KEY_VALUE = new Set(['args', 'labels', 'extra_hosts']);

/** Sequences whose merge keeps each item once. */
const UNIQUE_ITEMS = new Set([
  'cap_add',
  'cap_drop',
  'device_cgroup_rules',
  'expose',
  'external_links',
  'security_opt',
  'links',
  'volumes_from',
  'profiles',
  'group_add',
]);

/** Sequences appended as they are (only when both sides are lists; a string replaces). */
const APPENDED = new Set(['dns', 'dns_search', 'env_file', 'tmpfs', 'label_file']);

/**
 * The service `main` extending `base`: a new object (inputs untouched). `replaced` names top-level keys written
 * with Compose's `!override` tag in `main`: their value replaces the base's. A `null` in `main` (`!reset`)
 * removes the key.
 */
export function mergeService(base: Data, main: Data, replaced: ReadonlySet<string> = new Set()): Data {
  const out: Data = { ...base };
  delete out.extends;
  for (const [key, value] of Object.entries(main)) {
    if (key === 'extends') continue;
    if (value === null) {
      delete out[key];
      continue;
    }
    // keys come from the file (`__proto__` included): read and written as own properties only
    const inherited = ownValue(out, key);
    setOwn(
      out,
      key,
      inherited === undefined || inherited === null || replaced.has(key)
        ? value
        : mergeKey(key, inherited, value),
    );
  }
  return out;
}

function mergeKey(key: string, base: unknown, main: unknown): unknown {
  if (REPLACED.has(key)) return main;
  if (KEY_VALUE.has(key)) return mergeKeyValue(base, main);
  switch (key) {
    case 'depends_on':
      return mergeMappings(dependsOnMapping(base), dependsOnMapping(main));
    case 'networks':
      return Array.isArray(base) && Array.isArray(main)
        ? unique([...base, ...main])
        : mergeMappings(namesMapping(base), namesMapping(main));
    case 'healthcheck':
      if (!isMapping(base) || !isMapping(main)) return main;
      // `test` is a command: replaced, not appended
      return mergeMappings(base, main, (k, b, m) => (k === 'test' ? m : undefined));
    case 'logging':
      // options are merged only when both use the same driver (or one names none)
      if (isMapping(base) && isMapping(main) && base.driver && main.driver && base.driver !== main.driver)
        return main;
      return mergeGeneric(base, main);
    case 'build':
      return mergeBuild(base, main);
    case 'volumes':
      return mergeKeyed(base, main, volumeKey);
    case 'devices':
      return mergeKeyed(base, main, deviceKey);
    case 'ports':
      return mergeKeyed(base, main, portKey);
    case 'secrets':
    case 'configs':
      return mergeKeyed(base, main, fileTarget);
    case 'ulimits':
      return mergeMappings(isMapping(base) ? base : {}, isMapping(main) ? main : {});
    default:
      break;
  }
  if (UNIQUE_ITEMS.has(key) && Array.isArray(base) && Array.isArray(main)) return unique([...base, ...main]);
  if (APPENDED.has(key)) return Array.isArray(base) && Array.isArray(main) ? [...base, ...main] : main;
  return mergeGeneric(base, main);
}

/** Mappings merged key by key (recursively), sequences appended, scalars replaced. */
function mergeGeneric(base: unknown, main: unknown): unknown {
  if (isMapping(base) && isMapping(main)) return mergeMappings(base, main);
  if (Array.isArray(base) && Array.isArray(main)) return [...base, ...main];
  return main;
}

function mergeMappings(
  base: Data,
  main: Data,
  special?: (key: string, base: unknown, main: unknown) => unknown,
): Data {
  const out: Data = { ...base };
  for (const [k, v] of Object.entries(main)) {
    if (v === null) {
      delete out[k];
      continue;
    }
    const b = ownValue(out, k);
    setOwn(out, k, b === undefined || b === null ? v : (special?.(k, b, v) ?? mergeGeneric(b, v)));
  }
  return out;
}

function mergeBuild(base: unknown, main: unknown): unknown {
  const asMapping = (b: unknown): Data | null =>
    typeof b === 'string' ? { context: b } : isMapping(b) ? b : null;
  const b = asMapping(base);
  const m = asMapping(main);
  if (!b || !m) return main;
  return mergeMappings(b, m, (k, bv, mv) =>
    BUILD_KEY_VALUE.has(k)
      ? mergeKeyValue(bv, mv)
      : k === 'tags' || k === 'platforms'
        ? unique([...asList(bv), ...asList(mv)])
        : undefined,
  );
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** `[A=1, B]` or `{A: 1, B: null}` → a mapping, so both forms merge the same way. */
export function keyValueMapping(value: unknown): Data {
  if (isMapping(value)) return { ...value };
  const out: Data = {};
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item !== 'string') continue;
      const eq = item.indexOf('=');
      if (eq < 0) setOwn(out, item, null);
      else setOwn(out, item.slice(0, eq), item.slice(eq + 1));
    }
  }
  return out;
}

function mergeKeyValue(base: unknown, main: unknown): Data {
  const b = keyValueMapping(base);
  const m = keyValueMapping(main);
  // an entry without a value (`- KEY`) still overrides: it asks for the variable from the environment
  return { ...b, ...m };
}

/** `depends_on: [db]` → `{db: {condition: service_started}}`, as Compose reads the short form. */
function dependsOnMapping(value: unknown): Data {
  if (isMapping(value)) return value;
  const out: Data = {};
  if (Array.isArray(value))
    for (const name of value)
      if (typeof name === 'string') setOwn(out, name, { condition: 'service_started' });
  return out;
}

function namesMapping(value: unknown): Data {
  if (isMapping(value)) return value;
  const out: Data = {};
  if (Array.isArray(value)) for (const name of value) if (typeof name === 'string') setOwn(out, name, null);
  return out;
}

function unique(items: unknown[]): unknown[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const key = JSON.stringify(i);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Sequences that are really mappings (the Specification's "unique resources"): an item of `main` replaces the
 * base's item with the same key, in its place; new items are appended.
 */
function mergeKeyed(base: unknown, main: unknown, keyOf: (item: unknown) => string | null): unknown {
  if (!Array.isArray(base) || !Array.isArray(main)) return main;
  const out = [...base];
  const index = new Map<string, number>();
  out.forEach((item, i) => {
    const k = keyOf(item);
    if (k !== null) index.set(k, i);
  });
  for (const item of main) {
    const k = keyOf(item);
    const at = k === null ? undefined : index.get(k);
    if (at === undefined) {
      if (k !== null) index.set(k, out.length);
      out.push(item);
    } else out[at] = item;
  }
  return out;
}

/** A volume's key is its target path in the container. */
function volumeKey(item: unknown): string | null {
  if (isMapping(item)) return typeof item.target === 'string' ? item.target : null;
  if (typeof item !== 'string') return null;
  const parts = item.split(':');
  // `C:\data:/data:ro`: a drive letter is part of the source
  if (parts.length >= 3 && /^[A-Za-z]$/.test(parts[0]!)) parts.splice(0, 2, `${parts[0]}:${parts[1]}`);
  return parts.length === 1 ? parts[0]! : (parts[1] ?? null);
}

/** `/dev/sda:/dev/xvda:rwm` → `/dev/xvda` (the path in the container; the host path when there is none). */
function deviceKey(item: unknown): string | null {
  if (isMapping(item)) return typeof item.target === 'string' ? item.target : null;
  if (typeof item !== 'string') return null;
  const parts = item.split(':');
  return parts[1] ?? parts[0] ?? null;
}

/** A port's key: host address, published port, target port and protocol. */
function portKey(item: unknown): string | null {
  if (isMapping(item))
    return JSON.stringify([
      item.host_ip ?? '',
      item.published ?? '',
      item.target ?? '',
      item.protocol ?? 'tcp',
    ]);
  if (typeof item !== 'string' && typeof item !== 'number') return null;
  const p = parsePortSpec(String(item));
  return JSON.stringify([p.hostIp ?? '', p.published ?? '', p.target ?? '', p.protocol]);
}

/** A secret or config is mounted at `target`, by default its name (under `/run/secrets/` for secrets). */
function fileTarget(item: unknown): string | null {
  if (typeof item === 'string') return item;
  if (!isMapping(item)) return null;
  if (typeof item.target === 'string') return item.target;
  return typeof item.source === 'string' ? item.source : null;
}
