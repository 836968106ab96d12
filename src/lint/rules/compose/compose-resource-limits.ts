import { mappingAt } from '../../compose/util.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/** No memory, CPU or pids limit: one runaway service can starve the host. Off by default. */
export default defineRule({
  id: 'compose-resource-limits',
  aliases: ['memory_not_limited', 'cpus_not_limited', 'pids_limit_not_set'],
  kind: 'compose',
  severity: 'off',
  fixable: false,
  summary: 'Service without memory, CPU or pids limits',
  why: 'A service without limits can take all the memory, CPU or process slots of the host (a leak, a fork bomb) and take every other service down with it.',
  check({ model, report }) {
    for (const service of model.services) {
      const { data } = service;
      const limits = mappingAt(data, 'deploy', 'resources', 'limits');
      const missing: { what: string; alias: string; key: string }[] = [];
      if (!('mem_limit' in data) && !('memory' in limits))
        missing.push({ what: 'memory', alias: 'memory_not_limited', key: 'mem_limit' });
      if (!('cpus' in data) && !('cpu_quota' in data) && !('cpus' in limits))
        missing.push({ what: 'CPU', alias: 'cpus_not_limited', key: 'cpus' });
      if (!('pids_limit' in data) && !('pids' in limits))
        missing.push({ what: 'pids', alias: 'pids_limit_not_set', key: 'pids_limit' });
      if (missing.length === 0) continue;
      report({
        at: service.keySpan,
        aliases: missing.map((m) => m.alias),
        message: `Service ${code(service.name)} has no ${missing.map((m) => m.what).join(', ')} limit: set ${missing.map((m) => code(m.key)).join(', ')} (or \`deploy.resources.limits\`).`,
      });
    }
  },
});
