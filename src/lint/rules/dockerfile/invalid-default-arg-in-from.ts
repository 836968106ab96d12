import { removeQuotes } from '../../dockerfile/image-ref.js';
import { referencedNames, replaceExpansions } from '../../dockerfile/var-syntax.js';
import { PREDEFINED_PLATFORM_ARGS } from '../../dockerfile/platform.js';
import { defineRule } from '../../rule.js';
import { code } from '../../quote.js';

// the grammar of image references, as `docker pull` reads them
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN =
  /^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const HEX_ID = /^[a-f0-9]{64}$/;

/** Why `ref` is not a valid image reference, or null when it is one. */
function referenceProblem(ref: string): string | null {
  if (ref === '') return 'is empty';
  if (HEX_ID.test(ref)) return 'is a bare image id, which `FROM` does not accept';
  let rest = ref;
  const at = rest.indexOf('@');
  if (at >= 0) {
    if (!DIGEST.test(rest.slice(at + 1))) return 'has an invalid digest';
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    if (!TAG.test(rest.slice(colon + 1)))
      return rest.slice(colon + 1) === '' ? 'has an empty tag' : 'has an invalid tag';
    rest = rest.slice(0, colon);
  }
  let path = rest;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase()) {
      if (!DOMAIN.test(first)) return 'has an invalid registry';
      path = rest.slice(slash + 1);
    }
  }
  if (path === '') return 'has no repository name';
  if (rest.length > 255) return 'is longer than 255 characters';
  if (path !== path.toLowerCase()) return 'has upper-case letters in the repository name';
  if (!path.split('/').every((c) => PATH_COMPONENT.test(c))) return 'is not a valid repository name';
  return null;
}

/** With only the default values of the global ARGs, every FROM must still name a valid image. */
export default defineRule({
  id: 'invalid-default-arg-in-from',
  aliases: ['InvalidDefaultArgInFrom'],
  kind: 'dockerfile',
  severity: 'warning',
  fixable: false,
  summary: '`FROM` is empty or invalid with the default build args',
  why: 'A build without `--build-arg` should work: when the defaults leave `FROM` empty or malformed (`busybox:` with no tag), a plain `docker build` fails and so do tools that build with defaults.',
  check({ model, report }) {
    // the global ARGs as a build without --build-arg sees them, each default expanded with the ones before it
    const values = new Map<string, string | undefined>(PREDEFINED_PLATFORM_ARGS);
    const noDefault = new Set<string>();
    for (const a of model.globalArgs) {
      if (a.value === null) {
        if (!values.has(a.name)) noDefault.add(a.name);
        continue;
      }
      values.set(a.name, expand(a.value, values));
      noDefault.delete(a.name);
    }
    for (const stage of model.stages) {
      const raw = stage.image.raw;
      if (!stage.imageSpan || !raw.includes('$')) continue;
      // the builder removes quotes from the word after expansion: `servercore:"${V}"` is a valid reference
      const resolved = removeQuotes(expand(raw, values));
      const problem = referenceProblem(resolved);
      if (!problem) continue;
      const used = [...new Set(referencedNames(raw))];
      const unset = used.filter((n) => noDefault.has(n) || !values.has(n));
      const hint =
        unset.length > 0
          ? `: give ${unset.map((n) => code(n)).join(', ')} a default value, or use ${code(`\${${unset[0]}:-<default>}`)}`
          : ': fix the default values of the `ARG`s it uses';
      report({
        at: stage.imageSpan,
        message: `With the default build args, ${code(`FROM ${raw}`)} becomes ${code(resolved)}, which ${problem}${hint}.`,
      });
    }
  },
});

/**
 * `text` with the variables substituted as the builder does: unset ones expand to nothing; `${X-w}` and `${X+w}`
 * test whether X is set, `${X:-w}` and `${X:+w}` whether it is set and not empty (`ARG X=""` is set).
 */
function expand(text: string, values: ReadonlyMap<string, string | undefined>): string {
  let out = text;
  for (let pass = 0; pass < 4 && out.includes('$'); pass++) {
    out = replaceExpansions(out, '-+', ({ name, op, word, colon }) => {
      const value = values.get(name);
      const set = value !== undefined && (!colon || value !== '');
      if (op === '-') return set ? value! : word!;
      if (op === '+') return set ? word! : '';
      return value ?? '';
    });
  }
  return out;
}
