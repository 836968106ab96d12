import { defineRule } from '../../rule.js';
import { deleteInstruction } from '../../dockerfile/edits.js';
import { overriddenInstructions, stageLabel } from '../../dockerfile/stages.js';

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
    for (const stage of model.stages) {
      for (const { instruction, last } of overriddenInstructions(stage, 'HEALTHCHECK')) {
        report({
          at: instruction,
          message: `This \`HEALTHCHECK\` in ${stageLabel(stage)} never takes effect: the \`HEALTHCHECK\` on line ${last.line} replaces it.`,
          fix: {
            description: 'delete the overridden `HEALTHCHECK`',
            edits: [deleteInstruction(model, instruction)],
          },
        });
      }
    }
  },
});
