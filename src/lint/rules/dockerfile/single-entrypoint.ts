import { defineRule } from '../../rule.js';
import { reportOverridden } from '../../dockerfile/stages.js';

/** Only the last ENTRYPOINT of a stage counts; earlier ones are dead code that misleads readers. */
export default defineRule({
  id: 'single-entrypoint',
  aliases: ['DL4004', 'MultipleInstructionsDisallowed', 'DS-0007'],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: 'sugg',
  summary: 'More than one `ENTRYPOINT` in a stage',
  why: 'Only the last `ENTRYPOINT` of a stage takes effect; the earlier ones do nothing, and a reader who trusts the first one is wrong about which program starts the container.',
  check({ model, report }) {
    reportOverridden(model, report, 'ENTRYPOINT');
  },
});
