import { isRootUser } from '../../dockerfile/stages.js';
import { isInterpolated } from '../../compose/model.js';
import { servicePath } from '../../compose/util.js';
import { eachService } from '../../compose/services.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/** `user: root` or `user: "0"` in a Compose service: the container runs as root whatever the image says. */
export default defineRule({
  id: 'compose-user-root',
  aliases: [],
  kind: 'compose',
  severity: 'info',
  fixable: false,
  summary: 'Service `user:` set to root (`root`, `0`, `root:root`, `0:0`)',
  why: 'A process running as root in the container is root on the host if it escapes (without user namespaces), and can change everything in its image; this setting also overrides an image that was built to run as an unprivileged user.',
  check({ model, report }) {
    // `user: root` in an anchor merged into several services is one place in the file: one finding
    eachService(model, report, (service, report) => {
      const user = service.data.user;
      if (typeof user !== 'string' && typeof user !== 'number') return;
      const value = String(user).trim();
      if (value === '' || isInterpolated(value) || !isRootUser(value)) return;
      const at = model.spanAt(servicePath(service, 'user'));
      if (!at) return;
      report({
        at,
        message: `Service ${code(service.name)} runs as root (${code(`user: ${value}`)}), overriding the user its image sets: run as an unprivileged user (\`user: "1000:1000"\`), or leave \`user\` out if the image already does.`,
      });
    });
  },
});
