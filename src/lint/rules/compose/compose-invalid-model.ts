import type { ComposeService } from '../../compose/model.js';
import {
  dependencies,
  healthcheckDisabled,
  isMapping,
  isLayerFile,
  servicePath,
  spanOr,
  type Dependency,
} from '../../compose/util.js';
import { composeProject } from '../../compose/project.js';
import { defineRule, type Report } from '../../rule.js';
import { code } from '../../quote.js';

/** What Compose refuses before running anything, and the schema cannot see. */
export default defineRule({
  id: 'compose-invalid-model',
  aliases: [],
  kind: 'compose',
  severity: 'error',
  fixable: false,
  summary: 'Service definition that Compose refuses to run',
  why: 'These files pass the schema but `docker compose up` stops on them: a service with nothing to run, conflicting network settings, a dependency or `extends` cycle, or a wait on a healthcheck that is switched off.',
  messages: {
    /** The project's own wording (`compose/project.ts`) for an `extends` cycle; the template adds its full stop. */
    extendsCycle: '{{problem}}.',
    nothingToRun:
      'Service {{service}} has neither `image` nor `build`, so Compose has nothing to run: add one (or `extends`).',
    networkModeAndNetworks:
      'Service {{service}} sets both {{networkMode}} and `networks`, which Compose refuses: keep one of them.',
    healthcheckDisabled:
      'Service {{service}} waits for {{dependency}} to be healthy, but the healthcheck of {{dependency}} is disabled, so it never becomes healthy: enable the healthcheck or wait with `service_started`.',
    dependsOnItself: 'Service {{service}} depends on itself: remove it from its own `depends_on`.',
    dependencyCycle:
      '`depends_on` forms a cycle ({{cycle}}), so Compose cannot decide which service to start first: break the cycle.',
  },
  check({ model, related, report }) {
    // `extends` chains that come back to where they started (in this file or through others)
    for (const p of composeProject(model, related).problems) {
      if (p.kind === 'cycle')
        report({ at: p.at, messageId: 'extendsCycle', data: { problem: p.message.replace(/\.$/, '') } });
    }
    const byName = new Map(model.services.map((s) => [s.name, s]));
    const layer = isLayerFile(model);
    for (const service of model.services) {
      const d = service.data;
      // a layer file (an override) completes services defined in the base file
      if (!layer && !('image' in d) && !('build' in d) && !('extends' in d) && !('provider' in d)) {
        report({
          at: service.keySpan,
          messageId: 'nothingToRun',
          data: { service: code(service.name) },
        });
      }
      if ('network_mode' in d && 'networks' in d && d.networks !== null) {
        report({
          at: model.spanAt(servicePath(service, 'networks'), true) ?? service.keySpan,
          messageId: 'networkModeAndNetworks',
          data: { service: code(service.name), networkMode: code(`network_mode: ${String(d.network_mode)}`) },
        });
      }
      for (const dep of dependencies(service)) {
        if (dep.condition !== 'service_healthy') continue;
        const target = byName.get(dep.name);
        const hc = target?.data.healthcheck;
        if (!isMapping(hc) || !healthcheckDisabled(hc)) continue;
        report({
          at: spanOr(model, service, [...dep.path, 'condition']),
          messageId: 'healthcheckDisabled',
          data: { service: code(service.name), dependency: code(dep.name) },
        });
      }
    }
    reportCycles(
      model.services,
      byName,
      (r) => report({ ...r, at: r.at }),
      (s, dep) =>
        dep.form === 'long' ? (model.spanAt(dep.path, true) ?? s.keySpan) : spanOr(model, s, dep.path),
    );
  },
});

/** Each dependency cycle once, at the edge that closes it from its first service in file order. */
function reportCycles(
  services: readonly ComposeService[],
  byName: Map<string, ComposeService>,
  report: (r: Report) => void,
  spanOf: (s: ComposeService, dep: Dependency) => { start: number; end: number },
): void {
  const order = new Map(services.map((s, i) => [s.name, i]));
  const state = new Map<string, 1 | 2>(); // 1 on the stack, 2 done
  const stack: { service: ComposeService; dep: Dependency | null }[] = [];
  const seen = new Set<string>();
  const visit = (service: ComposeService): void => {
    state.set(service.name, 1);
    for (const dep of dependencies(service)) {
      const next = byName.get(dep.name);
      if (!next) continue;
      stack.push({ service, dep });
      if (state.get(next.name) === 1) {
        const from = stack.findIndex((e) => e.service.name === next.name);
        const cycle = stack.slice(from);
        const names = cycle.map((e) => e.service.name);
        const key = [...names].sort().join('\0');
        if (!seen.has(key)) {
          seen.add(key);
          // report at the edge leaving the cycle's earliest service in the file
          const first = cycle.reduce((a, b) =>
            order.get(a.service.name)! <= order.get(b.service.name)! ? a : b,
          );
          const start = cycle.indexOf(first);
          const path = [...cycle.slice(start), ...cycle.slice(0, start)].map((e) => e.service.name);
          report({
            at: spanOf(first.service, first.dep!),
            ...(names.length === 1
              ? { messageId: 'dependsOnItself', data: { service: code(service.name) } }
              : {
                  messageId: 'dependencyCycle',
                  data: { cycle: [...path, path[0]].map((n) => code(String(n))).join(' → ') },
                }),
          });
        }
      } else if (!state.has(next.name)) visit(next);
      stack.pop();
    }
    state.set(service.name, 2);
  };
  for (const s of services) if (!state.has(s.name)) visit(s);
}
