import { servicePath, spanOr } from '../../compose/util.js';
import { composeProject } from '../../compose/project.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/** Two services with one `container_name`: the second cannot be created. */
export default defineRule({
  id: 'compose-duplicate-container-names',
  aliases: ['no-duplicate-container-names'],
  kind: 'compose',
  severity: 'error',
  fixable: false,
  summary: 'Two services with the same `container_name`',
  why: 'Container names are unique on a Docker host: the second service fails to start with a name conflict.',
  check({ model, related, report }) {
    const seen = new Map<string, string>();
    // names taken by services that `include` brings in (an included file reports its own duplicates)
    for (const s of composeProject(model, related).included) {
      const name = s.data.container_name;
      if (typeof name === 'string' && name !== '' && !seen.has(name))
        seen.set(name, `service ${code(s.name)} of ${code(s.path)}`);
    }
    for (const service of model.services) {
      const name = service.data.container_name;
      if (typeof name !== 'string' || name === '') continue;
      const first = seen.get(name);
      if (first === undefined) {
        seen.set(name, `service ${code(service.name)}`);
        continue;
      }
      report({
        at: spanOr(model, service, servicePath(service, 'container_name')),
        message: `Service ${code(service.name)} uses ${code(`container_name: ${name}`)}, already taken by ${first}: Docker refuses to create a second container with that name.`,
      });
    }
  },
});
