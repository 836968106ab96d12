import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/** What each reserved name already means to the builder. */
/** A Map, not an object: a stage named `constructor` or `__proto__` must not find Object.prototype's keys. */
const RESERVED = new Map([
  ['scratch', '`scratch` is the empty base image, so `FROM scratch` would never mean this stage'],
  ['context', '`context` names the build context (and `--build-context` entries), not a stage'],
]);

/** `scratch` and `context` mean something else to the builder than a stage. */
export default defineRule({
  id: 'reserved-stage-name',
  aliases: ['DL3063', 'ReservedStageName'],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: false,
  summary: 'A stage named `scratch` or `context`',
  why: 'The builder gives `scratch` and `context` their own meaning, so a stage with one of those names cannot be referenced reliably and confuses readers.',
  check({ model, report }) {
    for (const stage of model.stages) {
      if (!stage.name || !stage.nameSpan) continue;
      const meaning = RESERVED.get(stage.name);
      if (!meaning) continue;
      const written = model.source.text.slice(stage.nameSpan.start, stage.nameSpan.end);
      report({
        at: stage.nameSpan,
        message: `${code(written)} is a reserved name and should not name a stage: ${meaning}.`,
      });
    }
  },
});
