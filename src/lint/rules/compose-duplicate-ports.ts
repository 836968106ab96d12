import { portEntries, portNumbers, servicePath, spanOr, oncePerSpan } from '../compose/util.js';
import type { ComposeService } from '../compose/model.js';
import { defineRule } from '../rule.js';

interface Claim {
  service: ComposeService;
  hostIp: string | null;
}

const ANY_IP = new Set(['0.0.0.0', '::', '']);

/** Two bindings collide when their addresses overlap: the wildcard address overlaps every address. */
function sameAddress(a: string | null, b: string | null): boolean {
  const x = a ?? '';
  const y = b ?? '';
  return x === y || ANY_IP.has(x) || ANY_IP.has(y);
}

/** Services in disjoint profiles never run together, so they may reuse a port. */
function runTogether(a: ComposeService, b: ComposeService): boolean {
  const pa = Array.isArray(a.data.profiles) ? a.data.profiles : [];
  const pb = Array.isArray(b.data.profiles) ? b.data.profiles : [];
  if (pa.length === 0 || pb.length === 0) return true;
  return pa.some((p) => pb.includes(p));
}

/** Two services (or one service twice) publishing the same host port. */
export default defineRule({
  id: 'compose-duplicate-ports',
  aliases: ['no-duplicate-exported-ports'],
  kind: 'compose',
  severity: 'error',
  fixable: false,
  summary: 'The same host port is published twice',
  why: 'Only one container can bind a host port: the second service fails to start with "port is already allocated".',
  check({ model, report }) {
    report = oncePerSpan(report);
    const claims = new Map<string, Claim[]>();
    for (const service of model.services) {
      for (const port of portEntries(service)) {
        if (port.published === null || port.interpolated) continue;
        const numbers = portNumbers(port.published);
        if (!numbers) continue;
        let clash: Claim | undefined;
        for (const n of numbers) {
          const key = `${n}/${port.protocol}`;
          const list = claims.get(key) ?? [];
          clash ??= list.find(
            (c) =>
              sameAddress(c.hostIp, port.hostIp) &&
              (c.service === service || runTogether(c.service, service)),
          );
          list.push({ service, hostIp: port.hostIp });
          claims.set(key, list);
        }
        if (!clash) continue;
        const where =
          clash.service === service ? 'earlier in the same service' : `by service \`${clash.service.name}\``;
        report({
          at: spanOr(model, service, servicePath(service, 'ports', port.index)),
          message: `Service \`${service.name}\` publishes host port \`${port.published}/${port.protocol}\`, already published ${where}: the second binding fails with "port is already allocated".`,
        });
      }
    }
  },
});
