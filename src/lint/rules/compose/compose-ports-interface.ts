import { isMap, isScalar } from 'yaml';
import type { ComposeModel, ComposeService } from '../../compose/model.js';
import {
  columnOf,
  isQuotedScalar,
  publishedPorts,
  servicePath,
  spanOr,
  splitPortSpec,
  within,
} from '../../compose/util.js';
import { eachService } from '../../compose/services.js';
import { defineRule, type FixProposal } from '../../rule.js';
import { code } from '../../quote.js';

// `${BIND}:80`, `${LISTEN_ADDR}:80`: the variable may well carry the address itself
const ADDRESS_VAR = /^\$\{?[A-Za-z0-9_]*(IP|ADDR|ADDRESS|HOST|BIND|LISTEN|INTERFACE|IFACE)[A-Za-z0-9_]*/i;

/** `ports: ["8080:80"]` binds every interface of the host; a published port should say which. */
export default defineRule({
  id: 'compose-ports-interface',
  aliases: ['no-unbound-port-interfaces', 'container_traffic_not_bound_to_host_interface'],
  kind: 'compose',
  severity: 'off',
  fixable: 'sugg',
  summary: 'Published port bound to all host interfaces',
  why: 'Without a host address a published port listens on every interface of the host, and Docker opens it past host firewalls such as ufw: a database meant for local use becomes reachable from the network.',
  check({ model, report }) {
    eachService(model, report, (service, report) => {
      for (const port of publishedPorts(service)) {
        if (port.hostIp !== null) continue;
        if (port.raw !== null) {
          const parts = splitPortSpec(port.raw.replace(/\/[a-z]+$/i, ''));
          // `${PORTS}` may hold the whole spec, `${BIND_ADDR}:80` the address
          if (parts.length === 1 && port.interpolated) continue;
          if (parts.length === 2 && ADDRESS_VAR.test(parts[0]!)) continue;
        }
        const path = servicePath(service, 'ports', port.index);
        const shown = port.raw ?? `${port.published ?? ''}:${port.target ?? ''}`;
        report({
          at: spanOr(model, service, path),
          message: `Service ${code(service.name)} publishes ${code(shown)} on all host interfaces, reachable from other machines: bind it to \`127.0.0.1\` if only this host needs it.`,
          fix: bindLocal(model, service, path, port.raw !== null && port.published === null),
        });
      }
    });
  },
});

function bindLocal(
  model: ComposeModel,
  service: ComposeService,
  path: readonly (string | number)[],
  containerOnly: boolean,
): FixProposal | undefined {
  const node = model.nodeAt(path);
  // a port merged in from an anchor is shared: editing it there would change other services
  if (!within(node, model.nodeAt(['services', service.name])) || !node?.range) return undefined;
  const description = 'bind the published port to `127.0.0.1`';
  if (isScalar(node)) {
    if (node.type !== 'PLAIN' && !isQuotedScalar(node)) return undefined;
    const at = node.range[0] + (isQuotedScalar(node) ? 1 : 0);
    // `8080` alone is a container port: `127.0.0.1::8080` keeps the host port random
    return {
      description,
      edits: [{ start: at, end: at, text: containerOnly ? '127.0.0.1::' : '127.0.0.1:' }],
    };
  }
  if (isMap(node)) {
    const first = node.items[0]?.key as { range?: [number, number, number] } | undefined;
    if (!first?.range) return undefined;
    // a single `key: value` pair written in a flow list (`[a: 1]`) is a mapping without braces: an entry added
    // before it would be an item of its own,
    if (node.flow) {
      // and `[{a: 1}: 2]` is such a pair whose key is a flow mapping: the braces must enclose the whole node
      const written = model.source.text.slice(node.range[0], node.range[1]).trimEnd();
      if (!written.startsWith('{') || !written.endsWith('}')) return undefined;
    }
    // insert before an explicit `? key` entry, never between the `?` and its key: a block mapping's range starts
    // at its first entry, `?` included; in a flow mapping the `?` is looked for just before the key
    let at = node.flow ? first.range[0] : node.range[0];
    if (node.flow) {
      const src = model.source.text;
      let q = at - 1;
      while (q > node.range[0] && /\s/.test(src[q]!)) q--;
      if (src[q] === '?') at = q;
    }
    const text = node.flow
      ? 'host_ip: 127.0.0.1, '
      : `host_ip: 127.0.0.1${model.source.eol}${' '.repeat(columnOf(model, at))}`;
    return { description, edits: [{ start: at, end: at, text }] };
  }
  return undefined;
}
