import { joinContinuations } from '../../dockerfile/model.js';
import { defineRule } from '../../rule.js';
import { matchKeywordCase } from '../../dockerfile/edits.js';
import { code } from '../../quote.js';

const AUTHORS = 'org.opencontainers.image.authors';

/** MAINTAINER is deprecated; the OCI authors label carries the same information where tools look for it. */
export default defineRule({
  id: 'no-maintainer',
  aliases: ['DL4000', 'MaintainerDeprecated', 'CKV_DOCKER_6', 'DS-0022'],
  kind: 'dockerfile',
  severity: 'info',
  fixable: 'yes',
  summary: 'Deprecated `MAINTAINER` instruction',
  why: '`MAINTAINER` has been deprecated since Docker 1.13 and fills a field registries and scanners no longer read; the `org.opencontainers.image.authors` label is where they look for the author.',
  check({ model, report }) {
    const esc = model.escape;
    for (const ins of model.each('MAINTAINER')) {
      const span = ins.argsSpan;
      if (!span) continue;
      const logical = joinContinuations(model.source.text, span.start, span.end, esc)
        .logical.replace(/\s+/g, ' ')
        .trim();
      const quoted = /^"(.*)"$/s.exec(logical);
      const author = quoted ? quoted[1]! : logical;
      // inside a double-quoted LABEL value the escape character, `"` and `$` are special
      const value = author.replace(/["$]|\\|`/g, (c) =>
        c === '\\' || c === '`' ? (c === esc ? esc + c : c) : esc + c,
      );
      const label = `${matchKeywordCase(ins.written, 'LABEL')} ${AUTHORS}="${value}"`;
      report({
        at: ins.keywordSpan,
        message: `\`MAINTAINER\` is deprecated: record ${code(author)} as ${code(`LABEL ${AUTHORS}="${value}"`)} instead.`,
        fix: {
          description: `replace with ${code(`LABEL ${AUTHORS}`)}`,
          edits: [{ start: ins.keywordSpan.start, end: span.end, text: label }],
        },
      });
    }
  },
});
