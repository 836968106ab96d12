import { servicePath, spanOr } from '../../compose/util.js';
import { eachService } from '../../compose/services.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

const NAMESPACES: readonly { key: string; alias: string; what: string }[] = [
  {
    key: 'network_mode',
    alias: 'network_mode_host_exists',
    what: "the host's network stack: it can bind any host port and reach services listening on localhost",
  },
  {
    key: 'pid',
    alias: 'host_namespace_is_shared',
    what: 'every process of the host, which it can inspect and signal',
  },
  { key: 'ipc', alias: 'ipc_set_to_host', what: "the host's shared memory and IPC objects" },
  {
    key: 'userns_mode',
    alias: 'userns_set_to_host',
    what: "the host's user namespace, so its root is the host's root",
  },
  { key: 'uts', alias: 'host_namespace_is_shared', what: "the host's hostname, which it can change" },
];

/** `network_mode: host`, `pid: host`, `ipc: host`, `userns_mode: host`, `uts: host`. */
export default defineRule({
  id: 'compose-host-namespaces',
  aliases: ['network_mode_host_exists', 'host_namespace_is_shared', 'ipc_set_to_host', 'userns_set_to_host'],
  kind: 'compose',
  severity: 'warning',
  fixable: false,
  summary: "Service shares one of the host's namespaces",
  why: "Sharing the host's network, process, IPC or user namespace removes a layer of isolation between the container and the machine it runs on.",
  check({ model, report }) {
    eachService(model, report, (service, report) => {
      for (const ns of NAMESPACES) {
        const value = service.data[ns.key];
        if (typeof value !== 'string' || value.trim().toLowerCase() !== 'host') continue;
        report({
          at: spanOr(model, service, servicePath(service, ns.key)),
          aliases: [ns.alias],
          message: `Service ${code(service.name)} sets ${code(`${ns.key}: host`)} and so sees ${ns.what}; drop it unless the service truly needs it.`,
        });
      }
    });
  },
});
