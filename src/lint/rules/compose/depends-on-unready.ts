import { composeProject } from '../../compose/project.js';
import { slowToBeReady } from '../../compose/readiness.js';
import { asText, dependencies, hasHealthcheck } from '../../compose/util.js';
import { oncePerSpan } from '../../compose/services.js';
import { defineRule } from '../../rule.js';
import type { Span } from '../../types.js';
import { listInBackticks } from '../../text.js';
import { code } from '../../quote.js';

/** `depends_on: [db]` where `db` is a database with no healthcheck: nothing can tell when it is ready. */
export default defineRule({
  id: 'depends-on-unready',
  aliases: [],
  kind: 'compose',
  severity: 'info',
  fixable: false,
  summary:
    'Dependency on a database or broker that has no healthcheck, so it can only be waited for to start',
  why: 'A database or broker container starts well before the server in it accepts connections (a first start initialises its data directory): the short form of `depends_on` only waits for the container, so the dependent service may crash or retry on first boot. With a `healthcheck:` on the dependency, `condition: service_healthy` waits for it to be ready.',
  check({ model, related, report }) {
    report = oncePerSpan(report);
    // the dependency as Compose runs it: `extends` applied, or brought in by `include`
    const project = composeProject(model, related);
    // one finding per dependency, at its first dependent: the missing healthcheck is a fact about the dependency
    const waiting = new Map<string, { at: Span; message: string; others: Set<string> }>();
    for (const service of model.services) {
      for (const dep of dependencies(service)) {
        if (dep.condition !== 'service_started' || dep.name === service.name) continue;
        const seen = waiting.get(dep.name);
        if (seen) {
          seen.others.add(service.name); // a Set: thousands of dependents stay linear
          continue;
        }
        const target = project.service(dep.name);
        // an `extends` chain not read in full may hold a healthcheck; a built image may bring its own HEALTHCHECK
        if (!target || !target.complete || hasHealthcheck(target) || target.data.build !== undefined)
          continue;
        const image = asText(target.data.image);
        const server = image ? slowToBeReady(image) : null;
        if (!server) continue;
        waiting.set(dep.name, {
          at: model.spanAt(dep.path) ?? model.spanAt(dep.path, true) ?? service.keySpan,
          message: `Service ${code(service.name)} waits only for ${code(dep.name)} (${code(image!)}) to start, and ${code(dep.name)} has no healthcheck, so nothing tells Compose when ${server.server} accepts connections: give ${code(dep.name)} a \`healthcheck:\` (for example ${code(`test: ${healthcheckTest(server.check)}`)}) and depend on it with \`condition: service_healthy\`.`,
          others: new Set(),
        });
      }
    }
    for (const { at, message, others } of waiting.values()) {
      const also =
        others.size === 0
          ? ''
          : ` The same goes for ${listInBackticks([...others])}, which also ${others.size === 1 ? 'depends' : 'depend'} on it.`;
      report({ at, message: message + also });
    }
  },
});

/** A `healthcheck.test` that runs `command` through the shell, as YAML that can be pasted: quotes inside escaped. */
function healthcheckTest(command: string): string {
  return `[${['CMD-SHELL', command].map((s) => JSON.stringify(s)).join(', ')}]`;
}
