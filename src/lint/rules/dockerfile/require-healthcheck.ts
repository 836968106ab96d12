import { defineRule } from '../../rule.js';
import { shippedStages, stageHead, stageLabel } from '../../dockerfile/stages.js';
import { code } from '../../quote.js';

/**
 * An image with no HEALTHCHECK: "running" is all anyone can know about it. Off by default; switched on, it judges
 * every image as hadolint's DL3057 does, and says more where an EXPOSE shows the image is a service.
 */
export default defineRule({
  id: 'require-healthcheck',
  aliases: ['DL3057', 'CKV_DOCKER_2', 'DS-0026'],
  kind: 'dockerfile',
  severity: 'off',
  fixable: false,
  summary: 'Image has no `HEALTHCHECK`',
  why: 'Without a `HEALTHCHECK`, Docker, Swarm and Compose (`condition: service_healthy`) only know the process started, not that it serves requests, so traffic and dependants arrive before it is ready and a hung server is never restarted.',
  check({ model, report }) {
    const final = model.finalStage;
    if (!final) return;
    const shipped = shippedStages(model);
    // HEALTHCHECK and EXPOSE are image config, inherited through `FROM <stage>` only (a HEALTHCHECK in a stage the
    // image is not built FROM is not in it); `HEALTHCHECK NONE` is a decision too
    if (shipped.some((s) => s.instructions.some((i) => i.keyword === 'HEALTHCHECK'))) return;
    const exposes = shipped.flatMap((s) =>
      s.instructions.filter((i) => i.keyword === 'EXPOSE' && i.args.length > 0),
    );
    const expose = exposes[exposes.length - 1];
    if (!expose) {
      // no port: maybe a batch job, maybe a service that does not say so; the base image may define one too
      const where = final.from
        ? `neither its final ${stageLabel(final)} nor a stage it is built FROM defines one`
        : `${stageLabel(final)} define none`;
      report({
        at: final.imageSpan ?? stageHead(final).keywordSpan,
        message: `The image has no \`HEALTHCHECK\` (${where}): if it runs a long-lived service, nothing can tell a working one from one that merely started; \`HEALTHCHECK NONE\` records that none is wanted.`,
      });
      return;
    }
    const ports = expose.args.map((a) => code(a.value)).join(', ');
    const where = expose.stage === final ? '' : ` (through ${stageLabel(expose.stage!)})`;
    report({
      at: expose.argsSpan ?? expose,
      message: `The image exposes ${ports}${where} but its final ${stageLabel(final)} defines no \`HEALTHCHECK\`, so nothing can tell a ready service from one that merely started.`,
    });
  },
});
