import { bindMounts, normaliseHostPath, servicePath, spanOr } from '../../compose/util.js';
import { eachService } from '../../compose/services.js';
import { defineRule } from '../../rule.js';
import { isDockerSocket } from '../../paths.js';
import { code } from '../../quote.js';

/** The Docker socket inside a container is root on the host. */
export default defineRule({
  id: 'compose-docker-socket',
  aliases: ['docker_socket_mounted_in_container'],
  kind: 'compose',
  severity: 'warning',
  fixable: false,
  summary: 'Service mounts the Docker socket',
  why: 'Whoever can talk to the Docker daemon can start a privileged container that mounts the host filesystem: a compromise of this service is root on the host, even with `:ro`.',
  check({ model, report }) {
    eachService(model, report, (service, report) => {
      for (const v of bindMounts(service)) {
        if (!isDockerSocket(normaliseHostPath(v.source))) continue;
        report({
          at: spanOr(model, service, servicePath(service, 'volumes', v.index)),
          message: `Service ${code(service.name)} mounts the Docker socket ${code(v.source)}${v.readOnly ? ' (read-only does not help: the API still accepts every request)' : ''}, which gives it root on the host: use a socket proxy that allows only the calls it needs, or rootless Docker.`,
        });
      }
    });
  },
});
