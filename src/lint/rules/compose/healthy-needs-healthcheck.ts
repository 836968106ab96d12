import { composeProject } from '../../compose/project.js';
import {
  buildHealthcheck,
  dependencies,
  hasHealthcheck,
  healthcheckDisabled,
  isMapping,
} from '../../compose/util.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/** `condition: service_healthy` on a service that has no healthcheck anywhere: `docker compose up` fails. */
export default defineRule({
  id: 'healthy-needs-healthcheck',
  aliases: [],
  kind: 'compose',
  severity: 'error',
  fixable: false,
  summary:
    '`condition: service_healthy` on a service with no healthcheck in Compose nor HEALTHCHECK in its Dockerfile',
  why: 'A service without a healthcheck never becomes healthy: `docker compose up` refuses to start what waits for it ("dependency … has no healthcheck configured").',
  check({ model, related, report }) {
    // the target as Compose runs it: `extends` applied, or brought in by `include`
    const project = composeProject(model, related);
    for (const service of model.services) {
      for (const dep of dependencies(service)) {
        if (dep.condition !== 'service_healthy') continue;
        const target = project.service(dep.name);
        // an `extends` chain that was not read in full may hold the healthcheck
        if (!target || !target.complete || hasHealthcheck(target)) continue;
        // a disabled one is compose-invalid-model's finding
        const hc = target.data.healthcheck;
        if (isMapping(hc) && healthcheckDisabled(hc)) continue;
        // an image may bring its own HEALTHCHECK: only a Dockerfile we can read says there is none
        if (buildHealthcheck(target.build, related) !== 'no') continue;
        const where = target.own ? 'in this file' : `in ${code(target.path)}`;
        report({
          at: model.spanAt(dep.path) ?? model.spanAt(dep.path, true) ?? service.keySpan,
          message: `Service ${code(service.name)} waits for ${code(dep.name)} to be healthy, but ${code(dep.name)} has no healthcheck ${where} and its Dockerfile has no \`HEALTHCHECK\`: \`docker compose up\` fails; add a \`healthcheck:\` to ${code(dep.name)} (or a \`HEALTHCHECK\` to its Dockerfile).`,
        });
      }
    }
  },
});
