/** Whether a variable's name says it holds a secret: shared by the Dockerfile and Compose secret rules. */

// BuildKit's whole-word tokens (SecretsUsedInArgOrEnv), and its exemptions
const SECRET_TOKENS = new Set([
  'apikey',
  'auth',
  'credential',
  'credentials',
  'key',
  'password',
  'pword',
  'passwd',
  'secret',
  'token',
]);
// dockreview also exempts `path` and `dir`: `SSH_KEY_PATH=/root/.ssh/id_ed25519` names a file, like `KEY_FILE`
const PUBLIC_TOKENS = new Set(['public', 'file', 'version', 'path', 'dir']);
// abbreviations that only mean a secret at the end of a longer name: `DB_PASS`, `MYSQL_PWD`, `AWS_CREDS`
const SECRET_SUFFIXES = new Set(['pass', 'pwd', 'creds']);

/** The words of a variable name: split on `_`, `-`, `.` and camelCase boundaries, lower-cased. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1_')
    .split(/[_.-]+/)
    .filter(Boolean)
    .map((t) => t.toLowerCase());
}

/** True when a variable name says it holds a secret (`NPM_TOKEN`, `dbPassword`), and no word marks it public. */
export function isSecretName(name: string): boolean {
  const tokens = nameTokens(name);
  if (tokens.some((t) => PUBLIC_TOKENS.has(t))) return false;
  if (tokens.some((t) => SECRET_TOKENS.has(t))) return true;
  return tokens.length >= 2 && SECRET_SUFFIXES.has(tokens[tokens.length - 1]!);
}
