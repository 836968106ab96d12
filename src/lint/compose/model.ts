/**
 * The Compose model rules share: the file parsed once with `yaml` (YAML 1.2, `<<` merge keys as Compose reads
 * them), the resolved data, and a way back from any path of that data to the exact text it came from — keys
 * merged in with `<<` are found at their anchor.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node as YamlNode,
} from 'yaml';
import { SourceText } from '../source.js';
import type { Span } from '../types.js';

export interface ComposeProblem {
  message: string;
  span: Span;
}

export type DataPath = readonly (string | number)[];

export interface ComposeService {
  name: string;
  /** The service's key in `services:`. */
  keySpan: Span;
  data: Record<string, unknown>;
}

export interface ComposeModel {
  source: SourceText;
  doc: Document.Parsed;
  /** YAML errors, duplicate keys, refused alias expansion: each at its position. */
  problems: ComposeProblem[];
  /** The resolved document (merges applied); null when the YAML cannot be read. */
  data: Record<string, unknown> | null;
  services: ComposeService[];
  /** The YAML node holding the value at `path` (through aliases and merge keys), or null. */
  nodeAt(path: DataPath): YamlNode | null;
  /** The text span of the value at `path` (or of its key with `key: true`), or null. */
  spanAt(path: DataPath, key?: boolean): Span | null;
}

/** Alias expansions allowed when resolving: real files use a few hundred, alias bombs millions. */
export const MAX_ALIAS_COUNT = 10_000;

/** Compose's own tags: `!reset` drops an inherited value, `!override` replaces it. */
const COMPOSE_TAGS = [
  { tag: '!reset', resolve: () => null },
  { tag: '!override', resolve: (value: string) => value },
];

export function parseCompose(path: string, text: string): ComposeModel {
  const source = new SourceText(path, text);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    merge: true,
    uniqueKeys: true,
    prettyErrors: false,
    lineCounter,
    customTags: COMPOSE_TAGS,
    // findings carry the problems; the library must not print its own warnings on stderr
    logLevel: 'error',
  });
  const problems: ComposeProblem[] = doc.errors.map((e) => ({
    message:
      e.code === 'DUPLICATE_KEY'
        ? 'duplicate key: YAML keeps only one of them'
        : `not valid YAML: ${e.message.split('\n')[0]}`,
    span: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0]) },
  }));
  let data: Record<string, unknown> | null = null;
  if (!doc.errors.some((e) => e.code !== 'DUPLICATE_KEY')) {
    try {
      const js: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      data = js && typeof js === 'object' && !Array.isArray(js) ? (js as Record<string, unknown>) : {};
    } catch (err) {
      problems.push({
        message: `refused to expand the YAML aliases: ${err instanceof Error ? err.message : String(err)}`,
        span: { start: 0, end: 0 },
      });
    }
  }

  const cache = new Map<string, YamlNode | null>();
  const model: ComposeModel = {
    source,
    doc,
    problems,
    data,
    services: [],
    nodeAt: (p) => {
      const key = JSON.stringify(p);
      if (!cache.has(key)) cache.set(key, find(doc, p, false));
      return cache.get(key)!;
    },
    spanAt: (p, asKey = false) => {
      const node = asKey ? find(doc, p, true) : model.nodeAt(p);
      return node?.range ? { start: node.range[0], end: node.range[1] } : null;
    },
  };
  const services = data?.services;
  if (services && typeof services === 'object' && !Array.isArray(services)) {
    for (const [name, value] of Object.entries(services as Record<string, unknown>)) {
      model.services.push({
        name,
        keySpan: model.spanAt(['services', name], true) ?? { start: 0, end: 0 },
        data:
          value && typeof value === 'object' && !Array.isArray(value)
            ? (value as Record<string, unknown>)
            : {},
      });
    }
  }
  return model;
}

/** Walks the document along `path`, resolving aliases and looking into `<<` merge sources for missing keys. */
function find(doc: Document.Parsed, path: DataPath, wantKey: boolean): YamlNode | null {
  let node: YamlNode | null = resolve(doc, doc.contents as YamlNode | null);
  let keyNode: YamlNode | null = null;
  for (const part of path) {
    if (!node) return null;
    if (isMap(node) && typeof part === 'string') {
      const pair = lookup(doc, node, part, 0);
      if (!pair) return null;
      keyNode = pair.key;
      node = resolve(doc, pair.value);
    } else if (isSeq(node) && typeof part === 'number') {
      keyNode = null;
      node = resolve(doc, (node.items[part] as YamlNode | undefined) ?? null);
    } else return null;
  }
  return wantKey ? keyNode : node;
}

function lookup(
  doc: Document.Parsed,
  map: YamlNode,
  key: string,
  depth: number,
): { key: YamlNode | null; value: YamlNode | null } | null {
  if (!isMap(map) || depth > 16) return null;
  // an explicit key wins over merged ones
  for (const pair of map.items) {
    if (isScalar(pair.key) && String(pair.key.value) === key)
      return { key: pair.key, value: pair.value as YamlNode | null };
  }
  for (const pair of map.items) {
    // with `merge: true` the key `<<` is read as a symbol, not the string '<<'
    if (!isScalar(pair.key) || (pair.key.value !== '<<' && pair.key.source !== '<<')) continue;
    const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
    for (const s of sources) {
      const found = lookup(doc, resolve(doc, s as YamlNode | null) as YamlNode, key, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

function resolve(doc: Document.Parsed, node: YamlNode | null | undefined): YamlNode | null {
  let n = node ?? null;
  for (let i = 0; n && isAlias(n) && i < 16; i++) n = (n.resolve(doc) as YamlNode | undefined) ?? null;
  return n;
}

/** `${VAR}`, `${VAR:-default}`, `$VAR`: interpolated by Compose, never a literal value (`$$` is a literal `$`). */
export function isInterpolated(value: string): boolean {
  return /(^|[^$])\$(\{|[A-Za-z_])/.test(value.replace(/\$\$/g, ''));
}
