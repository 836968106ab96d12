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
  visit,
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
    // duplicate keys are found below in one pass: the library's check compares each key with all before it
    uniqueKeys: false,
    prettyErrors: false,
    lineCounter,
    customTags: COMPOSE_TAGS,
    // findings carry the problems; the library must not print its own warnings on stderr
    logLevel: 'error',
  });
  const problems: ComposeProblem[] = [...doc.errors, ...duplicateKeys(doc)].map((e) => ({
    message:
      e.code === 'DUPLICATE_KEY'
        ? 'duplicate key: YAML keeps only one of them'
        : /call stack/i.test(e.message)
          ? 'not readable: the YAML is nested too deeply'
          : `not valid YAML: ${e.message.split('\n')[0]}`,
    // the parser may place an error at end of input one past the last character
    span: {
      start: Math.min(e.pos[0], text.length),
      end: Math.min(Math.max(e.pos[1], e.pos[0]), text.length),
    },
  }));
  let data: Record<string, unknown> | null = null;
  if (!doc.errors.some((e) => e.code !== 'DUPLICATE_KEY')) {
    try {
      const js: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      data = js && typeof js === 'object' && !Array.isArray(js) ? (js as Record<string, unknown>) : {};
    } catch (err) {
      const alias = heaviestAlias(doc);
      problems.push({
        message: `refused to expand the YAML aliases: ${err instanceof Error ? err.message : String(err)}`,
        span: alias?.range ? { start: alias.range[0], end: alias.range[1] } : { start: 0, end: 0 },
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

/** `DUPLICATE_KEY` errors as the library reports them with `uniqueKeys: true`, found with one set per mapping. */
function duplicateKeys(doc: Document.Parsed): { code: string; message: string; pos: [number, number] }[] {
  const out: { code: string; message: string; pos: [number, number] }[] = [];
  visit(doc, {
    Map: (_, map) => {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key;
        if (!isScalar(key)) continue;
        if (seen.has(key.value) && key.range)
          out.push({
            code: 'DUPLICATE_KEY',
            message: 'Map keys must be unique',
            pos: [key.range[0], key.range[0] + 1],
          });
        seen.add(key.value);
      }
    },
  });
  return out;
}

/**
 * The alias whose expansion is largest (the first of equals): where an alias bomb goes off. Each anchored node's
 * weight is computed once, so this is linear in the document even when its expansion is astronomical.
 */
function heaviestAlias(doc: Document.Parsed): YamlNode | null {
  const weights = new Map<unknown, number>();
  const weight = (node: unknown): number => {
    const known = weights.get(node);
    if (known !== undefined) return known;
    weights.set(node, 0); // an alias inside its own anchor counts once
    let w = 0;
    if (node && typeof node === 'object')
      visit(node as YamlNode, {
        Alias: (_, a) => {
          w = Math.min(Number.MAX_SAFE_INTEGER, w + 1 + weight(aliasTarget(doc, a)));
        },
      });
    weights.set(node, w);
    return w;
  };
  let best: YamlNode | null = null;
  let bestWeight = -1;
  visit(doc, {
    Alias: (_, a) => {
      const w = weight(aliasTarget(doc, a));
      if (w > bestWeight) {
        best = a;
        bestWeight = w;
      }
    },
  });
  return best;
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

type YamlPair = { key: unknown; value: unknown };

/** Each mapping's pairs by key (the last of duplicates), built once: a scan per lookup was quadratic. */
const keyIndexes = new WeakMap<object, Map<string, YamlPair>>();

function keyIndex(map: YamlNode & { items: YamlPair[] }): Map<string, YamlPair> {
  let index = keyIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) if (isScalar(pair.key)) index.set(String(pair.key.value), pair);
    keyIndexes.set(map, index);
  }
  return index;
}

function lookup(
  doc: Document.Parsed,
  map: YamlNode,
  key: string,
  depth: number,
): { key: YamlNode | null; value: YamlNode | null } | null {
  if (!isMap(map) || depth > 16) return null;
  // an explicit key wins over merged ones; of duplicate keys the last, as in the resolved data
  const pair = keyIndex(map).get(key);
  if (pair) return { key: pair.key as YamlNode, value: pair.value as YamlNode | null };
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

/**
 * Every alias's anchored node, found in one walk of the document: `Alias.resolve` walks the whole document on each
 * call, which made rules that follow many aliases quadratic. Same rule as YAML: the last anchor of that name before
 * the alias.
 */
const aliasTargets = new WeakMap<Document.Parsed, Map<unknown, YamlNode | null>>();

function aliasTarget(doc: Document.Parsed, alias: YamlNode): YamlNode | null {
  let targets = aliasTargets.get(doc);
  if (!targets) {
    const found = new Map<unknown, YamlNode | null>();
    const latest = new Map<string, YamlNode>();
    visit(doc, {
      Node: (_, node) => {
        if (isAlias(node)) found.set(node, latest.get(node.source) ?? null);
        else if (node.anchor) latest.set(node.anchor, node);
      },
    });
    aliasTargets.set(doc, (targets = found));
  }
  return targets.get(alias) ?? null;
}

function resolve(doc: Document.Parsed, node: YamlNode | null | undefined): YamlNode | null {
  let n = node ?? null;
  for (let i = 0; n && isAlias(n) && i < 16; i++) n = aliasTarget(doc, n);
  return n;
}

/** `${VAR}`, `${VAR:-default}`, `$VAR`: interpolated by Compose, never a literal value (`$$` is a literal `$`). */
export function isInterpolated(value: string): boolean {
  return /(^|[^$])\$(\{|[A-Za-z_])/.test(value.replace(/\$\$/g, ''));
}
