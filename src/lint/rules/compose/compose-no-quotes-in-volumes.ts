import { parse } from 'yaml';
import { isQuotedScalar, servicePath } from '../../compose/util.js';
import { defineRule } from '../../rule.js';
import { replaceVarRefs } from '../../dockerfile/var-syntax.js';
import { code } from '../../quote.js';

// characters a plain scalar may hold anywhere in block and flow context, for the paths and names volumes use
const PLAIN_SAFE = /^[A-Za-z0-9_./~$][A-Za-z0-9_./~$:@=+-]*$/;
const FLOW_UNSAFE = /[,[\]{}]/;

/** The quoted value written without quotes, when that reads back as the same string. */
function unquoted(value: string, inFlow: boolean): string | null {
  if (!PLAIN_SAFE.test(replaceVarRefs(value, '$V', false)) || value.endsWith(':')) return null;
  if (inFlow && FLOW_UNSAFE.test(value)) return null;
  try {
    const back: unknown = parse(`- ${value}\n`);
    return Array.isArray(back) && back[0] === value ? value : null;
  } catch {
    return null;
  }
}

/** dclint's no-quotes-in-volumes: short-syntax volume entries written without quotes. */
export default defineRule({
  id: 'compose-no-quotes-in-volumes',
  aliases: ['no-quotes-in-volumes'],
  kind: 'compose',
  severity: 'style',
  fixable: 'yes',
  summary: 'Quoted short-syntax volume entry',
  why: 'Volume entries are plain paths and names: quotes add noise and invite mixed styles in one file.',
  check({ model, report }) {
    const seen = new Set<number>();
    for (const service of model.services) {
      const volumes = service.data.volumes;
      if (!Array.isArray(volumes)) continue;
      const list = model.nodeAt(servicePath(service, 'volumes'));
      const inFlow = !!list && 'flow' in list && !!(list as { flow?: boolean }).flow;
      volumes.forEach((v, i) => {
        if (typeof v !== 'string') return;
        const node = model.nodeAt(servicePath(service, 'volumes', i));
        if (!isQuotedScalar(node) || !node.range || seen.has(node.range[0])) return;
        seen.add(node.range[0]);
        // quotes that are needed (spaces before `#`, escapes, a leading `*`…) stay
        const plain = unquoted(v, inFlow);
        if (plain === null) return;
        // the raw text between the quotes must be the value itself (no escapes to undo)
        const raw = model.source.text.slice(node.range[0] + 1, node.range[1] - 1);
        if (raw !== v) return;
        report({
          at: { start: node.range[0], end: node.range[1] },
          message: `Volume ${code(v)} of service ${code(service.name)} does not need quotes: write it plain.`,
          fix: {
            description: 'remove the quotes',
            edits: [{ start: node.range[0], end: node.range[1], text: plain }],
          },
        });
      });
    }
  },
});
