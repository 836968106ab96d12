import { defineRule } from '../../rule.js';
import { exposeSpecs } from '../../dockerfile/expose.js';
import { code } from '../../quote.js';

/** EXPOSE documents the container's port; `ip:` and `host:` parts belong to `docker run -p` / Compose `ports:`. */
export default defineRule({
  id: 'expose-format',
  aliases: ['ExposeInvalidFormat'],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: 'yes',
  summary: '`EXPOSE` with an IP address or a `host:container` port mapping',
  why: '`EXPOSE` only records which port the container listens on; the builder drops an IP or host port written there, so `EXPOSE 8080:80` publishes nothing and misleads the reader (publishing is `docker run -p` or Compose `ports:`).',
  messages: {
    noContainerPort:
      '{{instruction}}{{via}} names an address but no container port: `EXPOSE` takes only the port the container listens on.',
    hostMapping:
      '{{instruction}}{{via}} maps a host address or port, which `EXPOSE` ignores: write {{fixed}} and publish with `docker run -p` or Compose `ports:`.',
  },
  check({ model, report }) {
    for (const ins of model.each('EXPOSE')) {
      for (const spec of exposeSpecs(model, ins)) {
        if (spec.value === null || spec.prefix === '') continue;
        const container = spec.value.slice(spec.prefix.length);
        const via = spec.value === spec.raw ? '' : ` (${code(spec.raw)} is ${code(spec.value)})`;
        // the prefix can be cut from the text only when the word is written as it reads (no variables, no
        // escapes: `"\nso:"` reads `"nso:"`)
        const start = spec.span.start + (spec.quoted ? 1 : 0);
        const fixable =
          container !== '' &&
          !container.startsWith('/') &&
          spec.value === spec.raw &&
          model.source.text.startsWith(spec.prefix, start);
        report({
          at: spec.span,
          messageId: container === '' ? 'noContainerPort' : 'hostMapping',
          data: { instruction: code(`EXPOSE ${spec.raw}`), via, fixed: code(`EXPOSE ${container}`) },
          ...(fixable
            ? {
                fix: {
                  description: `keep only the container port ${code(container)}`,
                  edits: [{ start, end: start + spec.prefix.length, text: '' }],
                },
              }
            : {}),
        });
      }
    }
  },
});
