import { interpolations } from '../../compose/interpolation.js';
import { isMapping, markedToChange, servicePath } from '../../compose/util.js';
import { eachService } from '../../compose/services.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/** Names of variables that hold a credential. */
const SECRET_NAME =
  /(PASSWORD|PASSWD|_PASS$|^PASS$|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL)/i;
/** Names that mention a credential but hold a setting about it (a flag, a limit, a path, a key id). */
const SETTING_NAME =
  /(ALLOW|ENABLE|DISABLE|REQUIRE|_LIMIT|_LENGTH|_TTL|_EXPIR|_TIMEOUT|_FILE$|_PATH$|_DIR$|_URL$|_HOST$|_PORT$|KEY_ID$|_ID$|_USER$|_NAME$)/i;
/** Defaults that are settings, not credentials: booleans, numbers, rates, paths. */
const SETTING_VALUE = /^(yes|no|true|false|on|off|\d+([./]\w+)?|\/.*)$/i;

/** Names of variables that hold a password: there a numeric default (`123456`) is a password too, not a setting. */
const PASSWORD_NAME = /(PASSWORD|PASSWD|_PASS$|^PASS$|_PWD$)/i;

function secretName(name: string): boolean {
  return SECRET_NAME.test(name) && !SETTING_NAME.test(name);
}

/** The default is a setting's (`true`, `30`, `/run/x`), unless it is a number given to a password. */
function settingValue(value: string, ...names: string[]): boolean {
  if (!SETTING_VALUE.test(value)) return false;
  return !(/^\d+$/.test(value) && names.some((n) => PASSWORD_NAME.test(n) && secretName(n)));
}

/** The strings of `command`, `entrypoint` and a healthcheck's `test`, with their paths under the service. */
function commandStrings(
  data: Record<string, unknown>,
): { key: string; value: string; path: (string | number)[] }[] {
  const out: { key: string; value: string; path: (string | number)[] }[] = [];
  const add = (key: string, v: unknown, path: (string | number)[]): void => {
    if (typeof v === 'string') out.push({ key, value: v, path });
    else if (Array.isArray(v))
      v.forEach((x, i) => typeof x === 'string' && out.push({ key, value: x, path: [...path, i] }));
  };
  add('command', data.command, ['command']);
  add('entrypoint', data.entrypoint, ['entrypoint']);
  if (isMapping(data.healthcheck)) add('healthcheck.test', data.healthcheck.test, ['healthcheck', 'test']);
  return out;
}

/**
 * `POSTGRES_PASSWORD: ${DB_PASSWORD:-secret}`: the default is written in the file, so a deployment that forgets to
 * set the variable runs with a password everyone who can read the repository knows.
 */
export default defineRule({
  id: 'compose-secret-default',
  aliases: [],
  kind: 'compose',
  severity: 'warning',
  severityNote: 'info on a line its author marked `# CHANGEME`',
  fixable: false,
  summary: 'A credential interpolated with a written default (`${DB_PASSWORD:-secret}`)',
  why: 'A default makes a missing variable go unnoticed: the stack starts with a password that is in the repository (and in every copy of it), often a well-known one. `${DB_PASSWORD:?set DB_PASSWORD}` makes Compose refuse to start instead.',
  check({ model, report }) {
    eachService(model, report, (service, report) => {
      const env = service.data.environment;
      // `environment:` entries, judged by the key or the variable; a command's strings, by the variable alone
      const entries: { key: string; value: string; path: (string | number)[]; byVariable?: boolean }[] = [];
      if (isMapping(env)) {
        for (const [key, value] of Object.entries(env))
          if (typeof value === 'string') entries.push({ key, value, path: ['environment', key] });
      } else if (Array.isArray(env)) {
        env.forEach((item, i) => {
          if (typeof item !== 'string') return;
          const eq = item.indexOf('=');
          if (eq > 0)
            entries.push({ key: item.slice(0, eq), value: item.slice(eq + 1), path: ['environment', i] });
        });
      }
      // `command: redis-server --requirepass ${REDIS_PASSWORD:-changeme}`: the same default, passed as an argument
      for (const c of commandStrings(service.data)) entries.push({ ...c, byVariable: true });
      for (const { key, value, path, byVariable } of entries) {
        if (value.length > 4096) continue;
        for (const it of interpolations(value)) {
          if (it.modifier !== ':-' && it.modifier !== '-') continue;
          const names = byVariable ? [it.name] : [key, it.name];
          if (it.rest === '' || it.rest.includes('$') || settingValue(it.rest, ...names)) continue;
          if (!names.some(secretName)) continue;
          const at = model.spanAt(servicePath(service, ...path));
          if (!at) continue;
          report({
            at,
            // the author has flagged it for whoever deploys: a comment on the pull request would repeat them
            ...(markedToChange(model.source.text, at.end) ? { severity: 'info' as const } : {}),
            message: `${code(key)} of service ${code(service.name)} falls back to a password written in the file (${code(`\${${it.name}${it.modifier}…}`)}): a deployment that forgets ${code(it.name)} runs with it. Require the variable instead: ${code(`\${${it.name}:?set ${it.name}}`)}.`,
          });
          break;
        }
      }
    });
  },
});
