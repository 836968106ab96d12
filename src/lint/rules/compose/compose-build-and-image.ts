import { servicePath } from '../../compose/util.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/** dclint's no-build-and-image, off by default: `build` plus `image` is the usual "build and tag" idiom. */
export default defineRule({
  id: 'compose-build-and-image',
  aliases: ['no-build-and-image'],
  kind: 'compose',
  severity: 'off',
  fixable: false,
  summary: 'Service with both `build` and `image`',
  why: 'With both keys it is not obvious whether Compose builds the image or pulls it; teams that want one source per service can turn this rule on.',
  schema: {
    checkPullPolicy: {
      type: 'boolean',
      default: true,
      description:
        "dclint's option: `false` reports `build` with `image` even when a `pull_policy` says which one wins.",
    },
  },
  check({ model, report, options }) {
    const pullPolicyDecides = options.checkPullPolicy !== false;
    for (const service of model.services) {
      const { data } = service;
      // an explicit pull_policy (any value, `always` included) says which one wins, as dclint accepts by default
      if (!('build' in data) || !('image' in data) || (pullPolicyDecides && 'pull_policy' in data)) continue;
      report({
        at: model.spanAt(servicePath(service, 'build'), true) ?? service.keySpan,
        message: `Service ${code(service.name)} has both \`build\` and \`image\`: keep one, or set \`pull_policy\` to say whether ${code(String(data.image))} is built or pulled.`,
      });
    }
  },
});
