import type { VarDecl } from '../../dockerfile/model.js';
import { defineRule } from '../../rule.js';
import type { Span } from '../../types.js';
import { editDistance } from '../../text.js';
import { PREDEFINED_PLATFORM_ARGS } from '../../dockerfile/platform.js';
import { code } from '../../quote.js';
import { references } from '../../dockerfile/var-syntax.js';

/** The declared name closest to a misspelt one: same letters in another case, or one or two edits away. */
function closest(name: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = name.length <= 4 ? 2 : 3;
  for (const c of candidates) {
    const d = c.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** Where `$NAME` of a word is in the file, when the word is written as is (no quotes); else the whole word. */
function refSpan(text: string, word: { value: string; span: Span }, index: number, length: number): Span {
  return text.slice(word.span.start, word.span.end) === word.value
    ? { start: word.span.start + index, end: word.span.start + index + length }
    : word.span;
}

/** FROM only sees global ARGs (declared before the first FROM) and BuildKit's platform ARGs. */
export default defineRule({
  id: 'undefined-arg-in-from',
  aliases: ['UndefinedArgInFrom'],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: false,
  summary: '`FROM` uses a variable that no global `ARG` declares',
  why: 'A variable in `FROM` that no `ARG` before the first `FROM` declares is always empty and cannot be set with `--build-arg`, so the base image is not the one the author meant, usually because of a typo or an `ARG` in the wrong place.',
  check({ model, source, report }) {
    const declared = new Set<string>(PREDEFINED_PLATFORM_ARGS.keys());
    for (const a of model.globalArgs) declared.add(a.name);
    const candidates = [...declared];
    // ARGs declared inside stages, to explain why they do not count
    const stageArgs = new Map<string, VarDecl>();
    for (const stage of model.stages)
      for (const v of stage.vars) if (v.kind === 'ARG' && !stageArgs.has(v.name)) stageArgs.set(v.name, v);

    const check = (word: { value: string; span: Span }, where: string): void => {
      const seen = new Set<string>();
      for (const { name, start, end } of references(word.value)) {
        if (declared.has(name) || seen.has(name)) continue;
        seen.add(name);
        const inStage = stageArgs.get(name);
        const guess = closest(name, candidates);
        const hint = inStage
          ? ` ${code(`ARG ${name}`)} on line ${inStage.instruction.line} is inside a stage; declare it before the first \`FROM\` to use it here.`
          : guess
            ? ` Did you mean ${code(guess)}?`
            : ` Declare ${code(`ARG ${name}`)} (with a default) before the first \`FROM\`.`;
        report({
          at: refSpan(source.text, word, start, end - start),
          message: `${where} uses ${code(name)}, which no global \`ARG\` declares, so it is always empty.${hint}`,
        });
      }
    };

    for (const stage of model.stages) {
      if (!stage.from) continue;
      const image = stage.from.args[0];
      if (image?.value.includes('$')) check(image, '`FROM`');
      const flag = stage.from.flag('platform');
      if (flag?.value?.includes('$') && flag.valueSpan)
        check({ value: flag.value, span: flag.valueSpan }, '`FROM --platform`');
    }
  },
});
