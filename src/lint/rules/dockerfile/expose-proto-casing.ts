import { defineRule } from '../../rule.js';
import { exposeSpecs } from '../../dockerfile/expose.js';
import { code } from '../../quote.js';

/** `80/TCP`: protocols are written in lowercase. */
export default defineRule({
  id: 'expose-proto-casing',
  aliases: ['ExposeProtoCasing'],
  kind: 'dockerfile',
  severity: 'style',
  fixable: 'yes',
  summary: '`EXPOSE` protocol not in lowercase (`80/TCP`)',
  why: 'The builder lowercases the protocol anyway; writing `80/tcp` keeps the file consistent with `docker run -p` and Compose, where the protocol is lowercase.',
  check({ model, report }) {
    for (const ins of model.each('EXPOSE')) {
      for (const spec of exposeSpecs(model, ins)) {
        const proto = spec.proto;
        if (spec.value === null || proto === null || proto === proto.toLowerCase()) continue;
        const lower = proto.toLowerCase();
        // edit the protocol in place only when the word reads as written: no variables, and no escape character
        // inside it (`8443/T\CP` reads as `TCP`, but its last three characters in the file are not the protocol)
        const end = spec.span.end - (spec.quoted ? 1 : 0);
        const fixable = spec.value === spec.raw && model.source.text.slice(end - proto.length, end) === proto;
        report({
          at: fixable ? { start: end - proto.length, end } : spec.span,
          message: `The protocol in ${code(`EXPOSE ${spec.raw}`)} should be lowercase: ${code(lower)}, not ${code(proto)}.`,
          ...(fixable
            ? {
                fix: {
                  description: `write the protocol as ${code(lower)}`,
                  edits: [{ start: end - proto.length, end, text: lower }],
                },
              }
            : {}),
        });
      }
    }
  },
});
