import { varRefs } from '../../dockerfile/vars.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/**
 * `ARG VERSION=${VERSION}`: the default is expanded with the variables set before this line, and `VERSION` is not
 * one of them (a global `ARG` is not visible in a stage until the stage declares it), so the default is empty.
 */
export default defineRule({
  id: 'arg-self-reference',
  aliases: [],
  kind: 'dockerfile',
  severity: 'info',
  severityNote: 'warning when a global `ARG` of the same name has a default that the stage then loses',
  fixable: 'sugg',
  summary: '`ARG X=${X}`: a default that refers to the variable it declares',
  why: 'An `ARG` default is expanded with the variables set before the line, and the variable itself is not set yet (a global `ARG` is only visible in a stage once the stage declares it): the default is empty, not the global value or an earlier default the author meant.',
  check({ model, report }) {
    for (const ins of model.each('ARG')) {
      const before = ins.stage ? model.varsAt(ins.onbuild ?? ins) : null;
      for (const pair of ins.pairs) {
        if (!pair.valueSpan) continue;
        // set before this line (an ENV or an earlier ARG of the stage): then the reference has a value
        if (before?.has(pair.name)) continue;
        if (!ins.stage && model.globalArgs.some((d) => d.name === pair.name && d.instruction.line < ins.line))
          continue;
        const self = varRefs(model, pair.valueSpan.start, pair.valueSpan.end).find(
          // `${X:-default}` and the like work (the default applies); a bare `$X`/`${X}` is always empty here
          (r) => r.name === pair.name && r.modifier === '',
        );
        if (!self) continue;
        // a global default the stage meant to take is lost: a real defect. Otherwise the default is empty, exactly
        // as `ARG X` would leave it when no build argument is given: a no-op, advice only
        const loses =
          ins.stage !== null &&
          model.globalArgs.some((d) => d.name === pair.name && d.value !== null && d.value !== '');
        const whole = model.source.text.slice(pair.valueSpan.start, pair.valueSpan.end);
        const onlySelf = whole === `$${pair.name}` || whole === `\${${pair.name}}`;
        report({
          at: { start: pair.span.start, end: pair.valueSpan.end },
          ...(loses ? { severity: 'warning' as const } : {}),
          message: `${code(`ARG ${pair.name}=${whole}`)} refers to itself: ${code(pair.name)} is not set before this line${ins.stage ? ' (a global `ARG` is only visible in a stage once the stage declares it)' : ''}, so the default is empty.${onlySelf ? ` Write ${code(`ARG ${pair.name}`)} to take the global value or the build argument.` : ''}`,
          ...(onlySelf
            ? {
                fix: {
                  description: `declare ${pair.name} without the self-referencing default`,
                  edits: [{ start: pair.nameSpan.end, end: pair.valueSpan.end, text: '' }],
                },
              }
            : {}),
        });
      }
    }
  },
});
