import { mappingAt } from '../../compose/util.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/** Services without `restart` (or `deploy.restart_policy`), off by default. */
export default defineRule({
  id: 'compose-restart-policy',
  aliases: ['restart_policy_on_failure_not_set_to_5'],
  kind: 'compose',
  severity: 'off',
  fixable: false,
  summary: 'Service without a restart policy',
  why: 'Without `restart`, a service that crashes or a host that reboots leaves the service down until someone runs `docker compose up` again.',
  check({ model, report }) {
    for (const service of model.services) {
      const { data } = service;
      if ('restart' in data || 'restart_policy' in mappingAt(data, 'deploy')) continue;
      report({
        at: service.keySpan,
        message: `Service ${code(service.name)} has no restart policy, so it stays down after a crash or a reboot: add \`restart: unless-stopped\` (or \`on-failure\` for jobs).`,
      });
    }
  },
});
