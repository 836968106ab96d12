import { asText, servicePath, spanOr } from '../../compose/util.js';
import { eachService } from '../../compose/services.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

// what each capability lets a compromised container do to the host
const DANGEROUS = new Map<string, string>([
  ['ALL', 'every capability, as good as `privileged`'],
  ['SYS_ADMIN', 'mounts, namespaces and many kernel interfaces: the usual first step of a container escape'],
  ['SYS_MODULE', 'loading kernel modules into the host kernel'],
  ['SYS_PTRACE', 'tracing and reading the memory of other processes'],
  ['SYS_RAWIO', 'raw access to I/O ports and devices'],
  ['SYS_BOOT', 'rebooting the host'],
  ['DAC_READ_SEARCH', 'reading any file by handle, a known escape path'],
  ['NET_ADMIN', 'reconfiguring network interfaces, routes and firewall rules'],
  ['BPF', 'loading BPF programs into the kernel'],
  ['MAC_ADMIN', 'changing the mandatory access control policy'],
  ['MAC_OVERRIDE', 'bypassing the mandatory access control policy'],
]);

/** `cap_add: [ALL]`, `SYS_ADMIN` and other capabilities that open a way out of the container. */
export default defineRule({
  id: 'compose-capabilities',
  aliases: ['container_capabilities_unrestricted', 'check_cap_add_cap_drop'],
  kind: 'compose',
  severity: 'warning',
  fixable: false,
  summary: 'Service adds a dangerous Linux capability',
  why: 'Capabilities such as `SYS_ADMIN` or `ALL` give the container powers over the host kernel that most services never need, and make an escape easy.',
  check({ model, report }) {
    eachService(model, report, (service, report) => {
      const caps = service.data.cap_add;
      if (!Array.isArray(caps)) return;
      caps.forEach((c, i) => {
        const written = asText(c);
        if (!written) return;
        const cap = written.trim().toUpperCase().replace(/^CAP_/, '');
        const what = DANGEROUS.get(cap);
        if (!what) return;
        report({
          at: spanOr(model, service, servicePath(service, 'cap_add', i)),
          message: `Service ${code(service.name)} adds ${code(written)}, which allows ${what}: add only the narrow capabilities it needs (and \`cap_drop: [ALL]\` first).`,
        });
      });
    });
  },
});
