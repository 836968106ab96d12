import { defineRule } from '../../rule.js';
import { deleteInstruction } from '../../dockerfile/edits.js';
import { overriddenInstructions, stageLabel } from '../../dockerfile/stages.js';

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
    for (const stage of model.stages) {
      for (const { instruction, last } of overriddenInstructions(stage, 'CMD')) {
        report({
          at: instruction,
          message: `This \`CMD\` in ${stageLabel(stage)} never takes effect: the \`CMD\` on line ${last.line} replaces it.`,
          fix: { description: 'delete the overridden `CMD`', edits: [deleteInstruction(model, instruction)] },
        });
      }
    }
  },
});
