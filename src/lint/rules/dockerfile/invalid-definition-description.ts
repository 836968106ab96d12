import type { Instruction } from '../../dockerfile/model.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/**
 * BuildKit's (experimental) description comments: a comment right above `FROM … AS name` or `ARG name` describes it
 * and must start with that name, so tools that list stages and build args can show it.
 */
export default defineRule({
  id: 'invalid-definition-description',
  aliases: ['InvalidDefinitionDescription'],
  kind: 'dockerfile',
  severity: 'off',
  whenConfigured: 'style',
  fixable: false,
  summary: 'A comment right above a named stage or an ARG that does not start with its name',
  why: 'BuildKit reads the comment directly above a stage or build arg as its description (`docker buildx build --call=outline` shows it); one that does not start with the name is not shown, or describes the wrong thing.',
  check({ model, source, report }) {
    // `names`: what the comment may start with (an ARG of several pairs may be described by any of its names)
    const check = (ins: Instruction, names: string[]): void => {
      const above = ins.line - 1;
      if (above < 1) return;
      const text = source.lineText(above).trim();
      if (!text.startsWith('#')) return;
      // parser directives and pragmas are not descriptions, and neither is a bare `#` (a spacer, no text to show)
      const body = text.replace(/^#\s*/, '');
      if (body === '') return;
      if (/^(syntax|escape|check)\s*=/i.test(body) || /^(hadolint|dockreview)\s/i.test(body)) return;
      const first = body.split(/\s+/)[0] ?? '';
      if (names.includes(first)) return;
      const name = names.length === 1 ? names[0]! : '<name>';
      const which =
        names.length === 1 ? code(name) : `one of its names (${names.map((n) => code(n)).join(', ')})`;
      // reported on the definition, as BuildKit does: it is the stage or argument that ends up undescribed, and a
      // rename in a pull request changes that line, not the comment's
      report({
        at: ins,
        message: `The comment on line ${above} reads as the description of ${code(`${ins.keyword} … ${names.join(' ')}`)} but does not start with ${which}: write ${code(`# ${name} <description>`)}, or leave an empty line between the comment and the instruction.`,
      });
    };
    for (const stage of model.stages)
      if (stage.name && stage.nameSpan && stage.from)
        check(stage.from, [model.source.text.slice(stage.nameSpan.start, stage.nameSpan.end)]);
    for (const ins of model.each('ARG')) {
      if (ins.onbuild || ins.pairs.length === 0) continue;
      check(
        ins,
        ins.pairs.map((p) => p.name),
      );
    }
  },
});
