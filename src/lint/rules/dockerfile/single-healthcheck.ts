import { defineRule } from '../../rule.js';
import { reportOverridden } from '../../dockerfile/stages.js';

/** Only the last HEALTHCHECK of a stage counts; earlier ones are dead code that misleads readers. */
export default defineRule({
  id: 'single-healthcheck',
  aliases: ['DL3012', 'MultipleInstructionsDisallowed', 'DS-0023'],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: 'sugg',
  summary: 'More than one `HEALTHCHECK` in a stage',
  why: 'Only the last `HEALTHCHECK` of a stage takes effect; an earlier probe (or `HEALTHCHECK NONE`) is silently replaced, so the file claims a health check the image does not run.',
  check({ model, report }) {
    reportOverridden(model, report, 'HEALTHCHECK');
  },
});
