import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

const RESERVED = ['com.docker.', 'io.docker.', 'org.dockerproject.'];
const BAD_CHAR = /[^a-z0-9.-]/;

/** Why a label key breaks Docker's key guidelines, or null when it follows them. */
export function labelKeyProblem(key: string): string | null {
  const reserved = RESERVED.find((p) => key.startsWith(p));
  if (reserved) return `the ${code(reserved.slice(0, -1))} namespace is reserved for Docker itself`;
  const bad = BAD_CHAR.exec(key);
  if (bad) {
    return /[A-Z]/.test(bad[0])
      ? 'keys are lowercase'
      : `${code(bad[0])} is not allowed (only lowercase letters, digits, \`.\` and \`-\`)`;
  }
  if (!/^[a-z]/.test(key)) return 'keys start with a lowercase letter';
  if (!/[a-z0-9]$/.test(key)) return 'keys end with a letter or digit';
  if (key.includes('..') || key.includes('--')) return 'separators (`.`, `-`) are not doubled';
  return null;
}

/** Label keys in reverse-DNS notation: lowercase letters, digits, dots and dashes. */
export default defineRule({
  id: 'label-key-format',
  aliases: ['DL3048'],
  kind: 'dockerfile',
  severity: 'style',
  fixable: false,
  summary: 'Label key not in lowercase reverse-DNS form',
  why: 'Tools find labels by their exact key: keys in the documented lowercase reverse-DNS form (`org.opencontainers.image.source`, `com.example.team`) do not collide and are not silently missed because of case or a stray character.',
  check({ model, report }) {
    for (const ins of model.each('LABEL')) {
      for (const pair of ins.pairs) {
        const problem = labelKeyProblem(pair.name);
        if (!problem) continue;
        report({
          at: pair.nameSpan,
          message: `Label key ${code(pair.name)} is not in lowercase reverse-DNS form: ${problem}.`,
        });
      }
    }
  },
});
