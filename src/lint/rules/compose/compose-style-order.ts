import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { ComposeModel, ComposeService } from '../../compose/model.js';
import { asText, dependencies, splitPortSpec } from '../../compose/util.js';
import { defineRule, type FixProposal, type Report } from '../../rule.js';
import type { TextEdit } from '../../types.js';
import { code } from '../../quote.js';

const TOP_ORDER = [
  'version',
  'name',
  'include',
  'services',
  'models',
  'networks',
  'volumes',
  'secrets',
  'configs',
];
// dclint's default groups, in order: core, dependencies, data, environment, network, runtime, metadata, security
const KEY_ORDER = [
  'image',
  'build',
  'container_name',
  'depends_on',
  'volumes',
  'volumes_from',
  'configs',
  'secrets',
  'environment',
  'env_file',
  'ports',
  'networks',
  'network_mode',
  'extra_hosts',
  'command',
  'entrypoint',
  'working_dir',
  'restart',
  'healthcheck',
  'logging',
  'labels',
  'user',
  'isolation',
];
const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const ANCHOR_OR_ALIAS = /(^|[\s[{,:-])[&*][^\s,[\]{}]|<</;

const compare = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/** The rank of each name under an order: known names by their place, then the others alphabetically. */
function ranker(order: readonly string[]): (names: string[]) => number[] {
  return (names) => {
    const sorted = [...names].sort((a, b) => {
      const ia = order.indexOf(a);
      const ib = order.indexOf(b);
      if (ia >= 0 || ib >= 0) return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib);
      return compare(a, b);
    });
    return names.map((n) => sorted.indexOf(n));
  };
}

/** Where the `x-` extensions stand in a top-level order (dclint's name for the group). */
const X_GROUP = 'x-properties';
const DEFAULT_TOP_ORDER = [X_GROUP, ...TOP_ORDER];

/**
 * The top-level order: the configured keys first, then the default order's other keys (as dclint's `customOrder`
 * does); the `x-` extensions, alphabetically, wherever `x-properties` stands.
 */
function topLevelOrder(option: unknown): string[] {
  const custom = Array.isArray(option) ? option.filter((k): k is string => typeof k === 'string') : [];
  return [...custom, ...DEFAULT_TOP_ORDER.filter((k) => !custom.includes(k))];
}

function topRanker(order: readonly string[]): (names: string[]) => number[] {
  return (names) => {
    const ext = names.filter((n) => n.startsWith('x-')).sort(compare);
    return ranker(order.flatMap((k) => (k === X_GROUP ? ext : [k])))(names);
  };
}

/** dclint's ordering and naming style rules, in one rule that is off by default. */
export default defineRule({
  id: 'compose-style-order',
  aliases: [
    'service-keys-order',
    'services-alphabetical-order',
    'top-level-properties-order',
    'service-ports-alphabetical-order',
    'service-dependencies-alphabetical-order',
    'service-container-name-regex',
  ],
  kind: 'compose',
  severity: 'off',
  // order is style: giving a top-level order switches the rule on at that level, not as a warning
  whenConfigured: 'style',
  fixable: 'yes',
  summary: 'Compose file keys, services, ports or dependencies out of the conventional order',
  why: 'A fixed order (top-level sections, services by name, service keys by role) makes large Compose files quicker to read and their diffs smaller.',
  messages: {
    topLevelOrder: 'Top-level {{name}} should come before {{before}} ({{order}}).',
    servicesOrder: 'Service {{name}} should come before {{before}}: keep services in alphabetical order.',
    serviceKeysOrder:
      'Key {{name}} of service {{service}} should come before {{before}} (image and build first, then dependencies, data, environment, networking, runtime, metadata, security).',
    dependenciesOrder:
      '`depends_on` of service {{service}} is not in alphabetical order: {{name}} should come before {{before}}.',
    portsOrder:
      'Ports of service {{service}} are not in ascending order: {{name}} should come before {{before}}.',
    containerName:
      '{{containerName}} of service {{service}} is not a valid container name: use letters, digits, `_`, `.` and `-`, starting with a letter or digit.',
  },
  schema: {
    topLevelOrder: {
      type: 'array',
      items: { type: 'string' },
      default: DEFAULT_TOP_ORDER,
      description:
        "The order of top-level keys (dclint's `customOrder` of top-level-properties-order): `x-properties` stands for the `x-` extensions; keys left out follow in the default order.",
    },
  },
  check({ model, report, options }) {
    if (!model.data) return;
    const root = model.doc.contents as YamlNode | null;
    const order = topLevelOrder(options.topLevelOrder);
    const orderText = order.map((k) => (k === X_GROUP ? 'x- extensions' : k)).join(', ');
    ordered(
      model,
      report,
      root,
      topRanker(order),
      'top-level-properties-order',
      'topLevelOrder',
      undefined,
      false,
      {
        order: orderText,
      },
    );
    ordered(
      model,
      report,
      model.nodeAt(['services']),
      (names) => ranker([])(names),
      'services-alphabetical-order',
      'servicesOrder',
    );
    for (const service of model.services) {
      // the service's keys, its ports and its dependencies: each message names the service
      const inService = (
        path: readonly string[],
        rank: (names: string[]) => number[],
        alias: string,
        messageId: string,
        once = false,
      ) =>
        ordered(
          model,
          report,
          model.nodeAt(['services', service.name, ...path]),
          rank,
          alias,
          messageId,
          service.name,
          once,
        );
      inService([], ranker(KEY_ORDER), 'service-keys-order', 'serviceKeysOrder');
      const ports = publishedKeys(service);
      // a list is one finding, as dclint reports it: its fix sorts the whole list, and one unsorted list of ten
      // ports is one thing to change, not ten review comments
      if (ports)
        inService(['ports'], () => rankOf(ports), 'service-ports-alphabetical-order', 'portsOrder', true);
      const deps = dependencies(service).map((d) => d.name);
      inService(
        ['depends_on'],
        () => rankOf(deps),
        'service-dependencies-alphabetical-order',
        'dependenciesOrder',
        true,
      );
      const name = service.data.container_name;
      if (typeof name === 'string' && !name.includes('$') && !CONTAINER_NAME.test(name)) {
        report({
          at: model.spanAt(['services', service.name, 'container_name']) ?? service.keySpan,
          aliases: ['service-container-name-regex'],
          messageId: 'containerName',
          data: { containerName: code(`container_name: ${name}`), service: code(service.name) },
        });
      }
    }
  },
});

function rankOf(names: string[]): number[] {
  const sorted = [...names].sort(compare);
  return names.map((n) => sorted.indexOf(n));
}

/** What orders a service's `ports`: each item's published port as written; null when `ports` is not a list. */
function publishedKeys(service: ComposeService): string[] | null {
  const ports = service.data.ports;
  if (!Array.isArray(ports)) return null;
  return ports.map((p) => {
    const text = asText(p);
    if (text !== null) {
      const parts = splitPortSpec(text.replace(/\/[a-z]+$/i, ''));
      return parts.length >= 3 ? parts[parts.length - 2]! : parts[0]!;
    }
    return p && typeof p === 'object' ? (asText((p as Record<string, unknown>).published) ?? '') : '';
  });
}

/** A key's name, a list item's value, or a long-form item's text as written. */
function itemName(model: ComposeModel, node: YamlNode | null): string {
  if (isScalar(node)) return node.source === '<<' ? '<<' : String(asText(node.value) ?? '');
  return node?.range ? model.source.text.slice(node.range[0], node.range[1]).replace(/\s+/g, ' ') : '';
}

/** Reports items of a mapping or list that come after an item they should precede; the fix sorts them all. */
function ordered(
  model: ComposeModel,
  report: (r: Report) => void,
  node: YamlNode | null,
  rank: (names: string[]) => number[],
  alias: string,
  messageId: string,
  /** The service whose items these are, for the message. */
  service?: string,
  /** Report only the first misplaced item: the collection is out of order, one finding. */
  once = false,
  /** More values for the message. */
  extra: Record<string, string> = {},
): void {
  if (!isMap(node) && !isSeq(node)) return;
  const items = node.items as unknown[];
  const names = items.map((it) =>
    itemName(model, isMap(node) ? (it as { key: YamlNode | null }).key : (it as YamlNode)),
  );
  const ranks = rank(names);
  let fix: FixProposal | undefined | null = null;
  let maxSoFar = -1;
  let maxName = '';
  let reported = false;
  items.forEach((it, i) => {
    if (names[i] === '<<') return; // a merge key may stand anywhere: explicit keys win wherever it is
    const r = ranks[i]!;
    if (r < maxSoFar) {
      if (once && reported) return;
      reported = true;
      if (fix === null) fix = reorder(model, node, ranks);
      const start = isMap(node) ? (it as { key: YamlNode }).key.range : (it as YamlNode).range;
      report({
        at: start ? { start: start[0], end: start[1] } : { start: 0, end: 0 },
        aliases: [alias],
        messageId,
        data: { name: code(names[i]!), before: code(maxName), service: code(service ?? ''), ...extra },
        fix: fix ?? undefined,
      });
    } else {
      maxSoFar = r;
      maxName = names[i]!;
    }
  });
}

/** Moves whole lines: each item with the comment lines just above it, when the collection is block style. */
function reorder(model: ComposeModel, node: YamlNode, ranks: number[]): FixProposal | undefined {
  if (!(isMap(node) || isSeq(node)) || node.flow || !node.range) return undefined;
  const src = model.source;
  const text = src.text;
  const starts: number[] = [];
  let lastLine = 0;
  for (const it of node.items as unknown[]) {
    let at = isMap(node)
      ? (it as { key: YamlNode | null }).key?.range?.[0]
      : (it as YamlNode | null)?.range?.[0];
    if (at === undefined) return undefined;
    if (isSeq(node)) {
      const dash = text.lastIndexOf('-', at);
      if (dash < 0) return undefined;
      at = dash;
    }
    const line = src.positionAt(at).line;
    if (line <= lastLine || text.slice(src.lineStart(line), at).trim() !== '') return undefined;
    lastLine = line;
    starts.push(line);
  }
  // comment lines directly above an item travel with it (not above the first: that is the file's or section's header)
  const segStart = starts.map((line, i) => {
    let l = line;
    while (i > 0 && l - 1 > starts[i - 1]! && /^\s*#/.test(src.lineText(l - 1))) l--;
    return src.lineStart(l);
  });
  const endOffset = Math.min(text.length, Math.max(node.range[1], node.range[0] + 1));
  const endLine = src.positionAt(Math.max(endOffset - 1, 0)).line;
  const end = endLine < src.lineCount ? src.lineStart(endLine + 1) : text.length;
  const region = text.slice(segStart[0]!, end);
  if (ANCHOR_OR_ALIAS.test(region)) return undefined;
  const segments = segStart.map((s, i) => text.slice(s, i + 1 < segStart.length ? segStart[i + 1] : end));
  const eol = src.eol;
  const noFinalEol = !segments[segments.length - 1]!.endsWith('\n');
  if (noFinalEol) segments[segments.length - 1] += eol;
  const order = ranks.map((r, i) => ({ r, i })).sort((a, b) => a.r - b.r || a.i - b.i);
  let out = order.map((o) => segments[o.i]!).join('');
  if (noFinalEol) out = out.slice(0, -eol.length);
  const edit: TextEdit = { start: segStart[0]!, end, text: out };
  // a broken file gets no reordering; in a valid one the region is whole lines of one block collection, so its
  // reordering parsing on its own is enough (parsing the whole file once per collection made large files slow)
  if (model.doc.errors.length > 0 || !parses(out)) return undefined;
  return { description: 'reorder', edits: [edit] };
}

const parses = (yaml: string): boolean =>
  parseDocument(yaml, { merge: true, uniqueKeys: true }).errors.length === 0;
