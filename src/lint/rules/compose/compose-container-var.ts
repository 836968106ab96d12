import { interpolations } from '../../compose/interpolation.js';
import { isMapping, servicePath } from '../../compose/util.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

/**
 * The host variable of the same name gives the container's value: `PORT: ${PORT}` (or `${PORT:?…}`, which stops
 * Compose when unset). Then `${PORT}` in a command is the same value either way.
 */
function sameAsHost(name: string, value: string): boolean {
  if (value.length > 4096) return true;
  const refs = interpolations(value);
  const only = refs.length === 1 ? refs[0]! : null;
  return (
    only !== null &&
    only.start === 0 &&
    only.end === value.length &&
    only.name === name &&
    (only.modifier === '' || only.modifier === ':?' || only.modifier === '?')
  );
}

/**
 * The variables a service's `environment:` sets to a value of its own: a literal, or an interpolation that can
 * differ from the host's variable of that name (`PORT: ${PORT:-8080}` is 8080 in the container when the host has no
 * `PORT`, while `${PORT}` in the command is empty).
 */
function containerVars(env: unknown): Set<string> {
  const out = new Set<string>();
  if (isMapping(env)) {
    for (const [k, v] of Object.entries(env))
      if ((typeof v === 'string' && !sameAsHost(k, v)) || typeof v === 'number' || typeof v === 'boolean')
        out.add(k);
  } else if (Array.isArray(env)) {
    for (const item of env) {
      if (typeof item !== 'string') continue;
      const eq = item.indexOf('=');
      if (eq > 0 && !sameAsHost(item.slice(0, eq), item.slice(eq + 1))) out.add(item.slice(0, eq));
    }
  }
  return out;
}

/** The strings of `command`, `entrypoint` or a healthcheck's `test`, with their paths under the service. */
function commandStrings(data: Record<string, unknown>): { value: string; path: (string | number)[] }[] {
  const out: { value: string; path: (string | number)[] }[] = [];
  const add = (v: unknown, path: (string | number)[]): void => {
    if (typeof v === 'string') out.push({ value: v, path });
    else if (Array.isArray(v))
      v.forEach((x, i) => typeof x === 'string' && out.push({ value: x, path: [...path, i] }));
  };
  add(data.command, ['command']);
  add(data.entrypoint, ['entrypoint']);
  if (isMapping(data.healthcheck)) add(data.healthcheck.test, ['healthcheck', 'test']);
  return out;
}

/**
 * `command: sh -c "echo $PORT"` with `environment: { PORT: "8080" }`: Compose substitutes `$PORT` from the host
 * (or `.env`) when it reads the file, before the container exists, so the container's value is never used.
 */
export default defineRule({
  id: 'compose-container-var',
  aliases: [],
  kind: 'compose',
  severity: 'warning',
  fixable: false,
  summary:
    '`$VAR` in `command`, `entrypoint` or a healthcheck meant for the container: Compose substitutes it from the host',
  why: 'Compose interpolates `$VAR` and `${VAR}` everywhere in the file from the host environment and `.env`, before the container starts: a variable the service sets in `environment:` is not what the command gets (usually it gets an empty string, with a warning). `$$VAR` passes a literal `$VAR` to the container’s shell.',
  check({ model, report }) {
    for (const service of model.services) {
      const vars = containerVars(service.data.environment);
      if (vars.size === 0) continue;
      for (const { value, path } of commandStrings(service.data)) {
        if (value.length > 16384) continue;
        const hit = interpolations(value).find((it) => vars.has(it.name) && it.modifier === '');
        if (!hit) continue;
        const at = model.spanAt(servicePath(service, ...path));
        if (!at) continue;
        const written = value.slice(hit.start, hit.end);
        report({
          at,
          message: `${code(written)} in ${code(path.filter((p) => typeof p === 'string').join('.'))} of service ${code(service.name)} is substituted by Compose from the host when it reads the file, not from the ${code(hit.name)} the service sets in \`environment:\`: write ${code(`$${written}`)} so the container's shell expands it.`,
        });
      }
    }
  },
});
