import { bindMounts, normaliseHostPath, servicePath, spanOr } from '../../compose/util.js';
import { eachService } from '../../compose/services.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

// whole system directories; single files under them (`/etc/localtime`) are not flagged
const SENSITIVE = new Map<string, string>([
  ['/', "the host's whole filesystem"],
  ['/etc', "the host's configuration, password hashes included"],
  ['/proc', "the host's process information and kernel settings"],
  ['/sys', "the host's kernel and device settings"],
  ['/root', "root's home directory, SSH keys included"],
  ['/var/lib/docker', 'every image, container and volume of the host'],
  ['/boot', "the host's kernel and boot loader"],
  ['/dev', 'every device of the host'],
]);

/** Bind mounts of `/`, `/etc`, `/proc`, `/sys`, `/root`, `/var/lib/docker` (and `/boot`, `/dev`). */
export default defineRule({
  id: 'compose-sensitive-host-mount',
  aliases: ['volume_has_sensitive_host_directory'],
  kind: 'compose',
  severity: 'warning',
  fixable: false,
  summary: 'Service bind-mounts a sensitive host directory',
  why: 'Mounting a system directory of the host hands the container its secrets and settings: a compromised service can read them or, if writable, take over the host.',
  check({ model, report }) {
    eachService(model, report, (service, report) => {
      for (const v of bindMounts(service)) {
        const path = normaliseHostPath(v.source);
        const what = SENSITIVE.get(path);
        if (!what) continue;
        report({
          at: spanOr(model, service, servicePath(service, 'volumes', v.index)),
          message: `Service ${code(service.name)} mounts the host's ${code(path)}${v.readOnly ? ' (read-only)' : ''}, exposing ${what}: mount only the files it needs, read-only.`,
        });
      }
    });
  },
});
