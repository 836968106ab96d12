/** The planner's options from a resolved config, shared by the app and the CLI's `review` command. */
import type { Config } from '../config/config.js';
import { ALL_RULES, docsUrl } from '../lint/rules/index.js';
import { SEVERITY_RANK } from '../lint/types.js';
import type { HeadRef, PlanOptions, RuleInfo } from './plan.js';

export function planOptions(
  config: Config,
  posted: ReadonlySet<string> = new Set(),
  head?: HeadRef,
): PlanOptions {
  const options: PlanOptions = {
    failOn: config.failOn,
    failOnExisting: config.failOnExisting,
    comments: config.comments,
    maxComments: config.maxComments,
    commentOn: config.commentOn,
    commentOnFixtures: config.commentOnFixtures,
    suggestions: config.suggestions,
    posted,
    rule: ruleInfo,
    configLines: configLines(config),
  };
  if (head) options.head = head;
  return options;
}

function ruleInfo(id: string): RuleInfo {
  const rule = ALL_RULES.find((r) => r.id === id);
  return { why: rule?.why ?? '', docs: docsUrl(id) };
}

function configLines(config: Config): string[] {
  const lines = [
    `\`fail_on: ${config.failOn}\`${config.failOnExisting ? ', `fail_on_existing: true`' : ' (pre-existing findings are reported but do not fail the check)'}`,
    `review comments for \`${config.commentOn}\`${config.commentOn === 'error' ? '' : ' or more severe'} (\`comment_on\`), at most ${config.maxComments} (\`max_comments\`)${SEVERITY_RANK[config.commentOnFixtures] > SEVERITY_RANK[config.commentOn] ? `; in test, example and development files only for \`${config.commentOnFixtures}\`${config.commentOnFixtures === 'error' ? '' : ' or more severe'} (\`comment_on_fixtures\`)` : ''}`,
    `config files: ${config.sources.length > 0 ? config.sources.map((s) => `\`${s}\``).join(', ') : 'none (defaults)'}`,
  ];
  const overrides = Object.entries(config.rules)
    .filter(([, s]) => s.severity !== undefined)
    .map(([id, s]) => `\`${id}: ${s.severity}\``);
  if (overrides.length > 0) lines.push(`rule severities: ${overrides.join(', ')}`);
  return lines;
}
