import type { Stage } from '../../dockerfile/model.js';
import { stageHead } from '../../dockerfile/stages.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/** Two stages with one name make every reference to that name ambiguous; the builder refuses the file. */
export default defineRule({
  id: 'unique-stage-names',
  aliases: ['DL3024', 'DuplicateStageName', 'CKV_DOCKER_11', 'DS-0012'],
  kind: 'dockerfile',
  severity: 'error',
  fixable: false,
  summary: 'Two stages with the same name',
  why: 'Stage names are how `FROM` and `COPY --from` pick a stage; with two stages of one name the reference is ambiguous and BuildKit rejects the Dockerfile.',
  check({ model, report }) {
    // names are compared case-insensitively, as the builder does
    const first = new Map<string, Stage>();
    for (const stage of model.stages) {
      if (!stage.name || !stage.nameSpan) continue;
      const earlier = first.get(stage.name);
      if (!earlier) {
        first.set(stage.name, stage);
        continue;
      }
      const written = model.source.text.slice(stage.nameSpan.start, stage.nameSpan.end);
      report({
        at: stage.nameSpan,
        message: `The stage name ${code(written)} is already used by the stage on line ${stageHead(earlier).line}: rename one of them so \`FROM\` and \`COPY --from\` know which stage they mean.`,
      });
    }
  },
});
