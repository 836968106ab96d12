import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/** What the builder refuses to register as an ONBUILD trigger. */
const FORBIDDEN: Record<string, string> = {
  ONBUILD: 'triggers cannot be chained: `ONBUILD ONBUILD` is refused by the builder',
  FROM: 'a trigger runs inside the downstream stage, so it cannot start a new one with `FROM`',
  MAINTAINER: '`MAINTAINER` is refused as a trigger (and is deprecated anyway: use a `LABEL`)',
};

/** `ONBUILD` may register any instruction except another ONBUILD, FROM or MAINTAINER. */
export default defineRule({
  id: 'onbuild-restrictions',
  aliases: ['DL3043'],
  kind: 'dockerfile',
  severity: 'error',
  fixable: false,
  summary: '`ONBUILD` registering `ONBUILD`, `FROM` or `MAINTAINER`',
  why: 'The builder refuses `ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER`, so the build of this image fails before it starts.',
  check({ model, report }) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'ONBUILD' || !ins.trigger) continue;
      const reason = FORBIDDEN[ins.trigger.keyword];
      if (!reason) continue;
      report({
        at: ins.trigger.keywordSpan,
        message: `${code(`ONBUILD ${ins.trigger.written}`)} cannot be registered: ${reason}.`,
      });
    }
  },
});
