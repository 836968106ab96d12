import { portEntries, portNumbers, servicePath, spanOr, oncePerSpan } from '../compose/util.js';
import type { ComposeService } from '../compose/model.js';
import { composeProject } from '../compose/project.js';
import { defineRule } from '../rule.js';
import { code } from '../quote.js';

interface Claim {
  service: ComposeService;
  hostIp: string | null;
  /** How the message names the service: an included one with its file. */
  label: string;
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
  check({ model, related, report }) {
    report = oncePerSpan(report);
    const claims = new Map<string, Claim[]>();
    const claim = (
      service: ComposeService,
      hostIp: string | null,
      n: number,
      protocol: string,
      label: string,
    ) => {
      const key = `${n}/${protocol}`;
      const list = claims.get(key) ?? [];
      list.push({ service, hostIp, label });
      claims.set(key, list);
    };
    // ports taken by services that `include` brings in (an included file reports its own duplicates)
    for (const s of composeProject(model, related).included) {
      const service: ComposeService = { name: s.name, keySpan: { start: 0, end: 0 }, data: s.data };
      for (const port of portEntries(service)) {
        if (port.published === null || port.interpolated) continue;
        for (const n of portNumbers(port.published) ?? [])
          claim(service, port.hostIp, n, port.protocol, `by service ${code(s.name)} of ${code(s.path)}`);
      }
    }
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
          claim(service, port.hostIp, n, port.protocol, `by service ${code(service.name)}`);
        }
        if (!clash) continue;
        const where = clash.service === service ? 'earlier in the same service' : clash.label;
        report({
          at: spanOr(model, service, servicePath(service, 'ports', port.index)),
          message: `Service ${code(service.name)} publishes host port ${code(`${port.published}/${port.protocol}`)}, already published ${where}: the second binding fails with "port is already allocated".`,
        });
      }
    }
  },
});
