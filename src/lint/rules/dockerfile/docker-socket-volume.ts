import { defineRule } from '../../rule.js';
import { removeQuotes } from '../../dockerfile/image-ref.js';
import { shippedInstructions } from '../../dockerfile/stages.js';
import { resolveVars } from '../../dockerfile/vars.js';
import { isDockerSocket } from '../../paths.js';
import { code } from '../../quote.js';

/**
 * `VOLUME /var/run/docker.sock`: the image is built to be run with the host's Docker socket mounted, which is root
 * on the host. The declaration itself mounts nothing: a bind mount of the socket works without it, and a container
 * run without one gets an empty anonymous volume (a directory) where its clients expect the socket.
 */
export default defineRule({
  id: 'docker-socket-volume',
  aliases: [],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: false,
  summary: '`VOLUME` of the Docker socket (`/var/run/docker.sock`, `/run/docker.sock`)',
  why: 'An image that declares the Docker socket as a volume is meant to run with the host socket mounted, and whoever talks to the Docker daemon can start a privileged container that mounts the host filesystem: a compromise of this container is root on the host.',
  check({ model, report }) {
    for (const ins of shippedInstructions(model, 'VOLUME')) {
      // the JSON list holds the paths as JSON strings; the other form is words the builder unquotes
      const paths = ins.json ?? ins.args.map((a) => ({ value: removeQuotes(a.value), span: a.span }));
      for (const { value, span } of paths) {
        const path = resolveVars(model, ins, value);
        if (path === null || !isDockerSocket(path)) continue;
        const via = path === value ? '' : ` (${code(value)} is ${code(path)})`;
        const where = ins.onbuild ? ' in every image built from this one' : '';
        report({
          at: span,
          message: `${code(`VOLUME ${value}`)}${via} declares the Docker socket as a volume${where}: the image expects the host's socket mounted there, which gives the container root on the host. Talk to a socket proxy that allows only the API calls needed (\`DOCKER_HOST=tcp://…\`), or document why this image needs the socket and drop the \`VOLUME\`, which a bind mount does not need.`,
        });
      }
    }
  },
});
