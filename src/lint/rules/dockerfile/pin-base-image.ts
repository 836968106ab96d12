import { defineRule } from '../../rule.js';
import type { Stage } from '../../dockerfile/model.js';
import { code } from '../../quote.js';
import { floatingBaseGrade, imageStages } from '../../dockerfile/stages.js';

/**
 * True when the repository part of a still-dynamic reference is written out and carries no tag or digest, e.g.
 * `$REGISTRY/python`: whatever the variable holds, the image is untagged.
 */
function untaggedDespiteVariables(raw: string): boolean {
  const last = raw.slice(raw.lastIndexOf('/') + 1);
  return (
    raw.includes('/') && last !== '' && !last.includes('$') && !last.includes(':') && !last.includes('@')
  );
}

function describe(stage: Stage): string {
  const ref = stage.resolvedImage;
  if (!stage.image.dynamic) return code(`FROM ${ref.raw}`);
  if (ref.dynamic) return code(`FROM ${stage.image.raw}`);
  return `${code(`FROM ${stage.image.raw}`)} (which resolves to ${code(ref.raw)} with the default build args)`;
}

/** Base images without a tag or digest float to whatever the registry serves today. */
export default defineRule({
  id: 'pin-base-image',
  aliases: ['DL3006', 'CKV_DOCKER_7', 'DS-0001'],
  kind: 'dockerfile',
  severity: 'warning',
  severityNote:
    'info in a builder stage that does not ship, and for an image that only a build-arg default supplies',
  fixable: false,
  summary: 'Base image without a tag or digest',
  why: 'An untagged base image is whatever the registry serves on the day of the build, so two builds of the same commit can differ.',
  check({ model, report }) {
    for (const stage of imageStages(model)) {
      const ref = stage.resolvedImage;
      if (ref.tag !== null || ref.digest !== null) continue;
      if (ref.name.trim() === '') continue; // an empty default is invalid-default-arg-in-from's finding
      // a variable with no default could hold a tag; judge it only when the repository part is written out
      if (ref.dynamic && !untaggedDespiteVariables(ref.raw)) continue;
      report({
        at: stage.imageSpan,
        ...floatingBaseGrade(model, stage),
        message: `${describe(stage)} has no tag or digest: pin a version such as ${code(`${ref.raw}:<version>`)}, ideally with its \`@sha256:\` digest.`,
      });
    }
  },
});
