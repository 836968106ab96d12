import {
  isDevOrOverrideFile,
  normaliseHostPath,
  servicePath,
  spanOr,
  bindMounts,
} from '../../compose/util.js';
import { eachService } from '../../compose/services.js';
import { defineRule } from '../../rule.js';
import { isDockerSocket } from '../../paths.js';
import { code } from '../../quote.js';

// reported by compose-sensitive-host-mount (the Docker socket by compose-docker-socket), or harmless host settings
const ELSEWHERE = new Set([
  '/',
  '/etc',
  '/proc',
  '/sys',
  '/root',
  '/var/lib/docker',
  '/boot',
  '/dev',
  '/etc/localtime',
  '/etc/timezone',
]);

/** Host bind mounts in a file meant for deployment: the container depends on the host's directory layout. */
export default defineRule({
  id: 'compose-bind-mounts',
  aliases: [],
  kind: 'compose',
  severity: 'off',
  fixable: false,
  summary: 'Host bind mount outside a development or override file',
  why: 'A bind mount ties the service to files on one machine (paths, ownership, SELinux labels) and lets the container write to the host; in production prefer named volumes for data and `configs:` for configuration.',
  check({ model, report }) {
    if (isDevOrOverrideFile(model.source.path)) return;
    eachService(model, report, (service, report) => {
      for (const v of bindMounts(service)) {
        const source = normaliseHostPath(v.source);
        if (ELSEWHERE.has(source) || isDockerSocket(source)) continue;
        report({
          at: spanOr(model, service, servicePath(service, 'volumes', v.index)),
          message: `Service ${code(service.name)} bind-mounts the host path ${code(v.source)}${v.target ? ` at ${code(v.target)}` : ''}: use a named volume for data or \`configs:\` for configuration files, or move the mount to a development override file.`,
        });
      }
    });
  },
});
