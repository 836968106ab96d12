import { isScalar } from 'yaml';
import { isInterpolated } from '../../compose/model.js';
import { asText, isMapping, markedToChange, servicePath } from '../../compose/util.js';
import type { ComposeService } from '../../compose/model.js';
import { defineRule } from '../../rule.js';
import type { Severity, Span } from '../../types.js';
import { isSecretName, nameTokens } from '../../secrets.js';
import { code } from '../../quote.js';

// the word that makes a name a secret, when it ends the name: `DB_PASSWORD`, `JWT_SECRET`, `API_KEY`
const SECRET_LAST = new Set([
  'password',
  'passwd',
  'pword',
  'pass',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'key',
  'apikey',
  'auth',
  'credential',
  'credentials',
  'creds',
  'salt',
]);
// words that may follow it and keep the meaning: `SECRET_KEY_BASE`, `ADMIN_PASSWORD_HASH`
const SECRET_QUALIFIERS = new Set(['base', 'hash', 'value', 'plain', 'plaintext']);

// a file that holds the secret, not the secret: `certs/server-key.pem`
const KEY_FILE = /^[\w./-]+\.(pem|key|crt|cer|der|p12|pfx|jks|keystore|truststore|json|txt)$/i;
// text that stands in for a value the reader must supply: `xxx`, `dummy`, `<your-token>`
const PLACEHOLDER = /^(x{2,}|dummy|placeholder|<[^>]*>|\*+|\.{3})$/i;
const NOT_A_SECRET_VALUE = /^(true|false|yes|no|on|off|none|null|0|1)$/i;

/**
 * Environment names are read from their last word, which says what the value is: `DB_PASSWORD` holds a password,
 * `KEY_CONVERTER`, `TOKEN_TTL` and `PASSWORD_MIN_LENGTH` hold settings about one.
 */
function secretKey(name: string): boolean {
  if (!isSecretName(name)) return false;
  const tokens = nameTokens(name);
  const last = tokens[tokens.length - 1]!;
  if (SECRET_LAST.has(last)) return true;
  return SECRET_QUALIFIERS.has(last) && tokens.length >= 2 && SECRET_LAST.has(tokens[tokens.length - 2]!);
}

/** A value written out in the file that could be a credential (not a path, a flag or a URL without one). */
function literalSecret(value: string): boolean {
  const v = value.trim();
  if (v === '' || isInterpolated(v) || NOT_A_SECRET_VALUE.test(v)) return false;
  if (/^(\/|\.\/|\.\.\/|~\/)/.test(v) || KEY_FILE.test(v)) return false; // a path, e.g. to a secret file
  if (PLACEHOLDER.test(v)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return /^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*:[^/@\s]+@/i.test(v);
  return true;
}

// prefixes that issuers put on their tokens so that scanners can find them: GitHub, GitLab, Slack, Stripe, OpenAI,
// Anthropic, AWS access key ids, Google API keys, npm, Hugging Face, SendGrid, a PEM private key
const TOKEN_PREFIX =
  /^(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,}|glpat-[\w-]{20,}|xox[abpors]-[\w-]{10,}|(sk|rk|pk)_(live|test)_\w{16,}|sk-(proj-|ant-)?[\w-]{20,}|(AKIA|ASIA)[A-Z0-9]{16}|AIza[\w-]{35}|npm_[A-Za-z0-9]{36}|hf_[A-Za-z0-9]{30,}|SG\.[\w-]{16,}\.[\w-]{16,}|-----BEGIN [A-Z ]*PRIVATE KEY-----)/;
// words of a value someone is meant to replace: `change-this-insecure-key`, `replace-me-with-a-random-string`
const DEFAULT_WORDS = /change|replace|example|sample|insecure|default|dummy|your|test|demo|secret|passw/i;

/** Shannon entropy of the value, in bits per character. */
function entropy(v: string): number {
  const counts = new Map<string, number>();
  for (const c of v) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / v.length) * Math.log2(n / v.length);
  return bits;
}

/**
 * `error` for a value shaped like a real credential (an issuer's token prefix, or a long random string of letters
 * and digits: a generated key, a UUID client secret); `warning` for the rest, the defaults of examples and
 * quick-starts (`example`, `changeme`, `postgres`, the service's own name), which a reviewer asks to move out of the
 * file but which give nothing away. The value is bounded (a YAML scalar) and the checks are linear.
 */
export function secretSeverity(value: string): Severity {
  const v = value.trim();
  if (TOKEN_PREFIX.test(v)) return 'error';
  // the password of a URL's userinfo is judged alone: `amqp://guest:guest@rabbit` is a default
  const url = /^[a-z][a-z0-9+.-]*:\/\/[^/@\s:]*:([^/@\s]+)@/i.exec(v);
  const secret = url ? url[1]! : v;
  const random =
    secret.length >= 16 &&
    !/\s/.test(secret) &&
    /[0-9]/.test(secret) &&
    /[a-z]/i.test(secret) &&
    !DEFAULT_WORDS.test(secret) &&
    entropy(secret) >= 3.5;
  return random ? 'error' : 'warning';
}

/** Passwords that images and products ship as their documented default: every reader of the docs knows them. */
const WELL_KNOWN = new Set([
  'admin',
  'changeit',
  'elastic',
  'guest',
  'mariadb',
  'mysql',
  'pass',
  'password',
  'postgres',
  'root',
]);
/** Words by which a value says it is to be replaced (narrower than DEFAULT_WORDS: `secret` or `test` alone may be
 * a weak password someone chose, which is worth the comment). */
const PLACEHOLDER_WORDS = /change|replace|example|sample|insecure|dummy|placeholder|your/i;
/** Names of the variables that say who logs in, or to what: a password equal to one of their values is a default. */
const ACCOUNT_NAME = /(?:^|_)(?:user|username|login|db|database|dbname)$/i;

/**
 * Why a literal value is an obvious default rather than a password someone chose: it says so (`changeme`,
 * `insecure`, `replace-me…`), it is a product's documented default (`postgres`, `admin`), it repeats the service's
 * name or its user's (`kibanaserver`/`kibanaserver`), or its line is marked `# CHANGEME`. Null for anything else.
 */
function obviousDefault(value: string, service: ComposeService, text: string, at: Span): string | null {
  const v = value.trim();
  const url = /^[a-z][a-z0-9+.-]*:\/\/([^/@\s:]*):([^/@\s]+)@/i.exec(v);
  const secret = (url ? url[2]! : v).toLowerCase();
  if (markedToChange(text, at.end)) return 'its line is marked to change';
  if (PLACEHOLDER_WORDS.test(secret)) return 'it says it is a placeholder';
  if (WELL_KNOWN.has(secret)) return 'it is a well-known default';
  if (url && url[1]!.toLowerCase() === secret) return 'it repeats the user name';
  if (secret === service.name.toLowerCase()) return "it repeats the service's name";
  const env = service.data.environment;
  const pairs: [string, unknown][] = isMapping(env)
    ? Object.entries(env)
    : Array.isArray(env)
      ? env.flatMap((item): [string, unknown][] => {
          if (typeof item !== 'string') return [];
          const eq = item.indexOf('=');
          return eq > 0 ? [[item.slice(0, eq).trim(), item.slice(eq + 1)]] : [];
        })
      : [];
  for (const [name, other] of pairs) {
    if (!ACCOUNT_NAME.test(name)) continue;
    const t = asText(other);
    if (t !== null && t.trim().toLowerCase() === secret) return `it repeats ${code(name)}`;
  }
  return null;
}

/** Secret-looking environment variables with literal values in a Compose file. */
export default defineRule({
  id: 'compose-literal-secrets',
  aliases: ['passwords_and_secrets'],
  kind: 'compose',
  severity: 'warning',
  severityNote:
    'error for a value shaped like a real credential; info for an obvious default (`changeme`, `postgres`, the user name, a `# CHANGEME` line)',
  fixable: false,
  summary: 'Literal secret in a service `environment`',
  why: 'A password written in the Compose file is in the repository, its history and every clone; pass it in with `${VAR}` from an uncommitted `.env` or `env_file`, or with `secrets:`.',
  check({ model, report }) {
    const seen = new Set<string>();
    const flag = (at: Span | null, service: ComposeService, name: string, value: string): void => {
      if (!at) return;
      const key = `${at.start}:${at.end}`;
      if (seen.has(key)) return; // one `environment` anchor merged into several services
      seen.add(key);
      const severity = secretSeverity(value);
      // a default the reader is meant to change is advice for the check run; a chosen password is the defect
      const known = severity === 'error' ? null : obviousDefault(value, service, model.source.text, at);
      report({
        at,
        severity: known ? 'info' : severity,
        message: known
          ? `${code(name)} of service ${code(service.name)} is a default written in the Compose file (${known}): make sure deployments set their own, with ${code(`${name}: \${${name}:?}`)} and the value in an uncommitted \`.env\`.`
          : `${code(name)} of service ${code(service.name)} is written in the Compose file, so everyone with the repository can read it: use ${code(`${name}: \${${name}}`)} with the value in an uncommitted \`.env\`, or \`secrets:\`.`,
      });
    };
    for (const service of model.services) {
      const env = service.data.environment;
      if (isMapping(env)) {
        for (const [name, value] of Object.entries(env)) {
          const text = asText(value);
          if (text === null || !secretKey(name) || !literalSecret(text)) continue;
          flag(model.spanAt(servicePath(service, 'environment', name)), service, name, text);
        }
      } else if (Array.isArray(env)) {
        env.forEach((item, i) => {
          if (typeof item !== 'string') return;
          const eq = item.indexOf('=');
          if (eq <= 0) return;
          const name = item.slice(0, eq).trim();
          if (!secretKey(name) || !literalSecret(item.slice(eq + 1))) return;
          const node = model.nodeAt(servicePath(service, 'environment', i));
          let at: Span | null = node?.range ? { start: node.range[0], end: node.range[1] } : null;
          // narrow to the value after `=` when the text is written as read (no escapes)
          if (at && isScalar(node)) {
            const raw = model.source.text.slice(at.start, at.end);
            const inner = node.type === 'PLAIN' ? raw : raw.slice(1, -1);
            const offset = node.type === 'PLAIN' ? 0 : 1;
            if (inner === item)
              at = { start: at.start + offset + eq + 1, end: at.start + offset + item.length };
          }
          flag(at, service, name, item.slice(eq + 1));
        });
      }
    }
  },
});
