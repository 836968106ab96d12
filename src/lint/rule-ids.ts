/**
 * How a rule id written by a user (config, `--rule`, `.hadolint.yaml`, a pragma, `explain`) is read: one place, so
 * every entry point accepts the same spellings.
 *
 * - Trivy's Dockerfile checks are written three ways in the wild: `DS002` (its old ids), `DS-0002` (its current
 *   ids, the form the rules list) and `AVD-DS-0002` (its vulnerability database ids). All three read as `DS-0002`.
 * - A ShellCheck code (`SC2086`) names one check of the `shellcheck` rule, not a rule of its own: it is a *code*,
 *   so that switching it off leaves the rule's other codes on.
 */

/** ShellCheck's codes: SC1000–SC1999 parser, SC2000–SC2999 checks, SC3000–SC3999 POSIX portability. */
const SHELLCHECK_CODE = /^sc([1-3]\d{3})$/i;

/**
 * The canonical spelling of an id: Trivy's forms as `DS-nnnn`, a ShellCheck code as `SCnnnn`, anything else
 * trimmed and otherwise as written (lookups are case-insensitive).
 */
export function canonicalId(written: string): string {
  const id = written.trim();
  const trivy = trivyNumber(id);
  if (trivy !== null) return `DS-${String(trivy).padStart(4, '0')}`;
  const sc = SHELLCHECK_CODE.exec(id);
  if (sc) return `SC${sc[1]}`;
  return id;
}

/**
 * The number of a Trivy Dockerfile check in any of its forms (`DS2`, `DS002`, `DS-0002`, `AVD-DS-0002`), or null.
 * A plain scanner rather than a regex with optional parts: ids come from pull-request text (pragmas).
 */
function trivyNumber(id: string): number | null {
  let s = id.toUpperCase();
  if (s.startsWith('AVD-')) s = s.slice(4);
  if (!s.startsWith('DS')) return null;
  s = s.slice(2);
  if (s.startsWith('-')) s = s.slice(1);
  if (s.length === 0 || s.length > 4 || !/^\d+$/.test(s)) return null;
  return Number(s);
}

/** The ShellCheck code an id names (`SC2086`), or null when it names none. */
export function shellcheckCode(written: string): string | null {
  const sc = SHELLCHECK_CODE.exec(written.trim());
  return sc ? `SC${sc[1]}` : null;
}

/** ShellCheck's page for a code. */
export function shellcheckWikiUrl(code: string): string {
  return `https://www.shellcheck.net/wiki/${code}`;
}

/** What `dockreview explain SC2086` prints before the `shellcheck` rule's page. */
export function explainShellcheckCode(code: string): string {
  return [
    `# ${code}`,
    '',
    `${code} is a ShellCheck check. dockreview runs ShellCheck on the shell of every \`RUN\` through its \`shellcheck\``,
    `rule, and reports each of its findings under that rule with the code as an alias: \`shellcheck (${code})\`.`,
    `\`${code}\` is accepted wherever a rule id is (config \`rules:\`, \`.hadolint.yaml\` \`ignored\`/\`override\`,`,
    `\`--rule ${code}=off\`, \`# hadolint ignore=${code}\`), and then applies to this code only.`,
    '',
    `ShellCheck's page for ${code}: ${shellcheckWikiUrl(code)}`,
    '',
    '',
  ].join('\n');
}
