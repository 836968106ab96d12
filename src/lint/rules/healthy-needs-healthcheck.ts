import {
  dependencies,
  dockerfileHealthcheck,
  hasHealthcheck,
  healthcheckDisabled,
  isMapping,
} from '../compose/util.js';
import { defineRule } from '../rule.js';

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
    const byName = new Map(model.services.map((s) => [s.name, s]));
    for (const service of model.services) {
      for (const dep of dependencies(service)) {
        if (dep.condition !== 'service_healthy') continue;
        const target = byName.get(dep.name);
        if (!target || hasHealthcheck(target)) continue;
        // a disabled one is compose-invalid-model's finding
        const hc = target.data.healthcheck;
        if (isMapping(hc) && healthcheckDisabled(hc)) continue;
        // an image may bring its own HEALTHCHECK: only a Dockerfile we can read says there is none
        if (dockerfileHealthcheck(model, target, related) !== 'no') continue;
        report({
          at: model.spanAt(dep.path) ?? model.spanAt(dep.path, true) ?? service.keySpan,
          message: `Service \`${service.name}\` waits for \`${dep.name}\` to be healthy, but \`${dep.name}\` has no healthcheck in this file and its Dockerfile has no \`HEALTHCHECK\`: \`docker compose up\` fails; add a \`healthcheck:\` to \`${dep.name}\` (or a \`HEALTHCHECK\` to its Dockerfile).`,
        });
      }
    }
  },
});
