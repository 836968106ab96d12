import { isScalar } from 'yaml';
import type { ComposeModel, ComposeService } from '../../compose/model.js';
import { isQuotedScalar, publishedPorts, servicePath, spanOr, within } from '../../compose/util.js';
import { eachService } from '../../compose/services.js';
import { defineRule, type FixProposal } from '../../rule.js';
import { code } from '../../quote.js';

/** The addresses that mean "every interface", and the loopback address of the same family. */
const WILDCARDS: ReadonlyMap<string, string> = new Map([
  ['0.0.0.0', '127.0.0.1'],
  ['::', '::1'],
]);

/**
 * `"0.0.0.0:8080:80"`, `host_ip: "::"`: an address written out that binds every interface, like writing none.
 * Ports with no address at all are compose-ports-interface's (off by default): there the address was never
 * considered; here the file states one, and the statement is worth a second look.
 */
export default defineRule({
  id: 'compose-ports-wildcard-address',
  aliases: [],
  kind: 'compose',
  severity: 'info',
  fixable: 'sugg',
  summary: 'Published port bound explicitly to every host interface (`0.0.0.0`, `::`)',
  why: '`0.0.0.0` (or `::`) as a host address binds every interface of the host, the same as writing no address, and Docker opens the port past host firewalls such as ufw: written out, it often comes from a container-side listen address or a `docker run` habit rather than a decision to serve other machines.',
  check({ model, report }) {
    eachService(model, report, (service, report) => {
      for (const port of publishedPorts(service)) {
        const loopback = port.hostIp === null ? undefined : WILDCARDS.get(port.hostIp);
        if (loopback === undefined) continue;
        const path = servicePath(service, 'ports', port.index);
        const shown = port.raw ?? `host_ip: ${port.hostIp!}`;
        report({
          at: spanOr(model, service, path),
          message: `Service ${code(service.name)} publishes ${code(shown)} on ${code(port.hostIp!)}, every interface of the host, reachable from other machines: bind it to ${code(loopback)} if only this host needs it.`,
          fix: bindLoopback(model, service, path, port.hostIp!, loopback),
        });
      }
    });
  },
});

/** The edit that writes the loopback address in place of the wildcard, in the short or the long syntax. */
function bindLoopback(
  model: ComposeModel,
  service: ComposeService,
  path: readonly (string | number)[],
  wildcard: string,
  loopback: string,
): FixProposal | undefined {
  const entry = model.nodeAt(path);
  // a port merged in from an anchor is shared: editing it there would change other services
  if (!within(entry, model.nodeAt(['services', service.name]))) return undefined;
  const node = isScalar(entry) ? entry : model.nodeAt([...path, 'host_ip']);
  if (!isScalar(node) || !node.range || (node.type !== 'PLAIN' && !isQuotedScalar(node))) return undefined;
  const at = node.range[0] + (isQuotedScalar(node) ? 1 : 0);
  const value = String(node.value);
  // only when the file holds the value as it reads (no escapes in a quoted string)
  if (model.source.text.slice(at, at + value.length) !== value) return undefined;
  let start = value.indexOf(wildcard);
  let end = start + wildcard.length;
  let text = loopback;
  if (isScalar(entry) && wildcard === '::') {
    // `[::]:80:80` or `:::80:80`: brackets keep `::1` apart from the ports
    if (value[start - 1] === '[' && value[end] === ']') {
      start--;
      end++;
    }
    text = `[${loopback}]`;
  }
  return {
    description: `bind the published port to \`${loopback}\``,
    edits: [{ start: at + start, end: at + end, text }],
  };
}
