/** The file-size limit as the engine applies it: over the limit, a file is not linted and says why. */
import type { LintConfig } from './engine.js';
import { fileFinding, formatBytes, resolveLimits, tooLargeMessage, utf8Length } from './limits.js';
import type { Rule } from './rule.js';
import fileTooLarge from './rules/any/file-too-large.js';
import type { Finding, Severity, SourceInput } from './types.js';

/** The severity of a limit's finding under this config; null when it is switched off. */
export function limitSeverity(config: LintConfig, rule: Rule): Severity | null {
  const severity = config.rules[rule.id]?.severity ?? rule.severity;
  return severity === 'off' ? null : severity;
}

/**
 * Over the size limit: the file's only finding (none when the rule is off), and the reason it was not reviewed;
 * undefined when within it.
 */
export function sizeCheck(
  input: SourceInput,
  config: LintConfig,
): { findings: Finding[]; incomplete: string[] } | undefined {
  const limit = resolveLimits(config.limits).maxFileSize;
  // the caller may know the real size of a text it only got part of (GitHub cuts large blobs short)
  const bytes = Math.max(input.byteSize ?? 0, utf8Length(input.text, limit));
  if (bytes <= limit) return undefined;
  const severity = limitSeverity(config, fileTooLarge);
  const message = tooLargeMessage(bytes, limit);
  return {
    findings: severity ? [fileFinding(input.text, fileTooLarge.id, severity, message)] : [],
    incomplete: [
      `it is ${formatBytes(bytes)}, over the ${formatBytes(limit)} size limit, so it was not linted`,
    ],
  };
}
