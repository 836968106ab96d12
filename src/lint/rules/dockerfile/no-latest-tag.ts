import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';
import { floatingBaseGrade, imageStages } from '../../dockerfile/stages.js';

/** `:latest` names whatever was pushed last, not a version. */
export default defineRule({
  id: 'no-latest-tag',
  aliases: ['DL3007', 'DS-0001'],
  kind: 'dockerfile',
  severity: 'warning',
  severityNote:
    'info in a builder stage that does not ship, and for `latest` that only a build-arg default supplies',
  fixable: false,
  summary: 'Base image uses the `:latest` tag',
  why: '`:latest` moves every time the publisher pushes, so a rebuild can silently pick up a new major version; pin a release tag (and ideally its digest).',
  check({ model, report }) {
    for (const stage of imageStages(model)) {
      const ref = stage.resolvedImage;
      // a digest pins the image whatever the tag says
      if (ref.tag !== 'latest' || ref.digest !== null) continue;
      const repo = ref.registry ? `${ref.registry}/${ref.name}` : ref.name;
      const via = stage.image.dynamic
        ? `${code(`FROM ${stage.image.raw}`)} resolves to ${code(ref.raw)} with the default build args`
        : `${code(`FROM ${ref.raw}`)} uses the moving \`latest\` tag`;
      report({
        at: stage.imageSpan,
        ...floatingBaseGrade(model, stage),
        message: `${via}: pin a release such as ${code(`${repo}:<version>`)} so rebuilds get the same base image.`,
      });
    }
  },
});
