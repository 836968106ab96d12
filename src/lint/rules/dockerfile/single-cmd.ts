import { defineRule } from '../../rule.js';
import { reportOverridden } from '../../dockerfile/stages.js';

/** Only the last CMD of a stage counts; earlier ones are dead code that misleads readers. */
export default defineRule({
  id: 'single-cmd',
  aliases: ['DL4003', 'MultipleInstructionsDisallowed', 'DS-0016'],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: 'sugg',
  summary: 'More than one `CMD` in a stage',
  why: 'Only the last `CMD` of a stage takes effect; the earlier ones do nothing and mislead whoever reads the file about what the container runs.',
  check({ model, report }) {
    reportOverridden(model, report, 'CMD');
  },
});
