import { defineRule } from '../../rule.js';
import { shippedStages, stageLabel } from '../../dockerfile/stages.js';
import { code } from '../../quote.js';

/** A service image (it EXPOSEs a port) with no HEALTHCHECK: "running" is all anyone can know about it. */
export default defineRule({
  id: 'require-healthcheck',
  aliases: ['DL3057', 'CKV_DOCKER_2', 'DS-0026'],
  kind: 'dockerfile',
  severity: 'off',
  fixable: false,
  summary: 'Image exposes a port but has no `HEALTHCHECK`',
  why: 'Without a `HEALTHCHECK`, Docker, Swarm and Compose (`condition: service_healthy`) only know the process started, not that it serves requests, so traffic and dependants arrive before it is ready and a hung server is never restarted.',
  check({ model, report }) {
    const final = model.finalStage;
    if (!final) return;
    const shipped = shippedStages(model);
    // HEALTHCHECK and EXPOSE are image config, inherited through `FROM <stage>`; `HEALTHCHECK NONE` is a decision too
    if (shipped.some((s) => s.instructions.some((i) => i.keyword === 'HEALTHCHECK'))) return;
    const exposes = shipped.flatMap((s) =>
      s.instructions.filter((i) => i.keyword === 'EXPOSE' && i.args.length > 0),
    );
    const expose = exposes[exposes.length - 1];
    if (!expose) return;
    const ports = expose.args.map((a) => code(a.value)).join(', ');
    const where = expose.stage === final ? '' : ` (through ${stageLabel(expose.stage!)})`;
    report({
      at: expose.argsSpan ?? expose,
      message: `The image exposes ${ports}${where} but its final ${stageLabel(final)} defines no \`HEALTHCHECK\`, so nothing can tell a ready service from one that merely started.`,
    });
  },
});
