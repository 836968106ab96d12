import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/** SHELL takes the executable and its options as a JSON array of strings; anything else is refused. */
export default defineRule({
  id: 'shell-json-form',
  aliases: ['DFU:SHELL_JSON_FORM'],
  kind: 'dockerfile',
  severity: 'error',
  fixable: false,
  summary: '`SHELL` not written as a JSON array',
  why: 'The builder only accepts `SHELL` as a JSON array of strings (`SHELL ["/bin/bash", "-c"]`); any other form stops the build.',
  messages: {
    emptyArray:
      '`SHELL []` names no shell: give the executable and its options, e.g. `SHELL ["/bin/sh", "-c"]`.',
    notJson:
      '{{written}} is not a JSON array of strings: write it as `SHELL ["executable", "option", …]` with double quotes.',
  },
  check({ model, report }) {
    for (const ins of model.each('SHELL')) {
      const span = ins.argsSpan;
      if (!span) continue; // no arguments at all: valid-syntax reports it
      const json = ins.json;
      if (json && json.length > 0) continue;
      const written = model.source.text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
      report({
        at: span,
        ...(json
          ? { messageId: 'emptyArray' }
          : { messageId: 'notJson', data: { written: code(`SHELL ${written}`) } }),
      });
    }
  },
});
