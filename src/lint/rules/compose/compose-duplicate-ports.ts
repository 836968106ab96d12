import { dependencies, portEntries, portNumbers, servicePath, spanOr } from '../../compose/util.js';
import type { ComposeService } from '../../compose/model.js';
import { composeProject } from '../../compose/project.js';
import { eachService } from '../../compose/services.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

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

/**
 * For each service, the services that have exited before it starts: a dependency with
 * `condition: service_completed_successfully` of the service or of anything it waits for (A waits for X, X waits
 * for B to complete: B is done before A starts). Such a pair never holds a port at the same time.
 */
function finishedBefore(services: readonly ComposeService[]): Map<ComposeService, Set<string>> {
  const byName = new Map(services.map((s) => [s.name, s]));
  const result = new Map<ComposeService, Set<string>>();
  for (const service of services) {
    const done = new Set<string>();
    const seen = new Set<string>([service.name]);
    const queue = [service];
    while (queue.length > 0) {
      for (const dep of dependencies(queue.pop()!)) {
        if (dep.condition === 'service_completed_successfully') done.add(dep.name);
        const next = byName.get(dep.name);
        if (next && !seen.has(dep.name)) {
          seen.add(dep.name);
          queue.push(next);
        }
      }
    }
    result.set(service, done);
  }
  return result;
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
    const finished = finishedBefore(model.services);
    const apart = (a: ComposeService, b: ComposeService): boolean =>
      finished.get(a)?.has(b.name) === true || finished.get(b)?.has(a.name) === true;
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
    eachService(model, report, (service, report) => {
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
              (c.service === service || (runTogether(c.service, service) && !apart(c.service, service))),
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
    });
  },
});
