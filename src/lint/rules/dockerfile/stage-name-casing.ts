import { defineRule } from '../../rule.js';
import type { Span, TextEdit } from '../../types.js';
import { mountFromRefs } from '../../dockerfile/mounts.js';
import { code } from '../../quote.js';

/** Stage names in lower case tell them apart from keywords; the fix renames every reference too. */
export default defineRule({
  id: 'stage-name-casing',
  aliases: ['StageNameCasing'],
  kind: 'dockerfile',
  severity: 'style',
  fixable: 'yes',
  summary: 'Stage name with upper-case letters',
  why: 'Stage names are matched case-insensitively, so `Builder` and `builder` are the same stage; writing them in lower case keeps names apart from instruction keywords and references consistent.',
  check({ model, source, report }) {
    const text = source.text;
    const written = (span: Span): string => text.slice(span.start, span.end);
    for (const stage of model.stages) {
      if (!stage.name || !stage.nameSpan) continue;
      const name = written(stage.nameSpan);
      const lower = stage.name;
      if (name === lower) continue;
      const edits: TextEdit[] = [{ ...stage.nameSpan, text: lower }];
      // every spelling of a reference to this stage, in FROM, COPY --from and RUN --mount=from
      let exact = true;
      const rename = (span: Span, value: string): void => {
        if (value.toLowerCase() !== lower || value === lower) return;
        if (written(span) === value) edits.push({ ...span, text: lower });
        else exact = false;
      };
      for (const other of model.stages)
        if (other.parent === stage && other.imageSpan) rename(other.imageSpan, other.image.raw);
      // ONBUILD triggers name stages of the image built FROM this one, not these
      for (const ins of model.each('COPY')) {
        const flag = ins.flag('from');
        if (!ins.onbuild && flag?.value && flag.valueSpan) rename(flag.valueSpan, flag.value);
      }
      for (const ins of model.each('RUN'))
        if (!ins.onbuild) for (const ref of mountFromRefs(ins)) rename(ref.span, ref.value);
      const refs = edits.length - 1;
      report({
        at: stage.nameSpan,
        message: `The stage name ${code(name)} should be lower case: ${code(lower)}${refs > 0 ? ` (the fix also renames ${refs === 1 ? 'its reference' : `its ${refs} references`})` : ''}.`,
        ...(exact ? { fix: { description: `rename the stage to ${code(lower)}`, edits } } : {}),
      });
    }
  },
});
