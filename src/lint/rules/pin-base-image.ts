import { defineRule } from '../rule.js';

/** Base images without a tag or digest float to whatever the registry serves today. */
export default defineRule({
  id: 'pin-base-image',
  aliases: ['DL3006', 'CKV_DOCKER_7', 'DS-0001'],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: false,
  summary: 'Base image without a tag or digest',
  why: 'An untagged base image is whatever the registry serves on the day of the build, so two builds of the same commit can differ.',
  check({ model, report }) {
    for (const stage of model.stages) {
      if (stage.isScratch || !stage.imageSpan) continue;
      const ref = stage.resolvedImage;
      if (ref.tag !== null || ref.digest !== null) continue;
      if (ref.dynamic) continue; // a variable with no default: nothing to judge
      const via = stage.image.dynamic ? ` (\`${stage.image.raw}\` resolves to \`${ref.raw}\`)` : '';
      report({
        at: stage.imageSpan,
        message: `\`FROM ${ref.raw}\` has no tag or digest${via}: pin a version such as \`${ref.raw}:<version>\`.`,
      });
    }
  },
});
