import { defineRule } from '../../rule.js';
import { exposeSpecs, type PortSpec } from '../../dockerfile/expose.js';
import { code } from '../../quote.js';

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

/** EXPOSE takes ports 0–65535, low-high ranges and the tcp/udp/sctp protocols; anything else fails the build. */
export default defineRule({
  id: 'expose-valid-port',
  aliases: ['DL3011', 'DS-0008'],
  kind: 'dockerfile',
  severity: 'error',
  fixable: false,
  summary: '`EXPOSE` of a port outside 0–65535, a reversed range or an unknown protocol',
  why: 'Ports are 16-bit numbers: `EXPOSE 80000`, `EXPOSE 9000-8000` or `EXPOSE 80/http` make the build fail, or document a port nothing can listen on.',
  check({ model, report }) {
    for (const ins of model.each('EXPOSE')) {
      for (const spec of exposeSpecs(model, ins)) {
        if (spec.value === null) continue;
        const problem = portProblem(spec);
        if (!problem) continue;
        const via = spec.value === spec.raw ? '' : ` (${code(spec.raw)} is ${code(spec.value)})`;
        report({ at: spec.span, message: `${code(`EXPOSE ${spec.raw}`)}${via}: ${problem}.` });
      }
    }
  },
});

function portProblem(spec: PortSpec): string | null {
  const m = /^(\d+)(?:-(\d+))?$/.exec(spec.ports);
  if (!m) {
    return spec.ports === ''
      ? 'there is no port number'
      : `${code(spec.ports)} is not a port number or a \`low-high\` range`;
  }
  const low = Number(m[1]);
  const high = m[2] === undefined ? low : Number(m[2]);
  const big = [low, high].find((p) => p > 65535);
  if (big !== undefined) return `port ${big} is out of range: ports go from 0 to 65535`;
  if (high < low)
    return `the range ${spec.ports} runs backwards: write the lower port first (${code(`${high}-${low}`)})`;
  if (spec.proto !== null && !PROTOCOLS.has(spec.proto.toLowerCase()))
    return `${code(spec.proto)} is not a protocol the builder knows: use \`tcp\`, \`udp\` or \`sctp\``;
  return null;
}
