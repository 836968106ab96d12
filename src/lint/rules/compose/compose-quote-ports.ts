import type { ComposeModel, ComposeService } from '../../compose/model.js';
import type { Node as YamlNode } from 'yaml';
import { isPlainScalar, isQuotedScalar, servicePath } from '../../compose/util.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

// YAML 1.1 base-60 integers: every part after the first is 0–59
const SEXAGESIMAL = /^[1-9][0-9_]*(?::[0-5]?[0-9])+$/;

function base60(text: string): number {
  return text.split(':').reduce((acc, part) => acc * 60 + Number(part.replace(/_/g, '')), 0);
}

/** The YAML nodes of the entries of a service's list under `key` (`ports`, `expose`); none when it is no list. */
function entries(model: ComposeModel, service: ComposeService, key: string): (YamlNode | null)[] {
  const list = service.data[key];
  if (!Array.isArray(list)) return [];
  return list.map((_, i) => model.nodeAt(servicePath(service, key, i)));
}

/** The quote most entries under `keys` of the file already use; double quotes when none are quoted. */
function fileQuote(model: ComposeModel, option: unknown, keys: readonly string[]): string {
  if (option === 'single') return "'";
  if (option === 'double') return '"';
  let single = 0;
  let double = 0;
  for (const service of model.services) {
    for (const node of keys.flatMap((key) => entries(model, service, key))) {
      if (!isQuotedScalar(node)) continue;
      if (node.type === 'QUOTE_SINGLE') single++;
      else double++;
    }
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
    every: {
      type: 'boolean',
      default: false,
      description:
        "Report every unquoted entry of `ports` and `expose`, as dclint's require-quotes-in-ports does, not only the mappings a YAML 1.1 reader misreads.",
    },
  },
  check({ model, report, options }) {
    const every = options.every === true;
    const keys = every ? ['ports', 'expose'] : ['ports'];
    let quote: string | null = null;
    const seen = new Set<number>(); // a ports list merged from an anchor is one text for many services
    for (const service of model.services) {
      for (const key of keys) {
        for (const node of entries(model, service, key)) {
          if (!isPlainScalar(node) || !node.range || seen.has(node.range[0])) continue;
          seen.add(node.range[0]);
          const text = model.source.text.slice(node.range[0], node.range[1]);
          // only a mapping whose later parts are all below 60 is a YAML 1.1 base-60 number: `8080:80` is a
          // string to every reader, so quoting it changes nothing unless the config asks for every port quoted
          const misread = key === 'ports' && SEXAGESIMAL.test(text);
          if (!misread && !every) continue;
          quote ??= fileQuote(model, options.quote, keys);
          const what = key === 'expose' ? 'Exposed port' : misread ? 'Port mapping' : 'Port';
          const why = misread
            ? `is unquoted and a YAML 1.1 parser reads it as the number ${base60(text)}`
            : 'is unquoted, and this configuration quotes every port';
          report({
            at: { start: node.range[0], end: node.range[1] },
            message: `${what} ${code(text)} of service ${code(service.name)} ${why}: write ${code(`${quote}${text}${quote}`)}.`,
            fix: {
              description: 'quote the port',
              edits: [
                { start: node.range[0], end: node.range[0], text: quote },
                { start: node.range[1], end: node.range[1], text: quote },
              ],
            },
          });
        }
      }
    }
  },
});
