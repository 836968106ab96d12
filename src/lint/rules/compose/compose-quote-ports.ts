import type { ComposeModel } from '../../compose/model.js';
import { isPlainScalar, isQuotedScalar, servicePath } from '../../compose/util.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

// YAML 1.1 base-60 integers: every part after the first is 0–59
const SEXAGESIMAL = /^[1-9][0-9_]*(?::[0-5]?[0-9])+$/;

function base60(text: string): number {
  return text.split(':').reduce((acc, part) => acc * 60 + Number(part.replace(/_/g, '')), 0);
}

/** The quote most ports of the file already use; double quotes when none are quoted. */
function fileQuote(model: ComposeModel, option: unknown): string {
  if (option === 'single') return "'";
  if (option === 'double') return '"';
  let single = 0;
  let double = 0;
  for (const service of model.services) {
    const ports = service.data.ports;
    if (!Array.isArray(ports)) continue;
    ports.forEach((_, i) => {
      const node = model.nodeAt(servicePath(service, 'ports', i));
      if (!isQuotedScalar(node)) return;
      if (node.type === 'QUOTE_SINGLE') single++;
      else double++;
    });
  }
  return single > double ? "'" : '"';
}

/** `- 22:22` unquoted: YAML 1.2 (Compose) reads a string, YAML 1.1 tools read the number 1342. */
export default defineRule({
  id: 'compose-quote-ports',
  aliases: ['require-quotes-in-ports'],
  kind: 'compose',
  severity: 'style',
  fixable: 'yes',
  summary: 'Unquoted `HOST:CONTAINER` port mapping',
  why: 'Compose reads YAML 1.2, but YAML 1.1 tools in the same pipeline (older docker-compose, PyYAML, Ansible) read `22:22` as the base-60 number 1342; quoting the mapping means the same thing to every reader.',
  schema: {
    quote: {
      type: 'string',
      enum: ['auto', 'single', 'double'],
      default: 'auto',
      description: 'The quote the fix writes: `auto` follows the quotes the file already uses.',
    },
  },
  check({ model, report, options }) {
    let quote: string | null = null;
    const seen = new Set<number>(); // a ports list merged from an anchor is one text for many services
    for (const service of model.services) {
      const ports = service.data.ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((_, i) => {
        const node = model.nodeAt(servicePath(service, 'ports', i));
        if (!isPlainScalar(node) || !node.range || seen.has(node.range[0])) return;
        seen.add(node.range[0]);
        const text = model.source.text.slice(node.range[0], node.range[1]);
        // only a mapping whose later parts are all below 60 is a YAML 1.1 base-60 number: `8080:80` is a string
        // to every reader, so quoting it changes nothing
        if (!SEXAGESIMAL.test(text)) return;
        quote ??= fileQuote(model, options.quote);
        const why = `a YAML 1.1 parser reads it as the number ${base60(text)}`;
        report({
          at: { start: node.range[0], end: node.range[1] },
          message: `Port mapping ${code(text)} of service ${code(service.name)} is unquoted and ${why}: write ${code(`${quote}${text}${quote}`)}.`,
          fix: {
            description: 'quote the port mapping',
            edits: [
              { start: node.range[0], end: node.range[0], text: quote },
              { start: node.range[1], end: node.range[1], text: quote },
            ],
          },
        });
      });
    }
  },
});
